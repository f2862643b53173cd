// Interrupted creates converge by themselves (DESIGN.md "The arrays are the shared record"): a
// resource with no state whose name is already on the fleet's arrays is decided from those copies
// and their ownership marks, never from the name alone.
//   - exactly one live copy, carrying this fleet's mark for this resource → adopt it (the plan says
//     so with a warning; the apply's create takes it instead of creating);
//   - several marked copies (left by an older version, or by hand) → a plan error naming each, and
//     which to keep; never an adopt of the wrong one;
//   - a copy without the mark (another workload) → "already exists", unless the user asks to adopt;
//   - marks that could not be read → nothing is decided: ask again.
// Plan cannot write state (Terraform's rule), so the plan only predicts the adoption; the create
// re-reads the copy on its array and takes it.

import type { FleetObject } from '../fleet/volumes/snapshot';
import { ownedBy } from '../fleet/ownership';
import type { Diagnostics } from '../provider/framework/diagnostics';
import type { OperationContext } from '../provider/framework/resource';
import type { PureProviderData } from './provider-data';
import type { VolumeRequest } from './volume-plan';
import {
  fleetPrefix,
  foundPlacement,
  stateFromView,
  type CreateBase,
  type VolumeState,
} from './volume-state';

export interface Copy {
  readonly array: string;
  readonly object: FleetObject;
  /** Why its ownership could not be read, when it could not. */
  readonly ownershipError?: string;
}

export type CopyDecision =
  | { readonly kind: 'none' }
  | { readonly kind: 'adopt'; readonly copy: Copy }
  | { readonly kind: 'several'; readonly copies: readonly Copy[]; readonly keep: Copy }
  | { readonly kind: 'foreign'; readonly copy: Copy }
  | { readonly kind: 'destroyed'; readonly copy: Copy }
  | { readonly kind: 'marks-unreadable'; readonly copy: Copy };

const destroyed = (o: FleetObject): boolean =>
  o.kind === 'flasharray' ? o.volume.destroyed : o.fileSystem.destroyed;

const createdAt = (o: FleetObject): number =>
  (o.kind === 'flasharray' ? o.volume.created : o.fileSystem.created) ?? Number.MAX_SAFE_INTEGER;

const written = (o: FleetObject): number =>
  (o.kind === 'flasharray' ? o.volume.space?.unique : o.fileSystem.space?.unique) ?? 0;

/**
 * Which copy to keep of several: the one holding data (most unique bytes), else the oldest (the
 * first create that landed), else the first array by name — a rule anyone re-reading the arrays
 * computes the same way.
 */
export function copyToKeep(copies: readonly Copy[]): Copy {
  const sorted = [...copies].sort(
    (a, b) =>
      written(b.object) - written(a.object) ||
      createdAt(a.object) - createdAt(b.object) ||
      a.array.localeCompare(b.array),
  );
  return sorted[0] as Copy;
}

/**
 * The copies with their ownership, asked of each copy's array (one tag lookup each, FlashArray;
 * the prefix rule, FlashBlade). Only names that collide are asked, so a refresh of N volumes
 * costs no tag reads at all. An array that cannot say leaves the copy's ownership unknown.
 */
export async function withOwnership(
  copies: readonly Copy[],
  data: PureProviderData,
  signal?: AbortSignal,
): Promise<Copy[]> {
  return Promise.all(
    copies.map(async (c) => {
      try {
        const ownership = await data.fleet.volumeBackend(c.array).ownership(c.object.name, signal);
        return ownership
          ? { ...c, object: { ...c.object, ownership } }
          : { ...c, ownershipError: 'the array no longer shows it' };
      } catch (err) {
        return { ...c, ownershipError: err instanceof Error ? err.message : String(err) };
      }
    }),
  );
}

