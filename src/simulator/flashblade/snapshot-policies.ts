// Snapshot scheduling policies (FlashBlade REST 2.0+ `policies`): named sets of rules ("every
// `every` ms, keep for `keep_for` ms, optionally at `at` ms after midnight") that take snapshots
// of their member file systems on the fleet's clock (file-system-snapshots.ts takes and lists
// them; snapshot-policy-members.ts maps file systems to policies).
//
// Rules enforced: the spec's own ("`at` is only valid if `every` is in days"; changing a policy so
// that snapshots would be destroyed needs `destroy_snapshots=true`); where the spec is silent, a
// rule needs `every` and `keep_for`, `every` is at least five minutes (Purity's minimum, as on
// FlashArray), `keep_for` is at least `every`, and a policy with member file systems cannot be
// deleted (as NFS export policies in use cannot).
import { alreadyExists, badRequest, doesNotExist } from '../errors';
import { BOOL, STR, obj, validateBody, type FieldSchema } from '../http/body-schema';
import { listItems, resolveTargets } from '../http/listing';
import type { ApiRequest, ApiResult, RouteDefinition } from '../http/types';
import { newId } from '../ids';
import { checkObjectName, nameKey } from '../names';
import { atLeast, type ApiVersion } from '../versions';
import type { FlashBladeContext } from './context';
import type { FileSystemSnapshots } from './file-system-snapshots';
import { listParams } from './list-params';
import type { SnapshotPolicyRecord, SnapshotRuleRecord } from './snapshot-records';

const DAY_MS = 86_400_000;
/** Purity takes a scheduled snapshot at most every five minutes. */
export const MIN_EVERY_MS = 300_000;

const MS: FieldSchema = { type: 'integer', min: 0, max: 2 ** 53 };
const RULE: FieldSchema = obj({ at: MS, every: MS, keep_for: MS, time_zone: STR });
const RULES: FieldSchema = { type: 'array', items: RULE, maxItems: 64 };
const POLICY_POST = obj({ enabled: BOOL, rules: RULES });
const POLICY_PATCH = obj({ enabled: BOOL, rules: RULES, add_rules: RULES, remove_rules: RULES });

export interface RuleBody {
  at?: number;
  every?: number;
  keep_for?: number;
  time_zone?: string;
}
interface PolicyBody {
  enabled?: boolean;
  rules?: RuleBody[];
  add_rules?: RuleBody[];
  remove_rules?: RuleBody[];
}

/** The policy fields `filter` and `sort` may name. */
const POLICY_FIELDS = new Set(['id', 'name', 'enabled', 'is_local', 'location', 'policy_type', 'rules']);

/** Writes take `context_names` from FB 2.1 on. */
const writeParams = (v: ApiVersion | null, own: readonly string[]): string[] => [
  ...own,
  ...(v && atLeast(v, 2, 1) ? ['context_names'] : []),
];

export class SnapshotPolicies {
  policies: SnapshotPolicyRecord[] = [];

  constructor(
    private readonly ctx: FlashBladeContext,
    private readonly snapshots: FileSystemSnapshots,
    /** Whether a member id still names a file system (an eradicated one leaves its policies). */
    private readonly fileSystemExists: (id: string) => boolean,
  ) {}

  find(name: string): SnapshotPolicyRecord | undefined {
    return this.policies.find((p) => nameKey(p.name) === nameKey(name));
  }

  byId(id: string): SnapshotPolicyRecord | undefined {
    return this.policies.find((p) => p.id === id);
  }

  /** `policies` reference of a policy, as members and snapshots report it. */
  reference(p: SnapshotPolicyRecord): { id: string; name: string; resource_type: string } {
    return { id: p.id, name: p.name, resource_type: 'policies' };
  }

