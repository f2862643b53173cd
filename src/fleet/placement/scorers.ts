// Scorers, kube-scheduler style: each is a small named unit that rates every feasible array on an
// absolute 0..100 scale (never min–max normalised per request: Cinder's min–max turns 1000 GB vs
// 999 GB free into 1 vs 0). The engine combines them as Σ weight × score ÷ Σ weight.
//
// A scorer rates all candidates in one call over columns (typed arrays) rather than one array per
// call: a decision over 1,000 arrays then costs one tight loop per scorer, not 1,000 indirect calls.
// That is the only abstraction a scorer needs; custom scorers implement the same interface.

import type { FleetColumns } from './fleet-columns';
import type { PlacementPolicy } from './policy';

/** The feasible arrays of one decision, projected after placing the request; index j = candidate. */
export interface CandidateColumns {
  readonly fleet: FleetColumns;
  /** Fleet slot of candidate j. */
  readonly slot: Int32Array;
  /** Physical utilisation of usable capacity after placement, reservations included. */
  readonly capacityUtilisation: Float64Array;
  /** Load (0..1 of saturation) after placement, reservations included. */
  readonly load: Float64Array;
  /** Average latency per operation, µs; NaN when unknown. */
  readonly latencyUsec: Float64Array;
  /** Volumes after placement ÷ usable volume limit; 0 when the limit is unknown. */
  readonly volumeFill: Float64Array;
  /** The request's expected physical bytes on candidate j ÷ its usable bytes (already in capacityUtilisation). */
  readonly requestCapacityShare: Float64Array;
  /** The request's IOPS ÷ candidate j's saturation IOPS (already in load). */
  readonly requestLoad: Float64Array;
  /** The policy the decision runs under (thresholds). */
  readonly policy: PlacementPolicy;
  /**
   * IOPS of performance headroom per byte of capacity headroom, summed over the healthy arrays of the
   * request's kind that have both (headroom = room below the thresholds, reservations included): the
   * average IOPS density the kind could still absorb if it filled evenly. 0 when unknown.
   */
  readonly fleetHeadroomDensity: number;
}

export interface Scorer {
  /** The name weights are keyed by. */
  readonly name: string;
  /**
   * Writes each candidate's score, 0..100 (higher is better), into scores[0..count).
   * Contract: an array's score with a request is never above its score with no request (no bytes,
   * IOPS or volumes projected onto it). The engine's fast path relies on it: the score with no
   * request is an upper bound for any request, which lets it stop scanning early. A score that never
   * rises as the request grows meets it; so does a penalty that is 0 for an empty request (fit).
   */
  score(candidates: CandidateColumns, count: number, scores: Float64Array): void;
}

/** 100 × (1 − x) with x clamped to [0, 1]: the LeastAllocated shape. */
export function headroomScore(fraction: number): number {
  return fraction <= 0 ? 100 : fraction >= 1 ? 0 : 100 * (1 - fraction);
}

/** capacity: 100 × (1 − projected capacity utilisation). Prefers the emptiest array in relative terms. */
export const CapacityScorer: Scorer = {
  name: 'capacity',
  score(c, count, scores) {
    const u = c.capacityUtilisation;
    for (let j = 0; j < count; j++) scores[j] = headroomScore(u[j]!);
  },
};

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

/**
 * bottleneck: 100 × (1 − max(capacity utilisation, load)). Rates an array by its tighter dimension,
 * so a roomy but busy array (or an idle but full one) is not chosen until the other dimension
 * catches up: the vector-packing remedy for stranded capacity.
 */
export const BottleneckScorer: Scorer = {
  name: 'bottleneck',
  score(c, count, scores) {
    const u = c.capacityUtilisation;
    const load = c.load;
    for (let j = 0; j < count; j++) scores[j] = headroomScore(Math.max(u[j]!, load[j]!));
  },
};

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

/** objects: 100 × (1 − volumes after placement ÷ usable limit). */
export const ObjectCountScorer: Scorer = {
  name: 'objects',
  score(c, count, scores) {
    const fill = c.volumeFill;
    for (let j = 0; j < count; j++) scores[j] = headroomScore(fill[j]!);
  },
};

/**
 * Capacity an array would strand if filled at the fleet's headroom density, as a fraction of usable:
 * max(0, capacity headroom − performance headroom ÷ density), both headrooms below the thresholds.
 * `relativeDensity` = (saturation IOPS ÷ usable bytes) ÷ fleet headroom density, so that performance
 * headroom (a fraction of saturation) converts into the capacity it can serve (a fraction of usable).
 */
export function strandedShare(
  capacityUtilisation: number,
  load: number,
  relativeDensity: number,
  capacityThreshold: number,
  performanceThreshold: number,
): number {
  const stranded = capacityThreshold - capacityUtilisation - relativeDensity * (performanceThreshold - load);
  return stranded > 0 ? stranded : 0;
}

