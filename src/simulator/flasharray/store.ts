// The FlashArray's objects (volumes, hosts, connections) and the operations on
// them that the REST routes and the control API share, so both enforce the
// same rules. Route modules read and change the array only through this.
import type { PersistedArrayBase } from '../array-base';
import type { ResolvedArrayConfig } from '../description';
import { alreadyExists, badRequest, doesNotExist } from '../errors';
import { newId, volumeSerial } from '../ids';
import { objectSpace, writtenBytes, type ObjectSpace } from '../model/space';
import { checkVolumeName, nameKey } from '../names';
import type {
  ConnectionRecord,
  HostGroupRecord,
  HostRecord,
  PersistedFlashArray,
  ProtectionGroupRecord,
  ProtectionGroupSnapshotRecord,
  VolumeRecord,
} from './records';
import { blankVolume } from './records';
import { MAX_PROVISIONED } from './schemas';

export const MIN_VOLUME_SIZE = 1_048_576;

export class FlashArrayStore {
  serialPrefix: string;
  nextSerial = 1;
  readonly volumes = new Map<string, VolumeRecord>(); // by id, in creation order
  private readonly volumesByName = new Map<string, VolumeRecord>();
  readonly hosts = new Map<string, HostRecord>();
  private readonly hostsByName = new Map<string, HostRecord>();
  connections: ConnectionRecord[] = [];
  private readonly connectionCounts = new Map<string, number>();
  readonly hostGroups = new Map<string, HostGroupRecord>();
  /** Protection groups by id, in creation order, and the snapshots their schedules took. */
  readonly protectionGroups = new Map<string, ProtectionGroupRecord>();
  pgSnapshots: ProtectionGroupSnapshotRecord[] = [];

  constructor(
    private readonly config: ResolvedArrayConfig,
    serialPrefix: string,
    private readonly takeSeq: () => number,
  ) {
    this.serialPrefix = serialPrefix;
  }

  // --- persistence ----------------------------------------------------------

  toRecord(): Omit<PersistedFlashArray, keyof PersistedArrayBase> {
    return {
      serialPrefix: this.serialPrefix,
      nextSerial: this.nextSerial,
      volumes: [...this.volumes.values()],
      hosts: [...this.hosts.values()],
      connections: this.connections,
      hostGroups: [...this.hostGroups.values()],
      protectionGroups: [...this.protectionGroups.values()],
      protectionGroupSnapshots: this.pgSnapshots,
    };
  }

  restore(r: PersistedFlashArray): void {
    this.serialPrefix = r.serialPrefix;
    this.nextSerial = r.nextSerial;
    this.volumes.clear();
    this.volumesByName.clear();
    for (const v of r.volumes) this.indexVolume(v);
    this.hosts.clear();
    this.hostsByName.clear();
    for (const h of r.hosts) this.indexHost(h);
    this.connections = [...r.connections];
    this.recount();
    this.hostGroups.clear();
    for (const g of r.hostGroups ?? []) this.hostGroups.set(g.id, g);
    this.protectionGroups.clear();
    for (const g of r.protectionGroups ?? []) this.protectionGroups.set(g.id, g);
    this.pgSnapshots = [...(r.protectionGroupSnapshots ?? [])];
  }

  findHostGroup(name: string): HostGroupRecord | undefined {
    const key = nameKey(name);
    for (const g of this.hostGroups.values()) if (nameKey(g.name) === key) return g;
    return undefined;
  }

  /** Hosts in a host group. */
  groupMembers(groupId: string): HostRecord[] {
    return [...this.hosts.values()].filter((h) => h.hostGroupId === groupId);
  }

  /** LUNs a host sees: its private connections and its host group's shared ones. */
  lunsOfHost(host: HostRecord): Set<number> {
    return new Set(
      this.connections
        .filter((c) => (!c.shared && c.hostId === host.id) || (c.shared && c.hostId === host.hostGroupId))
        .map((c) => c.lun),
    );
  }

  findProtectionGroup(name: string): ProtectionGroupRecord | undefined {
    const key = nameKey(name);
    for (const g of this.protectionGroups.values()) if (nameKey(g.name) === key) return g;
    return undefined;
  }

  private indexVolume(v: VolumeRecord): void {
    this.volumes.set(v.id, v);
    this.volumesByName.set(nameKey(v.name), v);
  }

  indexHost(h: HostRecord): void {
    this.hosts.set(h.id, h);
    this.hostsByName.set(nameKey(h.name), h);
  }

  // --- connections ----------------------------------------------------------

