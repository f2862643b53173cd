// FlashArray protection groups over REST (FA 2.x `protection-groups`, `protection-groups/volumes`):
// groups of volumes snapshotted together on a schedule (snapshots.ts takes and lists them).
import { alreadyExists, badRequest, doesNotExist } from '../errors';
import { BOOL, STR, obj, validateBody, type FieldSchema } from '../http/body-schema';
import { listItems, resolveTargets } from '../http/listing';
import type { ApiRequest, ApiResult, RouteDefinition } from '../http/types';
import { newId } from '../ids';
import { checkObjectName } from '../names';
import { checkContext, listParams, requireEach, writeParams, type FaContext } from './context';
import type { ProtectionGroupRecord, VolumeRecord } from './records';

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
    ];
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

  // --- groups -----------------------------------------------------------------

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
}
