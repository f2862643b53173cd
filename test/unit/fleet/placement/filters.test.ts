import type { ArrayCandidate, PlacementFilter, PlacementRequest } from '../../../../src/fleet/placement';
import {
  DEFAULT_PLACEMENT_POLICY,
  PlacementEngine,
  PlacementLedger,
  expectedIops,
  resolvePlacementPolicy,
} from '../../../../src/fleet/placement';
import { FleetColumns, KIND_CODE } from '../../../../src/fleet/placement/fleet-columns';
import type { FilterContext } from '../../../../src/fleet/placement/filters';
import {
  CallerExclusionFilter,
  CapacityHeadroomFilter,
  HealthFilter,
  KindFilter,
  LabelFilter,
  LatencyFilter,
  ObjectLimitFilter,
  PerformanceHeadroomFilter,
  PinnedFilter,
  StaleTelemetryFilter,
  emptyProjection,
  projectArray,
} from '../../../../src/fleet/placement/filters';
import { ARRAY_KIND_FOR_VOLUME } from '../../../../src/fleet/placement/model';
import { NOW, TIB, array, blade, request } from './fixtures';

/** Runs one filter on one reading, with an optional ledger charge on it. */
function check(
  filter: PlacementFilter,
  reading: ArrayCandidate,
  req: PlacementRequest = request('fleet/v'),
  options: { nowMs?: number; reservedBytes?: number; reservedIops?: number; reservedVolumes?: number } = {},
) {
  const policy = DEFAULT_PLACEMENT_POLICY;
  const fleet = new FleetColumns(policy);
  const slot = fleet.upsert(reading)!;
  const ledger = new PlacementLedger();
  ledger.ensureSlots(fleet.slotCount);
  ledger.reservedBytes[slot] = options.reservedBytes ?? 0;
  ledger.reservedIops[slot] = options.reservedIops ?? 0;
  ledger.reservedVolumes[slot] = options.reservedVolumes ?? 0;
  const ctx: FilterContext = {
    fleet,
    ledger,
    policy,
    nowMs: options.nowMs ?? NOW,
    request: req,
    arrayKindCode: KIND_CODE[ARRAY_KIND_FOR_VOLUME[req.kind]],
    sizeBytes: req.sizeBytes,
    iops: expectedIops(req, policy),
  };
  const projected = projectArray(ctx, slot, emptyProjection());
  const admits = filter.admits(ctx, slot, projected);
  return { admits, ...filter.describe(ctx, slot, projected) };
}

describe('KindFilter (type and protocol)', () => {
  it('sends block to FlashArrays and file to FlashBlades only', () => {
    expect(check(KindFilter, array('fa')).admits).toBe(true);
    expect(check(KindFilter, blade('fb')).admits).toBe(false);
    expect(check(KindFilter, blade('fb'), request('v', { kind: 'file' })).admits).toBe(true);
    const excluded = check(KindFilter, array('fa'), request('v', { kind: 'file' }));
    expect(excluded).toMatchObject({ admits: false, reason: 'KIND_MISMATCH' });
    expect(excluded.message).toContain('FlashBlade');
  });
});

describe('LabelFilter', () => {
  const zoned = array('fa', { labels: { zone: 'a', tier: 'gold' } });

  it('admits an exact match on every selector entry, and the empty selector everywhere', () => {
    expect(check(LabelFilter, zoned, request('v', { labelSelector: { zone: 'a' } })).admits).toBe(true);
    expect(
      check(LabelFilter, zoned, request('v', { labelSelector: { zone: 'a', tier: 'gold' } })).admits,
    ).toBe(true);
    expect(check(LabelFilter, zoned, request('v', { labelSelector: {} })).admits).toBe(true);
  });

  it('rejects a different value, a missing key and a prefix, naming what did not match', () => {
    const other = check(LabelFilter, zoned, request('v', { labelSelector: { zone: 'b' } }));
    expect(other).toMatchObject({ admits: false, reason: 'LABEL_MISMATCH' });
    expect(other.message).toContain('zone=b (array has zone=a)');
    expect(check(LabelFilter, zoned, request('v', { labelSelector: { rack: '1' } })).message).toContain(
      'array has none',
    );
    expect(check(LabelFilter, zoned, request('v', { labelSelector: { zone: 'a ' } })).admits).toBe(false);
    expect(
      check(LabelFilter, array('x', { labels: {} }), request('v', { labelSelector: { toString: 'x' } }))
        .admits,
    ).toBe(false);
  });

  it('never falls back outside the selector: the request is rejected though other arrays have room', () => {
    const engine = new PlacementEngine({ clock: () => NOW });
    engine.observe([array('fa-a', { labels: { zone: 'a' } }), array('fa-b', { labels: { zone: 'b' } })]);
    // zone a has no room; zone b is empty
    engine.observe([array('fa-a', { labels: { zone: 'a' }, capacity: { provisionedBytes: 170 * TIB } })]);
    const outcome = engine.chooseAndReserve(request('v', { labelSelector: { zone: 'a' } }));
    expect(outcome.placed).toBe(false);
    const reasons = Object.fromEntries(outcome.explanation!.excluded.map((e) => [e.arrayId, e.reason]));
    expect(reasons).toEqual({ 'fa-a': 'CAPACITY_HEADROOM', 'fa-b': 'LABEL_MISMATCH' });
    expect(engine.reservations()).toHaveLength(0);
  });
});

