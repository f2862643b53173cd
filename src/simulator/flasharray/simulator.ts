// A simulated FlashArray: its objects (store.ts) and REST routes, one module
// per idea (array endpoints, volumes, hosts, connections, tags), plus the
// control API's out-of-band changes, persistence and the eradication sweep.
import { SimulatedArray, type OutOfBandChange, type PersistedArrayBase } from '../array-base';
import type { ResolvedArrayConfig } from '../description';
import { badRequest } from '../errors';
import type { RouteDefinition } from '../http/types';
import { serialPrefixFor } from '../ids';
import { arraySpace, filledBytes, type ArraySpaceFigures } from '../model/space';
import type { SimClock } from '../runtime';
import { ArrayRoutes } from './array-endpoints';
import { ConnectionRoutes } from './connections';
import type { FaContext } from './context';
import { HostGroupRoutes } from './host-groups';
import { ProtectionRoutes } from './protection';
import { SnapshotRoutes } from './snapshots';
import { HostRoutes } from './hosts';
import { ObjectTagRoutes } from './object-tags';
import { CONTROLLER_TO_FAIL, DEGRADED_COMPONENT } from './inventory';
import type { PersistedFlashArray, VolumeRecord } from './records';
import { serializeVolume } from './serialize';
import { FlashArrayStore, MIN_VOLUME_SIZE } from './store';
import { TagRoutes } from './tags';
import { VolumeRoutes } from './volumes';

export class FlashArraySimulator extends SimulatedArray {
  readonly type = 'flasharray' as const;
  readonly store: FlashArrayStore;
  private readonly ctx: FaContext;
  private readonly snapshots: SnapshotRoutes;

  constructor(config: ResolvedArrayConfig, clock: SimClock) {
    super(config, clock);
    this.store = new FlashArrayStore(this.config, serialPrefixFor(this.id), () => this.takeSeq());
    this.ctx = {
      store: this.store,
      config: this.config,
      clock: this.clock,
      changed: () => this.changed(),
      revision: () => this.revision,
      nextSeq: () => this.takeSeq(),
    };
    this.snapshots = new SnapshotRoutes(this.ctx);
  }

  // --- persistence ----------------------------------------------------------

  toRecord(): PersistedFlashArray {
    return { ...this.baseRecord(), type: 'flasharray', ...this.store.toRecord() };
  }

  protected restoreObjects(record: PersistedArrayBase): void {
    this.store.restore(record as PersistedFlashArray);
  }

  private changed(): void {
    this.revision++;
    this.onMutation();
  }

  // --- models ---------------------------------------------------------------

  objectCount(): number {
    return this.store.volumes.size;
  }

  spaceFigures(): ArraySpaceFigures {
    return arraySpace({
      capacity: this.config.capacity,
      preexistingUsed: this.config.preexistingUsed,
      dataReductionRatio: this.config.dataReductionRatio,
      baselineWrittenFraction: this.config.fillRatio,
      objects: [...this.store.volumes.values()].map((v) => ({
        provisioned: v.provisioned,
        space: this.store.volumeSpace(v),
        destroyed: v.destroyed,
      })),
    });
  }

  sweep(now: number): void {
    let removed = this.snapshots.sweep(now);
    for (const v of [...this.store.volumes.values()]) {
      if (v.destroyed && v.destroyedAt !== null && now - v.destroyedAt >= this.config.eradicationDelayMs) {
        this.store.eradicate(v);
        removed = true;
      }
    }
    if (removed) this.changed();
  }

  defaultControllerToFail(): string {
    return CONTROLLER_TO_FAIL;
  }

  hardwareComponentToDegrade(): { name: string; type: string } {
    return { name: DEGRADED_COMPONENT, type: 'drive_bay' };
  }

  // --- out-of-band changes (the control API) --------------------------------

  applyChange(change: OutOfBandChange): unknown {
    const now = this.clock.now();
    let vol: VolumeRecord | undefined;
    switch (change.action) {
      case 'create':
        vol = this.store.createVolume(
          change.name,
          this.store.checkSize(change.provisioned ?? MIN_VOLUME_SIZE, change.name),
          now,
        );
        if (change.iopsLimit !== undefined) vol.iopsLimit = change.iopsLimit;
        if (change.bandwidthLimit !== undefined) vol.bandwidthLimit = change.bandwidthLimit;
        break;
      case 'resize':
        vol = this.store.requireVolume(change.name);
        if (change.provisioned === undefined) throw badRequest('provisioned is required.', 'provisioned');
        vol.provisioned = this.store.checkSize(change.provisioned, change.name);
        break;
      case 'qos':
        vol = this.store.requireVolume(change.name);
        if (change.iopsLimit !== undefined) vol.iopsLimit = change.iopsLimit;
        if (change.bandwidthLimit !== undefined) vol.bandwidthLimit = change.bandwidthLimit;
        break;
      case 'destroy':
        vol = this.store.requireVolume(change.name);
        // An administrator disconnects first; the control API does both.
        this.store.disconnectVolume(vol);
        this.store.destroyVolume(vol, now);
        break;
      case 'recover':
        vol = this.store.requireVolume(change.name);
        vol.destroyed = false;
        vol.destroyedAt = null;
        break;
      case 'eradicate':
        vol = this.store.requireVolume(change.name);
        this.store.disconnectVolume(vol);
        this.store.eradicate(vol);
        this.changed();
        return { eradicated: change.name };
      case 'rename':
        vol = this.store.requireVolume(change.name);
        if (!change.newName) throw badRequest('newName is required.', 'newName');
        this.store.renameVolume(vol, change.newName);
        break;
      case 'write':
        vol = this.store.requireVolume(change.name);
        if (change.writtenBytes === undefined) throw badRequest('writtenBytes is required.', 'writtenBytes');
        vol.written = Math.max(0, Math.min(change.writtenBytes, vol.provisioned));
        break;
      case 'fill':
        vol = this.store.requireVolume(change.name);
        vol.written = filledBytes(vol.provisioned, this.config);
        break;
      default:
        throw badRequest(`Action '${change.action}' does not apply to a FlashArray.`, 'action');
    }
    this.changed();
    return serializeVolume(
      vol,
      this.store.volumeSpace(vol),
      this.store.connectionCount(vol.id),
      this.store.timeRemaining(vol, now),
      {
        text: this.config.maxApiVersion,
        major: 2,
        minor: 56,
      },
    );
  }

  // --- REST routes ------------------------------------------------------------

  routes(): RouteDefinition[] {
    return [
      ...new ArrayRoutes(this, () => this.store.serialPrefix).routes(),
      ...new VolumeRoutes(this.ctx).routes(),
      ...new HostRoutes(this.ctx).routes(),
      ...new ObjectTagRoutes(this.ctx, {
        resource: 'hosts',
        kind: 'Host',
        all: () => this.store.hosts.values(),
        find: (n) => this.store.findHost(n),
      }).routes(),
      ...new HostGroupRoutes(this.ctx).routes(),
      ...new ObjectTagRoutes(this.ctx, {
        resource: 'host-groups',
        kind: 'Host group',
        all: () => this.store.hostGroups.values(),
        find: (n) => this.store.findHostGroup(n),
      }).routes(),
      ...new ConnectionRoutes(this.ctx).routes(),
      ...new TagRoutes(this.ctx).routes(),
      ...new ProtectionRoutes(this.ctx).routes(),
      ...this.snapshots.routes(),
    ];
  }
}
