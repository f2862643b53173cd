// FlashArray protection groups over REST (FA 2.x `protection-groups`, `protection-groups/volumes`,
// `protection-group-snapshots`): groups of volumes snapshotted together on a schedule, taken on
// the fleet's clock by the eradication sweep, and kept for the group's source retention
// (`all_for_sec`; the per-day thinning after it is not modelled: older snapshots are removed).
import { alreadyExists, badRequest, doesNotExist } from '../errors';
import { BOOL, STR, obj, validateBody, type FieldSchema } from '../http/body-schema';
import { listItems, resolveTargets } from '../http/listing';
import type { ApiRequest, ApiResult, RouteDefinition } from '../http/types';
import { newId } from '../ids';
import { checkObjectName } from '../names';
import { checkContext, listParams, requireEach, writeParams, type FaContext } from './context';
import type { ProtectionGroupRecord, ProtectionGroupSnapshotRecord, VolumeRecord } from './records';

const INT: FieldSchema = { type: 'integer', min: 0, max: 2 ** 53 };
const PG_PATCH = obj({
  name: STR,
  destroyed: BOOL,
  snapshot_schedule: obj({ enabled: BOOL, frequency: INT, at: INT }),
  source_retention: obj({
    all_for_sec: INT,
    per_day: INT,
    days: INT,
    per_period: INT,
    period_length_ms: INT,
  }),
  replication_schedule: obj({ enabled: BOOL, frequency: INT }),
  target_retention: obj({ all_for_sec: INT, per_day: INT, days: INT }),
  retention_lock: STR,
});
const PG_POST = obj({
  tags: { type: 'array', items: obj({ key: STR, value: STR, namespace: STR }), maxItems: 30 },
});

interface PgPatchBody {
  name?: string;
  destroyed?: boolean;
  snapshot_schedule?: { enabled?: boolean; frequency?: number; at?: number };
  source_retention?: { all_for_sec?: number; per_day?: number; days?: number };
  replication_schedule?: unknown;
  target_retention?: unknown;
  retention_lock?: string;
}

/** Purity's minimum snapshot frequency is five minutes. */
const MIN_FREQUENCY_MS = 300_000;
/** A sweep after a long clock jump takes at most this many snapshots per group (older ones would expire anyway). */
const MAX_SNAPSHOTS_PER_SWEEP = 1000;

export class ProtectionRoutes {
  constructor(private readonly ctx: FaContext) {}

  routes(): RouteDefinition[] {
    const since = 2;
    return [
      {
        method: 'GET',
        resource: 'protection-groups',
        sinceMinor: since,
        auth: true,
        params: (v) => listParams(v, ['names', 'ids', 'destroyed', 'total_only']),
        body: 'none',
        handle: (r) => this.getGroups(r),
      },
      {
        method: 'POST',
        resource: 'protection-groups',
        sinceMinor: since,
        auth: true,
        params: (v) => writeParams(v, ['names']),
        body: 'optional',
        handle: (r) => this.postGroups(r),
      },
      {
        method: 'PATCH',
        resource: 'protection-groups',
        sinceMinor: since,
        auth: true,
        params: (v) => writeParams(v, ['names', 'ids']),
        body: 'required',
        handle: (r) => this.patchGroups(r),
      },
      {
        method: 'DELETE',
        resource: 'protection-groups',
        sinceMinor: since,
        auth: true,
        params: (v) => writeParams(v, ['names', 'ids']),
        body: 'none',
        handle: (r) => this.deleteGroups(r),
      },
      {
        method: 'GET',
        resource: 'protection-groups/volumes',
        sinceMinor: since,
        auth: true,
        params: (v) => listParams(v, ['group_names', 'member_names']),
        body: 'none',
        handle: (r) => this.getMembers(r),
      },
      {
        method: 'POST',
        resource: 'protection-groups/volumes',
        sinceMinor: since,
        auth: true,
        params: (v) => writeParams(v, ['group_names', 'member_names']),
        body: 'none',
        handle: (r) => this.postMembers(r),
      },
      {
        method: 'DELETE',
        resource: 'protection-groups/volumes',
        sinceMinor: since,
        auth: true,
        params: (v) => writeParams(v, ['group_names', 'member_names']),
        body: 'none',
        handle: (r) => this.deleteMembers(r),
      },
      {
        method: 'GET',
        resource: 'protection-group-snapshots',
        sinceMinor: since,
        auth: true,
        params: (v) => listParams(v, ['names', 'ids', 'destroyed', 'source_names', 'total_only']),
        body: 'none',
        handle: (r) => this.getSnapshots(r),
      },
      {
        method: 'GET',
        resource: 'volume-snapshots',
        sinceMinor: since,
        auth: true,
        params: (v) =>
          listParams(v, ['names', 'ids', 'destroyed', 'source_names', 'source_ids', 'total_only']),
        body: 'none',
        handle: (r) => this.getVolumeSnapshots(r),
      },
    ];
  }

