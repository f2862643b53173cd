// fit: the request against the array's shape (capacity it would newly strand).

import type { Scorer } from './scorer';
import { headroomScore } from './scorer';

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
