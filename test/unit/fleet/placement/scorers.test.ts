import fc from 'fast-check';
import type { CandidateColumns, Scorer } from '../../../../src/fleet/placement';
import {
  BottleneckScorer,
  CapacityScorer,
  DEFAULT_PLACEMENT_POLICY,
  DEFAULT_SCORERS,
  FitScorer,
  LatencyScorer,
  ObjectCountScorer,
  PerformanceScorer,
} from '../../../../src/fleet/placement';
import { FleetColumns } from '../../../../src/fleet/placement/fleet-columns';
import { array } from './fixtures';
import { fitScore, performanceScore } from '../../../../src/fleet/placement/scorers';

interface Row {
  capacityUtilisation: number;
  load: number;
  latencyUsec?: number;
  volumeFill?: number;
  requestCapacityShare?: number;
  requestLoad?: number;
}

const TIB = 2 ** 40;

/** Candidate columns over a fleet whose every slot is an array of 100 TiB usable and 100,000 IOPS. */
function columns(rows: readonly Row[], fleetHeadroomDensity = 0): CandidateColumns {
  const fleet = new FleetColumns(DEFAULT_PLACEMENT_POLICY);
  rows.forEach((_, i) =>
    fleet.upsert(
      array(`a${i}`, { capacity: { usableBytes: 100 * TIB }, performance: { saturationIops: 100_000 } }),
    ),
  );
  return {
    fleet,
    slot: Int32Array.from(rows.map((_, i) => i)),
    capacityUtilisation: Float64Array.from(rows.map((r) => r.capacityUtilisation)),
    load: Float64Array.from(rows.map((r) => r.load)),
    latencyUsec: Float64Array.from(rows.map((r) => r.latencyUsec ?? NaN)),
    volumeFill: Float64Array.from(rows.map((r) => r.volumeFill ?? 0)),
    requestCapacityShare: Float64Array.from(rows.map((r) => r.requestCapacityShare ?? 0)),
    requestLoad: Float64Array.from(rows.map((r) => r.requestLoad ?? 0)),
    policy: DEFAULT_PLACEMENT_POLICY,
    fleetHeadroomDensity,
  };
}

function scores(scorer: Scorer, rows: readonly Row[], fleetHeadroomDensity = 0): number[] {
  const out = new Float64Array(rows.length);
  scorer.score(columns(rows, fleetHeadroomDensity), rows.length, out);
  return Array.from(out, (x) => Math.round(x * 1000) / 1000);
}

describe('CapacityScorer', () => {
  it('is 100 × (1 − utilisation after placement), clamped to 0..100', () => {
    expect(
      scores(
        CapacityScorer,
        [0, 0.25, 0.85, 1, 1.2, -0.1].map((u) => ({ capacityUtilisation: u, load: 0 })),
      ),
    ).toEqual([100, 75, 15, 0, 0, 100]);
  });

  it('is absolute: one array alone gets the score it would get among others (no min–max)', () => {
    expect(scores(CapacityScorer, [{ capacityUtilisation: 0.4, load: 0 }])).toEqual([60]);
    expect(
      scores(CapacityScorer, [
        { capacityUtilisation: 0.4, load: 0 },
        { capacityUtilisation: 0.401, load: 0 },
      ]),
    ).toEqual([60, 59.9]);
  });
});

describe('PerformanceScorer', () => {
  it('is flat at 100 up to load 0.5, then falls linearly to 0 at load 1', () => {
    expect(
      scores(
        PerformanceScorer,
        [0, 0.3, 0.5, 0.6, 0.8, 1, 1.5].map((l) => ({ capacityUtilisation: 0, load: l })),
      ),
    ).toEqual([100, 100, 100, 80, 40, 0, 0]);
  });
});

describe('BottleneckScorer', () => {
  it('scores the tighter of capacity and load, each against its threshold (0.85 and 0.8)', () => {
    expect(
      scores(BottleneckScorer, [
        { capacityUtilisation: 0.7, load: 0.2 }, // 0.7 ÷ 0.85 = 0.8235
        { capacityUtilisation: 0.2, load: 0.9 }, // past the performance threshold: 0
        { capacityUtilisation: 0.5, load: 0.5 }, // 0.5 ÷ 0.8 = 0.625: load is the tighter
        { capacityUtilisation: 0.85, load: 0.4 }, // at the capacity threshold: 0
      ]),
    ).toEqual([17.647, 0, 37.5, 0]);
  });
});

describe('LatencyScorer', () => {
  it('follows the shape: 100 to 1 ms, 50 at 3 ms, 0 from 10 ms; 50 when unknown', () => {
    const rows = [200, 1_000, 2_000, 3_000, 6_500, 10_000, 50_000].map((latencyUsec) => ({
      capacityUtilisation: 0,
      load: 0,
      latencyUsec,
    }));
    expect(scores(LatencyScorer, rows)).toEqual([100, 100, 75, 50, 25, 0, 0]);
    expect(scores(LatencyScorer, [{ capacityUtilisation: 0, load: 0 }])).toEqual([50]);
  });
});