  // --- the schedule, on the fleet's clock -----------------------------------

  /** Takes every snapshot the schedules owe by `now` and drops those past retention; true if anything changed. */
  sweep(now: number): boolean {
    const store = this.ctx.store;
    let changed = false;
    for (const g of store.protectionGroups.values()) {
      if (g.destroyed || !g.schedule.enabled || g.schedule.frequencyMs <= 0) continue;
      const freq = g.schedule.frequencyMs;
      const owed = Math.floor((now - g.scheduleFrom) / freq);
      if (owed <= 0) continue;
      const first = Math.max(1, owed - MAX_SNAPSHOTS_PER_SWEEP + 1);
      for (let k = first; k <= owed; k++) {
        const at = g.scheduleFrom + k * freq;
        const volumeNames = g.volumeIds
          .map((id) => store.volumes.get(id))
          .filter((v): v is VolumeRecord => v !== undefined && !v.destroyed)
          .map((v) => v.name);
        if (volumeNames.length === 0) continue;
        store.pgSnapshots.push({
          seq: this.ctx.nextSeq(),
          id: newId(),
          groupId: g.id,
          suffix: g.nextSuffix++,
          created: at,
          volumeNames,
        });
      }
      g.scheduleFrom += owed * freq;
      changed = true;
    }
    const before = store.pgSnapshots.length;
    store.pgSnapshots = store.pgSnapshots.filter((s) => {
      const g = store.protectionGroups.get(s.groupId);
      return g !== undefined && now - s.created <= g.retention.allForSec * 1000;
    });
    return changed || store.pgSnapshots.length !== before;
  }

  // --- serialisation ----------------------------------------------------------

  private groupOut(g: ProtectionGroupRecord): Record<string, unknown> {
    const out: Record<string, unknown> = {
      id: g.id,
      name: g.name,
      destroyed: g.destroyed,
      host_count: 0,
      host_group_count: 0,
      is_local: true,
      retention_lock: 'unlocked',
      snapshot_schedule: {
        enabled: g.schedule.enabled,
        frequency: g.schedule.frequencyMs,
        ...(g.schedule.at !== undefined ? { at: g.schedule.at } : {}),
      },
      source_retention: {
        all_for_sec: g.retention.allForSec,
        per_day: g.retention.perDay,
        days: g.retention.days,
      },
      target_count: 0,
      volume_count: g.volumeIds.length,
    };
    if (g.destroyed && g.destroyedAt !== null)
      out.time_remaining = Math.max(
        0,
        this.ctx.config.eradicationDelayMs - (this.ctx.clock.now() - g.destroyedAt),
      );
    return out;
  }