export function decideCopies(copies: readonly Copy[], fleet: string, resource: string): CopyDecision {
  const live = copies.filter((c) => !destroyed(c.object));
  if (live.length === 0) {
    const [first] = copies;
    return first ? { kind: 'destroyed', copy: first } : { kind: 'none' };
  }
  const foreign = live.find(
    (c) => c.object.ownership !== undefined && !ownedBy(c.object.ownership, fleet, resource),
  );
  if (foreign) return { kind: 'foreign', copy: foreign };
  const unreadable = live.find((c) => c.object.ownership === undefined);
  if (unreadable) return { kind: 'marks-unreadable', copy: unreadable };
  if (live.length === 1) return { kind: 'adopt', copy: live[0] as Copy };
  return { kind: 'several', copies: live, keep: copyToKeep(live) };
}

/** One line for the plan: what is adopted and why. */
export function adoptionLine(address: string, copy: Copy): string {
  const at = createdAt(copy.object);
  const when = at === Number.MAX_SAFE_INTEGER ? '' : ` at ${new Date(at).toISOString()}`;
  return `${address}: adopting "${copy.object.name}" on ${copy.array}, created by this fleet${when} by a run that did not record it (interrupted, or its answer was lost); no new volume is created.`;
}

export function severalCopiesMessage(backend: string, copies: readonly Copy[], keep: Copy): string {
  const list = copies
    .map(
      (c) =>
        `  - ${c.array}: created ${createdAt(c.object) === Number.MAX_SAFE_INTEGER ? 'at an unknown time' : new Date(createdAt(c.object)).toISOString()}, ${written(c.object)} bytes written`,
    )
    .join('\n');
  return (
    `"${backend}" exists on ${copies.length} arrays, each marked as this fleet's:\n${list}\n` +
    `Keep the copy on ${keep.array} (it holds the most data, or was created first): destroy and eradicate the others on their arrays, then plan again and it is adopted.`
  );
}

/**
 * Reports the decisions that stop a create and are this module's own (several marked copies,
 * unreadable marks); false for the rest, which the caller reports (none, adopt, foreign, destroyed).
 */
export function reportCopies(decision: CopyDecision, diags: Diagnostics, backend: string): boolean {
  if (decision.kind === 'several') {
    diags.error(
      'Several copies of this volume',
      severalCopiesMessage(backend, decision.copies, decision.keep),
      [{ attribute: 'name' }],
    );
    return true;
  }
  if (decision.kind === 'marks-unreadable') {
    diags.error(
      'Cannot tell whose volume this is',
      `The array "${decision.copy.array}" has an object named "${backend}", but its ownership tags could not be read (${decision.copy.ownershipError ?? 'no answer'}), so it is neither adopted nor created again. Run the plan again.`,
      [{ attribute: 'name' }],
    );
    return true;
  }
  return false;
}

/**
 * Apply time, no `adopt`: the fleet's own copy of this resource, left by a run that never
 * recorded it, is re-read on its array and taken into state. Undefined when there is none (the
 * volume is placed and created); 'stop' when copies stop the create (reported).
 */
export async function takeOwnCopy(
  base: CreateBase,
  name: string,
  request: VolumeRequest,
  ctx: OperationContext<PureProviderData>,
): Promise<VolumeState | 'stop' | undefined> {
  const { fleet } = ctx.providerData;
  const fleetName = base.fleet;
  const snapshot = await fleet.volumes.snapshot(fleetPrefix(fleetName), { signal: ctx.signal });
  const copies = await withOwnership(snapshot.findEverywhere(name), ctx.providerData, ctx.signal);
  const decision = decideCopies(copies, fleetName, `${fleetName}/${base.name}`);
  if (reportCopies(decision, ctx.diags, name)) return 'stop';
  // Someone else's object, or a destroyed one: the create's own "already exists" says so.
  if (decision.kind !== 'adopt') return undefined;
  const { array } = decision.copy;
  const backend = fleet.volumeBackend(array);
  const view = await backend.get(name, ctx.signal);
  if (!view || view.destroyed || view.kind !== request.create.spec.kind) return undefined;
  const arrayId = await fleet.arrayId(array, ctx.signal);
  const mountPath = await backend.accessPath(name, ctx.signal);
  ctx.diags.warning(
    'Adopted a volume this fleet created',
    `"${name}" on ${array} was created by an earlier run that did not record it; it is now in state.`,
  );
  return stateFromView(
    { ...base, placement: foundPlacement('adopted') },
    { array, arrayId, mountPath },
    view,
  );
}