/**
 * Gain of the fit penalty: 100 points per unit of usable capacity newly stranded, times this. A
 * placement's own capacity effect is requestCapacityShare, so a gain of 1 weighs one stranded byte
 * like one byte of utilisation in the capacity scorer.
 */
export const FIT_GAIN = 1;

/**
 * The fit score of one array: 100 less FIT_GAIN × 100 × the capacity the placement newly strands.
 * 0 penalty for an empty request, so the fast path's bound holds; 0 penalty too when the array keeps
 * more performance headroom per byte of capacity headroom than the fleet average (the request fits
 * there) or when the placement reduces its shortfall (a cold volume on a busy array).
 */
export function fitScore(
  capacityUtilisation: number,
  load: number,
  requestCapacityShare: number,
  requestLoad: number,
  relativeDensity: number,
  capacityThreshold: number,
  performanceThreshold: number,
): number {
  if (!(relativeDensity > 0) || !Number.isFinite(relativeDensity)) return 100;
  const after = strandedShare(
    capacityUtilisation,
    load,
    relativeDensity,
    capacityThreshold,
    performanceThreshold,
  );
  if (after === 0) return 100;
  const before = strandedShare(
    capacityUtilisation - requestCapacityShare,
    load - requestLoad,
    relativeDensity,
    capacityThreshold,
    performanceThreshold,
  );
  return after > before ? headroomScore(FIT_GAIN * (after - before)) : 100;
}

/** saturation IOPS ÷ usable bytes of the array ÷ the fleet's headroom density; 0 when unknown. */
export function relativeDensityOf(saturationIops: number, usableBytes: number, fleetDensity: number): number {
  return fleetDensity > 0 ? saturationIops / usableBytes / fleetDensity : 0;
}

/**
 * fit: the request against the array's shape. Performance and capacity headroom are both finite;
 * an array whose performance headroom per byte of capacity headroom is below the fleet's runs out of
 * performance first and strands the rest of its capacity (a big capacity-optimised array, a busy
 * one). fit penalises a placement by the capacity it newly strands there: a hot volume on such an
 * array costs, a cold one does not, and on an array with performance to spare nothing costs. Hot
 * volumes then go where performance headroom is, and busy arrays keep filling with cold ones — the
 * dot-product idea of vector bin packing (Panigrahy et al.) in the form of a penalty, so that the
 * score with no request stays an upper bound.
 */
export const FitScorer: Scorer = {
  name: 'fit',
  score(c, count, scores) {
    const { capacityThreshold, performanceThreshold } = c.policy;
    const density = c.fleetHeadroomDensity;
    const { usableBytes, saturationIops } = c.fleet;
    for (let j = 0; j < count; j++) {
      const slot = c.slot[j]!;
      scores[j] = fitScore(
        c.capacityUtilisation[j]!,
        c.load[j]!,
        c.requestCapacityShare[j]!,
        c.requestLoad[j]!,
        relativeDensityOf(saturationIops[slot]!, usableBytes[slot]!, density),
        capacityThreshold,
        performanceThreshold,
      );
    }
  },
};

/** Weight shares (weight ÷ Σ weights) of the built-in scorers; 0 for one not in use. */
export interface BuiltInShares {
  readonly capacity: number;
  readonly performance: number;
  readonly bottleneck: number;
  readonly latency: number;
  readonly objects: number;
  readonly fit: number;
}

/**
 * The weighted total of the built-in scorers for one array, from the same formulas as their column
 * loops. The ranked fast path scores a few arrays one at a time; calling five scorer objects through
 * one call site per array would cost more than the arithmetic.
 */
export function builtInTotal(
  shares: BuiltInShares,
  capacityUtilisation: number,
  load: number,
  /** latencyScore(latencyUsec): it does not depend on the request, so callers compute it once per reading. */
  latencyScoreValue: number,
  volumeFill: number,
  /** fitScore(…) of the array for this request; 100 for no request. */
  fitScoreValue: number,
): number {
  return (
    shares.capacity * headroomScore(capacityUtilisation) +
    shares.performance * performanceScore(load) +
    shares.bottleneck * headroomScore(Math.max(capacityUtilisation, load)) +
    shares.latency * latencyScoreValue +
    shares.objects * headroomScore(volumeFill) +
    shares.fit * fitScoreValue
  );
}

export const DEFAULT_SCORERS: readonly Scorer[] = [
  CapacityScorer,
  PerformanceScorer,
  BottleneckScorer,
  LatencyScorer,
  ObjectCountScorer,
  FitScorer,
];

/** Built-in scorers by name, for the fused form. */
export const BUILT_IN_SCORERS: ReadonlyMap<Scorer, keyof BuiltInShares> = new Map<
  Scorer,
  keyof BuiltInShares
>([
  [CapacityScorer, 'capacity'],
  [PerformanceScorer, 'performance'],
  [BottleneckScorer, 'bottleneck'],
  [LatencyScorer, 'latency'],
  [ObjectCountScorer, 'objects'],
  [FitScorer, 'fit'],
]);
