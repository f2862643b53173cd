// The hard filters, kube-scheduler style: PLACEMENT_FILTERS is the one place their order lives. The
// engine's static pre-pass (kind and labels, cached per fleet shape), its per-decision pass and the
// explanations all read this list, and the first filter that fails is the array's reason.

import type { FilterContext, PlacementFilter, ProjectedArray } from './context';
import { CallerExclusionFilter, KindFilter, LabelFilter, PinnedFilter } from './request';
import { HealthFilter, StaleTelemetryFilter } from './health';
import { CapacityHeadroomFilter } from './capacity';
import { LatencyFilter, PerformanceHeadroomFilter } from './performance';
import { ObjectLimitFilter } from './objects';

export type { FilterContext, PlacementFilter, ProjectedArray } from './context';
export { committedPhysicalBytes, emptyProjection, projectArray, telemetryAgeMs } from './context';
export { CallerExclusionFilter, KindFilter, LabelFilter, PinnedFilter } from './request';
export { HealthFilter, StaleTelemetryFilter } from './health';
export { CapacityHeadroomFilter, formatBytes, percent } from './capacity';
export { LatencyFilter, PerformanceHeadroomFilter } from './performance';
export { ObjectLimitFilter } from './objects';

/** Every filter in the order they run; the first that fails names the reason. */
export const PLACEMENT_FILTERS: readonly PlacementFilter[] = [
  KindFilter,
  LabelFilter,
  PinnedFilter,
  CallerExclusionFilter,
  HealthFilter,
  StaleTelemetryFilter,
  CapacityHeadroomFilter,
  PerformanceHeadroomFilter,
  LatencyFilter,
  ObjectLimitFilter,
];

// The static filters must come first: the pre-pass runs them, the per-decision pass the rest, and
// together they must run in PLACEMENT_FILTERS order for "the first that fails" to mean the same.
const firstDynamic = PLACEMENT_FILTERS.findIndex((f) => !f.static);
if (PLACEMENT_FILTERS.slice(firstDynamic).some((f) => f.static)) {
  throw new Error('PLACEMENT_FILTERS: static filters must precede the others');
}

/** The filters that read only kind and labels (the cached pre-pass), in order. */
export const STATIC_FILTERS: readonly PlacementFilter[] = PLACEMENT_FILTERS.slice(0, firstDynamic);
/** The filters run per decision, in order. */
export const DYNAMIC_FILTERS: readonly PlacementFilter[] = PLACEMENT_FILTERS.slice(firstDynamic);

/** True when every filter of `filters` admits the array (a loop, no closure: the hot path calls it). */
export function admitsAll(
  filters: readonly PlacementFilter[],
  ctx: FilterContext,
  slot: number,
  projected: ProjectedArray,
): boolean {
  for (let i = 0; i < filters.length; i++) if (!filters[i]!.admits(ctx, slot, projected)) return false;
  return true;
}

/** The first filter that excludes the array, or undefined when all admit it. */
export function firstFailing(
  ctx: FilterContext,
  slot: number,
  projected: ProjectedArray,
): PlacementFilter | undefined {
  return PLACEMENT_FILTERS.find((filter) => !filter.admits(ctx, slot, projected));
}
