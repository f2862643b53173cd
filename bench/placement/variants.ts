// Scorer variants the benchmark measures against the engine's own (ablations, not part of the engine).

import type { CandidateColumns, Scorer } from '../../src/fleet/placement';
import { headroomScore } from '../../src/fleet/placement/scorers';

/**
 * bottleneck on raw figures, the engine's form before it measured each dimension against its own
 * threshold: 100 × (1 − max(u, load)).
 */
export const RawBottleneckScorer: Scorer = {
  name: 'bottleneck',
  score(c: CandidateColumns, count: number, scores: Float64Array) {
    for (let j = 0; j < count; j++)
      scores[j] = headroomScore(Math.max(c.capacityUtilisation[j]!, c.load[j]!));
  },
};

/** Utilisation points a zone's only array of its kind is scored as fuller by (÷ arrays in the zone). */
export const ZONE_RESERVE = 0.05;

/**
 * capacity, keeping room on arrays that zone-pinned requests cannot do without: an array is scored
 * as if ZONE_RESERVE ÷ (arrays of its kind in its zone) fuller, for any non-empty request. Pinned
 * requests to its zone have no other choice, so only the others move elsewhere.
 */
export const ZoneReserveCapacityScorer: Scorer = {
  name: 'capacity',
  score(c: CandidateColumns, count: number, scores: Float64Array) {
    const fleet = c.fleet;
    for (let j = 0; j < count; j++) {
      const slot = c.slot[j]!;
      const reading = fleet.readings[slot];
      let reserve = 0;
      if (reading && c.requestCapacityShare[j]! > 0) {
        let peers = 0;
        for (const other of fleet.readings) {
          if (other && other.kind === reading.kind && other.labels.zone === reading.labels.zone) peers++;
        }
        reserve = ZONE_RESERVE / Math.max(1, peers);
      }
      scores[j] = headroomScore(c.capacityUtilisation[j]! + reserve);
    }
  },
};
