// The names a stored state must hold for read, update and delete to find the object. State models
// are wholly known, but an attribute may be null (a computed one before its create finished, or a
// state written by hand); an object is never looked up under "null". A missing name is an error
// on its attribute, and the object stays in state as it is.

import type { Diagnostics } from '../provider/framework/diagnostics';

export type Recorded<S, K extends keyof S> = S & { [P in K]: NonNullable<S[P]> };

/** Whether the named attributes of a stored state are all non-null; reports the first that is not. */
export function recorded<S extends object, K extends keyof S & string>(
  state: S,
  keys: readonly K[],
  diags: Diagnostics,
): state is Recorded<S, K> {
  for (const key of keys) {
    if (state[key] === null || state[key] === undefined) {
      diags.error(
        'Incomplete state',
        `The stored state has no ${key}, so the object cannot be found on the fleet; it stays in state unchanged. Import it again (terraform import) to record it.`,
        [{ attribute: key }],
      );
      return false;
    }
  }
  return true;
}
