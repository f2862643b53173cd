// NFS export policies (FlashBlade REST 2.3+): `nfs-export-policies` and their rules, which a
// file system exports through instead of its own `nfs.rules` string.
import { alreadyExists, badRequest, doesNotExist } from '../errors';
import { validateBody } from '../http/body-schema';
import { listItems, resolveTargets } from '../http/listing';
import type { ApiRequest, ApiResult, RouteDefinition } from '../http/types';
import { newId } from '../ids';
import { checkObjectName, nameKey } from '../names';
import type { FlashBladeContext } from './context';
import { listParams } from './list-params';
import { POLICY_FIELDS, RULE_FIELDS } from './fields';
import { validateNfsRules } from './nfs-rules';
import type { NfsPolicyRecord, NfsRuleRecord } from './records';
import { POLICY_PATCH, POLICY_POST, RULE_SCHEMA, type RuleBody } from './schemas';

export class NfsExportPolicies {
  policies: NfsPolicyRecord[] = [];

  constructor(private readonly ctx: FlashBladeContext) {
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

  private ruleOut(p: NfsPolicyRecord, r: NfsRuleRecord, index: number): Record<string, unknown> {
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

  private checkVersions(req: ApiRequest, targets: NfsPolicyRecord[]): void {
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

  private allRules(): Array<{ p: NfsPolicyRecord; r: NfsRuleRecord; index: number; seq: number }> {
    const out: Array<{ p: NfsPolicyRecord; r: NfsRuleRecord; index: number; seq: number }> = [];
    let seq = 0;
    for (const p of this.policies) p.rules.forEach((r, i) => out.push({ p, r, index: i + 1, seq: seq++ }));
    return out;
  }

  private getRules(req: ApiRequest): ApiResult {
    this.ctx.checkContext(req);
    const policyNames = req.query.list('policy_names');
    const policyIds = req.query.list('policy_ids');
    for (const n of policyNames ?? []) if (!this.find(n)) throw doesNotExist('Policy', n);
    for (const id of policyIds ?? [])
      if (!this.policies.some((p) => p.id === id)) throw doesNotExist('Policy', id);
    const rows = this.allRules().filter(
      (x) =>
        (!policyNames || policyNames.some((n) => nameKey(n) === nameKey(x.p.name))) &&
        (!policyIds || policyIds.includes(x.p.id)),
    );
    return listItems(req, {
      family: 'flashblade',
      kind: 'Rule',
      items: rows,
      seq: (x) => x.seq,
      serialize: (x) => this.ruleOut(x.p, x.r, x.index),
      byName: (n) => rows.find((x) => nameKey(`${x.p.name}.${x.index}`) === nameKey(n)),
      byId: (id) => rows.find((x) => x.r.id === id),
      fields: RULE_FIELDS,
    });
  }

  private postRule(req: ApiRequest): ApiResult {
    this.ctx.checkContext(req);
    const policyNames = req.query.list('policy_names');
    const policyIds = req.query.list('policy_ids');
    const ref = policyNames?.[0] ?? policyIds?.[0];
    if (!ref) throw badRequest('policy_names or policy_ids is required.', 'policy_names');
    const p = policyNames ? this.find(ref) : this.policies.find((x) => x.id === ref);
    if (!p) throw doesNotExist('Policy', ref);
    this.checkVersions(req, [p]);
    const body = validateBody<RuleBody & { index?: number }>(req.body, RULE_SCHEMA);
    const rule = this.ruleFrom(body);
    const before = req.query.string('before_rule_id') ?? req.query.string('before_rule_name');
    let at = p.rules.length;
    if (before !== undefined) {
      at = p.rules.findIndex((r, i) => r.id === before || nameKey(`${p.name}.${i + 1}`) === nameKey(before));
      if (at < 0) throw doesNotExist('Rule', before);
    } else if (body.index !== undefined) {
      at = Math.min(body.index - 1, p.rules.length);
    }
    p.rules.splice(at, 0, rule);
    p.version = newId();
    this.ctx.changed();
    return { body: { items: [this.ruleOut(p, rule, at + 1)] } };
  }

  /**
   * Edits one rule in place (FB 2.28 `PATCH nfs-export-policies/rules`): only the fields sent
   * change, the rule keeps its id, and `before_rule_*` (or `index`) moves it within its policy.
   */
  private patchRule(req: ApiRequest): ApiResult {
    this.ctx.checkContext(req);
    const rows = this.allRules();
    const targets = resolveTargets(
      req,
      'Rule',
      (n) => rows.find((x) => nameKey(`${x.p.name}.${x.index}`) === nameKey(n)),
      (id) => rows.find((x) => x.r.id === id),
    );
    if (targets.length !== 1) throw badRequest('Only one rule can be modified at a time.', 'names');
    const [{ p, r }] = targets as [(typeof targets)[number]];
    this.checkVersions(req, [p]);
    const body = validateBody<RuleBody & { index?: number }>(req.body, RULE_SCHEMA);
    const merged = this.ruleFrom({
      client: body.client ?? r.client,
      permission: body.permission ?? r.permission,
      access: body.access ?? r.access,
      anonuid: body.anonuid ?? r.anonuid ?? '',
      anongid: body.anongid ?? r.anongid ?? '',
      atime: body.atime ?? r.atime,
      fileid_32bit: body.fileid_32bit ?? r.fileid32bit,
      secure: body.secure ?? r.secure,
      security: body.security ?? r.security,
      required_transport_security: body.required_transport_security ?? r.requiredTransportSecurity,
    });
    const edited: NfsRuleRecord = { ...merged, id: r.id };
    const rest = p.rules.filter((x) => x !== r);
    const before = req.query.string('before_rule_id') ?? req.query.string('before_rule_name');
    let at = p.rules.indexOf(r);
    if (before !== undefined) {
      at = rest.findIndex(
        (x) => x.id === before || nameKey(`${p.name}.${p.rules.indexOf(x) + 1}`) === nameKey(before),
      );
      if (at < 0) throw doesNotExist('Rule', before);
    } else if (body.index !== undefined) {
      at = Math.min(body.index - 1, rest.length);
    }
    rest.splice(at, 0, edited);
    p.rules = rest;
    p.version = newId();
    this.ctx.changed();
    return { body: { items: [this.ruleOut(p, edited, at + 1)] } };
  }

  private deleteRules(req: ApiRequest): ApiResult {
    this.ctx.checkContext(req);
    const rows = this.allRules();
    const targets = resolveTargets(
      req,
      'Rule',
      (n) => rows.find((x) => nameKey(`${x.p.name}.${x.index}`) === nameKey(n)),
      (id) => rows.find((x) => x.r.id === id),
    );
    for (const t of targets) {
      t.p.rules = t.p.rules.filter((r) => r !== t.r);
      t.p.version = newId();
    }
    this.ctx.changed();
    return {};
  }

  routes(): RouteDefinition[] {
    const since3 = 3;
    return [
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
      {
        method: 'GET',
        resource: 'nfs-export-policies/rules',
        sinceMinor: since3,
        auth: true,
        params: (v) => listParams(v, ['names', 'ids', 'policy_names', 'policy_ids', 'allow_errors']),
        body: 'none',
        handle: (r) => this.getRules(r),
      },
      {
        method: 'POST',
        resource: 'nfs-export-policies/rules',
        sinceMinor: since3,
        auth: true,
        params: () => [
          'policy_names',
          'policy_ids',
          'before_rule_id',
          'before_rule_name',
          'versions',
          'context_names',
        ],
        body: 'required',
        handle: (r) => this.postRule(r),
      },
      {
        method: 'DELETE',
        resource: 'nfs-export-policies/rules',
        sinceMinor: since3,
        auth: true,
        params: () => ['names', 'ids', 'versions', 'context_names'],
        body: 'none',
        handle: (r) => this.deleteRules(r),
      },
      {
        method: 'PATCH',
        resource: 'nfs-export-policies/rules',
        sinceMinor: since3,
        auth: true,
        params: () => ['names', 'ids', 'before_rule_id', 'before_rule_name', 'versions', 'context_names'],
        body: 'required',
        handle: (r) => this.patchRule(r),
      },
    ];
  }
}
