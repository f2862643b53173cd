// QoS policies (FlashBlade REST 2.17+, `qos-policies` of FB2.28.spec.yaml; FB 2.0 has none): a
// named pair of limits, `max_total_ops_per_sec` (100 to 100M) and `max_total_bytes_per_sec`
// (1 MiB/s to 512 GiB/s), null meaning "no limit". A file system holds at most one, through its
// `qos_policy` reference or `qos-policies/members` (POST and DELETE from 2.20, as py-pure-client's
// FB_2_20 module first has them). A policy in use, by a destroyed file system too, cannot be
// deleted. The version an endpoint appears in follows py-pure-client's modules (FB_2_17 first has
// qos-policies); only 2.0 and 2.28 have specs here, and 2.28 is the shape served from 2.17 up.
import { alreadyExists, badRequest, doesNotExist } from '../errors';
import { BOOL, STR, obj, validateBody, type FieldSchema } from '../http/body-schema';
import { listItems, resolveTargets } from '../http/listing';
import type { ApiRequest, ApiResult, RouteDefinition } from '../http/types';
import { newId } from '../ids';
import { checkObjectName, nameKey } from '../names';
import type { FlashBladeContext } from './context';
import { listParams } from './list-params';
import type { FileSystemRecord, QosPolicyRecord } from './records';

/** First minor versions: the policies and their listings, then member POST/DELETE. */
export const QOS_SINCE_MINOR = 17;
const MEMBERS_WRITE_SINCE_MINOR = 20;

/** FB 2.28 `QosPolicy` ranges (the spec's minimum and maximum). */
const OPS: FieldSchema = { type: 'integer', min: 100, max: 100_000_000 };
const BYTES: FieldSchema = { type: 'integer', min: 1_048_576, max: 549_755_813_888 };
const LIMITS = ['max_total_ops_per_sec', 'max_total_bytes_per_sec'] as const;
type LimitField = (typeof LIMITS)[number];

const POST_BODY = obj({ enabled: BOOL, max_total_ops_per_sec: OPS, max_total_bytes_per_sec: BYTES });
const PATCH_BODY = obj({
  enabled: BOOL,
  name: STR,
  max_total_ops_per_sec: OPS,
  max_total_bytes_per_sec: BYTES,
});

const QOS_FIELDS = new Set(['id', 'name', 'enabled', 'is_local', 'location', 'policy_type', ...LIMITS]);
const MEMBER_FIELDS = new Set(['member', 'policy']);

interface PolicyBody {
  enabled?: boolean;
  name?: string;
  max_total_ops_per_sec?: number;
  max_total_bytes_per_sec?: number;
}

/** What the policies need of the array's file systems. */
export interface QosFileSystems {
  all(): Iterable<FileSystemRecord>;
  lookup(name: string): FileSystemRecord | undefined;
  lookupId(id: string): FileSystemRecord | undefined;
}

const recordField: Record<LimitField, 'maxTotalOpsPerSec' | 'maxTotalBytesPerSec'> = {
  max_total_ops_per_sec: 'maxTotalOpsPerSec',
  max_total_bytes_per_sec: 'maxTotalBytesPerSec',
};

export class QosPolicies {
  policies: QosPolicyRecord[] = [];

  constructor(
    private readonly ctx: FlashBladeContext,
    private readonly fileSystems: QosFileSystems,
  ) {}

  find(name: string): QosPolicyRecord | undefined {
    return this.policies.find((p) => nameKey(p.name) === nameKey(name));
  }

  byId(id: string): QosPolicyRecord | undefined {
    return this.policies.find((p) => p.id === id);
  }

  /** A file system's `qos_policy` as a response carries it. */
  reference(p: QosPolicyRecord): Record<string, unknown> {
    return { id: p.id, name: p.name, resource_type: 'qos-policies' };
  }

