// Requests as the engine receives them: validation (a malformed request throws, naming the field;
// "nothing fits" is an outcome, not an exception) and the key under which the static pre-pass caches
// a request's candidate arrays.

import type { PlacementRequest } from './model';

export class InvalidPlacementRequestError extends Error {
  constructor(
    readonly requestKey: string,
    readonly field: string,
    detail: string,
  ) {
    super(`invalid placement request "${requestKey}": ${field} ${detail}`);
    this.name = 'InvalidPlacementRequestError';
  }
}

export function validateRequest(request: PlacementRequest): void {
  const fail = (field: string, detail: string): never => {
    throw new InvalidPlacementRequestError(String(request.key), field, detail);
  };
  if (typeof request.key !== 'string' || request.key.length === 0) fail('key', 'must be a non-empty string');
  if (request.kind !== 'block' && request.kind !== 'file')
    fail('kind', `must be "block" or "file", got ${String(request.kind)}`);
  if (
    typeof request.sizeBytes !== 'number' ||
    !Number.isFinite(request.sizeBytes) ||
    request.sizeBytes <= 0
  ) {
    fail('sizeBytes', `must be a finite number of bytes > 0, got ${String(request.sizeBytes)}`);
  }
  if (typeof request.labelSelector !== 'object' || request.labelSelector === null)
    fail('labelSelector', 'must be an object');
  for (const k in request.labelSelector) {
    if (!Object.prototype.hasOwnProperty.call(request.labelSelector, k)) continue;
    if (typeof request.labelSelector[k] !== 'string') fail(`labelSelector.${k}`, 'must be a string');
  }
  const iops = request.expectedIops;
  if (iops !== undefined && (typeof iops !== 'number' || !Number.isFinite(iops) || iops < 0)) {
    fail('expectedIops', `must be a finite number >= 0, got ${String(iops)}`);
  }
}

/** The request of no bytes, no IOPS and no volume: the engine's bounds are its scores. */
export const EMPTY_REQUEST: PlacementRequest = {
  key: '(bound)',
  kind: 'block',
  sizeBytes: 0,
  labelSelector: {},
};

/** Kind plus selector: requests with the same key have the same static candidates. */
export function staticCacheKey(request: PlacementRequest): string {
  // The common selectors ({} or one label) without allocating an array of keys.
  let only: string | undefined;
  let count = 0;
  for (const k in request.labelSelector) {
    if (!Object.prototype.hasOwnProperty.call(request.labelSelector, k)) continue;
    only = k;
    if (++count > 1) break;
  }
  if (count === 0) return request.kind;
  if (count === 1) return `${request.kind}\u0000${only!}\u0001${request.labelSelector[only!]}`;
  const keys = Object.keys(request.labelSelector);
  keys.sort();
  let key = request.kind;
  for (const k of keys) key += `\u0000${k}\u0001${request.labelSelector[k]}`;
  return key;
}
