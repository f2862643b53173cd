// pure_host_group's lifecycle: a group of the fleet's hosts (a cluster that shares volumes),
// registered with its members on every FlashArray of the roster, the way pure_host registers a
// host: a resource of its own, so a membership change is a change to that group alone and a new
// member array shows as the group gaining an array, never as a volume change
// (engineering/hosts.md). The fleet's mark on each registered group (a tag, see
// fleet/clients/flasharray-fleet-mark.ts) tells the fleet's group from another workload's group
// of the same name; such a group is never touched unless the configuration adopts it.

import {
  FlashArrayHostGroupsClient,
  type FlashArrayHostGroup,
} from '../fleet/clients/flasharray-host-groups';
import { FlashArrayHostsClient } from '../fleet/clients/flasharray-hosts';
import type { OperationContext, ResourceDefinition } from '../provider/framework/resource';
import type { ApplyPlanModel, StateModel } from '../provider/framework/schema';
import {
  describeFailure,
  isForeign,
  parseImportId,
  planFleetWide,
  reportFailures,
  reportForeign,
  rosterFlashArrays,
  type FleetWideProbe,
} from './fleet-wide-objects';
import { hostGroupSchema } from './host-group-schema';
import type { PureProviderData } from './provider-data';
import { recorded } from './recorded-state';
import { arraysAsApplied, type ArrayReading } from './registered-arrays';

export { hostGroupSchema } from './host-group-schema';

type HostGroupState = StateModel<typeof hostGroupSchema>;
/** What create and update receive: every attribute known but the computed id and arrays. */
type HostGroupPlan = ApplyPlanModel<typeof hostGroupSchema>;

function groupsClient(data: PureProviderData, array: string): FlashArrayHostGroupsClient {
  return new FlashArrayHostGroupsClient(data.fleet.session(array));
}

const key = (names: readonly string[]): string => JSON.stringify(names.map((n) => n.toLowerCase()).sort());

/** The configured member names (Terraform's sets of strings hold no nulls; a peer's are dropped). */
function membersOf(model: HostGroupState | HostGroupPlan): string[] {
  return (model.hosts ?? []).filter((x): x is string => typeof x === 'string');
}

interface Probe extends FleetWideProbe {
  readonly group: FlashArrayHostGroup | undefined;
  /** The group's member hosts (none when absent). */
  readonly members: string[];
}

async function probe(
  data: PureProviderData,
  array: string,
  name: string,
  signal: AbortSignal,
): Promise<Probe> {
  const client = groupsClient(data, array);
  const group = await client.getGroup(name, signal);
  if (!group) return { array, present: false, group, owner: undefined, members: [] };
  const [owner, members] = await Promise.all([client.ownerOf(name, signal), client.members(name, signal)]);
  return { array, present: true, group, owner, members };
}

/** Why a member cannot join the group on an array: not one of the fleet's hosts there, or in another group. */
type MemberProblem = { readonly kind: 'stranger' } | { readonly kind: 'grouped'; readonly other: string };

async function memberProblem(
  data: PureProviderData,
  array: string,
  fleet: string,
  group: string,
  host: string,
  signal: AbortSignal,
): Promise<MemberProblem | undefined> {
  const hosts = new FlashArrayHostsClient(data.fleet.session(array));
  const found = await hosts.getHost(host, signal);
  if (!found || (await hosts.ownerOf(host, signal)) !== fleet) return { kind: 'stranger' };
  const other = found.host_group?.name;
  // A host is in at most one host group.
  if (other && other.toLowerCase() !== group.toLowerCase()) return { kind: 'grouped', other };
  return undefined;
}

const listed = (arrays: readonly string[]): string => {
  const quoted = arrays.map((a) => `"${a}"`);
  return quoted.length < 2 ? (quoted[0] ?? '') : `${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1)}`;
};

