// REST calls counted by the simulator, per endpoint:
// - telemetry: one round per array per collector within the cache age, however many placements
//   ask for it;
// - the fleet-wide volume read: 2,000 volumes on 4 arrays in ≤ 4 × (1 + ceil(500 / pageSize)) GETs,
//   and any number of lookups served from the snapshot without another call.

import { FleetConnection } from '../../../src/fleet/connection';
import { PlacementEngine } from '../../../src/fleet/placement';
import { FleetVolumeReader } from '../../../src/fleet/volumes';
import type { EndpointCounts } from '../../../src/simulator';
import { startFleet, type RunningFleet } from '../../../src/simulator';
import { CapturingLogger, expectNoCredentials, rosterOf } from './support';

jest.setTimeout(120_000);

const ARRAYS = ['fa-c1', 'fa-c2', 'fa-c3', 'fa-c4'];
const PER_ARRAY = 500;
const PAGE_SIZE = 100;
const TELEMETRY_ENDPOINTS = [
  'GET /api/2.x/arrays',
  'GET /api/2.x/arrays/space',
  'GET /api/2.x/arrays/performance',
  'GET /api/2.x/controllers',
  'GET /api/2.x/hardware',
  'GET /api/2.x/alerts',
  'GET /api/2.x/volumes',
];

let fleet: RunningFleet;
const logger = new CapturingLogger();

beforeAll(async () => {
  fleet = await startFleet({
    name: 'fleet-counts',
    arrays: ARRAYS.map((name, i) => ({
      name,
      type: 'flasharray' as const,
      model: 'FA-X70R4',
      labels: { zone: i % 2 === 0 ? 'a' : 'b' },
      load: { profile: 'steady' as const, utilization: 0.2 + 0.1 * i },
    })),
  });
});

afterAll(async () => {
  await fleet?.stop();
});

async function countsByArray(): Promise<Record<string, EndpointCounts>> {
  return (await fleet.control.counters()).arrays;
}

const getsOf = (c: EndpointCounts | undefined, endpoint: string): number =>
  c?.endpoints[endpoint]?.count ?? 0;
const total = (all: Record<string, EndpointCounts>): number =>
  Object.values(all).reduce((sum, c) => sum + c.total, 0);

test('telemetry: one round per array per collector within the cache age, however many placements ask', async () => {
  let now = 1_700_000_000_000;
  const connection = new FleetConnection(rosterOf(fleet), logger, {
    telemetry: { maxAgeMs: 60_000, now: () => now },
  });
  try {
    await fleet.control.resetCounters();
    const engine = new PlacementEngine({ clock: () => now });
    // 300 placements (a plan of 300 volumes), 10 at a time as Terraform runs them; each asks for
    // fresh telemetry before deciding.
    let placed = 0;
    for (let batch = 0; batch < 30; batch++) {
      await Promise.all(
        Array.from({ length: 10 }, async (_, i) => {
          engine.observe(await connection.telemetry.candidates(), now);
          const outcome = engine.chooseAndReserve({
            key: `counts/v${batch * 10 + i}`,
            kind: 'block',
            sizeBytes: 2 ** 30,
            labelSelector: {},
          });
          if (outcome.placed) placed += 1;
        }),
      );
      now += 1_000; // 30 s of plan in all, inside the 60 s cache age
    }
    expect(placed).toBe(300);
    const counts = await countsByArray();
    for (const name of ARRAYS) {
      const c = counts[name];
      for (const endpoint of TELEMETRY_ENDPOINTS)
        expect([name, endpoint, getsOf(c, endpoint)]).toEqual([name, endpoint, 1]);
      // Plus the version query and the login of a new session: 9 calls per array in all.
      expect([name, c?.total]).toEqual([name, 9]);
    }
    expect(connection.telemetry.roundsStarted).toBe(ARRAYS.length);

    // Past the cache age: exactly one more round per array, with the session kept (no new login).
    now += 60_001;
    await Promise.all(Array.from({ length: 20 }, () => connection.telemetry.candidates()));
    const after = await countsByArray();
    for (const name of ARRAYS) {
      expect(getsOf(after[name], 'GET /api/2.x/arrays')).toBe(2);
      expect(after[name]?.total).toBe(16);
    }
  } finally {
    await connection.close();
  }
});

