// The built-in scorers, one per file; DEFAULT_SCORERS is the profile: which run, in which order.
// Their weights live in the policy (DEFAULT_SCORER_WEIGHTS), keyed by name.

import type { Scorer } from './scorer';
import { CapacityScorer } from './capacity';
import { PerformanceScorer } from './performance';
import { BottleneckScorer } from './bottleneck';
import { LatencyScorer } from './latency';
import { ObjectCountScorer } from './objects';
import { FitScorer } from './fit';

export type { CandidateColumns, Scorer } from './scorer';
export { headroomScore } from './scorer';
export { CapacityScorer } from './capacity';
export { PERFORMANCE_KNEE_LOAD, PerformanceScorer, performanceScore } from './performance';
export { BottleneckScorer } from './bottleneck';
export { LATENCY_SHAPE, LatencyScorer, UNKNOWN_LATENCY_SCORE, latencyScore } from './latency';
export { ObjectCountScorer } from './objects';
export { FIT_GAIN, FitScorer, fitScore, relativeDensityOf, strandedShare } from './fit';

export const DEFAULT_SCORERS: readonly Scorer[] = [
  CapacityScorer,
  PerformanceScorer,
  BottleneckScorer,
  LatencyScorer,
  ObjectCountScorer,
  FitScorer,
];