  /** A rule as the request states it, checked; `scheduleFrom` is now. */
  private ruleFrom(b: RuleBody, field: string): SnapshotRuleRecord {
    if (b.every === undefined) throw badRequest('A snapshot rule needs every.', `${field}.every`);
    if (b.keep_for === undefined) throw badRequest('A snapshot rule needs keep_for.', `${field}.keep_for`);
    if (b.every < MIN_EVERY_MS)
      throw badRequest('The snapshot frequency (every) must be at least 5 minutes.', `${field}.every`);
    if (b.keep_for < b.every)
      throw badRequest(
        'keep_for must be at least every (each snapshot outlives the next).',
        `${field}.keep_for`,
      );
    if (b.at !== undefined) {
      if (b.every % DAY_MS !== 0) throw badRequest("at is only valid if 'every' is in days.", `${field}.at`);
      if (b.at >= DAY_MS) throw badRequest('at must be a time of day (below 86400000 ms).', `${field}.at`);
    }
    return {
      every: b.every,
      keepFor: b.keep_for,
      at: b.at ?? null,
      timeZone: b.time_zone ?? null,
      scheduleFrom: this.ctx.clock.now(),
    };
  }

  private rulesFrom(
    bodies: readonly RuleBody[] | undefined,
    field: string,
  ): SnapshotRuleRecord[] | undefined {
    return bodies?.map((b, i) => this.ruleFrom(b, `${field}[${i}]`));
  }

  private ruleOut(r: SnapshotRuleRecord): Record<string, unknown> {
    return {
      every: r.every,
      keep_for: r.keepFor,
      ...(r.at !== null ? { at: r.at } : {}),
      ...(r.timeZone !== null ? { time_zone: r.timeZone } : {}),
    };
  }

  private policyOut(p: SnapshotPolicyRecord, v: ApiVersion): Record<string, unknown> {
    const out: Record<string, unknown> = {
      id: p.id,
      name: p.name,
      enabled: p.enabled,
      is_local: true,
      location: { id: this.ctx.arrayId(), name: this.ctx.config.name, resource_type: 'arrays' },
      rules: p.rules.map((r) => this.ruleOut(r)),
    };
    // FB 2.28's Policy adds the type, realms and retention lock (not in 2.0).
    if (atLeast(v, 2, 1)) {
      out.policy_type = 'snapshot';
      out.realms = [];
      out.retention_lock = 'unlocked';
    }
    return out;
  }

  private getPolicies(req: ApiRequest): ApiResult {
    this.ctx.checkContext(req);
    const v = req.version as ApiVersion;
    return listItems(req, {
      family: 'flashblade',
      kind: 'Policy',
      items: this.policies,
      seq: (p) => p.seq,
      serialize: (p) => this.policyOut(p, v),
      byName: (n) => this.find(n),
      byId: (id) => this.byId(id),
      fields: POLICY_FIELDS,
    });
  }

  private postPolicies(req: ApiRequest): ApiResult {
    this.ctx.checkContext(req);
    const names = req.query.list('names');
    if (!names) throw badRequest('names is required.', 'names');
    const body = validateBody<PolicyBody>(req.body ?? {}, POLICY_POST);
    for (const n of names) {
      checkObjectName(n, 'Policy');
      if (this.find(n)) throw alreadyExists('Policy', n);
    }
    const rules = this.rulesFrom(body.rules, 'rules') ?? [];
    const created = names.map((name) => {
      const p: SnapshotPolicyRecord = {
        seq: this.ctx.takeSeq(),
        id: newId(),
        name,
        enabled: body.enabled ?? true,
        rules: rules.map((r) => ({ ...r })),
        memberIds: [],
        nextSuffix: 1,
      };
      this.policies.push(p);
      return p;
    });
    this.ctx.changed();
    const v = req.version as ApiVersion;
    return { body: { items: created.map((p) => this.policyOut(p, v)) } };
  }

  /** The rules a PATCH leaves: `rules` replaces them all, then `remove_rules` and `add_rules` edit them. */
  private patchedRules(p: SnapshotPolicyRecord, body: PolicyBody): SnapshotRuleRecord[] {
    const same = (a: SnapshotRuleRecord, b: SnapshotRuleRecord): boolean =>
      a.every === b.every && a.keepFor === b.keepFor && a.at === b.at;
    let rules = this.rulesFrom(body.rules, 'rules') ?? p.rules.map((r) => ({ ...r }));
    // An unchanged rule keeps counting from where it did, so re-sending it skips no snapshot.
    rules = rules.map((r) => p.rules.find((old) => same(old, r)) ?? r);
    for (const gone of this.rulesFrom(body.remove_rules, 'remove_rules') ?? []) {
      const at = rules.findIndex((r) => same(r, gone));
      if (at < 0) throw badRequest('The policy has no such rule.', p.name);
      rules.splice(at, 1);
    }
    rules.push(...(this.rulesFrom(body.add_rules, 'add_rules') ?? []));
    return rules;
  }