test(`fleet-wide read: ${ARRAYS.length * PER_ARRAY} volumes on ${ARRAYS.length} arrays in a bounded number of GETs`, async () => {
  const connection = new FleetConnection(rosterOf(fleet), logger, { volumes: { pageSize: PAGE_SIZE } });
  try {
    // Out of band, in bulk: 500 fleet volumes and 50 of someone else's per array (POST accepts a
    // list of names), so the filter has something to leave out.
    for (const name of ARRAYS) {
      const session = connection.session(name);
      const ours = Array.from({ length: PER_ARRAY }, (_, i) => `cnt-${name}-${String(i).padStart(4, '0')}`);
      await session.request('POST', 'volumes', {
        query: { names: ours.join(',') },
        body: { provisioned: 2 ** 30 },
      });
      const theirs = Array.from({ length: 50 }, (_, i) => `other-${name}-${i}`);
      await session.request('POST', 'volumes', {
        query: { names: theirs.join(',') },
        body: { provisioned: 2 ** 30 },
      });
    }
    await fleet.control.resetCounters();

    const snapshot = await connection.volumes.snapshot('cnt-');
    const counts = await countsByArray();
    const pagesPerArray = Math.ceil(PER_ARRAY / PAGE_SIZE);
    const bound = ARRAYS.length * (1 + pagesPerArray);
    const gets = ARRAYS.reduce((sum, name) => sum + getsOf(counts[name], 'GET /api/2.x/volumes'), 0);
    expect(gets).toBeLessThanOrEqual(bound);
    // Sessions already existed: nothing but the pages themselves.
    expect(total(counts)).toBe(gets);
    expect(gets).toBe(ARRAYS.length * pagesPerArray);
    expect(snapshot.objectCount).toBe(ARRAYS.length * PER_ARRAY);
    for (const name of ARRAYS) {
      const status = snapshot.status(name);
      expect(status).toMatchObject({ state: 'read', objectCount: PER_ARRAY, requestsSent: pagesPerArray });
    }

    // With the default page size (500), one GET per array.
    const defaultPages = new FleetVolumeReader(connection);
    await fleet.control.resetCounters();
    expect((await defaultPages.snapshot('cnt-')).objectCount).toBe(ARRAYS.length * PER_ARRAY);
    expect(total(await countsByArray())).toBe(ARRAYS.length);
    await fleet.control.resetCounters();

    // 2,000 refreshes served from the snapshot: no REST call at all.
    for (const name of ARRAYS) {
      for (let i = 0; i < PER_ARRAY; i++) {
        const found = snapshot.lookup(name, `cnt-${name}-${String(i).padStart(4, '0')}`);
        if (found.state !== 'found') throw new Error(`missing ${name} ${i}`);
      }
      expect(snapshot.lookup(name, `cnt-${name}-9999`).state).toBe('absent');
      expect(snapshot.lookup(name, `other-${name}-1`).state).toBe('absent'); // not the fleet's
    }
    const again = await connection.volumes.snapshot('cnt-');
    expect(again.objectCount).toBe(ARRAYS.length * PER_ARRAY);
    expect(total(await countsByArray())).toBe(0);

    // After a write to one array, invalidating it re-reads only that array.
    await connection.flashArray('fa-c2').destroyVolume('cnt-fa-c2-0007');
    connection.volumes.invalidate('fa-c2');
    await fleet.control.resetCounters();
    const fresh = await connection.volumes.snapshot('cnt-');
    const afterWrite = await countsByArray();
    expect(getsOf(afterWrite['fa-c2'], 'GET /api/2.x/volumes')).toBe(pagesPerArray);
    expect(total(afterWrite)).toBe(pagesPerArray);
    const destroyed = fresh.lookup('fa-c2', 'cnt-fa-c2-0007');
    expect(
      destroyed.state === 'found' &&
        destroyed.object.kind === 'flasharray' &&
        destroyed.object.volume.destroyed,
    ).toBe(true);

    // An unreachable array is "unknown", never "absent".
    await fleet.control.setHealth('fa-c3', { unreachable: true });
    connection.volumes.invalidate('fa-c3');
    const other = new FleetConnection(rosterOf(fleet), logger, {
      volumes: { pageSize: PAGE_SIZE },
      session: { maxRetries: 0 },
    });
    const partial = await other.volumes.snapshot('cnt-').finally(() => other.close());
    expect(partial.lookup('fa-c3', 'cnt-fa-c3-0001')).toMatchObject({ state: 'unknown', unreachable: true });
    expect(partial.lookup('fa-c1', 'cnt-fa-c1-0001').state).toBe('found');
    expect(partial.unreadableArrays()).toEqual(['fa-c3']);
    await fleet.control.setHealth('fa-c3', { unreachable: false });

    console.log(
      `fleet-wide read: ${ARRAYS.length * PER_ARRAY} volumes on ${ARRAYS.length} arrays, page size ${PAGE_SIZE}: ` +
        `${gets} GETs (bound ${bound}); page size 500: ${ARRAYS.length} GETs; 2,000 lookups: 0 calls`,
    );
  } finally {
    await connection.close();
  }
});

afterAll(() => {
  expectNoCredentials(
    logger.lines,
    fleet.arrays.map((a) => a.apiToken),
  );
});
