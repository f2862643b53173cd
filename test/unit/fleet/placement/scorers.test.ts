import fc from 'fast-check';
import type { CandidateColumns, Scorer } from '../../../../src/fleet/placement';
import {
  BottleneckScorer,
  CapacityScorer,
  DEFAULT_PLACEMENT_POLICY,
  DEFAULT_SCORERS,
  LatencyScorer,
  ObjectCountScorer,
  PerformanceScorer,
} from '../../../../src/fleet/placement';
import { FleetColumns } from '../../../../src/fleet/placement/fleet-columns';
import { builtInTotal, latencyScore, performanceScore } from '../../../../src/fleet/placement/scorers';

interface Row {
  capacityUtilisation: number;
  load: number;
  latencyUsec?: number;
  volumeFill?: number;
}

function columns(rows: readonly Row[]): CandidateColumns {
  const n = rows.length;
  return {
    fleet: new FleetColumns(DEFAULT_PLACEMENT_POLICY),
    slot: Int32Array.from(rows.map((_, i) => i)),
    capacityUtilisation: Float64Array.from(rows.map((r) => r.capacityUtilisation)),
    load: Float64Array.from(rows.map((r) => r.load)),
    latencyUsec: Float64Array.from(rows.map((r) => r.latencyUsec ?? NaN)),
    volumeFill: new Float64Array(n).map((_, i) => rows[i]!.volumeFill ?? 0),
  };
}

function scores(scorer: Scorer, rows: readonly Row[]): number[] {
  const out = new Float64Array(rows.length);
  scorer.score(columns(rows), rows.length, out);
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
  it('scores the tighter of capacity and load', () => {
    expect(
      scores(BottleneckScorer, [
        { capacityUtilisation: 0.7, load: 0.2 },
        { capacityUtilisation: 0.2, load: 0.9 },
        { capacityUtilisation: 0.5, load: 0.5 },
      ]),
    ).toEqual([30, 10, 50]);
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

describe('the fused total used by the fast path', () => {
  const unit = fc.double({ min: -0.2, max: 1.5, noNaN: true });

  it('equals Σ share × score of the scorer objects', () => {
    fc.assert(
      fc.property(
        unit,
        unit,
        fc.double({ min: 0, max: 20_000, noNaN: true }),
        unit,
        (u, l, latency, fill) => {
          const shares = {
            capacity: 3 / 9,
            performance: 2 / 9,
            bottleneck: 2 / 9,
            latency: 1 / 9,
            objects: 1 / 9,
          };
          const row = { capacityUtilisation: u, load: l, latencyUsec: latency, volumeFill: fill };
          const bySharesOf = [
            shares.capacity,
            shares.performance,
            shares.bottleneck,
            shares.latency,
            shares.objects,
          ];
          const generic = DEFAULT_SCORERS.reduce(
            (sum, scorer, i) => sum + bySharesOf[i]! * scores(scorer, [row])[0]!,
            0,
          );
          expect(builtInTotal(shares, u, l, latencyScore(latency), fill)).toBeCloseTo(generic, 2);
        },
      ),
    );
  });

  it('never rises as the request grows (the upper-bound contract of the fast path)', () => {
    fc.assert(
      fc.property(unit, unit, unit, fc.double({ min: 0, max: 0.5, noNaN: true }), (u, l, fill, extra) => {
        const shares = { capacity: 0.3, performance: 0.2, bottleneck: 0.2, latency: 0.1, objects: 0.2 };
        const before = builtInTotal(shares, u, l, 100, fill);
        const after = builtInTotal(shares, u + extra, l + extra, 100, fill + extra);
        expect(after).toBeLessThanOrEqual(before + 1e-9);
      }),
    );
    expect(performanceScore(0.75)).toBe(50);
  });
});
