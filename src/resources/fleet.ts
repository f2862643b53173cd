// pure_fleet: the managed fleet on the provider's roster. It checks every member (reachable,
// token valid, REST version, type), records the inventory so a plan shows when a member was
// replaced or lost, and owns the namespace volume names live in on the arrays.

import type { ArrayMember } from '../fleet/roster';
import { CtyNumber } from '../provider/cty/number';
import type { OperationContext, ResourceDefinition } from '../provider/framework/resource';
import type { StateModel } from '../provider/framework/schema';
import { attr, defineSchema } from '../provider/framework/schema';
import { planModifier } from '../provider/framework/plan-modifiers';
import { validate } from '../provider/framework/validators';
import type { PureProviderData } from './provider-data';

/** Fleet names prefix every volume on the arrays (`<fleet>-<volume>`), like PSO's clusterID. */
export const FLEET_NAME_PATTERN = /^[a-z0-9](?:[a-z0-9_]{0,20}[a-z0-9])?$/;

const memberAttributes = {
  name: attr.string({ computed: true, description: 'Name of the array in the provider roster.' }),
  type: attr.string({ computed: true, description: '`flasharray` or `flashblade`.' }),
  endpoint: attr.string({ computed: true, description: 'Management endpoint.' }),
  array_id: attr.string({
    computed: true,
    description: 'The id the array reports; changes when the array behind the endpoint is replaced.',
  }),
  array_name: attr.string({ computed: true, description: 'The name the array reports for itself.' }),
  os_version: attr.string({ computed: true, description: 'Purity version.' }),
  api_version: attr.string({ computed: true, description: 'REST version negotiated with the array.' }),
  capacity_bytes: attr.number({ computed: true, description: 'Usable capacity in bytes.' }),
  labels: attr.stringMap({ computed: true, description: 'Labels from the roster.' }),
};

export const fleetSchema = defineSchema({
  version: 0,
  description:
    'A managed fleet on the arrays of the provider configuration. Validates each member and records its inventory; volumes name their fleet and live in its namespace on the arrays.',
  attributes: {
    name: attr.string({
      required: true,
      description:
        'Name of the fleet; prefixes the names of its volumes on the arrays (`<fleet>-<volume>`). Lower-case letters, digits and `_`, at most 22 characters.',
      validators: [
        validate.matches(
          FLEET_NAME_PATTERN,
          'must be 1-22 lower-case letters, digits or "_", starting and ending with a letter or digit',
        ),
      ],
      planModifiers: [planModifier.requiresReplace()],
    }),
    id: attr.string({
      computed: true,
      description: 'The fleet name; also the import id.',
      planModifiers: [planModifier.useStateForUnknown()],
    }),
    members: attr.nested('list', memberAttributes, {
      computed: true,
      description: 'The member arrays, as the last apply or refresh saw them.',
    }),
  },
});

type FleetState = StateModel<typeof fleetSchema>;
type MemberState = NonNullable<FleetState['members']>[number];

async function inspectMember(
  member: ArrayMember,
  ctx: OperationContext<PureProviderData>,
): Promise<MemberState> {
  const { fleet } = ctx.providerData;
  const session = fleet.session(member.name);
  if (member.kind === 'flasharray') {
    const client = fleet.flashArray(member.name);
    const [info, space] = await Promise.all([client.getArray(ctx.signal), client.getSpace(ctx.signal)]);
    return {
      name: member.name,
      type: member.kind,
      endpoint: member.endpoint,
      array_id: info.id,
      array_name: info.name,
      os_version: info.version ?? '',
      api_version: session.apiVersion ?? '',
      capacity_bytes: CtyNumber.of(space.capacity),
      labels: member.labels,
    };
  }
  type Identity = { items: { id: string; name: string; version?: string }[] };
  const info = (await session.request<Identity>('GET', 'arrays', { signal: ctx.signal })).items[0];
  const space = (
    await session.request<{ items: { capacity: number }[] }>('GET', 'arrays/space', { signal: ctx.signal })
  ).items[0];
  return {
    name: member.name,
    type: member.kind,
    endpoint: member.endpoint,
    array_id: info?.id ?? '',
    array_name: info?.name ?? '',
    os_version: info?.version ?? '',
    api_version: session.apiVersion ?? '',
    capacity_bytes: CtyNumber.of(space?.capacity ?? 0),
    labels: member.labels,
  };
}

async function inspectFleet(
  ctx: OperationContext<PureProviderData>,
  failHard: boolean,
): Promise<MemberState[] | undefined> {
  const members = ctx.providerData.fleet.members;
  const results = await Promise.allSettled(members.map((m) => inspectMember(m, ctx)));
  const out: MemberState[] = [];
  results.forEach((r, i) => {
    const member = members[i] as ArrayMember;
    if (r.status === 'fulfilled') {
      out.push(r.value);
      return;
    }
    const message = r.reason instanceof Error ? r.reason.message : String(r.reason);
    if (failHard) ctx.diags.error(`Array "${member.name}" cannot join the fleet`, message);
    else ctx.diags.warning(`Array "${member.name}" is not reachable`, message);
  });
  return failHard && ctx.diags.hasErrors() ? undefined : out;
}

export const fleetResource: ResourceDefinition<typeof fleetSchema, PureProviderData> = {
  typeName: 'pure_fleet',
  schema: fleetSchema,

  async create({ plan }, ctx) {
    if (ctx.providerData.fleet.members.length === 0) {
      ctx.diags.error(
        'Empty fleet',
        'The provider configuration names no arrays: add array blocks or pso_values_file.',
      );
      return undefined;
    }
    const members = await inspectFleet(ctx, true);
    if (!members) return undefined;
    const name = plan.name;
    return { name, id: name, members };
  },

  async read({ state }, ctx) {
    const seen = await inspectFleet(ctx, false);
    // Keep the last known record of a member that cannot be reached now: unreachable is not gone.
    const previous = new Map((state.members ?? []).map((m) => [m.name, m]));
    const members = ctx.providerData.fleet.members
      .map((m) => seen?.find((s) => s.name === m.name) ?? previous.get(m.name))
      .filter((m): m is MemberState => m !== undefined);
    return { ...state, members };
  },

  async update({ plan }, ctx) {
    const members = await inspectFleet(ctx, true);
    if (!members) return undefined;
    const name = plan.name;
    return { name, id: name, members };
  },

  async delete() {
    // The fleet owns no remote object of its own yet; its volumes are separate resources.
  },

  async importState(id, ctx) {
    if (!FLEET_NAME_PATTERN.test(id)) {
      ctx.diags.error(
        'Invalid import id',
        `Expected the fleet name (lower-case letters, digits, "_"), got "${id}".`,
      );
      return undefined;
    }
    return { name: id, id, members: [] };
  },
};
