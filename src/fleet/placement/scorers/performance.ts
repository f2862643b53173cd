// performance: flat while an all-flash array's latency is, then falling to 0 at saturation.

import type { Scorer } from './scorer';
import { headroomScore } from './scorer';

/**
 * Load below which an all-flash array's latency is flat, so the performance score does not yet
 * fall: queueing delay grows as 1 ÷ (1 − load) and only becomes material past about half load.
 * Scoring idle against half-busy arrays linearly would trade capacity balance for nothing users see.
 */
export const PERFORMANCE_KNEE_LOAD = 0.5;

/** 100 up to the knee, then linearly to 0 at load 1. */
export function performanceScore(load: number): number {
  return load <= PERFORMANCE_KNEE_LOAD
    ? 100
    : headroomScore((load - PERFORMANCE_KNEE_LOAD) / (1 - PERFORMANCE_KNEE_LOAD));
}

/** performance: performanceScore(projected load): flat to load 0.5, then 100 × (1 − load) ÷ 0.5. */
export const PerformanceScorer: Scorer = {
  name: 'performance',
  score(c, count, scores) {
    const load = c.load;
    for (let j = 0; j < count; j++) scores[j] = performanceScore(load[j]!);
  },
};
