import { PlacementEngine, PlacementLedger, placeVolume } from '../../../../src/fleet/placement';
import { NOW, TIB, array, request } from './fixtures';

const reservation = (key: string, slot = 0, physicalBytes = 10, iops = 5) => ({
  key,
  arrayId: `a${slot}`,
  slot,
  physicalBytes,
  iops,
  reservedAtMs: 1_000,
});

describe('PlacementLedger', () => {
  it('sums reservations per slot and counts the in-flight ones', () => {
    const ledger = new PlacementLedger();
    ledger.reserve(reservation('v1'));
    ledger.reserve(reservation('v2', 0, 30, 7));
    ledger.reserve(reservation('v3', 1));
    expect([
      ledger.reservedBytes[0],
      ledger.reservedIops[0],
      ledger.reservedVolumes[0],
      ledger.inFlight[0],
    ]).toEqual([40, 12, 2, 2]);
    expect(ledger.confirm('v1', 2_000)).toBe(true);
    expect(ledger.inFlight[0]).toBe(1);
    expect(ledger.reservedBytes[0]).toBe(40); // confirmed still counts until a reading shows it
    expect(ledger.get('v1')?.confirmedAtMs).toBe(2_000);
  });

  it('refuses a second reservation for the same key', () => {
    const ledger = new PlacementLedger();
    ledger.reserve(reservation('v1'));
    expect(() => ledger.reserve(reservation('v1'))).toThrow('already holds');
  });

  it('releases explicitly (create failed, volume deleted) and zeroes an emptied slot', () => {
    const ledger = new PlacementLedger();
    ledger.reserve(reservation('v1', 0, 0.1));
    ledger.reserve(reservation('v2', 0, 0.2));
    expect(ledger.release('v1')?.key).toBe('v1');
    expect(ledger.release('v1')).toBeUndefined();
    ledger.release('v2');
    expect([ledger.reservedBytes[0], ledger.inFlight[0], ledger.size]).toEqual([0, 0, 0]);
  });

  it('settles: a reading observed at or after confirm + lag releases; an earlier one or an unconfirmed reservation does not', () => {
    const ledger = new PlacementLedger();
    ledger.reserve(reservation('v1'));
    ledger.reserve(reservation('v2'));
    ledger.confirm('v1', 5_000);
    expect(ledger.settle(0, 5_999, 6_000, 1_000, 60_000)).toEqual([]);
    expect(ledger.settle(0, 6_000, 6_000, 1_000, 60_000).map((r) => r.key)).toEqual(['v1']);
    expect(ledger.settle(0, 50_000, 50_000, 1_000, 60_000)).toEqual([]); // v2 still in flight
    expect(ledger.settle(0, 61_000, 61_000, 1_000, 60_000).map((r) => r.key)).toEqual(['v2']); // TTL
  });

  it('holds deletion credits until a reading that may omit the volume (deletedAt − lag), and clones them', () => {
    const ledger = new PlacementLedger();
    ledger.credit({ key: 'gone', slot: 0, physicalBytes: 50, iops: 7, deletedAtMs: 10_000 });
    expect([ledger.creditedBytes[0], ledger.creditedIops[0], ledger.creditedVolumes[0]]).toEqual([50, 7, 1]);
    const scratch = ledger.clone();
    ledger.settle(0, 8_999, 9_000, 1_000, 60_000); // taken before the delete (beyond the skew margin)
    expect(ledger.listCredits().map((c) => c.key)).toEqual(['gone']);
    ledger.settle(1, 20_000, 20_000, 1_000, 60_000); // another array's reading
    expect(ledger.creditedBytes[0]).toBe(50);
    ledger.settle(0, 9_000, 9_000, 1_000, 60_000); // may already omit it
    expect([ledger.creditedBytes[0], ledger.creditedVolumes[0], ledger.listCredits()]).toEqual([0, 0, []]);
    expect(scratch.creditedBytes[0]).toBe(50);
  });

  it('clones independently (plan-time scratch)', () => {
    const ledger = new PlacementLedger();
    ledger.reserve(reservation('v1'));
    const scratch = ledger.clone();
    scratch.reserve(reservation('v2'));
    scratch.release('v1');
    expect(ledger.list().map((r) => r.key)).toEqual(['v1']);
    expect(ledger.reservedBytes[0]).toBe(10);
    expect(scratch.list().map((r) => r.key)).toEqual(['v2']);
  });
});

