// An unknown create outcome is resolved on the array where it happened, never guessed by trying
// another array. Three simulated FlashArrays over HTTPS with the faults: a 1 s request
// timeout and 1.5 s of latency on volume POSTs and GETs, so every create's answer is lost after
// the array has made the volume, and every existence check times out as well.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateOutcomeUnknownError } from '../../../src/fleet/clients/create-outcome';
import { FleetConnection } from '../../../src/fleet/connection';
import { FleetPlacer } from '../../../src/fleet/placer';
import { startFleet, type RunningFleet } from '../../../src/simulator';
import { CapturingLogger, rosterOf } from './support';

jest.setTimeout(120_000);

const ARRAYS = ['fa-u1', 'fa-u2', 'fa-u3'];
let fleet: RunningFleet;

beforeAll(async () => {
  fleet = await startFleet(
    {
      name: 'unknown-outcome',
      arrays: ARRAYS.map((name) => ({
        name,
        type: 'flasharray' as const,
        capacity: '100TiB',
        preexistingUsed: 0.1,
        load: { profile: 'steady' as const, utilization: 0.1 },
      })),
    },
    { stateDir: mkdtempSync(join(tmpdir(), 'pure-sim-unknown-')) },
  );
});

afterAll(async () => {
  await fleet?.stop();
});

afterEach(async () => {
  await fleet.control.resetFaults();
});

async function copiesOf(name: string): Promise<string[]> {
  const where: string[] = [];
  const connection = new FleetConnection(rosterOf(fleet));
  try {
    for (const array of ARRAYS) if (await connection.flashArray(array).getVolume(name)) where.push(array);
  } finally {
    connection.close();
  }
  return where;
}

async function place(
  name: string,
  resolveBudgetMs: number,
  inject: () => Promise<void>,
): Promise<{ array?: string; error?: unknown }> {
  const connection = new FleetConnection(rosterOf(fleet, { requestTimeoutMs: 1_000 }), new CapturingLogger());
  const placer = new FleetPlacer(connection);
  try {
    // Telemetry first, without faults (its volume count is a GET of volumes too); then the faults.
    await connection.telemetry.candidates();
    await inject();
    await fleet.control.resetCounters();
    const placed = await placer.place(
      { key: `unknown-outcome/${name}`, kind: 'block', sizeBytes: 2 ** 30, labelSelector: {} },
      (array) =>
        connection.flashArray(array).createVolumeWithOutcome(name, 2 ** 30, undefined, { resolveBudgetMs }),
    );
    return { array: placed.decision.arrayName };
  } catch (error) {
    return { error };
  } finally {
    connection.close();
  }
}

const SLOW_VOLUMES = { latencyMs: 1_500, match: ['POST /api/2.x/volumes', 'GET /api/2.x/volumes'] };

test('1 s timeout, 1.5 s latency on POST and GET: one volume on one array and a clear "unknown" error', async () => {
  const result = await place('uo-three', 6_000, async () => {
    for (const array of ARRAYS) await fleet.control.injectFaults(array, SLOW_VOLUMES);
  });
  await fleet.control.resetFaults();
  await new Promise((r) => setTimeout(r, 2_000)); // let every delayed request land
  const copies = await copiesOf('uo-three');
  expect(copies.length).toBeLessThanOrEqual(1);
  const counters = await fleet.control.counters();
  const postedTo = ARRAYS.filter(
    (a) => (counters.arrays[a]?.endpoints['POST /api/2.x/volumes']?.count ?? 0) > 0,
  );
  // Every POST went to one array: nothing was tried elsewhere.
  expect(postedTo).toHaveLength(1);
  if (result.error) {
    expect(result.error).toBeInstanceOf(CreateOutcomeUnknownError);
    const message = (result.error as Error).message;
    expect(message).toMatch(/could not say whether it exists/);
    expect(message).toMatch(/not tried on any other array/);
    expect(message).toContain(postedTo[0]);
    // The create landed where it was sent: exactly one volume, on that array.
    expect(copies).toEqual(postedTo);
  } else {
    expect(copies).toEqual([result.array]);
  }
});

test('an existence check that fails outright (503 on every GET) is unknown; nothing tried elsewhere', async () => {
  const result = await place('uo-503', 3_000, async () => {
    for (const array of ARRAYS) {
      await fleet.control.injectFaults(array, {
        dropNext: 1,
        errorRate: 1,
        errorStatus: 503,
        match: ['POST /api/2.x/volumes', 'GET /api/2.x/volumes'],
      });
    }
  });
  await fleet.control.resetFaults();
  expect(result.error).toBeInstanceOf(CreateOutcomeUnknownError);
  expect(await copiesOf('uo-503')).toEqual([]); // dropped before the array acted: none, and said so
});

test('a lost create answer with a check that answers: the landed create is found, one volume', async () => {
  const result = await place('uo-late', 15_000, async () => {
    for (const array of ARRAYS)
      await fleet.control.injectFaults(array, { latencyMs: 1_500, match: ['POST /api/2.x/volumes'] });
  });
  expect(result.error).toBeUndefined();
  await new Promise((r) => setTimeout(r, 1_600));
  expect(await copiesOf('uo-late')).toHaveLength(1);
});