describe('PinnedFilter and CallerExclusionFilter', () => {
  it('admits only the pinned array', () => {
    expect(check(PinnedFilter, array('fa'), request('v', { pinnedArrayId: 'fa' })).admits).toBe(true);
    expect(check(PinnedFilter, array('fb'), request('v', { pinnedArrayId: 'fa' }))).toMatchObject({
      admits: false,
      reason: 'NOT_PINNED',
    });
  });

  it('excludes the arrays the caller lists', () => {
    expect(
      check(CallerExclusionFilter, array('fa'), request('v', { excludedArrayIds: ['fa'] })),
    ).toMatchObject({
      admits: false,
      reason: 'EXCLUDED_BY_CALLER',
    });
    expect(check(CallerExclusionFilter, array('fb'), request('v', { excludedArrayIds: ['fa'] })).admits).toBe(
      true,
    );
  });
});

describe('HealthFilter', () => {
  it('admits a reachable, uncordoned array with only warnings', () => {
    const warned = array('fa', {
      health: { problems: [{ code: 'fan', severity: 'warning', message: 'fan slow' }] },
    });
    expect(check(HealthFilter, warned).admits).toBe(true);
  });

  it.each([
    [{ health: { reachable: false } }, 'ARRAY_UNREACHABLE', 'poll'],
    [{ health: { cordoned: true } }, 'ARRAY_CORDONED', 'cordoned'],
    [
      { health: { problems: [{ code: 'ct0', severity: 'critical' as const, message: 'controller down' }] } },
      'ARRAY_UNHEALTHY',
      'ct0: controller down',
    ],
    [{ capacity: { usableBytes: 0 } }, 'INVALID_TELEMETRY', 'capacity.usableBytes'],
    [{ performance: { load: NaN } }, 'INVALID_TELEMETRY', 'performance.load'],
    [{ performance: { saturationIops: -1 } }, 'INVALID_TELEMETRY', 'performance.saturationIops'],
  ])('excludes %j with %s', (overrides, reason, text) => {
    const result = check(HealthFilter, array('fa', overrides));
    expect(result).toMatchObject({ admits: false, reason });
    expect(result.message).toContain(text);
  });
});

describe('StaleTelemetryFilter', () => {
  it('admits a reading up to maxTelemetryAgeMs old and excludes an older one', () => {
    const maxAge = DEFAULT_PLACEMENT_POLICY.maxTelemetryAgeMs;
    expect(check(StaleTelemetryFilter, array('fa'), undefined, { nowMs: NOW + maxAge }).admits).toBe(true);
    const stale = check(StaleTelemetryFilter, array('fa'), undefined, { nowMs: NOW + maxAge + 1 });
    expect(stale).toMatchObject({ admits: false, reason: 'STALE_TELEMETRY' });
    expect(stale.message).toContain('120 s');
  });
});

