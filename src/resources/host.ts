// pure_host's lifecycle: one host declared once, registered on every FlashArray of the roster.
// Hosts are a resource of their own, not blocks of pure_fleet or pure_volume, because they come
// and go more often than arrays: a host change is a change to that host alone, and a new member
// of the roster shows as that host gaining an array, never as a volume change
// (engineering/hosts.md). The fleet's mark on each registered host (a tag, see
// fleet/clients/flasharray-hosts.ts) tells the fleet's host from another workload's host of the
// same name; such a host is never touched unless the configuration adopts it.

import { FlashArrayHostsClient, type FlashArrayHost, type HostSpec } from '../fleet/clients/flasharray-hosts';
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
import { hostSchema } from './host-schema';
import type { PureProviderData } from './provider-data';
import { recorded } from './recorded-state';
import { arraysAsApplied, type ArrayReading } from './registered-arrays';

export { hostSchema } from './host-schema';

type HostState = StateModel<typeof hostSchema>;
/** What create and update receive: every attribute known but the computed id and arrays. */
type HostPlan = ApplyPlanModel<typeof hostSchema>;

function hostsClient(data: PureProviderData, array: string): FlashArrayHostsClient {
  return new FlashArrayHostsClient(data.fleet.session(array));
}

const sortedLower = (list: readonly string[] | null | undefined): string[] =>
  [...(list ?? [])].map((p) => p.toLowerCase()).sort();

function specOf(model: HostState | HostPlan): HostSpec {
  // Terraform's sets of strings hold no nulls; a hostile peer's are dropped, not sent on.
  const list = (v: readonly unknown[] | null): string[] =>
    (v ?? []).filter((x): x is string => typeof x === 'string');
  return {
    iqns: list(model.iqns),
    nqns: list(model.nqns),
    wwns: list(model.wwns),
    personality: typeof model.personality === 'string' ? model.personality : null,
  };
}

/** Whether the array's host has exactly the declared ports and personality (ports compare case-blind). */
function matches(host: FlashArrayHost, spec: HostSpec): boolean {
  const same = (a: readonly string[] | undefined, b: readonly string[]): boolean =>
    JSON.stringify(sortedLower(a)) === JSON.stringify(sortedLower(b));
  return (
    same(host.iqns, spec.iqns) &&
    same(host.nqns, spec.nqns) &&
    same(host.wwns, spec.wwns) &&
    (host.personality ?? null) === spec.personality
  );
}

interface Probe extends FleetWideProbe {
  readonly host: FlashArrayHost | undefined;
}

async function probe(
  data: PureProviderData,
  array: string,
  name: string,
  signal: AbortSignal,
): Promise<Probe> {
  const client = hostsClient(data, array);
  const host = await client.getHost(name, signal);
  const owner = host ? await client.ownerOf(name, signal) : undefined;
  return { array, present: host !== undefined, host, owner };
}

/**
 * Registers the host on each array: first every array is probed and nothing is written if any
 * has a foreign host of this name or cannot be read; then each is created or set to the spec.
 * Returns the arrays the host is registered on, or undefined when nothing was written.
 */
async function register(
  model: HostPlan,
  arrays: readonly string[],
  ctx: OperationContext<PureProviderData>,
): Promise<string[] | undefined> {
  const data = ctx.providerData;
  const { fleet, name } = model;
  const adopt = model.adopt === true;
  const spec = specOf(model);
  const probes = await Promise.allSettled(arrays.map((a) => probe(data, a, name, ctx.signal)));
  const ready: Probe[] = [];
  probes.forEach((r, i) => {
    const array = arrays[i] as string;
    if (r.status === 'rejected') {
      ctx.diags.error(
        `Cannot read hosts on "${array}"`,
        `${describeFailure(r.reason)}. Nothing was changed.`,
      );
    } else if (isForeign(r.value, fleet) && !adopt) {
      reportForeign('host', name, fleet, r.value, ctx.diags);
    } else {
      ready.push(r.value);
    }
  });
  if (ctx.diags.hasErrors()) return undefined;
  const results = await Promise.allSettled(
    ready.map(async (p) => {
      const client = hostsClient(data, p.array);
      if (!p.host) {
        const created = await client.createHost(name, spec, fleet, ctx.signal);
        if (
          created.outcome === 'found-after-unknown-outcome' &&
          (await client.ownerOf(name, ctx.signal)) !== fleet
        )
          throw new Error(
            `a host named "${name}" appeared on "${p.array}" while it was being created, not marked as this fleet's`,
          );
        if (!matches(created.host, spec)) await client.setHost(name, spec, ctx.signal);
      } else {
        if (p.owner !== fleet) await client.markHost(name, fleet, ctx.signal);
        if (!matches(p.host, spec)) await client.setHost(name, spec, ctx.signal);
      }
      return p.array;
    }),
  );
  const where = ready.map((p) => p.array);
  reportFailures(results, where, (a) => `Cannot register the host on "${a}"`, ctx.diags, true);
  return where.filter((_, i) => results[i]?.status === 'fulfilled').sort();
}

export const hostResource: ResourceDefinition<typeof hostSchema, PureProviderData> = {
  typeName: 'pure_host',
  schema: hostSchema,

  async modifyPlan({ plan, state }, ctx) {
    if (!plan) return;
    await planFleetWide('host', plan, state?.arrays, ctx.providerData, ctx.diags, (data, array, name) =>
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
    // Compared with the ports and personality last applied (state), which stay as they are: an
    // array whose host differs drops out of `arrays`, so the plan shows it being added back.
    const applied = specOf(state);
    const readings = await Promise.allSettled(
      roster.map(async (array): Promise<ArrayReading> => {
        const p = await probe(data, array, name, ctx.signal);
        return {
          present: p.host !== undefined,
          owner: p.owner,
          asApplied: p.host !== undefined && matches(p.host, applied),
        };
      }),
    );
    return { ...state, arrays: arraysAsApplied(fleet, roster, readings, state.arrays, 'host', ctx.diags) };
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
        // Never delete a host the fleet does not own, even one of the same name.
        if (!p.host || p.owner !== fleet) return;
        await hostsClient(data, array).deleteHost(name, ctx.signal);
      }),
    );
    reportFailures(results, arrays, (a) => `Cannot delete the host on "${a}"`, ctx.diags);
  },

  async importState(id, ctx) {
    const parsed = parseImportId('host', id, ctx.diags);
    if (!parsed) return undefined;
    const { fleet, name } = parsed;
    const p = await Promise.allSettled(
      rosterFlashArrays(ctx.providerData).map((a) => probe(ctx.providerData, a, name, ctx.signal)),
    );
    const found = p.find((r) => r.status === 'fulfilled' && r.value.host && r.value.owner === fleet);
    const host = found?.status === 'fulfilled' ? found.value.host : undefined;
    if (!host) {
      ctx.diags.error(
        'Host not found',
        `No FlashArray of the roster has a host "${name}" marked as fleet "${fleet}"'s.`,
      );
      return undefined;
    }
    return {
      id,
      fleet,
      name,
      adopt: false,
      iqns: host.iqns?.length ? [...host.iqns] : null,
      nqns: host.nqns?.length ? [...host.nqns] : null,
      wwns: host.wwns?.length ? [...host.wwns] : null,
      personality: host.personality ?? null,
      arrays: [],
    };
  },
};
