// The REST clients against the simulator over HTTPS, with faults injected through its control API:
// 429 bursts (waits honour the headers), 5xx retried for reads, 500 never, a create that gets 503
// (existence check, one volume), a create whose answer is lost to the deadline, slow responses,
// expired sessions (exactly one re-login, shared by concurrent callers), TLS with and without the
// CA, insecure mode's warning, FlashBlade's unversioned login and file-system lifecycle — and no
// credential in any error or log line produced along the way.

import { CreateOutcomeUnknownError } from '../../../src/fleet/clients/create-outcome';
import { FlashArrayClient } from '../../../src/fleet/clients/flasharray';
import { FleetConnection } from '../../../src/fleet/connection';
import { FlashBladeClient } from '../../../src/fleet/clients/flashblade';
import { ArrayUnreachableError, PureApiError, TlsVerificationError } from '../../../src/fleet/rest/errors';
import { PureRestSession, type SessionOptions } from '../../../src/fleet/rest/session';
import { startFleet, type RunningFleet } from '../../../src/simulator';
import {
  CapturingLogger,
  RecordingSleep,
  countOf,
  errorText,
  expectNoCredentials,
  sessionTokenOf,
} from './support';

jest.setTimeout(60_000);

let fleet: RunningFleet;
const logger = new CapturingLogger();
const errorsSeen: string[] = [];
const sessionTokens = new Set<string>();
const opened: PureRestSession[] = [];

const FA = 'fa-cli';
const FB = 'fb-cli';
const OLD = 'fa-old';

beforeAll(async () => {
  fleet = await startFleet({
    name: 'fleet-clients',
    arrays: [
      { name: FA, type: 'flasharray', model: 'FA-X50R4', capacity: '20TiB', eradicationDelay: '1h' },
      { name: FB, type: 'flashblade', model: 'FB-S200', capacity: '50TiB', eradicationDelay: '1h' },
      { name: OLD, type: 'flasharray', model: 'FA-X20R4', maxApiVersion: '2.0' },
    ],
  });
});

afterEach(async () => {
  for (const s of opened) {
    const token = sessionTokenOf(s);
    if (token) sessionTokens.add(token);
  }
  await fleet.control.resetFaults();
  await fleet.control.setHealth(FA, { unreachable: false });
});

afterAll(async () => {
  for (const s of opened) s.close();
  await fleet?.stop();
});

function open(name: string, overrides: Partial<SessionOptions> = {}): PureRestSession {
  const a = fleet.arrays.find((x) => x.name === name)!;
  const s = new PureRestSession({
    arrayName: a.name,
    kind: a.type,
    endpoint: a.mgmtEndpoint,
    apiToken: a.apiToken,
    caPem: fleet.caCertPem,
    logger,
    ...overrides,
  });
  opened.push(s);
  return s;
}

async function failure(p: Promise<unknown>): Promise<unknown> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  errorsSeen.push(errorText(err));
  return err;
}

