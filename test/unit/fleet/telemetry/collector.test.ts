// The collector's cache and fan-out with fake arrays and an injected clock: max age, one shared
// round per array for concurrent callers, the concurrency bound, invalidation, observedAtMs taken
// before the first request, and failures that mark one array without touching the others.

import { FlashArrayClient } from '../../../../src/fleet/clients/flasharray';
import { FlashBladeClient } from '../../../../src/fleet/clients/flashblade';
import { ArrayUnreachableError } from '../../../../src/fleet/rest/errors';
import type { HttpMethod, Query, RequestOptions, RestTransport } from '../../../../src/fleet/rest/session';
import type { ArrayMember } from '../../../../src/fleet/roster';
import { TelemetryCollector, type TelemetrySource } from '../../../../src/fleet/telemetry/collector';
import { SharedFetchCache } from '../../../../src/fleet/telemetry/shared-fetch';

const TIB = 2 ** 40;

const ANSWERS: Record<string, unknown> = {
  arrays: { items: [{ id: 'ID', name: 'N', version: '6.7.2' }] },
  'arrays/space': {
    items: [
      {
        capacity: 100 * TIB,
        space: { total_used: 10 * TIB, total_provisioned: 30 * TIB, data_reduction: 3, unique: 10 * TIB },
      },
    ],
  },
  'arrays/performance': {
    items: [
      {
        reads_per_sec: 1_000,
        writes_per_sec: 1_000,
        queue_usec_per_read_op: 20,
        queue_usec_per_write_op: 20,
        service_usec_per_read_op: 180,
        service_usec_per_write_op: 180,
        usec_per_read_op: 240,
        usec_per_write_op: 240,
      },
    ],
  },
  volumes: { items: [{}], total_item_count: 42, more_items_remaining: true },
};

class FakeArray implements RestTransport {
  readonly apiVersion = '2.56';
  requests = 0;
  /** While set, every request waits for it. */
  gate: Promise<void> | undefined;
  failing = false;
  constructor(readonly arrayName: string) {}
  get kind(): 'flasharray' {
    return 'flasharray';
  }
  negotiatedVersion(): Promise<string> {
    return Promise.resolve('2.56');
  }
  async request<T>(_method: HttpMethod, path: string, _options?: RequestOptions): Promise<T> {
    this.requests += 1;
    if (this.gate) await this.gate;
    if (this.failing) throw new ArrayUnreachableError(this.arrayName, 'connect ECONNREFUSED');
    return ANSWERS[path] as T;
  }
  async listAll<T>(path: string, _query?: Query): Promise<T[]> {
    this.requests += 1;
    if (this.gate) await this.gate;
    if (this.failing) throw new ArrayUnreachableError(this.arrayName, 'connect ECONNREFUSED');
    if (path === 'controllers')
      return [{ name: 'CT0', mode: 'primary', status: 'ready', model: 'FA-X50R4' }] as T[];
    return [];
  }
}

class FakeFleet implements TelemetrySource {
  readonly arrays = new Map<string, FakeArray>();
  readonly members: ArrayMember[];
  constructor(names: string[]) {
    this.members = names.map((name) => ({
      name,
      kind: 'flasharray',
      endpoint: name,
      apiToken: 'T',
      labels: {},
    }));
    for (const name of names) this.arrays.set(name, new FakeArray(name));
  }
  member(name: string): ArrayMember {
    const m = this.members.find((x) => x.name === name);
    if (!m) throw new Error(`no ${name}`);
    return m;
  }
  flashArray(name: string): FlashArrayClient {
    return new FlashArrayClient(this.arrays.get(name) as FakeArray);
  }
  flashBlade(name: string): FlashBladeClient {
    return new FlashBladeClient(this.arrays.get(name) as unknown as RestTransport);
  }
  requestCount(name: string): number {
    return this.arrays.get(name)?.requests ?? 0;
  }
  total(): number {
    return [...this.arrays.values()].reduce((a, b) => a + b.requests, 0);
  }
}