  /**
   * The policy a file-system body names: undefined when the body names none, null for the
   * reference with an empty name or id that FileSystemPatch takes to clear the policy.
   */
  resolve(
    ref: { id?: string; name?: string } | undefined,
    clearing: boolean,
  ): QosPolicyRecord | null | undefined {
    if (!ref) return undefined;
    if ((ref.name === '' || ref.id === '') && !(ref.name && ref.id)) {
      if (!clearing) throw badRequest('A QoS policy name is required.', 'qos_policy');
      return null;
    }
    const p = ref.id ? this.byId(ref.id) : ref.name ? this.find(ref.name) : undefined;
    if (!p) throw doesNotExist('QoS policy', ref.name ?? ref.id ?? 'qos_policy');
    return p;
  }

  private users(p: QosPolicyRecord): FileSystemRecord[] {
    return [...this.fileSystems.all()].filter((f) => f.qosPolicyId === p.id);
  }

  private policyOut(p: QosPolicyRecord): Record<string, unknown> {
    const out: Record<string, unknown> = {
      id: p.id,
      name: p.name,
      enabled: p.enabled,
      is_local: true,
      location: { id: this.ctx.arrayId(), name: this.ctx.config.name, resource_type: 'arrays' },
      policy_type: 'qos',
    };
    // null ("no limit") is left out: the spec types both limits as integers.
    if (p.maxTotalOpsPerSec !== null) out.max_total_ops_per_sec = p.maxTotalOpsPerSec;
    if (p.maxTotalBytesPerSec !== null) out.max_total_bytes_per_sec = p.maxTotalBytesPerSec;
    return out;
  }

  private memberOut(p: QosPolicyRecord, fs: FileSystemRecord): Record<string, unknown> {
    return { member: { id: fs.id, name: fs.name, resource_type: 'file-systems' }, policy: this.reference(p) };
  }

  private getPolicies(req: ApiRequest): ApiResult {
    this.ctx.checkContext(req);
    return listItems(req, {
      family: 'flashblade',
      kind: 'QoS policy',
      items: this.policies,
      seq: (p) => p.seq,
      serialize: (p) => this.policyOut(p),
      byName: (n) => this.find(n),
      byId: (id) => this.byId(id),
      fields: QOS_FIELDS,
    });
  }

  private postPolicies(req: ApiRequest): ApiResult {
    this.ctx.checkContext(req);
    const names = req.query.list('names');
    if (!names) throw badRequest('names is required.', 'names');
    const body = validateBody<PolicyBody>(req.body ?? {}, POST_BODY);
    const seen = new Set<string>();
    for (const n of names) {
      checkObjectName(n, 'QoS policy');
      if (seen.has(nameKey(n))) throw badRequest('A name is listed twice.', n);
      seen.add(nameKey(n));
      if (this.find(n)) throw alreadyExists('QoS policy', n);
    }
    const created = names.map((name) => {
      const p: QosPolicyRecord = {
        seq: this.ctx.takeSeq(),
        id: newId(),
        name,
        enabled: body.enabled ?? true,
        maxTotalOpsPerSec: body.max_total_ops_per_sec ?? null,
        maxTotalBytesPerSec: body.max_total_bytes_per_sec ?? null,
      };
      this.policies.push(p);
      return p;
    });
    this.ctx.changed();
    return { body: { items: created.map((p) => this.policyOut(p)) } };
  }

  private patchPolicies(req: ApiRequest): ApiResult {
    this.ctx.checkContext(req);
    // A limit set to null is removed: the spec's own value for "no limit". The body validator
    // refuses nulls, so they are taken out first and every other field is checked as usual.
    const raw = (req.body ?? {}) as Record<string, unknown>;
    const cleared = LIMITS.filter((k) => raw !== null && typeof raw === 'object' && raw[k] === null);
    const rest = Array.isArray(raw) || raw === null || typeof raw !== 'object' ? raw : { ...raw };
    for (const k of cleared) delete (rest as Record<string, unknown>)[k];
    const body = validateBody<PolicyBody>(rest, PATCH_BODY);
    const targets = resolveTargets(
      req,
      'QoS policy',
      (n) => this.find(n),
      (id) => this.byId(id),
    );
    if (body.name !== undefined) {
      if (targets.length > 1) throw badRequest('Only one policy can be renamed at a time.', 'name');
      checkObjectName(body.name, 'QoS policy');
      const other = this.find(body.name);
      if (other && other !== targets[0]) throw alreadyExists('QoS policy', body.name);
    }
    for (const p of targets) {
      if (body.enabled !== undefined) p.enabled = body.enabled;
      if (body.name !== undefined) p.name = body.name;
      for (const k of LIMITS) {
        if (body[k] !== undefined) p[recordField[k]] = body[k] as number;
        if (cleared.includes(k)) p[recordField[k]] = null;
      }
    }
    this.ctx.changed();
    return { body: { items: targets.map((p) => this.policyOut(p)) } };
  }

