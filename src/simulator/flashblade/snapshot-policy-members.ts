// Which file systems a snapshot policy snapshots (FlashBlade REST 2.0+): `policies/file-systems`
// and `file-systems/policies` are the same mapping seen from either side (GET, POST, DELETE).
// "Only one file system can be mapped to a policy at a time" (the spec on POST): one request maps
// one file system to one policy. A destroyed file system cannot join; one already a member, or not
// a member, is a 400 naming it.
import { badRequest, doesNotExist } from '../errors';
import { listItems } from '../http/listing';
import type { ApiRequest, ApiResult, RouteDefinition } from '../http/types';
import { nameKey } from '../names';
import type { ApiVersion } from '../versions';
import { atLeast } from '../versions';
import type { FlashBladeContext } from './context';
import type { FileSystems } from './file-systems';
import { listParams } from './list-params';
import type { FileSystemRecord } from './records';
import { snapshotWriteParams, type SnapshotPolicies } from './snapshot-policies';
import type { SnapshotPolicyRecord } from './snapshot-records';

interface MemberRow {
  readonly seq: number;
  readonly policy: SnapshotPolicyRecord;
  readonly fs: FileSystemRecord;
}

const MEMBER_PARAMS = ['member_names', 'member_ids', 'policy_names', 'policy_ids'] as const;

export class SnapshotPolicyMembers {
  constructor(
    private readonly ctx: FlashBladeContext,
    private readonly policies: SnapshotPolicies,
    private readonly fs: FileSystems,
  ) {}

  private fsNamed(name: string): FileSystemRecord | undefined {
    const k = nameKey(name);
    return [...this.fs.fileSystems.values()].find((f) => nameKey(f.name) === k);
  }

  private members(req: ApiRequest, required: boolean): FileSystemRecord[] | undefined {
    const names = req.query.list('member_names');
    const ids = req.query.list('member_ids');
    if (names && ids)
      throw badRequest('member_names and member_ids cannot be used together.', 'member_names');
    if (!names && !ids) {
      if (required) throw badRequest('member_names or member_ids is required.', 'member_names');
      return undefined;
    }
    return (names ?? ids ?? []).map((key) => {
      const f = names ? this.fsNamed(key) : this.fs.fileSystems.get(key);
      if (!f) throw doesNotExist('File system', key);
      return f;
    });
  }

  private rowOut(r: MemberRow): Record<string, unknown> {
    return {
      member: { id: r.fs.id, name: r.fs.name, resource_type: 'file-systems' },
      policy: this.policies.reference(r.policy),
    };
  }

  private getMembers(req: ApiRequest): ApiResult {
    this.ctx.checkContext(req);
    const policies = this.policies.policyOf(req, false) ?? this.policies.policies;
    const members = this.members(req, false);
    const wanted = members ? new Set(members.map((f) => f.id)) : undefined;
    const rows: MemberRow[] = [];
    for (const policy of policies)
      for (const id of policy.memberIds) {
        const fs = this.fs.fileSystems.get(id);
        if (fs && (!wanted || wanted.has(id))) rows.push({ seq: rows.length, policy, fs });
      }
    return listItems(req, {
      family: 'flashblade',
      kind: 'Member',
      items: rows,
      seq: (r) => r.seq,
      serialize: (r) => this.rowOut(r),
      fields: new Set(['member', 'policy']),
    });
  }

  /** The one file system and the one policy a POST or DELETE names. */
  private pair(req: ApiRequest): { policy: SnapshotPolicyRecord; fs: FileSystemRecord } {
    const policies = this.policies.policyOf(req, true) as SnapshotPolicyRecord[];
    const members = this.members(req, true) as FileSystemRecord[];
    if (members.length !== 1)
      throw badRequest('Only one file system can be mapped to a policy at a time.', 'member_names');
    if (policies.length !== 1) throw badRequest('Only one policy can be named at a time.', 'policy_names');
    return { policy: policies[0] as SnapshotPolicyRecord, fs: members[0] as FileSystemRecord };
  }

  private postMember(req: ApiRequest): ApiResult {
    this.ctx.checkContext(req);
    const { policy, fs } = this.pair(req);
    if (fs.destroyed) throw badRequest('File system has been destroyed.', fs.name);
    if (policy.memberIds.includes(fs.id))
      throw badRequest('File system is already a member of the policy.', fs.name);
    policy.memberIds.push(fs.id);
    this.ctx.changed();
    return { body: { items: [this.rowOut({ seq: 0, policy, fs })] } };
  }

  private deleteMember(req: ApiRequest): ApiResult {
    this.ctx.checkContext(req);
    const { policy, fs } = this.pair(req);
    if (!policy.memberIds.includes(fs.id))
      throw badRequest('File system is not a member of the policy.', fs.name);
    policy.memberIds = policy.memberIds.filter((id) => id !== fs.id);
    this.ctx.changed();
    return {};
  }

  /** Members of file systems that are gone (eradicated) are dropped. */
  prune(): boolean {
    let changed = false;
    for (const p of this.policies.policies) {
      const kept = p.memberIds.filter((id) => this.fs.fileSystems.has(id));
      if (kept.length !== p.memberIds.length) {
        p.memberIds = kept;
        changed = true;
      }
    }
    return changed;
  }

  routes(): RouteDefinition[] {
    const getParams = (v: ApiVersion | null): string[] =>
      listParams(v, [...MEMBER_PARAMS, ...(v && atLeast(v, 2, 1) ? ['allow_errors'] : [])]);
    return ['policies/file-systems', 'file-systems/policies'].flatMap((resource): RouteDefinition[] => [
      {
        method: 'GET',
        resource,
        auth: true,
        params: getParams,
        body: 'none',
        handle: (r) => this.getMembers(r),
      },
      {
        method: 'POST',
        resource,
        auth: true,
        params: (v) => snapshotWriteParams(v, MEMBER_PARAMS),
        body: 'none',
        handle: (r) => this.postMember(r),
      },
      {
        method: 'DELETE',
        resource,
        auth: true,
        params: (v) => snapshotWriteParams(v, MEMBER_PARAMS),
        body: 'none',
        handle: (r) => this.deleteMember(r),
      },
    ]);
  }
}