describe('retries', () => {
  test('a 429 burst: retried until it passes, each wait at least what the headers asked (1 s)', async () => {
    const recorder = new RecordingSleep();
    const client = new FlashArrayClient(open(FA, { sleep: recorder.sleep, retryBaseMs: 100 }));
    await client.countVolumes(); // log in first, so the burst hits the call under test
    await fleet.control.resetCounters(FA);
    await fleet.control.injectFaults(FA, { rateLimitBurst: 3, match: ['GET /api/2.x/volumes'] });
    await expect(client.countVolumes()).resolves.toBe(0);
    expect(await countOf(fleet, FA, 'GET /api/2.x/volumes', 429)).toBe(3);
    expect(await countOf(fleet, FA, 'GET /api/2.x/volumes', 200)).toBe(1);
    // The simulator's gateway sends Retry-After: 1 and X-RateLimit-Remaining-Second: 0.
    expect(recorder.waits).toHaveLength(3);
    for (const w of recorder.waits) {
      expect(w).toBeGreaterThanOrEqual(1_000);
      expect(w).toBeLessThan(1_100);
    }
  });

  test('a longer burst than the retries allow ends as a 429 error, not a hang', async () => {
    const recorder = new RecordingSleep();
    const client = new FlashArrayClient(open(FA, { sleep: recorder.sleep, maxRetries: 2 }));
    await fleet.control.injectFaults(FA, { rateLimitBurst: 10, match: ['GET /api/2.x/volumes'] });
    const err = await failure(client.countVolumes());
    expect(err).toBeInstanceOf(PureApiError);
    expect((err as PureApiError).isRateLimited()).toBe(true);
    expect(recorder.waits).toHaveLength(2);
  });

  test('5xx above 500 on reads: retried with backoff, then success', async () => {
    const recorder = new RecordingSleep();
    const client = new FlashArrayClient(
      open(FA, { sleep: recorder.sleep, retryBaseMs: 100, random: () => 0.5 }),
    );
    await client.getArray();
    await fleet.control.resetCounters(FA);
    await fleet.control.injectFaults(FA, {
      failNext: 2,
      errorStatus: 503,
      errorMessage: 'Service unavailable.',
      match: ['GET /api/2.x/arrays'],
    });
    await expect(client.getArray()).resolves.toMatchObject({ name: FA });
    expect(await countOf(fleet, FA, 'GET /api/2.x/arrays', 503)).toBe(2);
    expect(await countOf(fleet, FA, 'GET /api/2.x/arrays', 200)).toBe(1);
    expect(recorder.waits).toEqual([50, 100]);
  });

  test('500 is not retried', async () => {
    const recorder = new RecordingSleep();
    const client = new FlashArrayClient(open(FA, { sleep: recorder.sleep }));
    await client.getArray();
    await fleet.control.resetCounters(FA);
    await fleet.control.injectFaults(FA, { failNext: 1, errorStatus: 500, match: ['GET /api/2.x/arrays'] });
    const err = await failure(client.getArray());
    expect((err as PureApiError).status).toBe(500);
    expect(await countOf(fleet, FA, 'GET /api/2.x/arrays')).toBe(1);
    expect(recorder.waits).toEqual([]);
  });

  test('a create that gets 503: outcome unknown → existence check → one more create → one volume', async () => {
    const client = new FlashArrayClient(open(FA, { sleep: new RecordingSleep().sleep }));
    await client.countVolumes();
    const before = (await fleet.control.array(FA)).objects;
    await fleet.control.resetCounters(FA);
    await fleet.control.injectFaults(FA, { failNext: 1, errorStatus: 503, match: ['POST /api/2.x/volumes'] });
    const result = await client.createVolumeWithOutcome('clients-v503', 2 ** 30);
    expect(result.outcome).toBe('created');
    expect(result.volume.name).toBe('clients-v503');
    expect(await countOf(fleet, FA, 'POST /api/2.x/volumes', 503)).toBe(1);
    expect(await countOf(fleet, FA, 'POST /api/2.x/volumes', 200)).toBe(1);
    // The lookup between the two creates: a GET by name that found nothing.
    expect(await countOf(fleet, FA, 'GET /api/2.x/volumes', 400)).toBe(1);
    expect((await fleet.control.array(FA)).objects).toBe(before + 1);
  });

  test('a create whose answer is lost to the deadline is never made twice', async () => {
    // The array applies the create 600 ms after receiving it; the client gives up after 150 ms.
    const client = new FlashArrayClient(open(FA, { timeoutMs: 150 }));
    await client.countVolumes();
    const before = (await fleet.control.array(FA)).objects;
    await fleet.control.resetCounters(FA);
    await fleet.control.injectFaults(FA, { latencyMs: 600, match: ['POST /api/2.x/volumes'] });
    const outcome = await client.createVolumeWithOutcome('clients-vslow', 2 ** 30).then(
      (r) => r.outcome,
      (e: unknown) => e,
    );
    // Either a lookup saw the late create land, or the caller is told the outcome is unknown; never
    // a "created" for a second volume and never a false "failed".
    if (outcome instanceof Error) {
      errorsSeen.push(errorText(outcome));
      expect(outcome).toBeInstanceOf(CreateOutcomeUnknownError);
    } else {
      expect(outcome).toBe('found-after-unknown-outcome');
    }
    await fleet.control.resetFaults(FA);
    // Let the delayed creates land, then count.
    await new Promise((r) => setTimeout(r, 1_000));
    expect((await fleet.control.array(FA)).objects).toBe(before + 1);
    expect(await countOf(fleet, FA, 'POST /api/2.x/volumes')).toBeLessThanOrEqual(3);
    expect(await countOf(fleet, FA, 'POST /api/2.x/volumes', 200)).toBe(1);
    await expect(client.getVolume('clients-vslow')).resolves.toMatchObject({ name: 'clients-vslow' });
  });

  test('slow responses hit the per-request deadline; reads retried, then unreachable', async () => {
    const recorder = new RecordingSleep();
    const client = new FlashArrayClient(open(FA, { timeoutMs: 200, maxRetries: 1, sleep: recorder.sleep }));
    await client.getArray();
    await fleet.control.injectFaults(FA, { latencyMs: 1_000, match: ['GET /api/2.x/arrays/space'] });
    const started = Date.now();
    const err = await failure(client.getSpace());
    expect(err).toBeInstanceOf(ArrayUnreachableError);
    expect((err as Error).message).toMatch(/timed out after 200 ms/);
    expect(recorder.waits).toHaveLength(1);
    await fleet.control.resetFaults(FA);
    await expect(client.getSpace()).resolves.toMatchObject({ capacity: expect.any(Number) });
    // Let the simulator finish the answers it was holding, so no timer outlives the suite.
    await new Promise((r) => setTimeout(r, Math.max(0, started + 1_300 - Date.now())));
  });
});