  /** Recomputes the per-volume and per-host connection counts after `connections` changed. */
  recount(): void {
    this.connectionCounts.clear();
    for (const c of this.connections) {
      this.connectionCounts.set(c.volumeId, (this.connectionCounts.get(c.volumeId) ?? 0) + 1);
      this.connectionCounts.set(c.hostId, (this.connectionCounts.get(c.hostId) ?? 0) + 1);
    }
  }

  /** Connections of a volume or a host (by id). */
  connectionCount(id: string): number {
    return this.connectionCounts.get(id) ?? 0;
  }

  disconnectVolume(vol: VolumeRecord): void {
    this.connections = this.connections.filter((c) => c.volumeId !== vol.id);
    this.recount();
  }

  // --- volumes --------------------------------------------------------------

  findVolume(name: string): VolumeRecord | undefined {
    return this.volumesByName.get(nameKey(name));
  }

  requireVolume(name: string): VolumeRecord {
    const v = this.findVolume(name);
    if (!v) throw doesNotExist('Volume', name);
    return v;
  }

  volumeSpace(v: VolumeRecord): ObjectSpace {
    const settings = { fillRatio: this.config.fillRatio, dataReductionRatio: this.config.dataReductionRatio };
    return objectSpace(v.provisioned, writtenBytes(v.provisioned, v.written), settings);
  }

  timeRemaining(v: VolumeRecord, now: number): number | null {
    if (!v.destroyed || v.destroyedAt === null) return null;
    return Math.max(0, this.config.eradicationDelayMs - (now - v.destroyedAt));
  }

  createVolume(name: string, provisioned: number, now: number): VolumeRecord {
    checkVolumeName(name);
    if (this.findVolume(name)) throw alreadyExists('Volume', name);
    if (this.volumes.size >= this.config.volumeLimit) {
      throw badRequest(`The maximum number of volumes (${this.config.volumeLimit}) has been reached.`, name);
    }
    const vol: VolumeRecord = {
      ...blankVolume(),
      seq: this.takeSeq(),
      id: newId(),
      name,
      serial: volumeSerial(this.serialPrefix, this.nextSerial++),
      created: now,
      provisioned,
    };
    this.indexVolume(vol);
    return vol;
  }

  renameVolume(vol: VolumeRecord, newName: string): void {
    checkVolumeName(newName);
    const existing = this.findVolume(newName);
    if (existing && existing !== vol) throw alreadyExists('Volume', newName);
    this.volumesByName.delete(nameKey(vol.name));
    vol.name = newName;
    this.volumesByName.set(nameKey(newName), vol);
  }

  destroyVolume(vol: VolumeRecord, now: number): void {
    if (vol.destroyed) return;
    if (this.connectionCount(vol.id) > 0) {
      throw badRequest(
        'Volume has host connections. Disconnect it from all hosts before destroying it.',
        vol.name,
      );
    }
    vol.destroyed = true;
    vol.destroyedAt = now;
  }

  eradicate(vol: VolumeRecord): void {
    // An eradicated volume leaves every protection group it was in.
    for (const g of this.protectionGroups.values()) g.volumeIds = g.volumeIds.filter((id) => id !== vol.id);
    this.volumes.delete(vol.id);
    this.volumesByName.delete(nameKey(vol.name));
  }

  checkSize(provisioned: number, context: string): number {
    if (provisioned % 512 !== 0) throw badRequest('Volume size must be a multiple of 512 bytes.', context);
    if (provisioned > MAX_PROVISIONED) throw badRequest('Volume size exceeds the maximum of 4 PB.', context);
    if (provisioned <= 0) throw badRequest('Volume size must be greater than zero.', context);
    // Purity rounds sizes under 1 MB up to 1 MB.
    return Math.max(provisioned, MIN_VOLUME_SIZE);
  }

  // --- hosts ----------------------------------------------------------------

  findHost(name: string): HostRecord | undefined {
    return this.hostsByName.get(nameKey(name));
  }

  renameHost(host: HostRecord, newName: string): void {
    this.hostsByName.delete(nameKey(host.name));
    host.name = newName;
    this.hostsByName.set(nameKey(newName), host);
  }

  deleteHost(host: HostRecord): void {
    this.hosts.delete(host.id);
    this.hostsByName.delete(nameKey(host.name));
  }

  hostSpace(host: HostRecord): ObjectSpace {
    let provisioned = 0;
    let written = 0;
    for (const c of this.connections) {
      if (c.hostId !== host.id) continue;
      const vol = this.volumes.get(c.volumeId);
      if (!vol) continue;
      provisioned += vol.provisioned;
      written += this.volumeSpace(vol).virtual;
    }
    return objectSpace(provisioned, written, {
      fillRatio: this.config.fillRatio,
      dataReductionRatio: this.config.dataReductionRatio,
    });
  }
}