/** One diagnostic per member host that cannot join, naming every array where it cannot. */
function reportMemberProblems(
  fleet: string,
  problems: readonly { array: string; host: string; problem: MemberProblem }[],
  ctx: OperationContext<PureProviderData>,
): void {
  const byHost = new Map<string, { array: string; problem: MemberProblem }[]>();
  for (const p of problems) byHost.set(p.host, [...(byHost.get(p.host) ?? []), p]);
  for (const [host, list] of byHost) {
    const strangers = list.filter((p) => p.problem.kind === 'stranger').map((p) => p.array);
    if (strangers.length > 0)
      ctx.diags.error(
        'Not a host of the fleet',
        `"${host}" is not a host of fleet "${fleet}" on ${listed(strangers)}: declare it with a pure_host resource (fleet = "${fleet}") and name it here as pure_host.<name>.name. Nothing was changed.`,
        [{ attribute: 'hosts' }],
      );
    const grouped = new Map<string, string[]>();
    for (const p of list)
      if (p.problem.kind === 'grouped')
        grouped.set(p.problem.other, [...(grouped.get(p.problem.other) ?? []), p.array]);
    for (const [other, arrays] of grouped)
      ctx.diags.error(
        'Host already in a host group',
        `The host "${host}" is already in host group "${other}" on ${listed(arrays)}, and a host can be in at most one host group. Nothing was changed.`,
        [{ attribute: 'hosts' }],
      );
  }
}

/**
 * Registers the group and its members on each array: first every array (and every member host on
 * it) is checked, and nothing is written if any array has a foreign group of this name, a member
 * that cannot join, or cannot be read; then each group is created or set to the configuration.
 * Returns the arrays the group is registered on, or undefined when nothing was written.
 */
async function register(
  model: HostGroupPlan,
  arrays: readonly string[],
  ctx: OperationContext<PureProviderData>,
): Promise<string[] | undefined> {
  const data = ctx.providerData;
  const { fleet, name } = model;
  const adopt = model.adopt === true;
  const wanted = membersOf(model);
  const checks = await Promise.allSettled(
    arrays.map(async (array) => {
      const p = await probe(data, array, name, ctx.signal);
      const found = await Promise.all(
        wanted.map(async (host) => ({
          array,
          host,
          problem: await memberProblem(data, array, fleet, name, host, ctx.signal),
        })),
      );
      const problems = found.filter(
        (x): x is { array: string; host: string; problem: MemberProblem } => x.problem !== undefined,
      );
      return { probe: p, problems };
    }),
  );
  const ready: Probe[] = [];
  const memberProblems: { array: string; host: string; problem: MemberProblem }[] = [];
  checks.forEach((r, i) => {
    const array = arrays[i] as string;
    if (r.status === 'rejected') {
      ctx.diags.error(
        `Cannot read host groups on "${array}"`,
        `${describeFailure(r.reason)}. Nothing was changed.`,
      );
      return;
    }
    const p = r.value.probe;
    if (isForeign(p, fleet) && !adopt) {
      reportForeign('host group', name, fleet, p, ctx.diags);
      return;
    }
    memberProblems.push(...r.value.problems);
    if (r.value.problems.length === 0) ready.push(p);
  });
  reportMemberProblems(fleet, memberProblems, ctx);
  if (ctx.diags.hasErrors()) return undefined;
  const results = await Promise.allSettled(
    ready.map(async (p) => {
      const client = groupsClient(data, p.array);
      let members = p.members;
      if (!p.group) {
        const created = await client.createGroup(name, fleet, ctx.signal);
        if (created.outcome === 'found-after-unknown-outcome') {
          if ((await client.ownerOf(name, ctx.signal)) !== fleet)
            throw new Error(
              `a host group named "${name}" appeared on "${p.array}" while it was being created, not marked as this fleet's`,
            );
          members = await client.members(name, ctx.signal);
        }
      } else if (p.owner !== fleet) {
        await client.markGroup(name, fleet, ctx.signal);
      }
      const want = new Set(wanted.map((h) => h.toLowerCase()));
      const have = new Set(members.map((h) => h.toLowerCase()));
      await client.removeMembers(
        name,
        members.filter((h) => !want.has(h.toLowerCase())),
        ctx.signal,
      );
      await client.addMembers(
        name,
        wanted.filter((h) => !have.has(h.toLowerCase())),
        ctx.signal,
      );
      return p.array;
    }),
  );
  const where = ready.map((p) => p.array);
  reportFailures(results, where, (a) => `Cannot register the host group on "${a}"`, ctx.diags, true);
  return where.filter((_, i) => results[i]?.status === 'fulfilled').sort();
}