  private snapshotOut(s: ProtectionGroupSnapshotRecord): Record<string, unknown> {
    const g = this.ctx.store.protectionGroups.get(s.groupId) as ProtectionGroupRecord;
    return {
      id: s.id,
      name: `${g.name}.${s.suffix}`,
      created: s.created,
      destroyed: false,
      source: { id: g.id, name: g.name },
      suffix: String(s.suffix),
    };
  }

  // --- groups -----------------------------------------------------------------

  private requireGroup(name: string): ProtectionGroupRecord {
    const g = this.ctx.store.findProtectionGroup(name);
    if (!g) throw doesNotExist('Protection group', name);
    return g;
  }

  private getGroups(req: ApiRequest): ApiResult {
    checkContext(this.ctx, req);
    const store = this.ctx.store;
    return listItems(req, {
      family: 'flasharray',
      kind: 'Protection group',
      items: store.protectionGroups.values(),
      seq: (g) => g.seq,
      serialize: (g) => this.groupOut(g),
      byName: (n) => store.findProtectionGroup(n),
      byId: (id) => store.protectionGroups.get(id),
      destroyed: (g) => g.destroyed,
      fields: new Set(['id', 'name', 'destroyed', 'snapshot_schedule', 'source_retention', 'volume_count']),
    });
  }

  private postGroups(req: ApiRequest): ApiResult {
    checkContext(this.ctx, req);
    const names = req.query.list('names');
    if (!names) throw badRequest('names is required.', 'names');
    validateBody(req.body ?? {}, PG_POST);
    for (const n of names) {
      checkObjectName(n, 'Protection group');
      if (this.ctx.store.findProtectionGroup(n)) throw alreadyExists('Protection group', n);
    }
    const now = this.ctx.clock.now();
    const created = names.map((name) => {
      // Purity's defaults: the snapshot schedule off, hourly; keep all snapshots for a day.
      const g: ProtectionGroupRecord = {
        seq: this.ctx.nextSeq(),
        id: newId(),
        name,
        created: now,
        destroyed: false,
        destroyedAt: null,
        schedule: { enabled: false, frequencyMs: 3_600_000 },
        retention: { allForSec: 86_400, perDay: 4, days: 7 },
        volumeIds: [],
        scheduleFrom: now,
        nextSuffix: 1,
      };
      this.ctx.store.protectionGroups.set(g.id, g);
      return g;
    });
    this.ctx.changed();
    return { body: { items: created.map((g) => this.groupOut(g)) } };
  }

  private patchGroups(req: ApiRequest): ApiResult {
    checkContext(this.ctx, req);
    const body = validateBody<PgPatchBody>(req.body, PG_PATCH);
    const store = this.ctx.store;
    const targets = resolveTargets(
      req,
      'Protection group',
      (n) => store.findProtectionGroup(n),
      (id) => store.protectionGroups.get(id),
    );
    const freq = body.snapshot_schedule?.frequency;
    if (freq !== undefined && freq < MIN_FREQUENCY_MS)
      throw badRequest('The snapshot frequency must be at least 5 minutes.', 'snapshot_schedule.frequency');
    if (body.name !== undefined) {
      if (targets.length > 1) throw badRequest('Only one protection group can be renamed at a time.', 'name');
      checkObjectName(body.name, 'Protection group');
      const other = store.findProtectionGroup(body.name);
      if (other && other !== targets[0]) throw alreadyExists('Protection group', body.name);
    }
    for (const g of targets) {
      const modifies = body.snapshot_schedule || body.source_retention || body.name !== undefined;
      if (g.destroyed && body.destroyed !== false && modifies)
        throw badRequest('Protection group has been destroyed. Recover it before modifying it.', g.name);
    }
    const now = this.ctx.clock.now();
    for (const g of targets) {
      if (body.destroyed !== undefined) {
        g.destroyed = body.destroyed;
        g.destroyedAt = body.destroyed ? now : null;
      }
      if (body.name !== undefined) g.name = body.name;
      const s = body.snapshot_schedule;
      if (s) {
        const wasOn = g.schedule.enabled;
        if (s.enabled !== undefined) g.schedule.enabled = s.enabled;
        if (s.frequency !== undefined) g.schedule.frequencyMs = s.frequency;
        if (s.at !== undefined) g.schedule.at = s.at;
        // A schedule switched on or changed counts from now.
        if (!wasOn || s.frequency !== undefined) g.scheduleFrom = now;
      }
      const r = body.source_retention;
      if (r) {
        if (r.all_for_sec !== undefined) g.retention.allForSec = r.all_for_sec;
        if (r.per_day !== undefined) g.retention.perDay = r.per_day;
        if (r.days !== undefined) g.retention.days = r.days;
      }
    }
    this.ctx.changed();
    return { body: { items: targets.map((g) => this.groupOut(g)) } };
  }