  private deletePolicies(req: ApiRequest): ApiResult {
    this.ctx.checkContext(req);
    const targets = resolveTargets(
      req,
      'QoS policy',
      (n) => this.find(n),
      (id) => this.byId(id),
    );
    for (const p of targets) {
      const user = this.users(p)[0];
      if (user) throw badRequest(`Policy is in use by file system ${user.name}.`, p.name);
    }
    this.policies = this.policies.filter((p) => !targets.includes(p));
    this.ctx.changed();
    return {};
  }

  /** The policies a members request names (policy_names or policy_ids), each checked to exist. */
  private namedPolicies(req: ApiRequest, required: boolean): QosPolicyRecord[] | undefined {
    const names = req.query.list('policy_names');
    const ids = req.query.list('policy_ids');
    if (names && ids)
      throw badRequest('The policy_names and policy_ids parameters cannot be used together.', 'policy_names');
    if (!names && !ids) {
      if (required) throw badRequest('policy_names or policy_ids is required.', 'policy_names');
      return undefined;
    }
    return (names ?? (ids as string[])).map((key) => {
      const p = names ? this.find(key) : this.byId(key);
      if (!p) throw doesNotExist('QoS policy', key);
      return p;
    });
  }

  /** The file systems a members request names (member_names or member_ids). */
  private namedMembers(req: ApiRequest, required: boolean): FileSystemRecord[] | undefined {
    const names = req.query.list('member_names');
    const ids = req.query.list('member_ids');
    if (names && ids)
      throw badRequest('The member_names and member_ids parameters cannot be used together.', 'member_names');
    if (!names && !ids) {
      if (required) throw badRequest('member_names or member_ids is required.', 'member_names');
      return undefined;
    }
    return (names ?? (ids as string[])).map((key) => {
      const fs = names ? this.fileSystems.lookup(key) : this.fileSystems.lookupId(key);
      if (!fs) throw doesNotExist('File system', key);
      return fs;
    });
  }

  private checkMemberTypes(req: ApiRequest, allowed: readonly string[]): boolean {
    const types = req.query.list('member_types');
    if (!types) return true;
    for (const t of types)
      if (!allowed.includes(t)) throw badRequest(`Invalid member type '${t.slice(0, 32)}'.`, 'member_types');
    // The simulator holds file systems only: realms and buckets have no members here.
    return types.includes('file-systems');
  }

  private getMembers(req: ApiRequest, types: readonly string[] | undefined): ApiResult {
    this.ctx.checkContext(req);
    const listsFileSystems = types ? this.checkMemberTypes(req, types) : true;
    const policies = this.namedPolicies(req, false);
    const members = this.namedMembers(req, false);
    const rows: Array<{ p: QosPolicyRecord; fs: FileSystemRecord; seq: number }> = [];
    if (listsFileSystems)
      for (const p of this.policies)
        for (const fs of this.users(p))
          if ((!policies || policies.includes(p)) && (!members || members.includes(fs)))
            rows.push({ p, fs, seq: p.seq * 1_000_000 + fs.seq });
    return listItems(req, {
      family: 'flashblade',
      kind: 'Member',
      items: rows,
      seq: (r) => r.seq,
      serialize: (r) => this.memberOut(r.p, r.fs),
      fields: MEMBER_FIELDS,
    });
  }