export const hostGroupResource: ResourceDefinition<typeof hostGroupSchema, PureProviderData> = {
  typeName: 'pure_host_group',
  schema: hostGroupSchema,

  async modifyPlan({ plan, state }, ctx) {
    if (!plan) return;
    await planFleetWide('host group', plan, state?.arrays, ctx.providerData, ctx.diags, (data, array, name) =>
      probe(data, array, name, ctx.signal),
    );
  },

  async create({ plan }, ctx) {
    const arrays = await register(plan, rosterFlashArrays(ctx.providerData), ctx);
    if (arrays === undefined) return undefined;
    return { ...plan, id: `${plan.fleet}/${plan.name}`, arrays };
  },

  async read({ state }, ctx) {
    const data = ctx.providerData;
    if (!recorded(state, ['fleet', 'name'], ctx.diags)) return state;
    const { fleet, name } = state;
    const roster = rosterFlashArrays(data);
    // Compared with the members last applied (state), which stay as they are: an array whose
    // group has other members drops out of `arrays`, so the plan shows it being added back.
    const applied = key(membersOf(state));
    const readings = await Promise.allSettled(
      roster.map(async (array): Promise<ArrayReading> => {
        const p = await probe(data, array, name, ctx.signal);
        return { present: p.group !== undefined, owner: p.owner, asApplied: key(p.members) === applied };
      }),
    );
    return {
      ...state,
      arrays: arraysAsApplied(fleet, roster, readings, state.arrays, 'host group', ctx.diags),
    };
  },

  async update({ plan, state }, ctx) {
    const arrays = await register(plan, rosterFlashArrays(ctx.providerData), ctx);
    if (arrays === undefined) return undefined;
    return { ...plan, id: state.id, arrays };
  },

  async delete({ state }, ctx) {
    const data = ctx.providerData;
    if (!recorded(state, ['fleet', 'name'], ctx.diags)) return;
    const { fleet, name } = state;
    const roster = new Set(rosterFlashArrays(data));
    const arrays = (state.arrays ?? []).filter((a) => roster.has(a));
    const results = await Promise.allSettled(
      arrays.map(async (array) => {
        const p = await probe(data, array, name, ctx.signal);
        // Never delete a group the fleet does not own, even one of the same name.
        if (!p.group || p.owner !== fleet) return;
        // Volumes still connected to it (made outside this configuration) are not ours to cut off.
        const connected = p.group.connection_count ?? 0;
        if (connected > 0)
          throw new Error(
            `the host group "${name}" still has ${connected} volume connection(s) on "${array}"; disconnect them first. Nothing was changed there`,
          );
        const client = groupsClient(data, array);
        await client.removeMembers(name, p.members, ctx.signal);
        await client.deleteGroup(name, ctx.signal);
      }),
    );
    reportFailures(results, arrays, (a) => `Cannot delete the host group on "${a}"`, ctx.diags);
  },

  async importState(id, ctx) {
    const parsed = parseImportId('host group', id, ctx.diags);
    if (!parsed) return undefined;
    const { fleet, name } = parsed;
    const probes = await Promise.allSettled(
      rosterFlashArrays(ctx.providerData).map((a) => probe(ctx.providerData, a, name, ctx.signal)),
    );
    const found = probes.find(
      (r) => r.status === 'fulfilled' && r.value.group !== undefined && r.value.owner === fleet,
    );
    if (found?.status !== 'fulfilled') {
      ctx.diags.error(
        'Host group not found',
        `No FlashArray of the roster has a host group "${name}" marked as fleet "${fleet}"'s.`,
      );
      return undefined;
    }
    const members = found.value.members;
    return { id, fleet, name, adopt: false, hosts: members.length ? members : null, arrays: [] };
  },
};
