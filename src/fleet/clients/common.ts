// What the FlashArray and FlashBlade clients share: the health models (alerts, hardware) whose
// fields both specs spell the same, `filter` quoting, the single-object GETs and lookups by name.

import { PureApiError } from '../rest/errors';
import type { ListResponse, RestTransport } from '../rest/session';

/** An alert (FA 2.x `Alert`, FB 2.x `Alert`); only the fields the fleet reads. */
export interface PureAlert {
  readonly id?: string;
  readonly name?: string;
  readonly code?: number;
  /** FA: info|warning|critical|hidden; FB: info|warning|critical. */
  readonly severity?: string;
  /** open|closing|closed (FB also "waiting to downgrade"). */
  readonly state?: string;
  readonly component_name?: string;
  readonly component_type?: string;
  readonly summary?: string;
  readonly created?: number;
}

/** A hardware component (FA/FB 2.x `Hardware`). */
export interface PureHardwareComponent {
  readonly name: string;
  readonly type?: string;
  readonly model?: string;
  /** critical|healthy|identifying|unhealthy|unknown|unused. */
  readonly status?: string;
  readonly details?: string;
}

/** Quotes a value for a REST `filter` expression. */
export function quoteFilter(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** `name='<prefix>*'`: every object whose name starts with the prefix. */
export function namePrefixFilter(prefix: string): string {
  return `name=${quoteFilter(`${prefix}*`)}`;
}

/** Open alerts of the severities the fleet turns into problems (info and hidden are not read). */
export const OPEN_ALERTS_FILTER = `state='open' and (severity='critical' or severity='warning')`;

/** The only item of a singleton collection (arrays, arrays/space, arrays/performance). */
export async function singleItem<T>(
  transport: RestTransport,
  path: string,
  what: string,
  options: { query?: Readonly<Record<string, string | number | boolean | undefined>>; signal?: AbortSignal },
): Promise<T> {
  const response = await transport.request<ListResponse<T>>('GET', path, {
    query: options.query,
    signal: options.signal,
  });
  const item = Array.isArray(response.items) ? response.items[0] : undefined;
  if (!item)
    throw new PureApiError(transport.arrayName, 'GET', path, 200, [
      { message: `the array returned no ${what}` },
    ]);
  return item;
}

/**
 * One object by name, destroyed or not; undefined when the array has none. Pure answers a missing
 * name with 400 "does not exist", which here means absent, not failed.
 */
export async function findByName<T>(
  transport: RestTransport,
  path: string,
  name: string,
  signal?: AbortSignal,
): Promise<T | undefined> {
  try {
    const response = await transport.request<ListResponse<T>>('GET', path, {
      query: { names: name },
      signal,
    });
    return response.items[0];
  } catch (err) {
    if (err instanceof PureApiError && err.isNotFound()) return undefined;
    throw err;
  }
}

/** Every object whose name starts with `prefix`, destroyed ones included, in a few paged calls. */
export function listByNamePrefix<T>(
  transport: RestTransport,
  path: string,
  prefix: string,
  signal?: AbortSignal,
  pageSize?: number,
): Promise<T[]> {
  return transport.listAll<T>(path, { filter: namePrefixFilter(prefix) }, signal, pageSize);
}

// The never-blind-create rule lives in create-outcome.ts; kept importable from here.
export {
  CreateOutcomeUnknownError,
  createWithExistenceCheck,
  isUnknownCreateOutcome,
  type CreateOutcome,
} from './create-outcome';

/** Items of a POST/PATCH answer; the first one, or a clear error when the array sent none. */
export function firstOf<T>(
  transport: RestTransport,
  method: string,
  path: string,
  items: readonly T[] | undefined,
  what: string,
): T {
  const item = Array.isArray(items) ? items[0] : undefined;
  if (!item)
    throw new PureApiError(transport.arrayName, method, path, 200, [
      { message: `the array returned no ${what}` },
    ]);
  return item;
}

/** DELETE of the named object; one already gone counts as deleted (a retried DELETE may find it so). */
export async function deleteByName(
  transport: RestTransport,
  path: string,
  name: string,
  signal?: AbortSignal,
): Promise<void> {
  try {
    await transport.request<unknown>('DELETE', path, { query: { names: name }, retrySafe: true, signal });
  } catch (err) {
    if (err instanceof PureApiError && err.isNotFound()) return;
    throw err;
  }
}
