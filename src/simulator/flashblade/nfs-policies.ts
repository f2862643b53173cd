// NFS export policies (FlashBlade REST 2.3+): `nfs-export-policies` and their rules, which a
// file system exports through instead of its own `nfs.rules` string.
import { alreadyExists, badRequest, doesNotExist } from '../errors';
import { validateBody } from '../http/body-schema';
import { listItems, resolveTargets } from '../http/listing';
import type { ApiRequest, ApiResult, RouteDefinition } from '../http/types';
import { newId } from '../ids';
import { checkObjectName, nameKey } from '../names';
import type { FlashBladeContext } from './context';
import { NfsPolicyRules } from './nfs-policy-rules';
import { listParams } from './list-params';
import { POLICY_FIELDS } from './fields';
import { validateNfsRules } from './nfs-rules';
import type { NfsPolicyRecord, NfsRuleRecord } from './records';
import { POLICY_PATCH, POLICY_POST, type RuleBody } from './schemas';

export class NfsExportPolicies {
  policies: NfsPolicyRecord[] = [];

  private readonly rules: NfsPolicyRules;

  constructor(private readonly ctx: FlashBladeContext) {
    this.rules = new NfsPolicyRules(ctx, this);
    this.policies = [this.defaultPolicy()];
  }

  byId(id: string): NfsPolicyRecord | undefined {
    return this.policies.find((p) => p.id === id);
  }

  private defaultPolicy(): NfsPolicyRecord {
    return {
      seq: this.ctx.takeSeq(),
      id: newId(),
      name: 'default',
      enabled: true,
      version: newId(),
      rules: [this.ruleFrom({ client: '*', permission: 'rw', access: 'no-squash' })],
    };
  }

  ruleOut(p: NfsPolicyRecord, r: NfsRuleRecord, index: number): Record<string, unknown> {
    const out: Record<string, unknown> = {
      id: r.id,
      name: `${p.name}.${index}`,
      access: r.access,
      atime: r.atime,
      client: r.client,
      fileid_32bit: r.fileid32bit,
      permission: r.permission,
      policy: { id: p.id, name: p.name, resource_type: 'nfs-export-policies' },
      policy_version: p.version,
      secure: r.secure,
      security: [...r.security],
      index,
      required_transport_security: r.requiredTransportSecurity,
    };
    if (r.anonuid !== null) out.anonuid = r.anonuid;
    if (r.anongid !== null) out.anongid = r.anongid;
    return out;
  }

  private policyOut(p: NfsPolicyRecord): Record<string, unknown> {
    return {
      id: p.id,
      name: p.name,
      enabled: p.enabled,
      is_local: true,
      location: { id: this.ctx.arrayId(), name: this.ctx.config.name, resource_type: 'arrays' },
      policy_type: 'nfs',
      version: p.version,
      rules: p.rules.map((r, i) => this.ruleOut(p, r, i + 1)),
    };
  }

  resolve(ref: { id?: string; name?: string } | undefined, context: string): NfsPolicyRecord | undefined {
    if (!ref) return undefined;
    const p = ref.id
      ? this.policies.find((x) => x.id === ref.id)
      : ref.name
        ? this.policies.find((x) => nameKey(x.name) === nameKey(ref.name as string))
        : undefined;
    if (!p) throw doesNotExist('Policy', ref.name ?? ref.id ?? context);
    return p;
  }

  ruleFrom(b: RuleBody): NfsRuleRecord {
    const client = b.client ?? '*';
    validateNfsRules(`${client}(rw)`, 'client');
    return {
      id: newId(),
      client,
      permission: b.permission ?? 'ro',
      access: b.access ?? 'root-squash',
      anonuid: typeof b.anonuid === 'number' ? b.anonuid : null,
      anongid: typeof b.anongid === 'number' ? b.anongid : null,
      atime: b.atime ?? true,
      fileid32bit: b.fileid_32bit ?? false,
      secure: b.secure ?? false,
      security: b.security ?? ['sys'],
      requiredTransportSecurity: b.required_transport_security ?? 'none',
    };
  }

  find(name: string): NfsPolicyRecord | undefined {
    return this.policies.find((p) => nameKey(p.name) === nameKey(name));
  }

  checkVersions(req: ApiRequest, targets: NfsPolicyRecord[]): void {
    const versions = req.query.list('versions');
    if (!versions) return;
    if (versions.length !== targets.length)
      throw badRequest('versions must list one version per policy.', 'versions');
    targets.forEach((p, i) => {
      if (versions[i] !== p.version)
        throw badRequest('The policy has changed since that version was read.', p.name);
    });
  }

