// Filters on the array's performance: load after the placement, and latency now.

import type { PlacementFilter } from './context';
import { exclusion, fixed } from './context';

/** Load after placement, counting reservations, must stay under the threshold. */
export const PerformanceHeadroomFilter: PlacementFilter = {
  reason: 'PERFORMANCE_HEADROOM',
  static: false,
  admits: (ctx, _slot, projected) => projected.load <= ctx.policy.performanceThreshold,
  describe: (ctx, _slot, projected) =>
    exclusion(
      'PERFORMANCE_HEADROOM',
      `load would reach ${fixed(projected.load)} after placement (reservations included), ` +
        `above the threshold ${ctx.policy.performanceThreshold}`,
    ),
};

/** An array already answering slowly takes no new volumes; unknown latency passes. */
export const LatencyFilter: PlacementFilter = {
  reason: 'LATENCY',
  static: false,
  admits: (ctx, slot) => !(ctx.fleet.latencyUsec[slot]! > ctx.policy.latencyThresholdUsec),
  describe: (ctx, slot) =>
    exclusion(
      'LATENCY',
      `latency ${fixed(ctx.fleet.latencyUsec[slot]!, 0)} µs is above the threshold ${ctx.policy.latencyThresholdUsec} µs`,
    ),
};