  private patchPolicies(req: ApiRequest): ApiResult {
    this.ctx.checkContext(req);
    const body = validateBody<PolicyBody>(req.body, POLICY_PATCH);
    if (body.rules && (body.add_rules || body.remove_rules))
      throw badRequest('rules cannot be combined with add_rules or remove_rules.', 'rules');
    const targets = resolveTargets(
      req,
      'Policy',
      (n) => this.find(n),
      (id) => this.byId(id),
    );
    const destroyOk = req.query.bool('destroy_snapshots') ?? false;
    const planned = targets.map((p) => ({ p, rules: this.patchedRules(p, body) }));
    for (const { p, rules } of planned) {
      const keepFor = Math.max(0, ...rules.map((r) => r.keepFor));
      if (!destroyOk && this.snapshots.wouldExpire(p.id, keepFor, this.ctx.clock.now()))
        throw badRequest(
          'This change would destroy snapshots the policy took. Set destroy_snapshots=true to allow it.',
          p.name,
        );
    }
    for (const { p, rules } of planned) {
      // A policy switched back on counts its schedule from now: it owes nothing for the pause.
      if (body.enabled === true && !p.enabled) for (const r of rules) r.scheduleFrom = this.ctx.clock.now();
      if (body.enabled !== undefined) p.enabled = body.enabled;
      p.rules = rules;
      this.snapshots.retain(p.id, Math.max(0, ...rules.map((r) => r.keepFor)), this.ctx.clock.now());
    }
    this.ctx.changed();
    const v = req.version as ApiVersion;
    return { body: { items: targets.map((p) => this.policyOut(p, v)) } };
  }

  private deletePolicies(req: ApiRequest): ApiResult {
    this.ctx.checkContext(req);
    const targets = resolveTargets(
      req,
      'Policy',
      (n) => this.find(n),
      (id) => this.byId(id),
    );
    for (const p of targets)
      if (p.memberIds.some(this.fileSystemExists))
        throw badRequest('Policy is in use by file systems. Remove them from the policy first.', p.name);
    this.policies = this.policies.filter((p) => !targets.includes(p));
    // The snapshots it took stay (they belong to their file systems), now without a policy.
    for (const p of targets) this.snapshots.orphan(p.id);
    this.ctx.changed();
    return {};
  }

  routes(): RouteDefinition[] {
    return [
      {
        method: 'GET',
        resource: 'policies',
        auth: true,
        params: (v) => listParams(v, ['names', 'ids', ...(v && atLeast(v, 2, 1) ? ['allow_errors'] : [])]),
        body: 'none',
        handle: (r) => this.getPolicies(r),
      },
      {
        method: 'POST',
        resource: 'policies',
        auth: true,
        params: (v) => writeParams(v, ['names']),
        body: 'optional',
        handle: (r) => this.postPolicies(r),
      },
      {
        method: 'PATCH',
        resource: 'policies',
        auth: true,
        params: (v) => writeParams(v, ['names', 'ids', 'destroy_snapshots']),
        body: 'required',
        handle: (r) => this.patchPolicies(r),
      },
      {
        method: 'DELETE',
        resource: 'policies',
        auth: true,
        params: (v) => writeParams(v, ['names', 'ids']),
        body: 'none',
        handle: (r) => this.deletePolicies(r),
      },
    ];
  }

  /** The one policy a membership request names (by `policy_names` or `policy_ids`). */
  policyOf(req: ApiRequest, required: boolean): SnapshotPolicyRecord[] | undefined {
    const names = req.query.list('policy_names');
    const ids = req.query.list('policy_ids');
    if (names && ids)
      throw badRequest('policy_names and policy_ids cannot be used together.', 'policy_names');
    if (!names && !ids) {
      if (required) throw badRequest('policy_names or policy_ids is required.', 'policy_names');
      return undefined;
    }
    return (names ?? ids ?? []).map((key) => {
      const p = names ? this.find(key) : this.byId(key);
      if (!p) throw doesNotExist('Policy', key);
      return p;
    });
  }
}

export { writeParams as snapshotWriteParams };
