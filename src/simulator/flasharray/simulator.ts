// A simulated FlashArray: volumes (create, resize, rename, QoS, destroy,
// recover, eradicate), hosts and connections, volume tags, and the array's
// inventory, space, performance and health endpoints.
import { SimulatedArray, type OutOfBandChange, type PersistedArrayBase } from '../array-base';
import type { ResolvedArrayConfig } from '../description';
import { PureApiError, alreadyExists, badRequest, doesNotExist } from '../errors';
import { validateBody } from '../http/body-schema';
import { sampleTimes } from '../http/history';
import { LIST_PARAMS, listItems, resolveTargets } from '../http/listing';
import type { ApiRequest, ApiResult, RouteDefinition } from '../http/types';
import { newId, serialPrefixFor, volumeSerial } from '../ids';
import {
  arraySpace,
  objectSpace,
  writtenBytes,
  type ArraySpaceFigures,
  type ObjectSpace,
} from '../model/space';
import { checkObjectName, checkVolumeName, nameKey } from '../names';
import type { SimClock } from '../runtime';
import { atLeast, type ApiVersion } from '../versions';
import type { ConnectionRecord, HostRecord, PersistedFlashArray, TagRecord, VolumeRecord } from './records';
import {
  CONNECTION_POST,
  HOST_PATCH,
  HOST_POST,
  MAX_PROVISIONED,
  PERSONALITIES,
  TAG_BATCH,
  VOLUME_PATCH,
  VOLUME_PATCH_2_0,
  VOLUME_POST,
  VOLUME_POST_2_0,
  type TagIn,
  type VolumePostBody,
  type VolumePatchBody,
  type HostBody,
} from './schemas';
import {
  VOLUME_FIELDS,
  HOST_FIELDS,
  CONNECTION_FIELDS,
  TAG_FIELDS,
  ALERT_FIELDS,
  HARDWARE_FIELDS,
  CONTROLLER_FIELDS,
  DRIVE_FIELDS,
  ARRAY_FIELDS,
  SPACE_FIELDS,
  PERF_FIELDS,
} from './fields';
import {
  CONTROLLER_TO_FAIL,
  DEGRADED_COMPONENT,
  controllerRows,
  driveRows,
  hardwareRows,
  type InventoryContext,
} from './inventory';
import {
  arraySpaceFields,
  isV20,
  serializeAlert,
  serializeHost,
  serializePerformance,
  serializeTag,
  serializeVolume,
} from './serialize';

const MIN_VOLUME_SIZE = 1_048_576;

function listParams(v: ApiVersion | null, extra: readonly string[], total = true): string[] {
  const out = LIST_PARAMS.filter(
    (p) => p !== 'continuation_token' || (v !== null && atLeast(v, 2, 1)),
  ) as string[];
  if (total) out.push('total_item_count');
  if (v !== null && atLeast(v, 2, 1)) out.push('allow_errors', 'context_names');
  return [...out, ...extra];
}

function writeParams(v: ApiVersion | null, extra: readonly string[]): string[] {
  return v !== null && atLeast(v, 2, 1) ? [...extra, 'context_names'] : [...extra];
}

export class FlashArraySimulator extends SimulatedArray {
  readonly type = 'flasharray' as const;
  private serialPrefix: string;
  private nextSerial = 1;
  private readonly volumes = new Map<string, VolumeRecord>(); // by id, in creation order
  private readonly volumesByName = new Map<string, VolumeRecord>();
  private readonly hosts = new Map<string, HostRecord>();
  private readonly hostsByName = new Map<string, HostRecord>();
  private connections: ConnectionRecord[] = [];
  private readonly connectionCounts = new Map<string, number>();

  constructor(config: ResolvedArrayConfig, clock: SimClock) {
    super(config, clock);
    this.serialPrefix = serialPrefixFor(this.id);
  }

  // --- persistence ----------------------------------------------------------

  toRecord(): PersistedFlashArray {
    return {
      ...this.baseRecord(),
      type: 'flasharray',
      serialPrefix: this.serialPrefix,
      nextSerial: this.nextSerial,
      volumes: [...this.volumes.values()],
      hosts: [...this.hosts.values()],
      connections: this.connections,
    };
  }

  protected restoreObjects(record: PersistedArrayBase): void {
    const r = record as PersistedFlashArray;
    this.serialPrefix = r.serialPrefix;
    this.nextSerial = r.nextSerial;
    this.volumes.clear();
    this.volumesByName.clear();
    for (const v of r.volumes) this.indexVolume(v);
    this.hosts.clear();
    this.hostsByName.clear();
    for (const h of r.hosts) {
      this.hosts.set(h.id, h);
      this.hostsByName.set(nameKey(h.name), h);
    }
    this.connections = [...r.connections];
    this.recount();
  }

  private indexVolume(v: VolumeRecord): void {
    this.volumes.set(v.id, v);
    this.volumesByName.set(nameKey(v.name), v);
  }

  private recount(): void {
    this.connectionCounts.clear();
    for (const c of this.connections) {
      this.connectionCounts.set(c.volumeId, (this.connectionCounts.get(c.volumeId) ?? 0) + 1);
      this.connectionCounts.set(c.hostId, (this.connectionCounts.get(c.hostId) ?? 0) + 1);
    }
  }

  private changed(): void {
    this.revision++;
    this.onMutation();
  }

  // --- models ---------------------------------------------------------------

  objectCount(): number {
    return this.volumes.size;
  }

  private volumeSpace(v: VolumeRecord): ObjectSpace {
    const settings = { fillRatio: this.config.fillRatio, dataReductionRatio: this.config.dataReductionRatio };
    return objectSpace(v.provisioned, writtenBytes(v.provisioned, v.written, settings), settings);
  }

  spaceFigures(): ArraySpaceFigures {
    return arraySpace({
      capacity: this.config.capacity,
      preexistingUsed: this.config.preexistingUsed,
      dataReductionRatio: this.config.dataReductionRatio,
      baselineWrittenFraction: this.config.fillRatio,
      objects: [...this.volumes.values()].map((v) => ({
        provisioned: v.provisioned,
        space: this.volumeSpace(v),
        destroyed: v.destroyed,
      })),
    });
  }

