// File-system snapshots (FlashBlade REST 2.0+ `file-system-snapshots`, GET): taken on the fleet's
// clock by the sweep as each snapshot policy's rules fall due, one per live member file system,
// and removed once older than the rule's `keep_for`. A snapshot belongs to its file system: it is
// reported destroyed while its owner is ("If the owner is destroyed, this will be destroyed", the
// spec's words) and goes when the owner is eradicated. Space taken by snapshots is not modelled.
import { badRequest } from '../errors';
import { listItems } from '../http/listing';
import type { ApiRequest, ApiResult, RouteDefinition } from '../http/types';
import { newId } from '../ids';
import { nameKey } from '../names';
import { atLeast, type ApiVersion } from '../versions';
import type { FlashBladeContext } from './context';
import type { FileSystems } from './file-systems';
import { listParams } from './list-params';
import type { FileSystemRecord } from './records';
import type { FileSystemSnapshotRecord, SnapshotPolicyRecord, SnapshotRuleRecord } from './snapshot-records';

/** A sweep after a long clock jump takes at most this many snapshots per rule (older ones would expire anyway). */
const MAX_TICKS_PER_SWEEP = 1000;

const SNAPSHOT_FIELDS = new Set([
  'id',
  'name',
  'created',
  'destroyed',
  'owner',
  'owner_destroyed',
  'policy',
  'policies',
  'source',
  'suffix',
  'time_remaining',
]);

/** The times in (from, now] at which a rule is due: aligned to `at` for daily rules, else from `scheduleFrom`. */
export function dueTimes(rule: SnapshotRuleRecord, now: number): number[] {
  const { every } = rule;
  if (every <= 0 || now <= rule.scheduleFrom) return [];
  const anchor = rule.at ?? rule.scheduleFrom;
  const firstK = Math.floor((rule.scheduleFrom - anchor) / every) + 1;
  const lastK = Math.floor((now - anchor) / every);
  const out: number[] = [];
  for (let k = Math.max(firstK, lastK - MAX_TICKS_PER_SWEEP + 1); k <= lastK; k++)
    out.push(anchor + k * every);
  return out;
}

export class FileSystemSnapshots {
  snapshots: FileSystemSnapshotRecord[] = [];

  constructor(
    private readonly ctx: FlashBladeContext,
    private readonly fs: FileSystems,
  ) {}

  private owner(s: FileSystemSnapshotRecord): FileSystemRecord | undefined {
    return this.fs.fileSystems.get(s.ownerId);
  }

  /** Takes what the policies' rules owe by `now` and drops expired snapshots; true if anything changed. */
  sweep(now: number, policies: readonly SnapshotPolicyRecord[]): boolean {
    let changed = false;
    for (const p of policies) {
      if (!p.enabled) continue;
      for (const rule of p.rules) {
        const due = dueTimes(rule, now);
        if (due.length === 0) continue;
        for (const at of due) {
          const suffix = p.nextSuffix++;
          if (now - at > rule.keepFor) continue; // taken and removed since: only its number is left
          for (const id of p.memberIds) {
            const owner = this.fs.fileSystems.get(id);
            if (!owner || owner.destroyed) continue;
            this.snapshots.push({
              seq: this.ctx.takeSeq(),
              id: newId(),
              suffix: `${p.name}.${suffix}`,
              ownerId: id,
              created: at,
              policyId: p.id,
              keepFor: rule.keepFor,
            });
          }
        }
        rule.scheduleFrom = due[due.length - 1] as number;
        changed = true;
      }
    }
    const before = this.snapshots.length;
    this.snapshots = this.snapshots.filter(
      (s) => this.owner(s) !== undefined && (s.keepFor === null || now - s.created <= s.keepFor),
    );
    return changed || this.snapshots.length !== before;
  }

  /** Whether holding the policy's snapshots for only `keepFor` would remove any of them now. */
  wouldExpire(policyId: string, keepFor: number, now: number): boolean {
    return this.snapshots.some((s) => s.policyId === policyId && now - s.created > keepFor);
  }

  /** The policy's snapshots are held for `keepFor` from now on (its rules changed); those past it go now. */
  retain(policyId: string, keepFor: number, now: number): void {
    if (keepFor <= 0) return;
    for (const s of this.snapshots) if (s.policyId === policyId) s.keepFor = keepFor;
    this.snapshots = this.snapshots.filter((s) => s.policyId !== policyId || now - s.created <= keepFor);
  }

