// pure_nfs_export_policy: one NFS export policy, the same on every FlashBlade of the fleet whose
// REST version has policies (2.3+), for file volumes to export through (`export_policy =
// pure_nfs_export_policy.x.policy_name`). Its rules are edited in place on the arrays, so file
// systems using it keep exporting while it changes. A rule changed, added or removed out of band
// on any FlashBlade shows as a diff and is repaired.

import type { NfsExportRuleSpec } from '../fleet/clients/flashblade-policies';
import { FleetExportPolicies } from '../fleet/export-policies';
import { CtyNumber } from '../provider/cty/number';
import { planModifier } from '../provider/framework/plan-modifiers';
import type { ResourceDefinition } from '../provider/framework/resource';
import type { StateModel } from '../provider/framework/schema';
import { attr, defineSchema } from '../provider/framework/schema';
import { validate } from '../provider/framework/validators';
import { exportRuleProblems } from './export-rules';
import type { PureProviderData } from './provider-data';
import { recorded } from './recorded-state';
import { VOLUME_NAME_PATTERN } from './volume-schema';

const ruleAttributes = {
  client: attr.string({
    required: true,
    description:
      'Who may mount: `*`, an IP address, a network such as `10.0.0.0/24`, `@netgroup` or a host name.',
  }),
  permission: attr.string({
    required: true,
    description: '`rw` or `ro`.',
    validators: [validate.oneOf(['rw', 'ro'])],
  }),
  access: attr.string({
    required: true,
    description: '`root-squash`, `all-squash` or `no-squash`.',
    validators: [validate.oneOf(['root-squash', 'all-squash', 'no-squash'])],
  }),
  anonuid: attr.number({
    optional: true,
    description: 'UID squashed users map to (the array’s default, 65534, when unset).',
    validators: [validate.wholeNumber(), validate.numberBetween(0, 4294967295)],
  }),
  anongid: attr.number({
    optional: true,
    description: 'GID squashed users map to (the array’s default, 65534, when unset).',
    validators: [validate.wholeNumber(), validate.numberBetween(0, 4294967295)],
  }),
};

export const nfsExportPolicySchema = defineSchema({
  version: 0,
  description:
    'An NFS export policy on every FlashBlade of the fleet that has them (REST 2.3 or later). File volumes use it with `export_policy`; its rules are edited in place.',
  attributes: {
    fleet: attr.string({
      required: true,
      description:
        'Name of the `pure_fleet` (`pure_fleet.x.name`); the policy is `<fleet>-<name>` on the arrays.',
      planModifiers: [planModifier.requiresReplace()],
    }),
    name: attr.string({
      required: true,
      description: 'Name of the policy within its fleet.',
      validators: [validate.matches(VOLUME_NAME_PATTERN, 'must be 1-40 letters, digits, "-" or "_"')],
      planModifiers: [planModifier.requiresReplace()],
    }),
    rules: attr.nested('list', ruleAttributes, {
      required: true,
      description:
        'The rules, in the order FlashBlade keeps them: IP addresses and networks first, then other clients, then `*`.',
    }),
    policy_name: attr.string({
      computed: true,
      description: 'Name of the policy on the arrays, for `pure_volume.export_policy`.',
      planModifiers: [planModifier.useStateForUnknown()],
    }),
    arrays: attr.stringList({
      computed: true,
      description: 'The FlashBlades holding the policy (those at REST 2.3 or later).',
    }),
    id: attr.string({
      computed: true,
      description: '`<fleet>/<name>`; also the import id.',
      planModifiers: [planModifier.useStateForUnknown()],
    }),
  },
});

type PolicyState = StateModel<typeof nfsExportPolicySchema>;
type RuleState = NonNullable<PolicyState['rules']>[number];

/** FlashBlade orders rules in three groups: IP addresses, other clients, `*`. */
function ruleGroup(client: string): number {
  if (client === '*') return 2;
  return /^[0-9.]+(\/\d+)?$/.test(client) || (client.includes(':') && /^[0-9a-fA-F:]+(\/\d+)?$/.test(client))
    ? 0
    : 1;
}

function toSpec(rule: RuleState): NfsExportRuleSpec {
  return {
    client: rule.client as string,
    permission: rule.permission as NfsExportRuleSpec['permission'],
    access: rule.access as NfsExportRuleSpec['access'],
    ...(rule.anonuid ? { anonuid: rule.anonuid.toNumber() } : {}),
    ...(rule.anongid ? { anongid: rule.anongid.toNumber() } : {}),
  };
}

function toState(rule: NfsExportRuleSpec): RuleState {
  return {
    client: rule.client,
    permission: rule.permission,
    access: rule.access,
    anonuid: rule.anonuid === undefined ? null : CtyNumber.of(rule.anonuid),
    anongid: rule.anongid === undefined ? null : CtyNumber.of(rule.anongid),
  };
}