  private timeRemaining(v: VolumeRecord, now: number): number | null {
    if (!v.destroyed || v.destroyedAt === null) return null;
    return Math.max(0, this.config.eradicationDelayMs - (now - v.destroyedAt));
  }

  sweep(now: number): void {
    let removed = false;
    for (const v of [...this.volumes.values()]) {
      if (v.destroyed && v.destroyedAt !== null && now - v.destroyedAt >= this.config.eradicationDelayMs) {
        this.eradicate(v);
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

  private inventoryContext(): InventoryContext {
    return {
      health: this.health,
      now: this.clock.now(),
      model: this.config.model,
      purityVersion: this.model.purityVersion,
      serialPrefix: this.serialPrefix,
      degradedComponent: DEGRADED_COMPONENT,
      capacity: this.config.capacity,
    };
  }

  // --- volume operations shared by the REST API and the control API --------

  private findVolume(name: string): VolumeRecord | undefined {
    return this.volumesByName.get(nameKey(name));
  }

  private requireVolume(name: string): VolumeRecord {
    const v = this.findVolume(name);
    if (!v) throw doesNotExist('Volume', name);
    return v;
  }

  private createVolume(name: string, provisioned: number, now: number): VolumeRecord {
    checkVolumeName(name);
    if (this.findVolume(name)) throw alreadyExists('Volume', name);
    if (this.volumes.size >= this.config.volumeLimit) {
      throw badRequest(`The maximum number of volumes (${this.config.volumeLimit}) has been reached.`, name);
    }
    const vol: VolumeRecord = {
      seq: this.takeSeq(),
      id: newId(),
      name,
      serial: volumeSerial(this.serialPrefix, this.nextSerial++),
      created: now,
      provisioned,
      destroyed: false,
      destroyedAt: null,
      bandwidthLimit: null,
      iopsLimit: null,
      written: null,
      source: null,
      priorityAdjustment: null,
      tags: [],
    };
    this.indexVolume(vol);
    return vol;
  }

  private renameVolume(vol: VolumeRecord, newName: string): void {
    checkVolumeName(newName);
    const existing = this.findVolume(newName);
    if (existing && existing !== vol) throw alreadyExists('Volume', newName);
    this.volumesByName.delete(nameKey(vol.name));
    vol.name = newName;
    this.volumesByName.set(nameKey(newName), vol);
  }

  private destroyVolume(vol: VolumeRecord, now: number): void {
    if (vol.destroyed) return;
    if ((this.connectionCounts.get(vol.id) ?? 0) > 0) {
      throw badRequest(
        'Volume has host connections. Disconnect it from all hosts before destroying it.',
        vol.name,
      );
    }
    vol.destroyed = true;
    vol.destroyedAt = now;
  }

  private eradicate(vol: VolumeRecord): void {
    this.volumes.delete(vol.id);
    this.volumesByName.delete(nameKey(vol.name));
  }

  private checkSize(provisioned: number, context: string): number {
    if (provisioned % 512 !== 0) throw badRequest('Volume size must be a multiple of 512 bytes.', context);
    if (provisioned > MAX_PROVISIONED) throw badRequest('Volume size exceeds the maximum of 4 PB.', context);
    if (provisioned <= 0) throw badRequest('Volume size must be greater than zero.', context);
    // Purity rounds sizes under 1 MB up to 1 MB.
    return Math.max(provisioned, MIN_VOLUME_SIZE);
  }

  applyChange(change: OutOfBandChange): unknown {
    const now = this.clock.now();
    let vol: VolumeRecord | undefined;
    switch (change.action) {
      case 'create':
        vol = this.createVolume(
          change.name,
          this.checkSize(change.provisioned ?? MIN_VOLUME_SIZE, change.name),
          now,
        );
        if (change.iopsLimit !== undefined) vol.iopsLimit = change.iopsLimit;
        if (change.bandwidthLimit !== undefined) vol.bandwidthLimit = change.bandwidthLimit;
        break;
      case 'resize':
        vol = this.requireVolume(change.name);
        if (change.provisioned === undefined) throw badRequest('provisioned is required.', 'provisioned');
        vol.provisioned = this.checkSize(change.provisioned, change.name);
        break;
      case 'qos':
        vol = this.requireVolume(change.name);
        if (change.iopsLimit !== undefined) vol.iopsLimit = change.iopsLimit;
        if (change.bandwidthLimit !== undefined) vol.bandwidthLimit = change.bandwidthLimit;
        break;
      case 'destroy':
        vol = this.requireVolume(change.name);
        // An administrator disconnects first; the control API does both.
        this.connections = this.connections.filter((c) => c.volumeId !== (vol as VolumeRecord).id);
        this.recount();
        this.destroyVolume(vol, now);
        break;
      case 'recover':
        vol = this.requireVolume(change.name);
        vol.destroyed = false;
        vol.destroyedAt = null;
        break;
      case 'eradicate':
        vol = this.requireVolume(change.name);
        this.connections = this.connections.filter((c) => c.volumeId !== (vol as VolumeRecord).id);
        this.recount();
        this.eradicate(vol);
        this.changed();
        return { eradicated: change.name };
      case 'rename':
        vol = this.requireVolume(change.name);
        if (!change.newName) throw badRequest('newName is required.', 'newName');
        this.renameVolume(vol, change.newName);
        break;
      case 'write':
        vol = this.requireVolume(change.name);
        if (change.writtenBytes === undefined) throw badRequest('writtenBytes is required.', 'writtenBytes');
        vol.written = Math.max(0, Math.min(change.writtenBytes, vol.provisioned));
        break;
      default:
        throw badRequest(`Action '${change.action}' does not apply to a FlashArray.`, 'action');
    }
    this.changed();
    return serializeVolume(
      vol,
      this.volumeSpace(vol),
      this.connectionCounts.get(vol.id) ?? 0,
      this.timeRemaining(vol, now),
      {
        text: this.config.maxApiVersion,
        major: 2,
        minor: 56,
      },
    );
  }

  // --- REST routes ------------------------------------------------------------

  routes(): RouteDefinition[] {
    const none = (): string[] => [];
    return [
      {
        method: 'POST',
        resource: 'login',
        auth: false,
        params: none,
        body: 'optional',
        handle: (r) => this.postLogin(r),
      },
      {
        method: 'POST',
        resource: 'logout',
        auth: false,
        params: none,
        body: 'optional',
        handle: (r) => this.postLogout(r),
      },
      {
        method: 'GET',
        resource: 'arrays',
        sinceMinor: 2,
        auth: true,
        params: (v) => listParams(v, []),
        body: 'none',
        handle: (r) => this.getArrays(r),
      },
      {
        method: 'GET',
        resource: 'arrays/space',
        sinceMinor: 2,
        auth: true,
        params: (v) => listParams(v, ['start_time', 'end_time', 'resolution']),
        body: 'none',
        handle: (r) => this.getArraySpace(r),
      },
      {
        method: 'GET',
        resource: 'arrays/performance',
        sinceMinor: 2,
        auth: true,
        params: (v) => [
          ...listParams(v, ['start_time', 'end_time', 'resolution', 'protocol', 'protocol_group']).filter(
            (p) => p !== 'continuation_token' && p !== 'allow_errors' && p !== 'context_names',
          ),
        ],
        body: 'none',
        handle: (r) => this.getArrayPerformance(r),
      },
      {
        method: 'GET',
        resource: 'controllers',
        sinceMinor: 2,
        auth: true,
        params: (v) => listParams(v, ['names']),
        body: 'none',
        handle: (r) => this.getControllers(r),
      },
      {
        method: 'GET',
        resource: 'hardware',
        sinceMinor: 2,
        auth: true,
        params: (v) => listParams(v, ['names']).filter((p) => p !== 'continuation_token'),
        body: 'none',
        handle: (r) => this.getHardware(r),
      },
      {
        method: 'GET',
        resource: 'drives',
        sinceMinor: 4,
        auth: true,
        params: (v) => listParams(v, ['names']),
        body: 'none',
        handle: (r) => this.getDrives(r),
      },
      {
        method: 'GET',
        resource: 'alerts',
        sinceMinor: 2,
        auth: true,
        params: (v) => listParams(v, ['names', 'ids', 'flagged']),
        body: 'none',
        handle: (r) => this.getAlerts(r),
      },
      {
        method: 'GET',
        resource: 'volumes',
        auth: true,
        params: (v) => listParams(v, ['names', 'ids', 'destroyed', 'total_only']),
        body: 'none',
        handle: (r) => this.getVolumes(r),
      },
      {
        method: 'POST',
        resource: 'volumes',
        auth: true,
        params: (v) =>
          writeParams(v, ['names', 'overwrite', ...(isV20(v) ? [] : ['with_default_protection'])]),
        body: 'required',
        handle: (r) => this.postVolumes(r),
      },
      {
        method: 'PATCH',
        resource: 'volumes',
        auth: true,
        params: (v) => writeParams(v, ['names', 'ids', 'truncate']),
        body: 'required',
        handle: (r) => this.patchVolumes(r),
      },
      {
        method: 'DELETE',
        resource: 'volumes',
        auth: true,
        params: (v) => writeParams(v, ['names', 'ids']),
        body: 'none',
        handle: (r) => this.deleteVolumes(r),
      },
      {
        method: 'GET',
        resource: 'hosts',
        auth: true,
        params: (v) => listParams(v, ['names', ...(isV20(v) ? [] : ['destroyed'])]),
        body: 'none',
        handle: (r) => this.getHosts(r),
      },
      {
        method: 'POST',
        resource: 'hosts',
        auth: true,
        params: (v) => writeParams(v, ['names']),
        body: 'optional',
        handle: (r) => this.postHosts(r),
      },
      {
        method: 'PATCH',
        resource: 'hosts',
        auth: true,
        params: (v) => writeParams(v, ['names']),
        body: 'required',
        handle: (r) => this.patchHosts(r),
      },
      {
        method: 'DELETE',
        resource: 'hosts',
        auth: true,
        params: (v) => writeParams(v, ['names']),
        body: 'none',
        handle: (r) => this.deleteHosts(r),
      },
      {
        method: 'GET',
        resource: 'connections',
        auth: true,
        params: (v) =>
          listParams(v, [
            'host_names',
            'volume_names',
            'host_group_names',
            'protocol_endpoint_names',
            ...(isV20(v) ? [] : ['volume_ids']),
          ]),
        body: 'none',
        handle: (r) => this.getConnections(r),
      },
      {
        method: 'POST',
        resource: 'connections',
        auth: true,
        params: (v) =>
          writeParams(v, [
            'host_names',
            'volume_names',
            'host_group_names',
            ...(isV20(v) ? [] : ['volume_ids']),
          ]),
        body: 'optional',
        handle: (r) => this.postConnections(r),
      },
      {
        method: 'DELETE',
        resource: 'connections',
        auth: true,
        params: (v) =>
          writeParams(v, [
            'host_names',
            'volume_names',
            'host_group_names',
            ...(isV20(v) ? [] : ['volume_ids']),
          ]),
        body: 'none',
        handle: (r) => this.deleteConnections(r),
      },
      {
        method: 'GET',
        resource: 'volumes/tags',
        sinceMinor: 2,
        auth: true,
        params: (v) => listParams(v, ['resource_names', 'resource_ids', 'namespaces', 'resource_destroyed']),
        body: 'none',
        handle: (r) => this.getTags(r),
      },
      {
        method: 'PUT',
        resource: 'volumes/tags/batch',
        sinceMinor: 2,
        auth: true,
        params: (v) => writeParams(v, ['resource_names', 'resource_ids']),
        body: 'required',
        handle: (r) => this.putTags(r),
      },
      {
        method: 'DELETE',
        resource: 'volumes/tags',
        sinceMinor: 2,
        auth: true,
        params: (v) => writeParams(v, ['resource_names', 'resource_ids', 'keys', 'namespaces']),
        body: 'none',
        handle: (r) => this.deleteTags(r),
      },
    ];
  }

  private checkContext(req: ApiRequest): void {
    const names = req.query.list('context_names');
    if (names && (names.length !== 1 || nameKey(names[0] as string) !== nameKey(this.config.name))) {
      throw badRequest(
        'Context does not exist.',
        names.find((n) => nameKey(n) !== nameKey(this.config.name)) ?? names[0],
      );
    }
  }

  // --- authentication -------------------------------------------------------

  private postLogin(req: ApiRequest): ApiResult {
    if (req.body !== undefined) {
      const b = req.body as Record<string, unknown>;
      if (b === null || typeof b !== 'object' || Array.isArray(b))
        throw badRequest('Invalid login body.', 'body');
      if (req.headers['api-token'] === undefined) {
        throw new PureApiError(401, [{ context: 'username', message: 'Invalid username or password.' }]);
      }
    }
    const { token, username } = this.login(req.headers['api-token']);
    return { body: { items: [{ username }] }, headers: { 'x-auth-token': token } };
  }

  private postLogout(req: ApiRequest): ApiResult {
    const token = req.headers['x-auth-token'];
    if (typeof token === 'string') this.sessions.delete(token);
    return {};
  }

  // --- array-level endpoints -------------------------------------------------

  private arrayItem(): Record<string, unknown> {
    const space = this.spaceFigures();
    const now = this.clock.now();
    const item: Record<string, unknown> = {
      id: this.id,
      name: this.config.name,
      _as_of: now,
      banner: '',
      capacity: this.config.capacity,
      console_lock_enabled: false,
      encryption: { data_at_rest: { algorithm: 'AES-256-CTR', enabled: true }, module_version: 'FA-1.3' },
      eradication_config: {
        disabled_delay: this.config.eradicationDelayMs,
        enabled_delay: this.config.eradicationDelayMs,
        eradication_delay: this.config.eradicationDelayMs,
        manual_eradication: 'all-enabled',
      },
      idle_timeout: Math.min(this.config.sessionTimeoutMs, 2 ** 31 - 1),
      ntp_servers: ['0.pool.ntp.org'],
      os: 'Purity//FA',
      parity: this.parity(),
      scsi_timeout: 60_000,
      space: arraySpaceFields(space),
      time_zone: 'UTC',
      version: this.model.purityVersion,
    };
    return item;
  }

  private getArrays(req: ApiRequest): ApiResult {
    this.checkContext(req);
    return listItems(req, {
      family: 'flasharray',
      kind: 'Array',
      items: [0],
      seq: () => 1,
      serialize: () => this.arrayItem(),
      fields: ARRAY_FIELDS,
    });
  }

  private getArraySpace(req: ApiRequest): ApiResult {
    this.checkContext(req);
    const times = sampleTimes(req.query, this.clock.now());
    const space = arraySpaceFields(this.spaceFigures());
    const rows = times.map((time) => ({
      id: this.id,
      name: this.config.name,
      capacity: this.config.capacity,
      capacity_installed: this.config.capacity,
      parity: this.parity(),
      space,
      time,
    }));
    return listItems(req, {
      family: 'flasharray',
      kind: 'Array',
      items: rows,
      seq: (r) => r.time,
      serialize: (r) => r,
      fields: SPACE_FIELDS,
    });
  }

  private getArrayPerformance(req: ApiRequest): ApiResult {
    const protocol = req.query.string('protocol');
    const block = ['all', 'fc', 'iscsi', 'nvme-fc', 'nvme-roce', 'nvme-tcp', 'nfs', 'smb'];
    if (protocol !== undefined && !block.includes(protocol))
      throw badRequest(`Invalid protocol '${protocol.slice(0, 32)}'.`, 'protocol');
    const group = req.query.string('protocol_group');
    if (group !== undefined && !['block', 'file', 'all'].includes(group))
      throw badRequest('Invalid protocol_group.', 'protocol_group');
    const times = sampleTimes(req.query, this.clock.now());
    const fileOnly = protocol === 'nfs' || protocol === 'smb' || group === 'file';
    const rows = times.map((t) => {
      const row = serializePerformance(this.id, this.config.name, this.performance(t));
      if (fileOnly)
        for (const k of Object.keys(row)) if (typeof row[k] === 'number' && k !== 'time') row[k] = 0;
      return row;
    });
    return listItems(req, {
      family: 'flasharray',
      kind: 'Array',
      items: rows,
      seq: (r) => r.time as number,
      serialize: (r) => r,
      fields: PERF_FIELDS,
    });
  }

  private getControllers(req: ApiRequest): ApiResult {
    return this.listInventory(req, 'Controller', controllerRows(this.inventoryContext()), CONTROLLER_FIELDS);
  }

  private getHardware(req: ApiRequest): ApiResult {
    return this.listInventory(
      req,
      'Hardware component',
      hardwareRows(this.inventoryContext()),
      HARDWARE_FIELDS,
    );
  }

  private getDrives(req: ApiRequest): ApiResult {
    return this.listInventory(req, 'Drive', driveRows(this.inventoryContext()), DRIVE_FIELDS);
  }

  /** Controllers, hardware and drives: fixed rows derived from health, listed and found by name. */
  private listInventory(
    req: ApiRequest,
    kind: string,
    rows: readonly Record<string, unknown>[],
    fields: Parameters<typeof listItems>[1]['fields'],
  ): ApiResult {
    return listItems(req, {
      family: 'flasharray',
      kind,
      items: rows,
      seq: (r) => rows.indexOf(r),
      serialize: (r) => r,
      byName: (n) => rows.find((r) => nameKey(r.name as string) === nameKey(n)),
      fields,
    });
  }

  private getAlerts(req: ApiRequest): ApiResult {
    this.checkContext(req);
    const flagged = req.query.bool('flagged');
    const now = this.clock.now();
    const rows = this.alerts.filter((a) => flagged === undefined || a.flagged === flagged);
    return listItems(req, {
      family: 'flasharray',
      kind: 'Alert',
      items: rows,
      seq: (a) => a.index,
      serialize: (a) => serializeAlert(a, now),
      byName: (n) => rows.find((a) => String(a.index) === n),
      byId: (id) => rows.find((a) => a.id === id),
      fields: ALERT_FIELDS,
    });
  }

  // --- volumes -----------------------------------------------------------------

  /**
   * Serialised live volumes are cached until anything on the array changes
   * (read-heavy refreshes list the same volumes over and over); destroyed ones
   * are not, because their time_remaining moves with the clock.
   */
  private readonly volumeCache = new WeakMap<
    VolumeRecord,
    { rev: number; v20: boolean; out: Record<string, unknown>; json?: string }
  >();

  private volumeOut(vol: VolumeRecord, v: ApiVersion, now: number): Record<string, unknown> {
    if (vol.destroyed) {
      return serializeVolume(
        vol,
        this.volumeSpace(vol),
        this.connectionCounts.get(vol.id) ?? 0,
        this.timeRemaining(vol, now),
        v,
      );
    }
    const v20 = isV20(v);
    const hit = this.volumeCache.get(vol);
    if (hit && hit.rev === this.revision && hit.v20 === v20) return hit.out;
    const out = serializeVolume(vol, this.volumeSpace(vol), this.connectionCounts.get(vol.id) ?? 0, null, v);
    this.volumeCache.set(vol, { rev: this.revision, v20, out });
    return out;
  }

  private volumeJson(vol: VolumeRecord, v: ApiVersion, now: number): string {
    const out = this.volumeOut(vol, v, now);
    if (vol.destroyed) return JSON.stringify(out);
    const entry = this.volumeCache.get(vol) as { json?: string };
    entry.json ??= JSON.stringify(out);
    return entry.json;
  }

  private getVolumes(req: ApiRequest): ApiResult {
    this.checkContext(req);
    const v = req.version as ApiVersion;
    const now = this.clock.now();
    return listItems(req, {
      family: 'flasharray',
      kind: 'Volume',
      items: this.volumes.values(),
      seq: (x) => x.seq,
      serialize: (x) => this.volumeOut(x, v, now),
      serializeJson: (x) => this.volumeJson(x, v, now),
      serializeIsCached: true,
      byName: (n) => this.findVolume(n),
      byId: (id) => this.volumes.get(id),
      destroyed: (x) => x.destroyed,
      tags: (x) => x.tags,
      fields: VOLUME_FIELDS,
      total: (items) => this.volumeTotal(items, v),
    });
  }

  private volumeTotal(items: VolumeRecord[], v: ApiVersion): Record<string, unknown> {
    let provisioned = 0;
    let virtual = 0;
    let unique = 0;
    for (const i of items) {
      const s = this.volumeSpace(i);
      provisioned += i.provisioned;
      virtual += s.virtual;
      unique += s.unique;
    }
    const space = objectSpace(provisioned, virtual, {
      fillRatio: this.config.fillRatio,
      dataReductionRatio: unique > 0 ? virtual / unique : this.config.dataReductionRatio,
    });
    return { provisioned, space: serializeVolume({ ...EMPTY_VOLUME, provisioned }, space, 0, null, v).space };
  }

  private postVolumes(req: ApiRequest): ApiResult {
    this.checkContext(req);
    const v = req.version as ApiVersion;
    const names = req.query.list('names');
    if (!names) throw badRequest('names is required.', 'names');
    const body = validateBody<VolumePostBody>(req.body, isV20(v) ? VOLUME_POST_2_0 : VOLUME_POST);
    const overwrite = req.query.bool('overwrite') ?? false;
    if (body.subtype !== undefined && body.subtype !== 'regular') {
      throw badRequest(`Volume subtype '${body.subtype.slice(0, 32)}' is not supported.`, 'subtype');
    }
    if (body.protocol_endpoint !== undefined)
      throw badRequest('Protocol endpoints are not supported.', 'protocol_endpoint');
    if (body.workload !== undefined) throw badRequest('Workload does not exist.', 'workload');
    let source: VolumeRecord | undefined;
    if (body.source) {
      source = body.source.id
        ? this.volumes.get(body.source.id)
        : body.source.name
          ? this.findVolume(body.source.name)
          : undefined;
      if (!source) throw doesNotExist('Volume', body.source.name ?? body.source.id ?? 'source');
      if (body.provisioned !== undefined)
        throw badRequest('provisioned cannot be set when copying a volume.', 'provisioned');
    } else if (overwrite) {
      throw badRequest('overwrite applies only when copying a volume (source).', 'overwrite');
    }
    const now = this.clock.now();
    const provisioned = source
      ? source.provisioned
      : this.checkSize(body.provisioned ?? MIN_VOLUME_SIZE, 'provisioned');
    // Validate every name before creating any, so a bad batch changes nothing.
    const seen = new Set<string>();
    for (const name of names) {
      checkVolumeName(name);
      if (seen.has(nameKey(name))) throw badRequest('A name is listed twice.', name);
      seen.add(nameKey(name));
      const existing = this.findVolume(name);
      if (existing && !(source && overwrite)) throw alreadyExists('Volume', name);
      if (existing && existing.destroyed) throw badRequest('Volume has been destroyed.', name);
    }
    if (this.volumes.size + names.length > this.config.volumeLimit) {
      throw badRequest(
        `The maximum number of volumes (${this.config.volumeLimit}) has been reached.`,
        names[0],
      );
    }
    const created: VolumeRecord[] = [];
    for (const name of names) {
      const existing = this.findVolume(name);
      const vol = existing ?? this.createVolume(name, provisioned, now);
      if (source) {
        vol.provisioned = source.provisioned;
        vol.written = this.volumeSpace(source).virtual;
        vol.source = { id: source.id, name: source.name };
      }
      if (body.qos?.bandwidth_limit !== undefined) vol.bandwidthLimit = body.qos.bandwidth_limit;
      if (body.qos?.iops_limit !== undefined) vol.iopsLimit = body.qos.iops_limit;
      if (body.priority_adjustment) {
        vol.priorityAdjustment = {
          operator: body.priority_adjustment.priority_adjustment_operator ?? '+',
          value: body.priority_adjustment.priority_adjustment_value ?? 0,
        };
      }
      for (const t of body.tags ?? []) this.upsertTag(vol, t);
      if (body.destroyed) {
        vol.destroyed = true;
        vol.destroyedAt = now;
      }
      created.push(vol);
    }
    this.changed();
    return { body: { items: created.map((c) => this.volumeOut(c, v, now)) } };
  }

  private patchVolumes(req: ApiRequest): ApiResult {
    this.checkContext(req);
    const v = req.version as ApiVersion;
    const body = validateBody<VolumePatchBody>(req.body, isV20(v) ? VOLUME_PATCH_2_0 : VOLUME_PATCH);
    const targets = resolveTargets(
      req,
      'Volume',
      (n) => this.findVolume(n),
      (id) => this.volumes.get(id),
    );
    const truncate = req.query.bool('truncate') ?? false;
    if (body.pod !== undefined) throw badRequest('Pod does not exist.', 'pod');
    if (body.volume_group !== undefined) throw badRequest('Volume group does not exist.', 'volume_group');
    if (body.protocol_endpoint !== undefined)
      throw badRequest('Protocol endpoints are not supported.', 'protocol_endpoint');
    if (body.workload !== undefined) throw badRequest('Workload does not exist.', 'workload');
    if (body.requested_promotion_state !== undefined && body.requested_promotion_state !== 'promoted') {
      throw badRequest('Volume is not in a pod; promotion state cannot change.', 'requested_promotion_state');
    }
    if (body.name !== undefined && targets.length > 1)
      throw badRequest('Only one volume can be renamed at a time.', 'name');
    const now = this.clock.now();
    const modifies =
      body.name !== undefined ||
      body.provisioned !== undefined ||
      body.qos !== undefined ||
      body.priority_adjustment !== undefined;
    // Check everything first so a failing batch leaves every volume as it was.
    for (const vol of targets) {
      const staysDestroyed = vol.destroyed && body.destroyed !== false;
      if (staysDestroyed && modifies)
        throw badRequest('Volume has been destroyed. Recover it before modifying it.', vol.name);
      if (body.provisioned !== undefined) {
        const size = this.checkSize(body.provisioned, vol.name);
        if (size < vol.provisioned && !truncate)
          throw badRequest('Implicit truncation not permitted.', vol.name);
      }
      if (body.name !== undefined) {
        checkVolumeName(body.name);
        const existing = this.findVolume(body.name);
        if (existing && existing !== vol) throw alreadyExists('Volume', body.name);
      }
      if (body.destroyed === true && !vol.destroyed && (this.connectionCounts.get(vol.id) ?? 0) > 0) {
        throw badRequest(
          'Volume has host connections. Disconnect it from all hosts before destroying it.',
          vol.name,
        );
      }
    }
    for (const vol of targets) {
      if (body.destroyed === false) {
        vol.destroyed = false;
        vol.destroyedAt = null;
      }
      if (body.name !== undefined) this.renameVolume(vol, body.name);
      if (body.provisioned !== undefined) {
        vol.provisioned = this.checkSize(body.provisioned, vol.name);
        if (vol.written !== null) vol.written = Math.min(vol.written, vol.provisioned);
      }
      if (body.qos) {
        if (body.qos.bandwidth_limit !== undefined)
          vol.bandwidthLimit = body.qos.bandwidth_limit === '' ? null : body.qos.bandwidth_limit;
        if (body.qos.iops_limit !== undefined)
          vol.iopsLimit = body.qos.iops_limit === '' ? null : body.qos.iops_limit;
      }
      if (body.priority_adjustment) {
        vol.priorityAdjustment = {
          operator: body.priority_adjustment.priority_adjustment_operator ?? '+',
          value: body.priority_adjustment.priority_adjustment_value ?? 0,
        };
      }
      if (body.destroyed === true) this.destroyVolume(vol, now);
    }
    this.changed();
    return { body: { items: targets.map((t) => this.volumeOut(t, v, now)) } };
  }

  private deleteVolumes(req: ApiRequest): ApiResult {
    this.checkContext(req);
    const targets = resolveTargets(
      req,
      'Volume',
      (n) => this.findVolume(n),
      (id) => this.volumes.get(id),
    );
    for (const vol of targets) {
      if (!vol.destroyed) {
        throw badRequest('Volume is not destroyed. Destroy it before eradicating it.', vol.name);
      }
    }
    for (const vol of targets) this.eradicate(vol);
    this.changed();
    return {};
  }

  // --- hosts and connections ----------------------------------------------

  private findHost(name: string): HostRecord | undefined {
    return this.hostsByName.get(nameKey(name));
  }

  private hostSpace(host: HostRecord): ObjectSpace {
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

  private getHosts(req: ApiRequest): ApiResult {
    this.checkContext(req);
    const v = req.version as ApiVersion;
    return listItems(req, {
      family: 'flasharray',
      kind: 'Host',
      items: this.hosts.values(),
      seq: (h) => h.seq,
      serialize: (h) => serializeHost(h, this.connectionCounts.get(h.id) ?? 0, this.hostSpace(h), v),
      byName: (n) => this.findHost(n),
      destroyed: () => false,
      fields: HOST_FIELDS,
    });
  }

  private checkPorts(host: HostRecord | null, body: HostBody): void {
    const lists: Array<['iqns' | 'wwns' | 'nqns', string[] | undefined]> = [
      ['iqns', [...(body.iqns ?? []), ...(body.add_iqns ?? [])]],
      ['wwns', [...(body.wwns ?? []), ...(body.add_wwns ?? [])]],
      ['nqns', [...(body.nqns ?? []), ...(body.add_nqns ?? [])]],
    ];
    for (const [kind, list] of lists) {
      for (const port of list ?? []) {
        if (kind === 'iqns' && !/^(iqn\.\d{4}-\d{2}\.[^\s]+|eui\.[0-9A-Fa-f]{16})$/.test(port)) {
          throw badRequest(`Invalid IQN '${port.slice(0, 64)}'.`, port.slice(0, 64));
        }
        if (kind === 'wwns' && !/^([0-9A-Fa-f]{2}:?){7}[0-9A-Fa-f]{2}$/.test(port)) {
          throw badRequest(`Invalid WWN '${port.slice(0, 64)}'.`, port.slice(0, 64));
        }
        if (kind === 'nqns' && !/^nqn\.\d{4}-\d{2}\.[^\s]+$/.test(port)) {
          throw badRequest(`Invalid NQN '${port.slice(0, 64)}'.`, port.slice(0, 64));
        }
        for (const other of this.hosts.values()) {
          if (other !== host && other[kind].some((p) => p.toLowerCase() === port.toLowerCase())) {
            throw badRequest(`The port ${port} is already in use by host ${other.name}.`, port);
          }
        }
      }
    }
    if (
      body.personality !== undefined &&
      body.personality !== '' &&
      !(PERSONALITIES as readonly string[]).includes(body.personality)
    ) {
      throw badRequest(`Invalid personality '${body.personality.slice(0, 32)}'.`, 'personality');
    }
    if (body.host_group !== undefined) throw badRequest('Host group does not exist.', 'host_group');
    if (body.preferred_arrays !== undefined && body.preferred_arrays.length > 0) {
      throw badRequest(
        'Preferred arrays require an array connection, which this array does not have.',
        'preferred_arrays',
      );
    }
  }

  private postHosts(req: ApiRequest): ApiResult {
    this.checkContext(req);
    const v = req.version as ApiVersion;
    const names = req.query.list('names');
    if (!names) throw badRequest('names is required.', 'names');
    if (names.length > 1) throw badRequest('Only one host can be created at a time.', 'names');
    const name = names[0] as string;
    const body = validateBody<HostBody>(req.body ?? {}, HOST_POST);
    checkObjectName(name, 'Host');
    if (this.findHost(name)) throw alreadyExists('Host', name);
    this.checkPorts(null, body);
    const host: HostRecord = {
      seq: this.takeSeq(),
      id: newId(),
      name,
      iqns: [...new Set(body.iqns ?? [])],
      wwns: [...new Set(body.wwns ?? [])],
      nqns: [...new Set(body.nqns ?? [])],
      personality: body.personality || null,
      chap: body.chap ?? null,
    };
    this.hosts.set(host.id, host);
    this.hostsByName.set(nameKey(name), host);
    this.changed();
    return { body: { items: [serializeHost(host, 0, this.hostSpace(host), v)] } };
  }

  private patchHosts(req: ApiRequest): ApiResult {
    this.checkContext(req);
    const v = req.version as ApiVersion;
    const body = validateBody<HostBody>(req.body, HOST_PATCH);
    const targets = resolveTargets(req, 'Host', (n) => this.findHost(n), undefined);
    if (body.name !== undefined && targets.length > 1)
      throw badRequest('Only one host can be renamed at a time.', 'name');
    for (const host of targets) {
      this.checkPorts(host, body);
      if (body.name !== undefined) {
        checkObjectName(body.name, 'Host');
        const other = this.findHost(body.name);
        if (other && other !== host) throw alreadyExists('Host', body.name);
      }
    }
    for (const host of targets) {
      const apply = (kind: 'iqns' | 'wwns' | 'nqns'): void => {
        const set = body[kind];
        const add = body[`add_${kind}` as const];
        const remove = body[`remove_${kind}` as const];
        let list = set ? [...set] : [...host[kind]];
        if (add) list.push(...add);
        if (remove) list = list.filter((p) => !remove.some((r) => r.toLowerCase() === p.toLowerCase()));
        host[kind] = [...new Set(list)];
      };
      apply('iqns');
      apply('wwns');
      apply('nqns');
      if (body.personality !== undefined) host.personality = body.personality || null;
      if (body.chap !== undefined) host.chap = body.chap;
      if (body.name !== undefined) {
        this.hostsByName.delete(nameKey(host.name));
        host.name = body.name;
        this.hostsByName.set(nameKey(host.name), host);
      }
    }
    this.changed();
    return {
      body: {
        items: targets.map((h) =>
          serializeHost(h, this.connectionCounts.get(h.id) ?? 0, this.hostSpace(h), v),
        ),
      },
    };
  }

  private deleteHosts(req: ApiRequest): ApiResult {
    this.checkContext(req);
    const targets = resolveTargets(req, 'Host', (n) => this.findHost(n), undefined);
    for (const host of targets) {
      if ((this.connectionCounts.get(host.id) ?? 0) > 0) {
        throw badRequest('Host has connected volumes. Disconnect them before deleting the host.', host.name);
      }
    }
    for (const host of targets) {
      this.hosts.delete(host.id);
      this.hostsByName.delete(nameKey(host.name));
    }
    this.changed();
    return {};
  }

  private connectionOut(c: ConnectionRecord): Record<string, unknown> {
    const host = this.hosts.get(c.hostId) as HostRecord;
    const vol = this.volumes.get(c.volumeId) as VolumeRecord;
    return { host: { name: host.name }, lun: c.lun, volume: { id: vol.id, name: vol.name } };
  }

  private connectionTargets(
    req: ApiRequest,
    required: boolean,
  ): { hosts?: HostRecord[]; volumes?: VolumeRecord[] } {
    if (req.query.has('host_group_names')) {
      const g = req.query.list('host_group_names') as string[];
      throw doesNotExist('Host group', g[0] as string);
    }
    if (req.query.has('protocol_endpoint_names')) {
      const p = req.query.list('protocol_endpoint_names') as string[];
      throw doesNotExist('Protocol endpoint', p[0] as string);
    }
    const hostNames = req.query.list('host_names');
    const volumeNames = req.query.list('volume_names');
    const volumeIds = req.query.list('volume_ids');
    if (volumeNames && volumeIds)
      throw badRequest('The volume_names and volume_ids parameters cannot be used together.', 'volume_names');
    if (required && !hostNames) throw badRequest('host_names or host_group_names is required.', 'host_names');
    if (required && !volumeNames && !volumeIds)
      throw badRequest('volume_names or volume_ids is required.', 'volume_names');
    const hosts = hostNames?.map(
      (n) =>
        this.findHost(n) ??
        (() => {
          throw doesNotExist('Host', n);
        })(),
    );
    const volumes = volumeNames
      ? volumeNames.map(
          (n) =>
            this.findVolume(n) ??
            (() => {
              throw doesNotExist('Volume', n);
            })(),
        )
      : volumeIds?.map(
          (id) =>
            this.volumes.get(id) ??
            (() => {
              throw doesNotExist('Volume', id);
            })(),
        );
    return { hosts, volumes };
  }

  private getConnections(req: ApiRequest): ApiResult {
    this.checkContext(req);
    const { hosts, volumes } = this.connectionTargets(req, false);
    const hostIds = hosts ? new Set(hosts.map((h) => h.id)) : undefined;
    const volIds = volumes ? new Set(volumes.map((x) => x.id)) : undefined;
    const rows = this.connections.filter(
      (c) => (!hostIds || hostIds.has(c.hostId)) && (!volIds || volIds.has(c.volumeId)),
    );
    return listItems(req, {
      family: 'flasharray',
      kind: 'Connection',
      items: rows,
      seq: (c) => c.seq,
      serialize: (c) => this.connectionOut(c),
      fields: CONNECTION_FIELDS,
    });
  }

  private postConnections(req: ApiRequest): ApiResult {
    this.checkContext(req);
    const body = validateBody<{ lun?: number; protocol_endpoint?: unknown }>(req.body ?? {}, CONNECTION_POST);
    if (body.protocol_endpoint !== undefined)
      throw badRequest('Protocol endpoints are not supported.', 'protocol_endpoint');
    const { hosts, volumes } = this.connectionTargets(req, true);
    const hs = hosts as HostRecord[];
    const vs = volumes as VolumeRecord[];
    if (body.lun !== undefined && vs.length > 1)
      throw badRequest('A LUN can be given only when connecting one volume.', 'lun');
    for (const h of hs) {
      for (const vol of vs) {
        if (vol.destroyed) throw badRequest('Volume has been destroyed.', vol.name);
        if (this.connections.some((c) => c.hostId === h.id && c.volumeId === vol.id)) {
          throw badRequest('Connection already exists.', `${h.name}/${vol.name}`);
        }
        if (body.lun !== undefined && this.connections.some((c) => c.hostId === h.id && c.lun === body.lun)) {
          throw badRequest(`LUN ${body.lun} is already in use on host ${h.name}.`, h.name);
        }
      }
    }
    const created: ConnectionRecord[] = [];
    for (const h of hs) {
      for (const vol of vs) {
        const used = new Set(this.connections.filter((c) => c.hostId === h.id).map((c) => c.lun));
        let lun = body.lun ?? 1;
        while (body.lun === undefined && used.has(lun)) lun++;
        if (lun > 4095) throw badRequest('No free LUN is left on the host.', h.name);
        const c: ConnectionRecord = { seq: this.takeSeq(), hostId: h.id, volumeId: vol.id, lun };
        this.connections.push(c);
        created.push(c);
      }
    }
    this.recount();
    this.changed();
    return { body: { items: created.map((c) => this.connectionOut(c)) } };
  }

  private deleteConnections(req: ApiRequest): ApiResult {
    this.checkContext(req);
    const { hosts, volumes } = this.connectionTargets(req, true);
    const doomed: ConnectionRecord[] = [];
    for (const h of hosts as HostRecord[]) {
      for (const vol of volumes as VolumeRecord[]) {
        const c = this.connections.find((x) => x.hostId === h.id && x.volumeId === vol.id);
        if (!c) throw badRequest('Connection does not exist.', `${h.name}/${vol.name}`);
        doomed.push(c);
      }
    }
    this.connections = this.connections.filter((c) => !doomed.includes(c));
    this.recount();
    this.changed();
    return {};
  }

  // --- tags -----------------------------------------------------------------

  private upsertTag(vol: VolumeRecord, t: TagIn): TagRecord {
    const namespace = t.namespace ?? 'default';
    if (t.key.length === 0) throw badRequest('Tag key must not be empty.', 'key');
    const existing = vol.tags.find((x) => x.namespace === namespace && x.key === t.key);
    if (existing) {
      existing.value = t.value;
      if (t.copyable !== undefined) existing.copyable = t.copyable;
      return existing;
    }
    if (vol.tags.length >= 64) throw badRequest('A volume can have at most 64 tags.', vol.name);
    const rec: TagRecord = { namespace, key: t.key, value: t.value, copyable: t.copyable ?? true };
    vol.tags.push(rec);
    return rec;
  }

  private tagResources(req: ApiRequest): VolumeRecord[] | undefined {
    const names = req.query.list('resource_names');
    const ids = req.query.list('resource_ids');
    if (names && ids)
      throw badRequest(
        'The resource_names and resource_ids parameters cannot be used together.',
        'resource_names',
      );
    if (names)
      return names.map(
        (n) =>
          this.findVolume(n) ??
          (() => {
            throw doesNotExist('Volume', n);
          })(),
      );
    if (ids)
      return ids.map(
        (id) =>
          this.volumes.get(id) ??
          (() => {
            throw doesNotExist('Volume', id);
          })(),
      );
    return undefined;
  }

  private getTags(req: ApiRequest): ApiResult {
    this.checkContext(req);
    const resources = this.tagResources(req) ?? [...this.volumes.values()];
    const namespaces = req.query.list('namespaces');
    const destroyed = req.query.bool('resource_destroyed');
    const rows: Array<{ seq: number; tag: TagRecord; vol: VolumeRecord }> = [];
    let i = 0;
    for (const vol of resources) {
      if (destroyed !== undefined && vol.destroyed !== destroyed) continue;
      for (const tag of vol.tags) {
        if (namespaces && !namespaces.includes(tag.namespace)) continue;
        rows.push({ seq: i++, tag, vol });
      }
    }
    return listItems(req, {
      family: 'flasharray',
      kind: 'Tag',
      items: rows,
      seq: (r) => r.seq,
      serialize: (r) => serializeTag(r.tag, r.vol),
      fields: TAG_FIELDS,
    });
  }

  private putTags(req: ApiRequest): ApiResult {
    this.checkContext(req);
    const body = validateBody<TagIn[]>(req.body, TAG_BATCH);
    const resources = this.tagResources(req);
    if (!resources) throw badRequest('resource_names or resource_ids is required.', 'resource_names');
    for (const vol of resources) if (vol.destroyed) throw badRequest('Volume has been destroyed.', vol.name);
    const out: Array<Record<string, unknown>> = [];
    for (const vol of resources) {
      for (const t of body) out.push(serializeTag(this.upsertTag(vol, t), vol));
    }
    this.changed();
    return { body: { items: out } };
  }

  private deleteTags(req: ApiRequest): ApiResult {
    this.checkContext(req);
    const resources = this.tagResources(req);
    if (!resources) throw badRequest('resource_names or resource_ids is required.', 'resource_names');
    const keys = req.query.list('keys');
    if (!keys) throw badRequest('keys is required.', 'keys');
    const namespaces = req.query.list('namespaces');
    if (namespaces && namespaces.length > 1)
      throw badRequest('Only one namespace is allowed per delete request.', 'namespaces');
    const ns = namespaces?.[0] ?? 'default';
    for (const vol of resources)
      vol.tags = vol.tags.filter((t) => !(t.namespace === ns && keys.includes(t.key)));
    this.changed();
    return {};
  }
}

const EMPTY_VOLUME: VolumeRecord = {
  seq: 0,
  id: '',
  name: '',
  serial: '',
  created: 0,
  provisioned: 0,
  destroyed: false,
  destroyedAt: null,
  bandwidthLimit: null,
  iopsLimit: null,
  written: null,
  source: null,
  priorityAdjustment: null,
  tags: [],
};