  private postMembers(req: ApiRequest): ApiResult {
    this.ctx.checkContext(req);
    this.checkMemberTypes(req, ['file-systems', 'realms']);
    const [p, ...more] = this.namedPolicies(req, true) as QosPolicyRecord[];
    if (!p || more.length > 0) throw badRequest('Name exactly one QoS policy.', 'policy_names');
    const members = this.namedMembers(req, true) as FileSystemRecord[];
    for (const fs of members) {
      if (fs.destroyed) throw badRequest('File system has been destroyed.', fs.name);
      if (fs.qosPolicyId === p.id)
        throw badRequest('File system is already a member of this policy.', fs.name);
      if (fs.qosPolicyId) throw badRequest('File system already has a QoS policy.', fs.name);
    }
    for (const fs of members) fs.qosPolicyId = p.id;
    this.ctx.changed();
    return { body: { items: members.map((fs) => this.memberOut(p, fs)) } };
  }

  private deleteMembers(req: ApiRequest): ApiResult {
    this.ctx.checkContext(req);
    this.checkMemberTypes(req, ['file-systems', 'realms']);
    const policies = this.namedPolicies(req, true) as QosPolicyRecord[];
    const members = this.namedMembers(req, true) as FileSystemRecord[];
    for (const fs of members)
      if (!policies.some((p) => p.id === fs.qosPolicyId))
        throw badRequest('File system is not a member of the policy.', fs.name);
    for (const fs of members) fs.qosPolicyId = null;
    this.ctx.changed();
    return {};
  }

  routes(): RouteDefinition[] {
    const since = QOS_SINCE_MINOR;
    const write = ['context_names'];
    const memberParams = ['member_names', 'member_ids', 'policy_names', 'policy_ids', 'allow_errors'];
    return [
      {
        method: 'GET',
        resource: 'qos-policies',
        sinceMinor: since,
        auth: true,
        params: (v) => listParams(v, ['names', 'ids', 'allow_errors']),
        body: 'none',
        handle: (r) => this.getPolicies(r),
      },
      {
        method: 'POST',
        resource: 'qos-policies',
        sinceMinor: since,
        auth: true,
        params: () => ['names', ...write],
        body: 'optional',
        handle: (r) => this.postPolicies(r),
      },
      {
        method: 'PATCH',
        resource: 'qos-policies',
        sinceMinor: since,
        auth: true,
        params: () => ['names', 'ids', ...write],
        body: 'optional',
        handle: (r) => this.patchPolicies(r),
      },
      {
        method: 'DELETE',
        resource: 'qos-policies',
        sinceMinor: since,
        auth: true,
        params: () => ['names', 'ids', ...write],
        body: 'none',
        handle: (r) => this.deletePolicies(r),
      },
      {
        method: 'GET',
        resource: 'qos-policies/file-systems',
        sinceMinor: since,
        auth: true,
        params: (v) => listParams(v, memberParams),
        body: 'none',
        handle: (r) => this.getMembers(r, undefined),
      },
      {
        method: 'GET',
        resource: 'qos-policies/members',
        sinceMinor: since,
        auth: true,
        params: (v) => listParams(v, [...memberParams, 'member_types']),
        body: 'none',
        handle: (r) => this.getMembers(r, ['file-systems', 'realms', 'buckets']),
      },
      {
        method: 'POST',
        resource: 'qos-policies/members',
        sinceMinor: MEMBERS_WRITE_SINCE_MINOR,
        auth: true,
        params: () => ['member_names', 'member_ids', 'member_types', 'policy_names', 'policy_ids', ...write],
        body: 'none',
        handle: (r) => this.postMembers(r),
      },
      {
        method: 'DELETE',
        resource: 'qos-policies/members',
        sinceMinor: MEMBERS_WRITE_SINCE_MINOR,
        auth: true,
        params: () => ['member_names', 'member_ids', 'member_types', 'policy_names', 'policy_ids', ...write],
        body: 'none',
        handle: (r) => this.deleteMembers(r),
      },
    ];
  }
}