  private getPolicies(req: ApiRequest): ApiResult {
    this.ctx.checkContext(req);
    return listItems(req, {
      family: 'flashblade',
      kind: 'Policy',
      items: this.policies,
      seq: (p) => p.seq,
      serialize: (p) => this.policyOut(p),
      byName: (n) => this.find(n),
      byId: (id) => this.policies.find((p) => p.id === id),
      fields: POLICY_FIELDS,
    });
  }

  private postPolicies(req: ApiRequest): ApiResult {
    this.ctx.checkContext(req);
    const names = req.query.list('names');
    if (!names) throw badRequest('names is required.', 'names');
    const body = validateBody<{ enabled?: boolean; rules?: RuleBody[] }>(req.body ?? {}, POLICY_POST);
    for (const n of names) {
      checkObjectName(n, 'Policy');
      if (this.find(n)) throw alreadyExists('Policy', n);
    }
    const created = names.map((name) => {
      const p: NfsPolicyRecord = {
        seq: this.ctx.takeSeq(),
        id: newId(),
        name,
        enabled: body.enabled ?? true,
        version: newId(),
        rules: (body.rules ?? []).map((r) => this.ruleFrom(r)),
      };
      this.policies.push(p);
      return p;
    });
    this.ctx.changed();
    return { body: { items: created.map((p) => this.policyOut(p)) } };
  }

  private patchPolicies(req: ApiRequest): ApiResult {
    this.ctx.checkContext(req);
    const body = validateBody<{ enabled?: boolean; name?: string; rules?: RuleBody[] }>(
      req.body,
      POLICY_PATCH,
    );
    const targets = resolveTargets(
      req,
      'Policy',
      (n) => this.find(n),
      (id) => this.policies.find((p) => p.id === id),
    );
    this.checkVersions(req, targets);
    if (body.name !== undefined) {
      if (targets.length > 1) throw badRequest('Only one policy can be renamed at a time.', 'name');
      checkObjectName(body.name, 'Policy');
      const other = this.find(body.name);
      if (other && other !== targets[0]) throw alreadyExists('Policy', body.name);
    }
    const rules = body.rules?.map((r) => this.ruleFrom(r));
    for (const p of targets) {
      if (body.enabled !== undefined) p.enabled = body.enabled;
      if (body.name !== undefined) p.name = body.name;
      if (rules) p.rules = rules.map((r) => ({ ...r, id: newId() }));
      p.version = newId();
    }
    this.ctx.changed();
    return { body: { items: targets.map((p) => this.policyOut(p)) } };
  }

  private deletePolicies(req: ApiRequest): ApiResult {
    this.ctx.checkContext(req);
    const targets = resolveTargets(
      req,
      'Policy',
      (n) => this.find(n),
      (id) => this.policies.find((p) => p.id === id),
    );
    this.checkVersions(req, targets);
    for (const p of targets) {
      const user = this.ctx.fileSystemUsing(p.id);
      if (user) throw badRequest(`Policy is in use by file system ${user}.`, p.name);
    }
    this.policies = this.policies.filter((p) => !targets.includes(p));
    this.ctx.changed();
    return {};
  }

  routes(): RouteDefinition[] {
    const since3 = 3;
    return [
      ...this.rules.routes(),
      {
        method: 'GET',
        resource: 'nfs-export-policies',
        sinceMinor: since3,
        auth: true,
        params: (v) => listParams(v, ['names', 'ids', 'allow_errors']),
        body: 'none',
        handle: (r) => this.getPolicies(r),
      },
      {
        method: 'POST',
        resource: 'nfs-export-policies',
        sinceMinor: since3,
        auth: true,
        params: () => ['names', 'context_names'],
        body: 'optional',
        handle: (r) => this.postPolicies(r),
      },
      {
        method: 'PATCH',
        resource: 'nfs-export-policies',
        sinceMinor: since3,
        auth: true,
        params: () => ['names', 'ids', 'versions', 'context_names'],
        body: 'required',
        handle: (r) => this.patchPolicies(r),
      },
      {
        method: 'DELETE',
        resource: 'nfs-export-policies',
        sinceMinor: since3,
        auth: true,
        params: () => ['names', 'ids', 'versions', 'context_names'],
        body: 'none',
        handle: (r) => this.deletePolicies(r),
      },
    ];
  }
}
