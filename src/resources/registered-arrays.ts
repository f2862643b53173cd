// Which FlashArrays of the roster a fleet-wide object (pure_host, pure_host_group) is registered on
// as last applied: the computed `arrays` a refresh writes to state. One rule for both resources:
// an array counts when its object is there, carries the fleet's mark and has exactly what was last
// applied (state). Anything else on an array is drift, shown as `arrays` gaining that array, which
// the apply repairs there. State keeps what was applied and is never rewritten from one array's
// view: a refresh that copied a drifted array's values into state would compare the next refresh
// against them, hide the drift from the plan and flip between refreshes (engineering/hosts.md).

import type { Diagnostics } from '../provider/framework/diagnostics';

/** What a refresh read of the object on one array. */
export interface ArrayReading {
  /** Whether an object of the name exists on the array. */
  readonly present: boolean;
  /** The fleet named by the object's mark; undefined when unmarked (or absent). */
  readonly owner: string | undefined;
  /** Whether the object has exactly what was last applied (ports and personality, or members). */
  readonly asApplied: boolean;
}

function describeFailure(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * The roster arrays (sorted) where the object is registered as applied. `readings` are in the
 * order of `roster`; an array that could not be read keeps what state says about it (unreachable
 * is not gone), with a warning naming it. `what` names the object in that warning ("host").
 */
export function arraysAsApplied(
  fleet: string,
  roster: readonly string[],
  readings: readonly PromiseSettledResult<ArrayReading>[],
  previous: readonly string[] | null,
  what: string,
  diags: Diagnostics,
): string[] {
  const had = new Set(previous ?? []);
  const arrays: string[] = [];
  readings.forEach((r, i) => {
    const array = roster[i] as string;
    if (r.status === 'rejected') {
      diags.warning(
        `Array "${array}" not read`,
        `${describeFailure(r.reason)}. Its ${what} registration stays as in state.`,
      );
      if (had.has(array)) arrays.push(array);
      return;
    }
    const { present, owner, asApplied } = r.value;
    if (present && owner === fleet && asApplied) arrays.push(array);
  });
  return arrays.sort();
}