describe('CapacityHeadroomFilter', () => {
  // 100 TiB usable at 2:1; baseline 10 TiB physical; threshold 0.85 → room for 75 TiB physical = 150 TiB provisioned
  it('admits a request that ends exactly at the threshold and excludes one byte-equivalent more', () => {
    expect(check(CapacityHeadroomFilter, array('fa'), request('v', { sizeBytes: 150 * TIB })).admits).toBe(
      true,
    );
    const over = check(CapacityHeadroomFilter, array('fa'), request('v', { sizeBytes: 151 * TIB }));
    expect(over).toMatchObject({ admits: false, reason: 'CAPACITY_HEADROOM' });
    expect(over.message).toContain('reaching 85.5%, above the 85% threshold');
  });

  it('counts reservations, and a thin array by what it stores, not by its provisioned size', () => {
    expect(
      check(CapacityHeadroomFilter, array('fa'), request('v', { sizeBytes: 100 * TIB }), {
        reservedBytes: 30 * TIB,
      }).admits,
    ).toBe(false);
    // 1,000 TiB provisioned, 20% written at 2:1: 100 TiB written, 50 TiB stored, half full
    const thin = array('fa', {
      capacity: { provisionedBytes: 1000 * TIB, writtenBytes: 200 * TIB, physicalUsedBytes: 50 * TIB },
    });
    expect(check(CapacityHeadroomFilter, thin).admits).toBe(true);
    expect(
      check(CapacityHeadroomFilter, array('fa', { capacity: { physicalUsedBytes: 85 * TIB } })).admits,
    ).toBe(false);
  });

  it('uses the default ratio when the array reports none, and caps an implausible one', () => {
    // NaN → 1:1: 1 TiB needs 1 TiB physical; 84 TiB physical used already
    const unknown = array('fa', {
      capacity: { dataReductionRatio: NaN, physicalUsedBytes: 84.5 * TIB, provisionedBytes: 0 },
    });
    expect(check(CapacityHeadroomFilter, unknown).admits).toBe(false);
    // 1,000:1 is capped at 10:1: 150 TiB provisioned needs 15 TiB, over the 0 TiB left
    const zeros = array('fa', {
      capacity: { dataReductionRatio: 1000, physicalUsedBytes: 85 * TIB, provisionedBytes: 0 },
    });
    expect(check(CapacityHeadroomFilter, zeros, request('v', { sizeBytes: 150 * TIB })).admits).toBe(false);
  });
});

describe('PerformanceHeadroomFilter', () => {
  it('excludes an array whose load after placement, reservations included, passes the threshold', () => {
    // load 0.1 + (reserved + request IOPS) ÷ 100,000 ≤ 0.8
    expect(check(PerformanceHeadroomFilter, array('fa'), request('v', { expectedIops: 70_000 })).admits).toBe(
      true,
    );
    const busy = check(PerformanceHeadroomFilter, array('fa'), request('v', { expectedIops: 70_000 }), {
      reservedIops: 1,
    });
    expect(busy).toMatchObject({ admits: false, reason: 'PERFORMANCE_HEADROOM' });
  });

  it('counts committed IOPS of idle new volumes when they exceed the observed load', () => {
    const promised = array('fa', { performance: { load: 0.1, committedIops: 79_950 } });
    expect(check(PerformanceHeadroomFilter, promised).admits).toBe(false);
  });

  it('charges the per-TiB default when the request states no IOPS', () => {
    const big = request('v', { expectedIops: undefined, sizeBytes: 100 * TIB }); // 100 TiB × 100 IOPS/TiB = 10,000
    const loaded = array('fa', { performance: { load: 0.71 } });
    expect(check(PerformanceHeadroomFilter, loaded, big).admits).toBe(false);
    expect(check(PerformanceHeadroomFilter, array('fa', { performance: { load: 0.69 } }), big).admits).toBe(
      true,
    );
  });
});

describe('LatencyFilter', () => {
  it('excludes an array slower than the threshold and admits one that reports no latency', () => {
    expect(check(LatencyFilter, array('fa', { performance: { latencyUsec: 10_000 } })).admits).toBe(true);
    expect(check(LatencyFilter, array('fa', { performance: { latencyUsec: 10_001 } }))).toMatchObject({
      admits: false,
      reason: 'LATENCY',
    });
    expect(check(LatencyFilter, array('fa', { performance: { latencyUsec: undefined } })).admits).toBe(true);
  });
});

describe('ObjectLimitFilter', () => {
  it('keeps the volume count, reservations included, within limit × 0.95', () => {
    expect(check(ObjectLimitFilter, array('fa', { objects: { volumeCount: 949 } })).admits).toBe(true);
    expect(
      check(ObjectLimitFilter, array('fa', { objects: { volumeCount: 949 } }), undefined, {
        reservedVolumes: 1,
      }),
    ).toMatchObject({
      admits: false,
      reason: 'OBJECT_LIMIT',
    });
    expect(
      check(ObjectLimitFilter, array('fa', { objects: { volumeCount: 1e9, volumeLimit: Infinity } })).admits,
    ).toBe(true);
  });
});

describe('filter order', () => {
  it('reports the first failing filter: health before capacity', () => {
    const engine = new PlacementEngine({ clock: () => NOW });
    engine.observe([
      array('fa', { health: { reachable: false }, capacity: { provisionedBytes: 1000 * TIB } }),
    ]);
    const outcome = engine.chooseAndReserve(request('v'));
    expect(outcome.explanation?.excluded[0]?.reason).toBe('ARRAY_UNREACHABLE');
  });

  it('uses policy overrides', () => {
    const policy = resolvePlacementPolicy({ capacityThreshold: 0.1 });
    const engine = new PlacementEngine({ policy, clock: () => NOW });
    engine.observe([array('fa')]);
    expect(engine.chooseAndReserve(request('v')).placed).toBe(false);
  });
});
