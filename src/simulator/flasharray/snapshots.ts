// Snapshots of protection groups: taken on the fleet's clock by the sweep as each group's schedule
// falls due, kept for the group's source retention (`all_for_sec`; the per-day thinning after it
// is not modelled: older snapshots are removed), and listed over REST as
// `protection-group-snapshots` and, per volume inside them, `volume-snapshots`.
import { doesNotExist } from '../errors';
import { listItems } from '../http/listing';
import type { ApiRequest, ApiResult, RouteDefinition } from '../http/types';
import { newId } from '../ids';
import { checkContext, listParams, requireEach, type FaContext } from './context';
import type { ProtectionGroupRecord, ProtectionGroupSnapshotRecord, VolumeRecord } from './records';

/** A sweep after a long clock jump takes at most this many snapshots per group (older ones would expire anyway). */
const MAX_SNAPSHOTS_PER_SWEEP = 1000;

export class SnapshotRoutes {
  constructor(private readonly ctx: FaContext) {}

  routes(): RouteDefinition[] {
    const since = 2;
    return [
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
