// What pure_host and pure_host_group share as fleet-wide objects: one object declared once and
// registered on every FlashArray of the roster, marked as the fleet's. The roster they go to, the
// refusal of another workload's object of the same name, the plan-time check for it on arrays the
// object is about to reach, the per-array failures and the import id are written here once; what
// an object holds (ports, members) stays with its resource. Which arrays count as registered on a
// refresh is registered-arrays.ts.

import { isUnknown, type CtyValue } from '../provider/cty/value';
import type { Diagnostics } from '../provider/framework/diagnostics';
import type { PureProviderData } from './provider-data';

/** The kinds of fleet-wide object, as messages name them. */
export type FleetWideKind = 'host' | 'host group';

/** What a probe of one array found of an object of the name. */
export interface FleetWideProbe {
  readonly array: string;
  /** Whether an object of the name exists there. */
  readonly present: boolean;
  /** The fleet named by the object's mark; undefined when unmarked (or absent). */
  readonly owner: string | undefined;
}

/** The roster's FlashArrays, by name, sorted: where every fleet-wide object is registered. */
export function rosterFlashArrays(data: PureProviderData): string[] {
  return data.fleet.members
    .filter((m) => m.kind === 'flasharray')
    .map((m) => m.name)
    .sort();
}

export function describeFailure(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

const capitalised = (kind: FleetWideKind): string => kind.charAt(0).toUpperCase() + kind.slice(1);

/** Whether the probe found an object of the name that this fleet does not own. */
export const isForeign = (p: FleetWideProbe, fleet: string): boolean => p.present && p.owner !== fleet;

/** The error for an object of this name that the fleet does not own, on the name, naming the array. */
export function reportForeign(
  kind: FleetWideKind,
  name: string,
  fleet: string,
  p: FleetWideProbe,
  diags: Diagnostics,
): void {
  const whose = p.owner ? `it is marked as fleet "${p.owner}"'s` : 'it carries no fleet mark';
  diags.error(
    `${capitalised(kind)} exists and is not the fleet's`,
    `The FlashArray "${p.array}" already has a ${kind} named "${name}" that does not belong to fleet "${fleet}" (${whose}); another workload may use it. Nothing was changed on "${p.array}". Set adopt = true to take it over, or choose another name.`,
    [{ attribute: 'name' }],
  );
}

/** The planned attributes every fleet-wide object has, as a plan holds them (any may be unknown). */
interface FleetWidePlan {
  id: unknown;
  arrays: unknown;
  readonly fleet: CtyValue;
  readonly name: CtyValue;
  readonly adopt: CtyValue;
}

/**
 * The plan step both resources share: the id and the roster's arrays planned, and, on every array
 * the object is about to be registered on, a foreign object of its name fails the plan before
 * anything is written anywhere (unless the configuration adopts it). An array that cannot be read
 * now is checked again at apply time.
 */
export async function planFleetWide(
  kind: FleetWideKind,
  plan: FleetWidePlan,
  stateArrays: readonly string[] | null | undefined,
  data: PureProviderData | undefined,
  diags: Diagnostics,
  probe: (data: PureProviderData, array: string, name: string) => Promise<FleetWideProbe>,
): Promise<void> {
  const { fleet, name } = plan;
  if (typeof fleet === 'string' && typeof name === 'string') plan.id = `${fleet}/${name}`;
  if (!data) return;
  const desired = rosterFlashArrays(data);
  plan.arrays = desired;
  const had = new Set(stateArrays ?? []);
  const adding = desired.filter((a) => !had.has(a));
  if (adding.length === 0 || typeof name !== 'string' || typeof fleet !== 'string') return;
  if (isUnknown(plan.adopt) || plan.adopt === true) return;
  const probes = await Promise.allSettled(adding.map((a) => probe(data, a, name)));
  for (const r of probes)
    if (r.status === 'fulfilled' && isForeign(r.value, fleet))
      reportForeign(kind, name, fleet, r.value, diags);
}

/** One error per array whose step failed: `results` are in the order of `arrays`. */
export function reportFailures(
  results: readonly PromiseSettledResult<unknown>[],
  arrays: readonly string[],
  summary: (array: string) => string,
  diags: Diagnostics,
  onName = false,
): void {
  results.forEach((r, i) => {
    if (r.status === 'rejected')
      diags.error(
        summary(arrays[i] as string),
        describeFailure(r.reason),
        onName ? [{ attribute: 'name' }] : undefined,
      );
  });
}

/** `<fleet>/<name>`, or an error saying what was expected. */
export function parseImportId(
  kind: FleetWideKind,
  id: string,
  diags: Diagnostics,
): { fleet: string; name: string } | undefined {
  const match = /^([^/]+)\/([^/]+)$/.exec(id);
  if (!match) {
    diags.error('Invalid import id', `Expected "<fleet>/<${kind} name>", got "${id}".`);
    return undefined;
  }
  const [, fleet = '', name = ''] = match;
  return { fleet, name };
}
