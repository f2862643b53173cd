// NFS export policy rules (FlashBlade REST 2.3+, `nfs-export-policies/rules`): listed across
// policies, added at a position, edited in place (2.28 PATCH), deleted. Every change bumps the
// policy's version, which `versions=` requests check.
import { badRequest, doesNotExist } from '../errors';
import { validateBody } from '../http/body-schema';
import { listItems, resolveTargets } from '../http/listing';
import type { ApiRequest, ApiResult, RouteDefinition } from '../http/types';
import { newId } from '../ids';
import { nameKey } from '../names';
import type { FlashBladeContext } from './context';
import { RULE_FIELDS } from './fields';
import { listParams } from './list-params';
import type { NfsExportPolicies } from './nfs-policies';
import type { NfsPolicyRecord, NfsRuleRecord } from './records';
import { RULE_SCHEMA, type RuleBody } from './schemas';

export class NfsPolicyRules {
  constructor(
    private readonly ctx: FlashBladeContext,
    private readonly store: NfsExportPolicies,
  ) {}

  private allRules(): Array<{ p: NfsPolicyRecord; r: NfsRuleRecord; index: number; seq: number }> {
    const out: Array<{ p: NfsPolicyRecord; r: NfsRuleRecord; index: number; seq: number }> = [];
    let seq = 0;
    for (const p of this.store.policies)
      p.rules.forEach((r, i) => out.push({ p, r, index: i + 1, seq: seq++ }));
    return out;
  }

  private getRules(req: ApiRequest): ApiResult {
    this.ctx.checkContext(req);
    const policyNames = req.query.list('policy_names');
    const policyIds = req.query.list('policy_ids');
    for (const n of policyNames ?? []) if (!this.store.find(n)) throw doesNotExist('Policy', n);
    for (const id of policyIds ?? [])
      if (!this.store.policies.some((p) => p.id === id)) throw doesNotExist('Policy', id);
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
      serialize: (x) => this.store.ruleOut(x.p, x.r, x.index),
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
    const p = policyNames ? this.store.find(ref) : this.store.policies.find((x) => x.id === ref);
    if (!p) throw doesNotExist('Policy', ref);
    this.store.checkVersions(req, [p]);
    const body = validateBody<RuleBody & { index?: number }>(req.body, RULE_SCHEMA);
    const rule = this.store.ruleFrom(body);
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
    return { body: { items: [this.store.ruleOut(p, rule, at + 1)] } };
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
    this.store.checkVersions(req, [p]);
    const body = validateBody<RuleBody & { index?: number }>(req.body, RULE_SCHEMA);
    const merged = this.store.ruleFrom({
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
    return { body: { items: [this.store.ruleOut(p, edited, at + 1)] } };
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
