// What a FlashArray route module needs from the simulated array it serves.
import type { ResolvedArrayConfig } from '../description';
import { badRequest } from '../errors';
import { LIST_PARAMS } from '../http/listing';
import type { ApiRequest } from '../http/types';
import { nameKey } from '../names';
import type { SimClock } from '../runtime';
import { atLeast, type ApiVersion } from '../versions';
import type { FlashArrayStore } from './store';

export interface FaContext {
  readonly store: FlashArrayStore;
  readonly config: ResolvedArrayConfig;
  readonly clock: SimClock;
  /** Records a change: bumps the revision (invalidating caches) and persists. */
  changed(): void;
  /** The array's revision: any change bumps it. */
  revision(): number;
  nextSeq(): number;
}

/** Query parameters a GET list endpoint takes in version `v` (plus `extra`). */
export function listParams(v: ApiVersion | null, extra: readonly string[], total = true): string[] {
  const out = LIST_PARAMS.filter(
    (p) => p !== 'continuation_token' || (v !== null && atLeast(v, 2, 1)),
  ) as string[];
  if (total) out.push('total_item_count');
  if (v !== null && atLeast(v, 2, 1)) out.push('allow_errors', 'context_names');
  return [...out, ...extra];
}

/** Query parameters a POST/PATCH/DELETE takes in version `v` (plus `extra`). */
export function writeParams(v: ApiVersion | null, extra: readonly string[]): string[] {
  return v !== null && atLeast(v, 2, 1) ? [...extra, 'context_names'] : [...extra];
}

/** `context_names` may only name this array (the simulator is never a fleet member's proxy). */
export function checkContext(ctx: { readonly config: ResolvedArrayConfig }, req: ApiRequest): void {
  const names = req.query.list('context_names');
  const own = nameKey(ctx.config.name);
  if (names && (names.length !== 1 || nameKey(names[0] as string) !== own)) {
    throw badRequest('Context does not exist.', names.find((n) => nameKey(n) !== own) ?? names[0]);
  }
}

/** Looks up each name or throws the array's "does not exist" error for the first missing one. */
export function requireEach<T>(
  names: readonly string[],
  find: (n: string) => T | undefined,
  fail: (n: string) => Error,
): T[] {
  return names.map((n) => {
    const found = find(n);
    if (found === undefined) throw fail(n);
    return found;
  });
}
