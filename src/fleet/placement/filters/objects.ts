// Filter on the array's object count.

import type { PlacementFilter } from './context';
import { exclusion } from './context';

/** The array's volume count, counting reservations, must stay under its limit × threshold. */
export const ObjectLimitFilter: PlacementFilter = {
  reason: 'OBJECT_LIMIT',
  static: false,
  admits: (ctx, slot, projected) => projected.volumeCount <= ctx.fleet.volumeCap[slot]!,
  describe: (ctx, slot, projected) =>
    exclusion(
      'OBJECT_LIMIT',
      `${projected.volumeCount} volumes after placement would exceed ` +
        `${ctx.fleet.volumeCap[slot]} (${ctx.policy.objectLimitThreshold} of the model's limit)`,
    ),
};
