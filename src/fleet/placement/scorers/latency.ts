// latency: a piecewise shape over the array's reported average latency.

import type { Scorer } from './scorer';

/**
 * Piecewise-linear latency shape (µs → score), as kube-scheduler's RequestedToCapacityRatio: flat at
 * 100 up to 1 ms (the normal range of an all-flash array: differences there are not worth capacity
 * imbalance), 50 at 3 ms, 0 from 10 ms on (the latency filter's default threshold).
 */
export const LATENCY_SHAPE: readonly (readonly [usec: number, score: number])[] = [
  [1_000, 100],
  [3_000, 50],
  [10_000, 0],
];

/** Score for an unknown latency: the middle of the scale, neither rewarded nor punished much. */
export const UNKNOWN_LATENCY_SCORE = 50;

export function latencyScore(latencyUsec: number): number {
  if (Number.isNaN(latencyUsec)) return UNKNOWN_LATENCY_SCORE;
  const shape = LATENCY_SHAPE;
  let previous = shape[0]!;
  if (latencyUsec <= previous[0]) return previous[1];
  for (let i = 1; i < shape.length; i++) {
    const point = shape[i]!;
    if (latencyUsec <= point[0]) {
      return (
        previous[1] + ((point[1] - previous[1]) * (latencyUsec - previous[0])) / (point[0] - previous[0])
      );
    }
    previous = point;
  }
  return previous[1];
}

/** latency: the shape above applied to the array's reported average latency. */
export const LatencyScorer: Scorer = {
  name: 'latency',
  score(c, count, scores) {
    const latency = c.latencyUsec;
    for (let j = 0; j < count; j++) scores[j] = latencyScore(latency[j]!);
  },
};
