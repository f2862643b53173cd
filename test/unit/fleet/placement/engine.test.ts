import fc from 'fast-check';
import type { ArrayCandidate, PlacementRequest } from '../../../../src/fleet/placement';
import {
  InvalidPlacementRequestError,
  PlacementEngine,
  PlacementFailedError,
  formatExplanation,
  placeVolume,
  rendezvousScore,
} from '../../../../src/fleet/placement';
import { NOW, TIB, array, blade, request } from './fixtures';

const engineWith = (arrays: readonly ArrayCandidate[]) => {
  const engine = new PlacementEngine({ clock: () => NOW });
  engine.observe(arrays);
  return engine;
};

describe('scoring and the chosen array', () => {
  it('scores the fixture array as worked out by hand', () => {
    // u' = (10 + 0.5) ÷ 100 = 0.105; load' = 0.101; 101 of 950 volumes; 500 µs; fit 100 (the only
    // array is the fleet: its headroom density is the fleet's, so nothing is stranded); bottleneck:
    // max(0.105 ÷ 0.85, 0.101 ÷ 0.8) = max(0.1235, 0.12625): load is nearer its limit → 87.375
    // (3×89.5 + 2×100 + 2×87.375 + 1×100 + 1×89.368 + 3×100) ÷ 12 = 94.385 → 94.4
    const outcome = engineWith([array('fa')]).chooseAndReserve(request('v'));
    expect(outcome.placed && outcome.totalScore).toBe(94.4);
    const scores = outcome.explanation?.candidates[0]?.scores;
    expect(scores).toEqual({
      capacity: 89.5,
      performance: 100,
      bottleneck: 87.375,
      latency: 100,
      objects: 89.368,
      fit: 100,
    });
  });

  it('prefers the relatively emptier array, not the one with the most absolute free space', () => {
    const big = array('big', { capacity: { usableBytes: 800 * TIB, provisionedBytes: 960 * TIB } }); // 0.6 used, 320 TiB free
    const small = array('small', { capacity: { usableBytes: 100 * TIB, provisionedBytes: 40 * TIB } }); // 0.2 used
    const outcome = engineWith([big, small]).chooseAndReserve(request('v'));
    expect(outcome.placed && outcome.arrayId).toBe('small');
  });

  it('measures the tighter dimension against its own threshold (bottleneck)', () => {
    // 'busy': u' 0.405, load' 0.701 → 0.701 ÷ 0.8 = 0.876 of its limit; 'full': u' 0.705, load'
    // 0.101 → 0.705 ÷ 0.85 = 0.829. Raw figures (0.701 vs 0.705) would call 'busy' the roomier; it is
    // the one nearer the point where it stops taking volumes, so only bottleneck decides here.
    const busy = array('busy', { performance: { load: 0.7 }, capacity: { provisionedBytes: 80 * TIB } });
    const full = array('full', { capacity: { provisionedBytes: 140 * TIB } });
    const only = { weights: { capacity: 0, performance: 0, latency: 0, objects: 0, fit: 0 } };
    const engine = new PlacementEngine({ clock: () => NOW, policy: only });
    engine.observe([busy, full]);
    const outcome = engine.chooseAndReserve(request('v'));
    expect(outcome.placed && outcome.arrayId).toBe('full');
    const scores = Object.fromEntries(
      (outcome.explanation?.candidates ?? []).map((c) => [c.arrayId, c.scores.bottleneck]),
    );
    expect(scores.full).toBeCloseTo(100 * (1 - 0.705 / 0.85), 2);
    expect(scores.busy).toBeCloseTo(100 * (1 - 0.701 / 0.8), 2);
  });

  it('prefers the array whose tighter dimension has more room (bottleneck)', () => {
    const busy = array('busy', { performance: { load: 0.7 }, capacity: { provisionedBytes: 40 * TIB } });
    const full = array('fuller', { capacity: { provisionedBytes: 60 * TIB } });
    const outcome = engineWith([busy, full]).chooseAndReserve(request('v'));
    expect(outcome.placed && outcome.arrayId).toBe('fuller');
  });
});

