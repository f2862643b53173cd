// The scorer contract, kube-scheduler style: each scorer is a small named unit that rates every
// feasible array on an absolute 0..100 scale (never min–max normalised per request: Cinder's min–max
// turns 1000 GB vs 999 GB free into 1 vs 0). The engine combines them as Σ weight × score ÷ Σ weight.
//
// A scorer rates all candidates in one call over columns (typed arrays) rather than one array per
// call: a decision over 1,000 arrays then costs one tight loop per scorer, not 1,000 indirect calls.
// The engine's ranked fast path calls the same objects over a one-candidate workspace, so each
// scorer's formula exists once.

import type { FleetColumns } from '../fleet-columns';
import type { PlacementPolicy } from '../policy';

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