  private deleteGroups(req: ApiRequest): ApiResult {
    checkContext(this.ctx, req);
    const store = this.ctx.store;
    const targets = resolveTargets(
      req,
      'Protection group',
      (n) => store.findProtectionGroup(n),
      (id) => store.protectionGroups.get(id),
    );
    for (const g of targets)
      if (!g.destroyed)
        throw badRequest('Protection group is not destroyed. Destroy it before eradicating it.', g.name);
    for (const g of targets) {
      store.protectionGroups.delete(g.id);
      store.pgSnapshots = store.pgSnapshots.filter((s) => s.groupId !== g.id);
    }
    this.ctx.changed();
    return {};
  }

  // --- members ------------------------------------------------------------------

  private memberTargets(
    req: ApiRequest,
    required: boolean,
  ): { groups?: ProtectionGroupRecord[]; volumes?: VolumeRecord[] } {
    const store = this.ctx.store;
    const groupNames = req.query.list('group_names');
    const memberNames = req.query.list('member_names');
    if (required && (!groupNames || !memberNames))
      throw badRequest(
        'group_names and member_names are required.',
        groupNames ? 'member_names' : 'group_names',
      );
    return {
      groups: groupNames
        ? requireEach(
            groupNames,
            (n) => store.findProtectionGroup(n),
            (n) => doesNotExist('Protection group', n),
          )
        : undefined,
      volumes: memberNames
        ? requireEach(
            memberNames,
            (n) => store.findVolume(n),
            (n) => doesNotExist('Volume', n),
          )
        : undefined,
    };
  }

  private getMembers(req: ApiRequest): ApiResult {
    checkContext(this.ctx, req);
    const { groups, volumes } = this.memberTargets(req, false);
    const volIds = volumes ? new Set(volumes.map((v) => v.id)) : undefined;
    const rows: Array<{ seq: number; g: ProtectionGroupRecord; v: VolumeRecord }> = [];
    for (const g of groups ?? this.ctx.store.protectionGroups.values()) {
      for (const id of g.volumeIds) {
        const v = this.ctx.store.volumes.get(id);
        if (v && (!volIds || volIds.has(id))) rows.push({ seq: rows.length, g, v });
      }
    }
    return listItems(req, {
      family: 'flasharray',
      kind: 'Member',
      items: rows,
      seq: (r) => r.seq,
      serialize: (r) => ({ group: { name: r.g.name }, member: { name: r.v.name } }),
      fields: new Set(['group', 'member']),
    });
  }

  private postMembers(req: ApiRequest): ApiResult {
    checkContext(this.ctx, req);
    const { groups, volumes } = this.memberTargets(req, true);
    const gs = groups as ProtectionGroupRecord[];
    const vs = volumes as VolumeRecord[];
    for (const g of gs) {
      if (g.destroyed) throw badRequest('Protection group has been destroyed.', g.name);
      for (const v of vs) {
        if (v.destroyed) throw badRequest('Volume has been destroyed.', v.name);
        if (g.volumeIds.includes(v.id))
          throw badRequest('Volume is already a member of the protection group.', v.name);
      }
    }
    const out: Array<Record<string, unknown>> = [];
    for (const g of gs)
      for (const v of vs) {
        g.volumeIds.push(v.id);
        out.push({ group: { name: g.name }, member: { name: v.name } });
      }
    this.ctx.changed();
    return { body: { items: out } };
  }