describe('deterministic tie-break', () => {
  const identical = Array.from({ length: 8 }, (_, i) => array(`fa-${i}`));

  it('gives the same answer whatever the order arrays were observed in', () => {
    const a = engineWith(identical);
    const b = engineWith([...identical].reverse());
    for (let i = 0; i < 50; i++) {
      const req = request(`fleet/v${i}`);
      const x = a.chooseAndReserve(req);
      const y = b.chooseAndReserve(req);
      expect(x.placed && y.placed && x.arrayId === y.arrayId).toBe(true);
    }
  });

  it('breaks a tie by the highest rendezvous hash of (volume key, array id)', () => {
    for (const key of ['fleet/a', 'fleet/b', 'fleet/c', 'fleet/d']) {
      const expected = identical
        .map((a) => a.id)
        .reduce((best, id) => (rendezvousScore(key, id) > rendezvousScore(key, best) ? id : best));
      const outcome = engineWith(identical).chooseAndReserve(request(key));
      expect(outcome.placed && outcome.arrayId).toBe(expected);
      expect(outcome.explanation?.tieBreak).toBe('rendezvous-hash');
    }
  });

  it('treats totals within the 0.1 resolution as tied and larger gaps as decisive', () => {
    // 0.0001 more utilisation changes the raw total by ~0.006, not the rounded one
    const nearly = identical
      .slice(0, 2)
      .map((a, i) => array(a.id, { capacity: { provisionedBytes: 20 * TIB + i * 0.02 * TIB } }));
    expect(engineWith(nearly).chooseAndReserve(request('fleet/x')).explanation?.tieBreak).toBe(
      'rendezvous-hash',
    );
    const apart = identical
      .slice(0, 2)
      .map((a, i) => array(a.id, { capacity: { provisionedBytes: 20 * TIB + i * 2 * TIB } }));
    const outcome = engineWith(apart).chooseAndReserve(request('fleet/x'));
    expect(outcome.explanation?.tieBreak).toBe('score');
    expect(outcome.placed && outcome.arrayId).toBe('fa-0');
  });

  it('the fast path (explain: false) and the exhaustive path always agree', () => {
    const reading = fc.record({
      kind: fc.constantFrom('flasharray' as const, 'flashblade' as const),
      zone: fc.constantFrom('a', 'b'),
      multiple: fc.constantFrom(1, 2, 4, 8),
      used: fc.double({ min: 0, max: 1.2, noNaN: true }),
      load: fc.double({ min: 0, max: 0.9, noNaN: true }),
      latency: fc.option(fc.integer({ min: 100, max: 12_000 }), { nil: undefined }),
      reachable: fc.boolean(),
      drr: fc.constantFrom(NaN, 1.5, 3),
    });
    const step = fc.record({
      size: fc.double({ min: 0.01, max: 60, noNaN: true }),
      file: fc.boolean(),
      zone: fc.constantFrom(undefined, 'a', 'b'),
      iops: fc.integer({ min: 0, max: 20_000 }),
      then: fc.constantFrom('keep', 'confirm', 'release'),
    });
    fc.assert(
      fc.property(
        fc.array(reading, { minLength: 1, maxLength: 12 }),
        fc.array(step, { maxLength: 40 }),
        (readings, steps) => {
          const arrays = readings.map((r, i) =>
            array(`arr-${i}`, {
              kind: r.kind,
              labels: { zone: r.zone },
              health: { reachable: r.reachable },
              capacity: {
                usableBytes: r.multiple * 10 * TIB,
                provisionedBytes: r.used * r.multiple * 20 * TIB,
                dataReductionRatio: r.drr,
              },
              performance: { load: r.load, latencyUsec: r.latency },
            }),
          );
          const fast = engineWith(arrays);
          const exhaustive = engineWith([...arrays].reverse());
          steps.forEach((s, i) => {
            const req: PlacementRequest = request(`v${i}`, {
              kind: s.file ? 'file' : 'block',
              sizeBytes: s.size * TIB,
              expectedIops: s.iops,
              labelSelector: s.zone ? { zone: s.zone } : {},
            });
            const a = fast.chooseAndReserve(req, { explain: false });
            const b = exhaustive.chooseAndReserve(req, { explain: true });
            expect(a.placed ? a.arrayId : null).toBe(b.placed ? b.arrayId : null);
            if (a.placed && s.then === 'confirm') [fast, exhaustive].forEach((e) => e.confirm(req.key));
            if (a.placed && s.then === 'release') [fast, exhaustive].forEach((e) => e.release(req.key));
          });
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('explanations', () => {
  it('name the chosen array, every scorer, the weights, and every excluded array with reason, message and age', () => {
    const arrays = [
      array('fa-ok', { observedAtMs: NOW - 30_000 }),
      array('fa-full', { capacity: { provisionedBytes: 175 * TIB } }),
      array('fa-down', { health: { reachable: false } }),
      array('fa-old', { observedAtMs: NOW - 600_000 }),
      blade('fb-1'),
    ];
    const outcome = engineWith(arrays).chooseAndReserve(request('fleet/v'));
    const explanation = outcome.explanation!;
    expect(explanation).toMatchObject({
      requestKey: 'fleet/v',
      decidedAtMs: NOW,
      chosenArrayId: 'fa-ok',
      tieBreak: 'only-candidate',
      weights: { capacity: 3, performance: 2, bottleneck: 2, latency: 1, objects: 1, fit: 3 },
      expectedIops: 100,
    });
    expect(explanation.candidates).toEqual([
      expect.objectContaining({
        arrayId: 'fa-ok',
        telemetryAgeMs: 30_000,
        totalScore: 94.4,
        projectedCapacityUtilisation: 0.105,
      }),
    ]);
    expect(explanation.excluded.map((e) => [e.arrayId, e.reason, e.telemetryAgeMs])).toEqual([
      ['fa-down', 'ARRAY_UNREACHABLE', 0],
      ['fa-full', 'CAPACITY_HEADROOM', 0],
      ['fa-old', 'STALE_TELEMETRY', 600_000],
      ['fb-1', 'KIND_MISMATCH', 0],
    ]);
    expect(explanation.excluded[1]!.message).toBe(
      'fa-full is 87.5% full; this 1 TiB volume is expected to add 0.5% (512 GiB physical), reaching 88%, ' +
        'above the 85% threshold',
    );
    const text = formatExplanation(explanation);
    expect(text).toContain('placed on fa-ok (fa-ok): total 94.4');
    expect(text).toContain('fa-old (fa-old): STALE_TELEMETRY: telemetry is 600 s old, older than 120 s');
  });

  it('list arrays the herding guard passed over with reason BURST_SPREAD', () => {
    // 'small' (empty, 10 TiB) wins every score but holds under 2.4% of the free room: 5 of 50 at most
    const engine = engineWith([
      array('small', { capacity: { usableBytes: 10 * TIB, provisionedBytes: 0, physicalUsedBytes: 0 } }),
      array('big', { capacity: { usableBytes: 1000 * TIB, provisionedBytes: 1000 * TIB } }),
    ]);
    const firstFive = ['v1', 'v2', 'v3', 'v4', 'v5'].map((key) => engine.chooseAndReserve(request(key)));
    expect(firstFive.map((o) => o.placed && o.arrayId)).toEqual(Array(5).fill('small'));
    const sixth = engine.chooseAndReserve(request('v6'));
    expect(sixth.placed && sixth.arrayId).toBe('big');
    const guarded = sixth.explanation?.excluded.find((e) => e.reason === 'BURST_SPREAD');
    expect(guarded?.arrayId).toBe('small');
    expect(guarded?.message).toContain('took 5 of the last 50 FlashArray placements');
    expect(sixth.explanation?.candidates.map((c) => c.arrayId)).toEqual(['big']);
  });

  it('are left out on request (explain: false) but always come with a rejection', () => {
    const engine = engineWith([array('fa')]);
    expect(engine.chooseAndReserve(request('v1'), { explain: false }).explanation).toBeUndefined();
    const rejected = engine.chooseAndReserve(request('v2', { sizeBytes: 1000 * TIB }), { explain: false });
    expect(rejected.placed).toBe(false);
    expect(rejected.explanation?.excluded[0]?.reason).toBe('CAPACITY_HEADROOM');
    expect(formatExplanation(rejected.explanation!)).toContain('no array can take "v2"');
  });
});

describe('batch feasibility (plan time)', () => {
  it('places a batch on a scratch ledger, largest first, and leaves the real ledger untouched', () => {
    const engine = engineWith([array('a'), array('b')]);
    // each array has room for 150 TiB: 3 × 100 TiB fit only as 1 + 1 … and the third does not
    const batch = [
      request('v1', { sizeBytes: 100 * TIB }),
      request('v2', { sizeBytes: 100 * TIB }),
      request('v3', { sizeBytes: 40 * TIB }),
    ];
    const fits = engine.checkBatch(batch);
    expect(fits.feasible).toBe(true);
    expect(new Set(fits.outcomes.map((o) => o.placed && o.arrayId))).toEqual(new Set(['a', 'b']));
    expect(engine.reservations()).toHaveLength(0);

    const tooMuch = engine.checkBatch([...batch, request('v4', { sizeBytes: 100 * TIB })]);
    expect(tooMuch.feasible).toBe(false);
    const failed = tooMuch.outcomes.filter((o) => !o.placed);
    expect(failed).toHaveLength(1);
    expect(failed[0]!.explanation!.excluded.map((e) => `${e.arrayId}:${e.reason}`)).toEqual([
      'a:CAPACITY_HEADROOM',
      'b:CAPACITY_HEADROOM',
    ]);
  });

  it('counts volumes already reserved by the apply, once', () => {
    const engine = engineWith([array('a')]);
    engine.chooseAndReserve(request('v1', { sizeBytes: 100 * TIB }));
    expect(engine.checkBatch([request('v2', { sizeBytes: 100 * TIB })]).feasible).toBe(false);
    expect(engine.checkBatch([request('v1', { sizeBytes: 100 * TIB })]).feasible).toBe(true);
    expect(() => engine.checkBatch([request('x'), request('x')])).toThrow('twice');
  });
});

describe('requests', () => {
  it('honour a pin, and say so when the pinned array cannot take the volume', () => {
    const engine = engineWith([array('a'), array('b', { capacity: { provisionedBytes: 100 * TIB } })]);
    const pinned = engine.chooseAndReserve(request('v1', { pinnedArrayId: 'b' }));
    expect(pinned.placed && pinned.arrayId).toBe('b');
    const impossible = engine.chooseAndReserve(request('v2', { pinnedArrayId: 'b', sizeBytes: 100 * TIB }));
    expect(impossible.explanation?.excluded.map((e) => e.reason)).toEqual([
      'NOT_PINNED',
      'CAPACITY_HEADROOM',
    ]);
  });

  it('are validated, and a key can hold one reservation at a time', () => {
    const engine = engineWith([array('a')]);
    expect(() => engine.chooseAndReserve(request('v', { sizeBytes: -1 }))).toThrow(
      InvalidPlacementRequestError,
    );
    expect(() => engine.chooseAndReserve(request(''))).toThrow('key must be a non-empty string');
    expect(() => engine.chooseAndReserve(request('v', { expectedIops: NaN }))).toThrow('expectedIops');
    engine.chooseAndReserve(request('v'));
    expect(() => engine.chooseAndReserve(request('v'))).toThrow('already holds a reservation');
  });

  it('no longer go to an array removed from the fleet', () => {
    const engine = engineWith([array('a'), array('b', { capacity: { provisionedBytes: 100 * TIB } })]);
    engine.chooseAndReserve(request('v1'));
    engine.removeArray('a');
    expect(engine.reservations()).toHaveLength(0);
    const outcome = engine.chooseAndReserve(request('v2'), { explain: false });
    expect(outcome.placed && outcome.arrayId).toBe('b');
    expect(engine.arrays().map((a) => a.id)).toEqual(['b']);
  });
});

describe('placeVolume', () => {
  const unavailable = new Error('503 array unavailable');

  it('confirms the reservation after a successful create', async () => {
    const engine = engineWith([array('a')]);
    const placed = await placeVolume(engine, request('v'), async (d) => `created on ${d.arrayId}`);
    expect(placed.created).toBe('created on a');
    expect(engine.reservations()[0]?.confirmedAtMs).toBe(NOW);
  });

  it('releases and tries another array when the caller says the error was the array’s', async () => {
    const engine = engineWith([array('a'), array('b'), array('c')]);
    const tried: string[] = [];
    const placed = await placeVolume(
      engine,
      request('v'),
      async (d) => {
        tried.push(d.arrayId);
        if (tried.length < 3) throw unavailable;
        return d.arrayId;
      },
      { tryAnotherArray: (e) => e === unavailable },
    );
    expect(new Set(tried).size).toBe(3);
    expect(placed.failedAttempts.map((a) => a.arrayId)).toEqual(tried.slice(0, 2));
    expect(engine.reservations().map((r) => r.arrayId)).toEqual([tried[2]]);
  });

  it('does not retry by default, and gives up after maxAttempts', async () => {
    const engine = engineWith([array('a'), array('b')]);
    await expect(placeVolume(engine, request('v1'), async () => Promise.reject(unavailable))).rejects.toBe(
      unavailable,
    );
    expect(engine.reservations()).toHaveLength(0);
    const attempt = placeVolume(engine, request('v2'), async () => Promise.reject(unavailable), {
      tryAnotherArray: () => true,
      maxAttempts: 2,
    });
    await expect(attempt).rejects.toBeInstanceOf(PlacementFailedError);
    await expect(attempt).rejects.toThrow('after 2 attempt(s)');
  });

  it('fails with the explanation when nothing fits', async () => {
    const engine = engineWith([array('a')]);
    const error = await placeVolume(engine, request('v', { sizeBytes: 1000 * TIB }), async () => 'x').catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PlacementFailedError);
    expect((error as PlacementFailedError).explanation?.excluded[0]?.reason).toBe('CAPACITY_HEADROOM');
  });
});