  /** The policy was deleted: its snapshots stay with their file systems, kept until removed by hand. */
  orphan(policyId: string): void {
    for (const s of this.snapshots)
      if (s.policyId === policyId) {
        s.policyId = null;
        s.keepFor = null;
      }
  }

  private nameOf(s: FileSystemSnapshotRecord, owner: FileSystemRecord): string {
    return `${owner.name}.${s.suffix}`;
  }

  private out(
    s: FileSystemSnapshotRecord,
    v: ApiVersion,
    now: number,
    policies: readonly SnapshotPolicyRecord[],
  ): Record<string, unknown> {
    const owner = this.owner(s) as FileSystemRecord;
    const location = { id: this.ctx.arrayId(), name: this.ctx.config.name, resource_type: 'arrays' };
    const fsRef = { id: owner.id, name: owner.name, resource_type: 'file-systems' };
    const out: Record<string, unknown> = {
      id: s.id,
      name: this.nameOf(s, owner),
      created: s.created,
      destroyed: owner.destroyed,
      owner: fsRef,
      owner_destroyed: owner.destroyed,
      source: { ...fsRef, display_name: owner.name, is_local: true, location },
      suffix: s.suffix,
    };
    const policy = s.policyId ? policies.find((p) => p.id === s.policyId) : undefined;
    const policyRef = policy
      ? {
          id: policy.id,
          name: policy.name,
          resource_type: 'policies',
          display_name: policy.name,
          is_local: true,
          location,
        }
      : undefined;
    if (policyRef) out.policy = policyRef;
    if (atLeast(v, 2, 1)) out.policies = policyRef ? [policyRef] : [];
    if (owner.destroyed && owner.destroyedAt !== null)
      out.time_remaining = Math.max(0, this.ctx.config.eradicationDelayMs - (now - owner.destroyedAt));
    return out;
  }

  /** `names_or_owner_names`: each a snapshot's name or its file system's. */
  private selected(req: ApiRequest): FileSystemSnapshotRecord[] {
    const live = this.snapshots.filter((s) => this.owner(s) !== undefined);
    const keys = req.query.list('names_or_owner_names');
    const ownerIds = req.query.list('owner_ids');
    if (keys && ownerIds)
      throw badRequest('names_or_owner_names and owner_ids cannot be used together.', 'owner_ids');
    if (ownerIds) {
      for (const id of ownerIds)
        if (!this.fs.fileSystems.has(id)) throw badRequest('File system does not exist.', id);
      return live.filter((s) => ownerIds.includes(s.ownerId));
    }
    if (!keys) return live;
    const picked = new Set<FileSystemSnapshotRecord>();
    for (const key of keys) {
      const k = nameKey(key);
      const owner = [...this.fs.fileSystems.values()].find((f) => nameKey(f.name) === k);
      const matches = live.filter(
        (s) =>
          (owner && s.ownerId === owner.id) ||
          nameKey(this.nameOf(s, this.owner(s) as FileSystemRecord)) === k,
      );
      if (!owner && matches.length === 0) throw badRequest('File system snapshot does not exist.', key);
      for (const s of matches) picked.add(s);
    }
    return live.filter((s) => picked.has(s));
  }

  private getSnapshots(req: ApiRequest, policies: () => readonly SnapshotPolicyRecord[]): ApiResult {
    this.ctx.checkContext(req);
    const v = req.version as ApiVersion;
    const now = this.ctx.clock.now();
    const all = policies();
    return listItems(req, {
      family: 'flashblade',
      kind: 'File system snapshot',
      items: this.selected(req),
      seq: (s) => s.seq,
      serialize: (s) => this.out(s, v, now, all),
      byId: (id) => this.snapshots.find((s) => s.id === id && this.owner(s) !== undefined),
      destroyed: (s) => this.owner(s)?.destroyed ?? false,
      fields: SNAPSHOT_FIELDS,
    });
  }

  routes(policies: () => readonly SnapshotPolicyRecord[]): RouteDefinition[] {
    return [
      {
        method: 'GET',
        resource: 'file-system-snapshots',
        auth: true,
        params: (v) =>
          listParams(v, [
            'ids',
            'names_or_owner_names',
            'owner_ids',
            'destroyed',
            ...(v && atLeast(v, 2, 1) ? ['allow_errors'] : []),
          ]),
        body: 'none',
        handle: (r) => this.getSnapshots(r, policies),
      },
    ];
  }
}