describe('sessions', () => {
  test('expired sessions: exactly one re-login, shared by concurrent callers', async () => {
    const session = open(FA);
    const client = new FlashArrayClient(session);
    await client.getArray();
    expect(session.loginCount).toBe(1);
    await fleet.control.resetCounters(FA);
    const { expired } = await fleet.control.expireSessions(FA);
    expect(expired).toBeGreaterThan(0);
    const results = await Promise.all([
      client.getArray(),
      client.getSpace(),
      client.getPerformance(),
      client.listControllers(),
      client.listHardware(),
      client.listOpenAlerts(),
      client.countVolumes(),
    ]);
    expect(results).toHaveLength(7);
    expect(session.loginCount).toBe(2);
    expect(await countOf(fleet, FA, 'POST /api/2.x/login', 200)).toBe(1);
    // Each call was refused once with the old session, then answered.
    expect(await countOf(fleet, FA, 'GET /api/2.x/arrays', 401)).toBe(1);
    expect(await countOf(fleet, FA, 'GET /api/2.x/arrays', 200)).toBe(1);
  });

  test('connect() logs in ahead of the first request, which then reuses that session', async () => {
    const session = open(FA);
    await fleet.control.resetCounters(FA);
    await Promise.all([session.connect(), session.connect()]);
    expect(session.loginCount).toBe(1);
    expect(await countOf(fleet, FA, 'POST /api/2.x/login', 200)).toBe(1);
    await new FlashArrayClient(session).getArray();
    await session.connect();
    expect(session.loginCount).toBe(1);
    expect(await countOf(fleet, FA, 'POST /api/2.x/login', 200)).toBe(1);
  });

  test('a fleet logs in to every array in the background; a failing one only logs', async () => {
    const members = [FA, FB].map((name) => {
      const a = fleet.arrays.find((x) => x.name === name)!;
      return { name, kind: a.type, endpoint: a.mgmtEndpoint, apiToken: a.apiToken, labels: {} };
    });
    const unreachable = {
      name: 'fa-gone',
      kind: 'flasharray' as const,
      endpoint: '127.0.0.1:9',
      apiToken: 'x',
      labels: {},
    };
    const background = new CapturingLogger();
    const connection = new FleetConnection(
      { arrays: [...members, unreachable], caPem: fleet.caCertPem },
      background,
      { session: { maxRetries: 0 } },
    );
    await fleet.control.resetCounters(FA);
    await fleet.control.resetCounters(FB);
    connection.connectInBackground();
    // The refused endpoint fails at once, the two logins take longer: wait for all three outcomes
    // (up to 10 s), so a loaded machine does not read the logins before they are done.
    const settled = () =>
      background.lines.some((l) => /background login failed/.test(l)) &&
      connection.session(FA).loginCount > 0 &&
      connection.session(FB).loginCount > 0;
    for (let i = 0; i < 200 && !settled(); i += 1) {
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(background.lines.filter((l) => /background login failed.*fa-gone/.test(l))).toHaveLength(1);
    expect(connection.session(FA).loginCount).toBe(1);
    expect(connection.session(FB).loginCount).toBe(1);
    expect(await countOf(fleet, FA, 'POST /api/2.x/login', 200)).toBe(1);
    await connection.close();
    logger.lines.push(...background.lines);
  });

  test('a wrong API token fails clearly, without the token in the error', async () => {
    const bad = 'T-00000000-this-is-not-the-token';
    const err = await failure(new FlashArrayClient(open(FA, { apiToken: bad })).getArray());
    expect((err as Error).name).toBe('AuthenticationError');
    expect(errorText(err)).not.toContain(bad);
  });
});

describe('TLS', () => {
  test('without the CA the certificate does not verify, and that is not retried', async () => {
    const recorder = new RecordingSleep();
    const err = await failure(
      new FlashArrayClient(open(FA, { caPem: undefined, sleep: recorder.sleep })).getArray(),
    );
    expect(err).toBeInstanceOf(TlsVerificationError);
    expect(err).toBeInstanceOf(ArrayUnreachableError);
    expect(recorder.waits).toEqual([]);
  });

  test('with the CA it works; insecure mode works too and says so in a warning', async () => {
    await expect(new FlashArrayClient(open(FA)).getArray()).resolves.toMatchObject({ name: FA });
    const warnings = new CapturingLogger();
    await expect(
      new FlashArrayClient(
        open(FA, { caPem: undefined, insecureSkipVerify: true, logger: warnings }),
      ).getArray(),
    ).resolves.toMatchObject({ name: FA });
    expect(
      warnings.lines.filter((l) => l.startsWith('warn ') && /TLS verification is disabled/.test(l)),
    ).toHaveLength(1);
    logger.lines.push(...warnings.lines);
  });
});

describe('unreachable', () => {
  test('refused connections: retried (they were never sent), then ArrayUnreachableError', async () => {
    const recorder = new RecordingSleep();
    const client = new FlashArrayClient(open(FA, { sleep: recorder.sleep, maxRetries: 2 }));
    await fleet.control.setHealth(FA, { unreachable: true });
    const err = await failure(client.getArray());
    expect(err).toBeInstanceOf(ArrayUnreachableError);
    expect(recorder.waits).toHaveLength(2);
  });
});

describe('an array that speaks only REST 2.0', () => {
  test('negotiates 2.0, pages by offset (no continuation tokens in 2.0), and says telemetry needs 2.2', async () => {
    const session = open(OLD);
    const client = new FlashArrayClient(session);
    const names = Array.from({ length: 5 }, (_, i) => `old-v${i}`);
    await session.request('POST', 'volumes', {
      query: { names: names.join(',') },
      body: { provisioned: 2 ** 30 },
    });
    await session.request('POST', 'volumes', { query: { names: 'other-v' }, body: { provisioned: 2 ** 30 } });
    expect(session.apiVersion).toBe('2.0');
    await fleet.control.resetCounters(OLD);
    const listed = await client.listVolumesWithPrefix('old-', undefined, 2);
    expect(listed.map((v) => v.name)).toEqual(names);
    expect(await countOf(fleet, OLD, 'GET /api/2.x/volumes', 200)).toBe(3);
    const err = await failure(client.getArray());
    expect((err as Error).name).toBe('UnsupportedApiVersionError');
    expect((err as Error).message).toMatch(/needs REST 2\.2 or later; the array offers 2\.0/);
  });
});

describe('FlashBlade', () => {
  test('unversioned login, file system lifecycle with NFS exports, data VIP mount paths', async () => {
    const session = open(FB);
    const fb = new FlashBladeClient(session);
    await fleet.control.resetCounters(FB);
    const { fileSystem, outcome } = await fb.createFileSystem('clients-fs1', {
      provisionedBytes: 10 * 2 ** 30,
      hardLimit: true,
      nfsV3: true,
      nfsV41: true,
      exportRules: '10.0.0.0/8(rw,no_root_squash)',
    });
    expect(outcome).toBe('created');
    expect(session.apiVersion).toBe('2.28');
    expect(await countOf(fleet, FB, 'POST /api/login', 200)).toBe(1);
    expect(fileSystem).toMatchObject({
      name: 'clients-fs1',
      provisioned: 10 * 2 ** 30,
      hard_limit_enabled: true,
      nfs: { v3_enabled: true, v4_1_enabled: true, rules: '10.0.0.0/8(rw,no_root_squash)' },
    });
    const grown = await fb.patchFileSystem('clients-fs1', { provisioned: 20 * 2 ** 30 });
    expect(grown.provisioned).toBe(20 * 2 ** 30);
    const destroyed = await fb.destroyFileSystem('clients-fs1');
    expect(destroyed).toMatchObject({ destroyed: true, nfs: { v3_enabled: false, v4_1_enabled: false } });
    const recovered = await fb.recoverFileSystem('clients-fs1', { v3_enabled: true, v4_1_enabled: false });
    expect(recovered).toMatchObject({ destroyed: false, nfs: { v3_enabled: true, v4_1_enabled: false } });
    expect((await fb.listFileSystemsWithPrefix('clients-')).map((f) => f.name)).toEqual(['clients-fs1']);
    await fb.destroyFileSystem('clients-fs1');
    await fb.eradicateFileSystem('clients-fs1');
    await expect(fb.getFileSystem('clients-fs1')).resolves.toBeUndefined();

    const nfs = fleet.arrays.find((a) => a.name === FB)!.nfsEndpoint!;
    await expect(fb.dataVips()).resolves.toEqual([nfs]);
    await expect(fb.mountPaths('clients-fs2')).resolves.toEqual([`${nfs}:/clients-fs2`]);
  });

  test('a file-system create that gets 503 ends with one file system', async () => {
    const fb = new FlashBladeClient(open(FB, { sleep: new RecordingSleep().sleep }));
    await fb.countFileSystems();
    await fleet.control.resetCounters(FB);
    await fleet.control.injectFaults(FB, {
      failNext: 1,
      errorStatus: 503,
      match: ['POST /api/2.x/file-systems'],
    });
    const { outcome } = await fb.createFileSystem('clients-fs503', { nfsV3: true, nfsV41: false });
    expect(outcome).toBe('created');
    expect(await countOf(fleet, FB, 'POST /api/2.x/file-systems')).toBe(2);
    expect(await fb.listFileSystemsWithPrefix('clients-fs503')).toHaveLength(1);
  });
});

afterAll(() => {
  // Every error and log line this file produced, scanned for the API tokens and the session tokens.
  const credentials = [...fleet.arrays.map((a) => a.apiToken), ...sessionTokens];
  expect(sessionTokens.size).toBeGreaterThan(0);
  expect(logger.lines.length).toBeGreaterThan(0);
  expectNoCredentials([...errorsSeen, ...logger.lines], credentials);
});