  private deleteMembers(req: ApiRequest): ApiResult {
    checkContext(this.ctx, req);
    const { groups, volumes } = this.memberTargets(req, true);
    for (const g of groups as ProtectionGroupRecord[])
      for (const v of volumes as VolumeRecord[])
        if (!g.volumeIds.includes(v.id))
          throw badRequest('Volume is not a member of the protection group.', v.name);
    for (const g of groups as ProtectionGroupRecord[]) {
      const doomed = new Set((volumes as VolumeRecord[]).map((v) => v.id));
      g.volumeIds = g.volumeIds.filter((id) => !doomed.has(id));
    }
    this.ctx.changed();
    return {};
  }

  // --- snapshots ----------------------------------------------------------------

  /** The volume snapshots inside the groups' snapshots, named `<group>.<suffix>.<volume>` as Purity names them. */
  private getVolumeSnapshots(req: ApiRequest): ApiResult {
    checkContext(this.ctx, req);
    const store = this.ctx.store;
    const sources = req.query.list('source_names');
    const wanted = sources
      ? new Set(
          requireEach(
            sources,
            (n) => store.findVolume(n),
            (n) => doesNotExist('Volume', n),
          ).map((v) => v.name),
        )
      : undefined;
    const rows: Array<{ seq: number; snap: ProtectionGroupSnapshotRecord; volume: string; name: string }> =
      [];
    for (const snap of store.pgSnapshots) {
      const group = store.protectionGroups.get(snap.groupId);
      if (!group) continue;
      for (const volume of snap.volumeNames)
        if (!wanted || wanted.has(volume))
          rows.push({ seq: rows.length, snap, volume, name: `${group.name}.${snap.suffix}.${volume}` });
    }
    return listItems(req, {
      family: 'flasharray',
      kind: 'Volume snapshot',
      items: rows,
      seq: (r) => r.seq,
      serialize: (r) => {
        const vol = store.findVolume(r.volume);
        return {
          id: `${r.snap.id}-${r.volume}`,
          name: r.name,
          created: r.snap.created,
          destroyed: false,
          provisioned: vol?.provisioned ?? 0,
          source: vol ? { id: vol.id, name: vol.name } : { name: r.volume },
          suffix: String(r.snap.suffix),
        };
      },
      byName: (n) => rows.find((r) => r.name.toLowerCase() === n.toLowerCase()),
      destroyed: () => false,
      fields: new Set(['id', 'name', 'created', 'destroyed', 'provisioned', 'source', 'suffix']),
    });
  }

  private getSnapshots(req: ApiRequest): ApiResult {
    checkContext(this.ctx, req);
    const store = this.ctx.store;
    const sources = req.query.list('source_names');
    const groupIds = sources
      ? new Set(
          requireEach(
            sources,
            (n) => store.findProtectionGroup(n),
            (n) => doesNotExist('Protection group', n),
          ).map((g) => g.id),
        )
      : undefined;
    const rows = store.pgSnapshots.filter((s) => !groupIds || groupIds.has(s.groupId));
    const nameOf = (s: ProtectionGroupSnapshotRecord): string => this.snapshotOut(s).name as string;
    return listItems(req, {
      family: 'flasharray',
      kind: 'Protection group snapshot',
      items: rows,
      seq: (s) => s.seq,
      serialize: (s) => this.snapshotOut(s),
      byName: (n) => rows.find((s) => nameOf(s).toLowerCase() === n.toLowerCase()),
      byId: (id) => rows.find((s) => s.id === id),
      destroyed: () => false,
      fields: new Set(['id', 'name', 'created', 'destroyed', 'source', 'suffix']),
    });
  }
}
