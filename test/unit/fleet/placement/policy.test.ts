import {
  DEFAULT_PLACEMENT_POLICY,
  PlacementEngine,
  PlacementPolicyError,
  resolvePlacementPolicy,
} from '../../../../src/fleet/placement';
import type { PlacementPolicyOverrides } from '../../../../src/fleet/placement';

describe('resolvePlacementPolicy', () => {
  it('returns the documented defaults', () => {
    expect(resolvePlacementPolicy()).toEqual(DEFAULT_PLACEMENT_POLICY);
    expect(DEFAULT_PLACEMENT_POLICY).toMatchObject({
      capacityThreshold: 0.85,
      performanceThreshold: 0.8,
      maxTelemetryAgeMs: 120_000,
      scoreResolution: 0.1,
      weights: { capacity: 3, performance: 2, bottleneck: 2, latency: 1, objects: 1, fit: 3 },
      spreadConcurrentPlacements: true,
    });
    // Unset: each array's own written fraction (demand.ts), not a fixed one.
    expect(DEFAULT_PLACEMENT_POLICY.expectedFillRatio).toBeUndefined();
  });

  it('merges overrides and weights per scorer', () => {
    const policy = resolvePlacementPolicy({ capacityThreshold: 0.8, weights: { latency: 0 } });
    expect(policy.capacityThreshold).toBe(0.8);
    expect(policy.weights).toEqual({
      capacity: 3,
      performance: 2,
      bottleneck: 2,
      latency: 0,
      objects: 1,
      fit: 3,
    });
  });

  it('reports every bad field at once, with its path', () => {
    const overrides = {
      capacityThreshold: 1.2,
      maxTelemetryAgeMs: -5,
      expectedFillRatio: 0,
      spreadConcurrentPlacements: 'yes',
      weights: { capacty: 1, performance: -1 },
      colour: 'blue',
    } as unknown as PlacementPolicyOverrides;
    let error: unknown;
    try {
      resolvePlacementPolicy(overrides);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PlacementPolicyError);
    const paths = (error as PlacementPolicyError).issues.map((i) => i.path).sort();
    expect(paths).toEqual([
      'capacityThreshold',
      'colour',
      'expectedFillRatio',
      'maxTelemetryAgeMs',
      'spreadConcurrentPlacements',
      'weights.capacty',
      'weights.performance',
    ]);
    expect((error as PlacementPolicyError).message).toContain(
      'capacityThreshold: must be > 0 and <= 1, got 1.2',
    );
    expect((error as PlacementPolicyError).message).toContain('no scorer named "capacty"');
  });

  it('rejects all-zero weights and a default ratio above the cap', () => {
    const zero = { capacity: 0, performance: 0, bottleneck: 0, latency: 0, objects: 0, fit: 0 };
    expect(() => resolvePlacementPolicy({ weights: zero })).toThrow('at least one scorer needs a weight > 0');
    expect(() => resolvePlacementPolicy({ defaultDataReductionRatio: 5, maxDataReductionRatio: 4 })).toThrow(
      'must not exceed maxDataReductionRatio',
    );
  });

  it('validates weights against the engine’s own scorers', () => {
    const custom = {
      name: 'custom',
      score: (_c: unknown, n: number, out: Float64Array) => out.fill(50, 0, n),
    };
    expect(() => new PlacementEngine({ scorers: [custom], policy: { weights: { capacity: 1 } } })).toThrow(
      PlacementPolicyError,
    );
    expect(
      new PlacementEngine({ scorers: [custom], policy: { weights: { custom: 1 } } }).policy.weights,
    ).toEqual({
      custom: 1,
    });
    expect(() => new PlacementEngine({ scorers: [custom, custom] })).toThrow('duplicate scorer names');
  });
});
