// The apply-time loop around the engine: choose and reserve, create, then confirm — or release and
// try another array when the caller says the failure was the array's (≤ maxAttempts in all, like
// Cinder's scheduler_max_attempts = 3). The choice is serialised by the engine; the create is not,
// so many of these may run at once (Terraform's -parallelism).

import type { PlacementDecision, PlacementExplanation, PlacementRequest } from './model';
import type { PlacementEngine } from './engine';

export interface PlaceVolumeOptions {
  /** Total create attempts, each on a different array. Default 3. */
  readonly maxAttempts?: number;
  /**
   * Whether a create error means "this array cannot take it now" (unreachable, out of space, 503),
   * so another array may be tried. Default: never — retrying an error such as "name exists" elsewhere
   * would create a second volume, so only the caller can say which errors are the array's.
   */
  readonly tryAnotherArray?: (error: unknown) => boolean;
}

export interface PlacedVolume<T> {
  readonly decision: PlacementDecision;
  /** What `create` returned. */
  readonly created: T;
  /** Arrays where a create failed before this one succeeded, with the error. */
  readonly failedAttempts: readonly { readonly arrayId: string; readonly error: unknown }[];
}

/** No array could take the volume; `explanation` says why for each array (null if every create failed). */
export class PlacementFailedError extends Error {
  constructor(
    readonly requestKey: string,
    readonly explanation: PlacementExplanation | null,
    readonly failedAttempts: readonly { readonly arrayId: string; readonly error: unknown }[],
  ) {
    super(
      failedAttempts.length === 0
        ? `no array can take "${requestKey}"`
        : `no array could create "${requestKey}" after ${failedAttempts.length} attempt(s): ` +
            failedAttempts.map((a) => `${a.arrayId}: ${String(a.error)}`).join('; '),
    );
    this.name = 'PlacementFailedError';
  }
}

export async function placeVolume<T>(
  engine: PlacementEngine,
  request: PlacementRequest,
  create: (decision: PlacementDecision) => Promise<T>,
  options: PlaceVolumeOptions = {},
): Promise<PlacedVolume<T>> {
  const maxAttempts = options.maxAttempts ?? 3;
  const tryAnother = options.tryAnotherArray ?? (() => false);
  const failedAttempts: { arrayId: string; error: unknown }[] = [];
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    const excluded = [...(request.excludedArrayIds ?? []), ...failedAttempts.map((a) => a.arrayId)];
    const outcome = engine.chooseAndReserve({ ...request, excludedArrayIds: excluded });
    if (!outcome.placed) throw new PlacementFailedError(request.key, outcome.explanation, failedAttempts);
    try {
      const created = await create(outcome);
      engine.confirm(request.key);
      return { decision: outcome, created, failedAttempts };
    } catch (error) {
      engine.release(request.key);
      failedAttempts.push({ arrayId: outcome.arrayId, error });
      if (!tryAnother(error)) throw error;
    }
  }
  throw new PlacementFailedError(request.key, null, failedAttempts);
}