describe('the engine with its ledger', () => {
  const fleet = (n: number, overrides: Parameters<typeof array>[1] = {}) =>
    Array.from({ length: n }, (_, i) => array(`fa-${String(i).padStart(2, '0')}`, overrides));

  it('reserves each decision so the next sees the array fuller', () => {
    const engine = new PlacementEngine({ clock: () => NOW });
    engine.observe(fleet(1));
    const first = engine.chooseAndReserve(request('v1', { sizeBytes: 20 * TIB }));
    const second = engine.chooseAndReserve(request('v2', { sizeBytes: 20 * TIB }));
    expect(first.placed && second.placed).toBe(true);
    if (!first.placed || !second.placed) return;
    expect(first.reservation).toEqual({ physicalBytes: 10 * TIB, iops: 100 });
    expect(second.totalScore).toBeLessThan(first.totalScore);
    // 10 TiB baseline + 10 + 10 reserved; the third 130 TiB (65 physical) no longer fits under 85
    expect(engine.chooseAndReserve(request('v3', { sizeBytes: 130 * TIB })).placed).toBe(false);
  });

  it('releases on fresh telemetry that reflects the create, not before', () => {
    let now = NOW;
    const engine = new PlacementEngine({ clock: () => now });
    engine.observe(fleet(1));
    engine.chooseAndReserve(request('v1', { sizeBytes: 20 * TIB }));
    now += 2_000;
    engine.observe([array('fa-00', { observedAtMs: now })]); // create still in flight
    expect(engine.reservations()).toHaveLength(1);
    engine.confirm('v1', now);
    engine.observe([array('fa-00', { observedAtMs: now + 500 })]); // within the 1 s lag
    expect(engine.reservations()).toHaveLength(1);
    engine.observe([array('fa-00', { observedAtMs: now - 10_000 })]); // older than what is held: ignored
    expect(engine.reservations()).toHaveLength(1);
    now += 30_000;
    engine.observe([array('fa-00', { observedAtMs: now, capacity: { provisionedBytes: 40 * TIB } })]);
    expect(engine.reservations()).toHaveLength(0);
  });

  it('releases on a failed create so the capacity is free again', () => {
    const engine = new PlacementEngine({ clock: () => NOW });
    engine.observe(fleet(1));
    engine.chooseAndReserve(request('v1', { sizeBytes: 140 * TIB }));
    expect(engine.chooseAndReserve(request('v2', { sizeBytes: 140 * TIB })).placed).toBe(false);
    expect(engine.release('v1')).toBe(true);
    expect(engine.chooseAndReserve(request('v2', { sizeBytes: 140 * TIB })).placed).toBe(true);
  });

  it('spreads a burst of identical requests over identical arrays, one each', () => {
    const engine = new PlacementEngine({ clock: () => NOW });
    engine.observe(fleet(10));
    const chosen = Array.from({ length: 10 }, (_, i) =>
      engine.chooseAndReserve(request(`v${i}`), { explain: false }),
    );
    const ids = chosen.map((o) => (o.placed ? o.arrayId : null));
    expect(new Set(ids).size).toBe(10);
  });

  it('without the ledger a burst herds onto the emptiest array (the failure it prevents)', () => {
    const engine = new PlacementEngine({ clock: () => NOW });
    const empty = array('fa-empty', { capacity: { provisionedBytes: 0, physicalUsedBytes: 0 } });
    engine.observe([...fleet(4, { capacity: { provisionedBytes: 120 * TIB } }), empty]);
    const ids = Array.from({ length: 10 }, (_, i) => {
      const outcome = engine.chooseAndReserve(request(`v${i}`));
      engine.release(`v${i}`);
      return outcome.placed ? outcome.arrayId : null;
    });
    expect(new Set(ids)).toEqual(new Set(['fa-empty']));
  });

  it('serialises choose-and-reserve between concurrent async callers: no overcommit, every reservation counted', async () => {
    const engine = new PlacementEngine({ clock: () => NOW });
    // 3 arrays with room for 15 volumes of 10 TiB (5 TiB physical) each: 75 TiB of headroom ÷ 5
    engine.observe(fleet(3));
    const created: string[] = [];
    const delays = [5, 0, 3, 1, 4, 2, 0, 6, 2, 1];
    const callers = Array.from({ length: 50 }, (_, i) =>
      placeVolume(engine, request(`v${i}`, { sizeBytes: 10 * TIB }), async (decision) => {
        await new Promise((resolve) => setTimeout(resolve, delays[i % delays.length]));
        created.push(decision.arrayId);
        return decision.arrayId;
      }).then(
        (placed) => placed.created,
        () => null,
      ),
    );
    const results = await Promise.all(callers);
    const perArray = new Map<string, number>();
    for (const id of results) if (id) perArray.set(id, (perArray.get(id) ?? 0) + 1);
    expect([...perArray.values()]).toEqual([15, 15, 15]);
    expect(results.filter((r) => r === null)).toHaveLength(5);
    expect(created).toHaveLength(45);
    expect(engine.reservations()).toHaveLength(45);
    expect(engine.reservations().every((r) => r.confirmedAtMs !== null)).toBe(true);
  });
});