class Clock {
  t = 1_000_000;
  now = (): number => this.t;
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

test('a reading is served from cache within max age and read again after it', async () => {
  const fleet = new FakeFleet(['a']);
  const clock = new Clock();
  const collector = new TelemetryCollector(fleet, { maxAgeMs: 30_000, now: clock.now });
  const first = await collector.read('a');
  const perRound = fleet.total();
  expect(perRound).toBe(7);
  expect(first.requestsSent).toBe(7);
  clock.t += 30_000;
  await collector.read('a');
  expect(fleet.total()).toBe(perRound);
  clock.t += 1;
  const third = await collector.read('a');
  expect(fleet.total()).toBe(2 * perRound);
  expect(third.observedAtMs).toBe(1_030_001);
  // A stricter caller can ask for a fresher reading.
  await collector.read('a', { maxAgeMs: 0 });
  expect(fleet.total()).toBe(2 * perRound);
  clock.t += 1;
  await collector.read('a', { maxAgeMs: 0 });
  expect(fleet.total()).toBe(3 * perRound);
});

test('concurrent callers share one round per array', async () => {
  const fleet = new FakeFleet(['a', 'b', 'c']);
  const gate = deferred();
  for (const a of fleet.arrays.values()) a.gate = gate.promise;
  const collector = new TelemetryCollector(fleet, { now: new Clock().now });
  const waits = Array.from({ length: 50 }, () => collector.candidates());
  await new Promise((r) => setImmediate(r));
  gate.resolve();
  const results = await Promise.all(waits);
  expect(results.every((r) => r.length === 3)).toBe(true);
  expect(collector.roundsStarted).toBe(3);
  expect(fleet.total()).toBe(3 * 7);
});

test('arrays are read concurrently, never more than the bound at once', async () => {
  const names = Array.from({ length: 10 }, (_, i) => `a${i}`);
  const fleet = new FakeFleet(names);
  let running = 0;
  let peak = 0;
  for (const a of fleet.arrays.values()) {
    const original = a.request.bind(a);
    a.request = async <T>(m: HttpMethod, p: string, o?: RequestOptions): Promise<T> => {
      if (p === 'arrays') {
        running += 1;
        peak = Math.max(peak, running);
        await new Promise((r) => setTimeout(r, 5));
        running -= 1;
      }
      return original<T>(m, p, o);
    };
  }
  const collector = new TelemetryCollector(fleet, { concurrency: 3, now: new Clock().now });
  const readings = await collector.readAll();
  expect(readings.map((r) => r.member)).toEqual(names);
  expect(peak).toBe(3);
  expect(collector.peakConcurrency).toBe(3);
});

test('observedAtMs is the clock before the first request, not after the answers', async () => {
  const fleet = new FakeFleet(['a']);
  const clock = new Clock();
  const array = fleet.arrays.get('a') as FakeArray;
  const original = array.request.bind(array);
  array.request = async <T>(m: HttpMethod, p: string, o?: RequestOptions): Promise<T> => {
    clock.t += 100; // each answer takes 100 ms of collector clock
    return original<T>(m, p, o);
  };
  const reading = await new TelemetryCollector(fleet, { now: clock.now }).read('a');
  expect(reading.observedAtMs).toBe(1_000_000);
  expect(reading.candidate.observedAtMs).toBe(1_000_000);
  expect(reading.completedAtMs).toBeGreaterThan(1_000_000);
});

test('an unreachable array is marked so and never fails the others; it is cached like a good reading', async () => {
  const fleet = new FakeFleet(['good', 'dead', 'also-good']);
  (fleet.arrays.get('dead') as FakeArray).failing = true;
  const clock = new Clock();
  const collector = new TelemetryCollector(fleet, { now: clock.now });
  const readings = await collector.readAll();
  expect(readings.map((r) => r.reachable)).toEqual([true, false, true]);
  const dead = readings[1]!;
  expect(dead.failure).toEqual({
    error: 'ArrayUnreachableError',
    reason: 'dead: unreachable: connect ECONNREFUSED',
  });
  expect(dead.candidate.health.reachable).toBe(false);
  expect(dead.idKnown).toBe(false);
  const before = fleet.total();
  await collector.readAll();
  expect(fleet.total()).toBe(before);
  // Back after the max age: the array is read again and its last good figures are remembered.
  (fleet.arrays.get('dead') as FakeArray).failing = false;
  clock.t += 31_000;
  const back = await collector.read('dead');
  expect(back.reachable).toBe(true);
  (fleet.arrays.get('dead') as FakeArray).failing = true;
  clock.t += 31_000;
  const downAgain = await collector.read('dead');
  expect(downAgain.reachable).toBe(false);
  expect(downAgain.idKnown).toBe(true);
  expect(downAgain.candidate.id).toBe('ID');
  expect(downAgain.candidate.capacity.usableBytes).toBe(100 * TIB);
});

test('invalidate forces the next read, and a round running at the time is not cached', async () => {
  const fleet = new FakeFleet(['a']);
  const collector = new TelemetryCollector(fleet, { now: new Clock().now });
  await collector.read('a');
  collector.invalidate('a');
  await collector.read('a');
  expect(collector.roundsStarted).toBe(2);

  const gate = deferred();
  (fleet.arrays.get('a') as FakeArray).gate = gate.promise;
  collector.invalidate('a');
  const stale = collector.read('a');
  collector.invalidate('a'); // e.g. the caller created a volume meanwhile
  const fresh = collector.read('a');
  gate.resolve();
  await Promise.all([stale, fresh]);
  expect(collector.roundsStarted).toBe(4);
});

test('a caller may stop waiting without cancelling the round others share', async () => {
  const fleet = new FakeFleet(['a']);
  const gate = deferred();
  (fleet.arrays.get('a') as FakeArray).gate = gate.promise;
  const collector = new TelemetryCollector(fleet, { now: new Clock().now });
  const controller = new AbortController();
  const impatient = collector.read('a', { signal: controller.signal });
  const patient = collector.read('a');
  controller.abort(new Error('user pressed ctrl-c'));
  await expect(impatient).rejects.toThrow('ctrl-c');
  gate.resolve();
  await expect(patient).resolves.toMatchObject({ reachable: true });
  expect(collector.roundsStarted).toBe(1);
});

test('SharedFetchCache keeps the newer of two values', async () => {
  let now = 0;
  const cache = new SharedFetchCache<{ t: number }>(
    (v) => v.t,
    () => now,
  );
  await cache.get('k', 10, async () => ({ t: 5 }));
  now = 100;
  cache.invalidate('k');
  await cache.get('k', 10, async () => ({ t: 100 }));
  expect(cache.peek('k')).toEqual({ t: 100 });
  expect(cache.isFresh('k', 10)).toBe(true);
  now = 111;
  expect(cache.isFresh('k', 10)).toBe(false);
});

test('SharedFetchCache.freshValues answers only when every key is cached and fresh', async () => {
  let now = 0;
  const cache = new SharedFetchCache<{ t: number }>(
    (v) => v.t,
    () => now,
  );
  expect(cache.freshValues(['a'], 10)).toBeUndefined();
  await cache.get('a', 10, async () => ({ t: 0 }));
  await cache.get('b', 10, async () => ({ t: 5 }));
  expect(cache.freshValues(['b', 'a'], 10)).toEqual([{ t: 5 }, { t: 0 }]);
  expect(cache.freshValues(['a', 'c'], 10)).toBeUndefined();
  now = 11; // 'a' is now stale, 'b' is not
  expect(cache.freshValues(['b'], 10)).toEqual([{ t: 5 }]);
  expect(cache.freshValues(['a', 'b'], 10)).toBeUndefined();
  cache.invalidate('b');
  expect(cache.freshValues(['b'], 10)).toBeUndefined();
});

test('readAll from a fresh cache reads nothing, adds no abort listener, and still refuses an aborted signal', async () => {
  const fleet = new FakeFleet(['a', 'b']);
  const clock = new Clock();
  const collector = new TelemetryCollector(fleet, { maxAgeMs: 30_000, now: clock.now });
  const first = await collector.readAll();
  const requests = fleet.total();
  const controller = new AbortController();
  const added = jest.spyOn(controller.signal, 'addEventListener');
  const again = await collector.readAll({ signal: controller.signal });
  expect(again.map((r) => r.observedAtMs)).toEqual(first.map((r) => r.observedAtMs));
  expect(again.map((r) => r.member)).toEqual(['a', 'b']);
  expect(fleet.total()).toBe(requests);
  expect(added).not.toHaveBeenCalled();
  // Only the arrays asked for, in the order asked.
  expect((await collector.readAll({ arrays: ['b'] })).map((r) => r.member)).toEqual(['b']);
  controller.abort(new Error('stopped'));
  await expect(collector.readAll({ signal: controller.signal })).rejects.toThrow('stopped');
  // One array stale: the slow path reads that one only.
  clock.t += 30_001;
  await collector.readAll();
  expect(fleet.total()).toBe(2 * requests);
});