const same = (a: readonly NfsExportRuleSpec[], b: readonly NfsExportRuleSpec[]): boolean =>
  JSON.stringify(a) === JSON.stringify(b);

const describeFailure = (err: unknown): string => (err instanceof Error ? err.message : String(err));

export const nfsExportPolicyResource: ResourceDefinition<typeof nfsExportPolicySchema, PureProviderData> = {
  typeName: 'pure_nfs_export_policy',
  schema: nfsExportPolicySchema,

  validateConfig(config, { diags }) {
    if (!Array.isArray(config.rules)) return;
    let lastGroup = 0;
    config.rules.forEach((rule, index) => {
      if (typeof rule.client !== 'string') return;
      const path = [{ attribute: 'rules' }, { index }, { attribute: 'client' }];
      const problems = exportRuleProblems(`${rule.client}(rw)`);
      if (problems.length > 0) diags.error('Invalid NFS client', problems.join('\n'), path);
      const group = ruleGroup(rule.client);
      if (group < lastGroup)
        diags.error(
          'Rule out of FlashBlade order',
          `FlashBlade keeps IP addresses and networks first, then other clients, then "*"; "${rule.client}" would be moved, and the plan would never settle. List it earlier.`,
          path,
        );
      lastGroup = Math.max(lastGroup, group);
    });
  },

  async modifyPlan({ plan }, ctx) {
    if (!plan) return;
    if (typeof plan.fleet === 'string' && typeof plan.name === 'string') {
      plan.policy_name = `${plan.fleet}-${plan.name}`;
      plan.id = `${plan.fleet}/${plan.name}`;
    }
    // Every FlashBlade that can hold it should: one that lost it (or joined the roster) is a diff.
    if (ctx.providerData) {
      try {
        plan.arrays = (await new FleetExportPolicies(ctx.providerData.fleet).members(ctx.signal)).able;
      } catch {
        // An unreachable FlashBlade: refresh reports it; the plan keeps what it had.
      }
    }
  },

  async create({ plan }, ctx) {
    const name = `${plan.fleet}-${plan.name}`;
    try {
      const arrays = await new FleetExportPolicies(ctx.providerData.fleet).apply(
        name,
        plan.rules.map(toSpec),
        ctx.signal,
      );
      return { ...plan, policy_name: name, id: `${plan.fleet}/${plan.name}`, arrays };
    } catch (err) {
      ctx.diags.error('Cannot create the NFS export policy', describeFailure(err));
      return undefined;
    }
  },

  async read({ state }, ctx) {
    if (!recorded(state, ['policy_name'], ctx.diags)) return state;
    try {
      const found = await new FleetExportPolicies(ctx.providerData.fleet).read(state.policy_name, ctx.signal);
      const holding = found.filter((f) => f.rules !== undefined);
      if (holding.length === 0) return null;
      const recorded = (state.rules ?? []).map(toSpec);
      // Any FlashBlade whose rules differ shows its rules, so the plan repairs it.
      const differing = holding.find((f) => !same(f.rules ?? [], recorded));
      const rules = (differing ?? holding[0])?.rules ?? [];
      return { ...state, rules: rules.map(toState), arrays: holding.map((f) => f.array) };
    } catch (err) {
      ctx.diags.error(
        'Cannot read the NFS export policy',
        `${describeFailure(err)}. It stays in state unchanged.`,
      );
      return state;
    }
  },

  async update({ plan, state }, ctx) {
    if (!recorded(state, ['policy_name'], ctx.diags)) return undefined;
    try {
      const arrays = await new FleetExportPolicies(ctx.providerData.fleet).apply(
        state.policy_name,
        plan.rules.map(toSpec),
        ctx.signal,
      );
      return { ...state, rules: plan.rules, arrays };
    } catch (err) {
      ctx.diags.error('Cannot update the NFS export policy', describeFailure(err));
      return undefined;
    }
  },

  async delete({ state }, ctx) {
    if (!recorded(state, ['policy_name'], ctx.diags)) return;
    try {
      await new FleetExportPolicies(ctx.providerData.fleet).remove(state.policy_name, ctx.signal);
    } catch (err) {
      ctx.diags.error('Cannot delete the NFS export policy', describeFailure(err));
    }
  },

  async importState(id, ctx) {
    const match = /^([^/]+)\/([^/]+)$/.exec(id);
    if (!match) {
      ctx.diags.error('Invalid import id', `Expected "<fleet>/<name>", got "${id}".`);
      return undefined;
    }
    const [, fleet = '', name = ''] = match;
    return { id, fleet, name, policy_name: `${fleet}-${name}`, rules: [], arrays: [] };
  },
};