describe('ObjectCountScorer', () => {
  it('is 100 × (1 − volumes ÷ usable limit)', () => {
    expect(
      scores(
        ObjectCountScorer,
        [0, 0.5, 1].map((f) => ({ capacityUtilisation: 0, load: 0, volumeFill: f })),
      ),
    ).toEqual([100, 50, 0]);
  });
});

describe('FitScorer', () => {
  // One array of 100 TiB usable and 100,000 IOPS at saturation, against a fleet whose headroom is
  // 1,000 IOPS per TiB: its relative density is (100,000 ÷ 100) ÷ 1,000 = 1, so a load fraction
  // converts one for one into a capacity fraction. Thresholds 0.85 (capacity) and 0.8 (load).
  const density = 1_000 / TIB;
  const fit = (row: Row & { requestCapacityShare: number; requestLoad: number }, fleetDensity = density) =>
    scores(FitScorer, [row], fleetDensity)[0];

  it('penalises the capacity a hot volume newly strands on a busy array, by hand', () => {
    // before: 0.85 − 0.50 − (0.8 − 0.60) = 0.15 stranded; after 1 TiB at 5,000 IOPS:
    // 0.85 − 0.51 − (0.8 − 0.65) = 0.19; 0.04 newly stranded → 100 × (1 − 0.04) = 96
    expect(
      fit({ capacityUtilisation: 0.51, load: 0.65, requestCapacityShare: 0.01, requestLoad: 0.05 }),
    ).toBe(96);
  });

  it('does not penalise a cold volume there (it reduces the shortfall), nor anything on an array with performance to spare', () => {
    // 0.85 − 0.51 − (0.8 − 0.601) = 0.141 < 0.15 before
    expect(
      fit({ capacityUtilisation: 0.51, load: 0.601, requestCapacityShare: 0.01, requestLoad: 0.001 }),
    ).toBe(100);
    // load 0.2 → 0.25: 0.85 − 0.51 − 0.55 < 0, nothing stranded
    expect(
      fit({ capacityUtilisation: 0.51, load: 0.25, requestCapacityShare: 0.01, requestLoad: 0.05 }),
    ).toBe(100);
  });

  it('is neutral (100) when the fleet has no headroom density to compare with, and for an empty request', () => {
    expect(
      fit({ capacityUtilisation: 0.51, load: 0.65, requestCapacityShare: 0.01, requestLoad: 0.05 }, 0),
    ).toBe(100);
    expect(fit({ capacityUtilisation: 0.5, load: 0.6, requestCapacityShare: 0, requestLoad: 0 })).toBe(100);
  });

  it("never exceeds its score for an empty request (the fast path's bound)", () => {
    const unit = fc.double({ min: -0.2, max: 1.5, noNaN: true });
    const share = fc.double({ min: 0, max: 0.5, noNaN: true });
    fc.assert(
      fc.property(
        unit,
        unit,
        share,
        share,
        fc.double({ min: 0, max: 10, noNaN: true }),
        (u, l, dc, dl, r) => {
          expect(fitScore(u + dc, l + dl, dc, dl, r, 0.85, 0.8)).toBeLessThanOrEqual(
            fitScore(u, l, 0, 0, r, 0.85, 0.8),
          );
        },
      ),
    );
  });
});

describe("the weighted total of the default scorers (the fast path's bound)", () => {
  const unit = fc.double({ min: -0.2, max: 1.5, noNaN: true });

  it('never exceeds its value for an empty request', () => {
    const weights = DEFAULT_PLACEMENT_POLICY.weights;
    const sum = Object.values(weights).reduce((a, b) => a + b, 0);
    const total = (row: Row) =>
      DEFAULT_SCORERS.reduce(
        (t, scorer) => t + (weights[scorer.name]! / sum) * scores(scorer, [row], 0.5 / TIB)[0]!,
        0,
      );
    fc.assert(
      fc.property(unit, unit, unit, fc.double({ min: 0, max: 0.5, noNaN: true }), (u, l, fill, extra) => {
        const before = total({ capacityUtilisation: u, load: l, latencyUsec: 500, volumeFill: fill });
        const after = total({
          capacityUtilisation: u + extra,
          load: l + extra,
          latencyUsec: 500,
          volumeFill: fill + extra,
          requestCapacityShare: extra,
          requestLoad: extra,
        });
        expect(after).toBeLessThanOrEqual(before + 1e-2);
      }),
    );
    expect(performanceScore(0.75)).toBe(50);
  });
});
