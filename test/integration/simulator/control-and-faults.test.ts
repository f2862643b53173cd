// The control API changes what clients see through Pure's API, exactly as
// configured: faults (latency, errors, 429 bursts with rate-limit headers,
// dropped connections, expired sessions, unreachable arrays), health, load,
// capacity, out-of-band changes, counters and the clock.
import { startFleet, SimulatorControlError, type RunningFleet } from '../../../src/simulator';
import { TestHttpClient } from './support/http';
import { PureSession, errorMessages } from './support/session';

jest.setTimeout(60_000);

let fleet: RunningFleet;
let http: TestHttpClient;
let fa: PureSession;
let fb: PureSession;

beforeAll(async () => {
  fleet = await startFleet({
    name: 'control',
    arrays: [
      {
        name: 'fa-ctl',
        type: 'flasharray',
        model: 'FA-X50R4',
        capacity: '10TiB',
        load: { profile: 'steady', iops: 50_000 },
        eradicationDelay: '1h',
      },
      { name: 'fb-ctl', type: 'flashblade', capacity: '20TiB', eradicationDelay: '1h' },
    ],
  });
  http = new TestHttpClient(fleet.caCertPem);
  fa = new PureSession(http, fleet.arrays[0]!, '2.56');
  fb = new PureSession(http, fleet.arrays[1]!, '2.28');
  await fa.login();
  await fb.login();
});

afterEach(async () => {
  await fleet.control.resetFaults();
  await fleet.control.setHealth('fa-ctl', {
    controllerDown: false,
    degradedHardware: false,
    unreachable: false,
    criticalAlert: false,
  });
});

afterAll(async () => {
  http?.close();
  await fleet?.stop();
});

describe('faults', () => {
  test('failNext answers exactly N requests with the configured status and Pure error body', async () => {
    await fleet.control.injectFaults('fa-ctl', {
      failNext: 2,
      errorStatus: 503,
      errorMessage: 'Service unavailable.',
      match: ['GET /api/2.x/volumes'],
    });
    const a = await fa.call('GET', 'volumes');
    const b = await fa.call('GET', 'volumes');
    const other = await fa.call('GET', 'arrays');
    const c = await fa.call('GET', 'volumes');
    expect([a.status, b.status, other.status, c.status]).toEqual([503, 503, 200, 200]);
    expect(a.json).toEqual({ errors: [{ message: 'Service unavailable.' }] });
  });

  test('errorRate 1 fails every request; 0.5 fails about half', async () => {
    await fleet.control.injectFaults('fa-ctl', { errorRate: 1, errorStatus: 500 });
    const all = await Promise.all(Array.from({ length: 20 }, () => fa.call('GET', 'volumes')));
    expect(all.every((r) => r.status === 500)).toBe(true);
    await fleet.control.injectFaults('fa-ctl', { errorRate: 0.5 });
    const half = await Promise.all(Array.from({ length: 400 }, () => fa.call('GET', 'volumes')));
    const failed = half.filter((r) => r.status === 500).length;
    expect(failed).toBeGreaterThan(140);
    expect(failed).toBeLessThan(260);
  });

  test('a 429 burst returns the gateway body and rate-limit headers for N requests, then recovers', async () => {
    await fleet.control.injectFaults('fa-ctl', { rateLimitBurst: 3 });
    const rs = [];
    for (let i = 0; i < 4; i++) rs.push(await fa.call('GET', 'volumes'));
    expect(rs.map((r) => r.status)).toEqual([429, 429, 429, 200]);
    expect(rs[0]!.json).toEqual({ message: 'API rate limit exceeded' });
    expect(rs[0]!.headers['x-ratelimit-limit-second']).toBe('100');
    expect(rs[0]!.headers['x-ratelimit-remaining-second']).toBe('0');
    expect(rs[0]!.headers['x-ratelimit-limit-minute']).toBeDefined();
    expect(rs[0]!.headers['x-ratelimit-remaining-minute']).toBeDefined();
    expect(rs[0]!.headers['retry-after']).toBe('1');
  });

  test('added latency delays answers by at least the configured time', async () => {
    await fleet.control.injectFaults('fa-ctl', { latencyMs: 300 });
    const t0 = Date.now();
    const r = await fa.call('GET', 'arrays');
    const elapsed = Date.now() - t0;
    expect(r.status).toBe(200);
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(2000);
  });

  test('dropped connections end without any HTTP answer', async () => {
    await fleet.control.injectFaults('fa-ctl', { dropNext: 1 });
    await expect(fa.call('GET', 'volumes')).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect((await fa.call('GET', 'volumes')).status).toBe(200);
  });

  test('expiring sessions makes the next call 401 until the client logs in again', async () => {
    const s = new PureSession(http, fleet.arrays[0]!, '2.56');
    await s.login();
    expect((await s.call('GET', 'volumes')).status).toBe(200);
    const { expired } = await fleet.control.expireSessions('fa-ctl');
    expect(expired).toBeGreaterThanOrEqual(1);
    const r = await s.call('GET', 'volumes');
    expect(r.status).toBe(401);
    await s.login();
    expect((await s.call('GET', 'volumes')).status).toBe(200);
    await fa.login();
  });

  test('sessions expire after the idle timeout', async () => {
    const s = new PureSession(http, fleet.arrays[0]!, '2.56');
    await s.login();
    await fleet.control.setSessionTimeout('fa-ctl', 1000);
    await fleet.control.advanceClock(1500);
    expect((await s.call('GET', 'volumes')).status).toBe(401);
    await fleet.control.setSessionTimeout('fa-ctl', 1_800_000);
    await fa.login();
  });

  test('an unreachable array refuses connections (reset) and comes back', async () => {
    await fleet.control.setHealth('fa-ctl', { unreachable: true });
    const fresh = new TestHttpClient(fleet.caCertPem);
    await expect(fresh.request('GET', `${fleet.arrays[0]!.url}/api/api_version`)).rejects.toThrow();
    await fleet.control.setHealth('fa-ctl', { unreachable: false });
    expect((await fresh.request('GET', `${fleet.arrays[0]!.url}/api/api_version`)).status).toBe(200);
    fresh.close();
  });

  test('an unreachable array in timeout mode accepts connections and never answers', async () => {
    await fleet.control.setHealth('fa-ctl', { unreachable: 'timeout' });
    const fresh = new TestHttpClient(fleet.caCertPem);
    const started = Date.now();
    const attempt = fresh.request('GET', `${fleet.arrays[0]!.url}/api/api_version`);
    const outcome = await Promise.race([
      attempt.then(
        () => 'answered',
        () => 'failed',
      ),
      new Promise((r) => setTimeout(() => r('timed out'), 700)),
    ]);
    expect(outcome).toBe('timed out');
    expect(Date.now() - started).toBeGreaterThanOrEqual(650);
    fresh.close();
    await fleet.control.setHealth('fa-ctl', { unreachable: false });
  });

  test('control API rejects bad fault settings with its own error shape', async () => {
    await expect(fleet.control.injectFaults('fa-ctl', { errorRate: 2 })).rejects.toThrow(
      SimulatorControlError,
    );
    await expect(fleet.control.injectFaults('nope', {})).rejects.toThrow(/no array named nope/);
  });
});

describe('health, load and capacity', () => {
  test('controller down: controllers, hardware, alerts and performance show it', async () => {
    const before = (await fa.items('arrays/performance'))[0]!;
    await fleet.control.setHealth('fa-ctl', { controllerDown: true });
    const ctl = await fa.items('controllers');
    expect(ctl.find((c) => c.name === 'CT1')).toEqual(
      expect.objectContaining({ mode: 'offline', status: 'not ready' }),
    );
    expect(ctl.find((c) => c.name === 'CT0')).toEqual(
      expect.objectContaining({ mode: 'primary', status: 'ready' }),
    );
    const alerts = await fa.items('alerts', "filter=state='open' and severity='critical'");
    expect(alerts.some((a) => a.component_name === 'CT1')).toBe(true);
    const after = (await fa.items('arrays/performance'))[0]!;
    // Half the controllers serve the same load: utilisation and latency rise.
    expect(after.usec_per_read_op as number).toBeGreaterThan(before.usec_per_read_op as number);
  });

  test('degraded hardware lowers parity and marks a drive failed; a critical alert can be opened and closed', async () => {
    await fleet.control.setHealth('fa-ctl', { degradedHardware: true, criticalAlert: 'Array is on fire' });
    expect((await fa.items('arrays'))[0]!.parity).toBeLessThan(1);
    expect((await fa.items('drives')).filter((d) => d.status === 'failed')).toHaveLength(1);
    expect((await fa.items('hardware')).some((h) => h.status === 'critical')).toBe(true);
    expect(await fa.items('alerts', "filter=summary='Array is on fire' and state='open'")).toHaveLength(1);
    await fleet.control.setHealth('fa-ctl', { criticalAlert: false, degradedHardware: false });
    expect(await fa.items('alerts', "filter=summary='Array is on fire' and state='open'")).toHaveLength(0);
    expect((await fa.items('arrays'))[0]!.parity).toBe(1);
  });

  test('load profiles drive IOPS and latency rises with load', async () => {
    await fleet.control.setLoad('fa-ctl', { profile: 'steady', utilization: 0.1 });
    const low = (await fa.items('arrays/performance'))[0]!;
    await fleet.control.setLoad('fa-ctl', { profile: 'steady', utilization: 0.9 });
    const high = (await fa.items('arrays/performance'))[0]!;
    const iops = (p: Record<string, unknown>): number =>
      (p.reads_per_sec as number) + (p.writes_per_sec as number) + (p.others_per_sec as number);
    expect(iops(low)).toBeGreaterThan(24_000);
    expect(iops(low)).toBeLessThan(26_000);
    expect(iops(high)).toBeGreaterThan(220_000);
    expect(high.usec_per_read_op as number).toBeGreaterThan(3 * (low.usec_per_read_op as number));
    await fleet.control.setLoad('fa-ctl', {
      profile: 'spikes',
      utilization: 0.1,
      peakUtilization: 0.8,
      spikeEverySeconds: 600,
      spikeDurationSeconds: 60,
    });
    const now = Date.now();
    const start = Math.ceil(now / 30_000) * 30_000 - 1_200_000;
    const history = await fa.items(
      'arrays/performance',
      `start_time=${start}&end_time=${now}&resolution=30000`,
    );
    const rates = history.map(iops);
    expect(Math.max(...rates)).toBeGreaterThan(150_000);
    expect(Math.min(...rates)).toBeLessThan(30_000);
    await expect(fleet.control.setLoad('fa-ctl', { profile: 'bursty' as 'steady' })).rejects.toThrow(
      /profile/,
    );
  });

  test('capacity changes and written data show in arrays/space', async () => {
    await fleet.control.setCapacity('fa-ctl', { capacity: '20TiB', preexistingUsed: 0 });
    const empty = (await fa.items('arrays/space'))[0]!;
    expect(empty.capacity).toBe(20 * 2 ** 40);
    const base = (empty.space as { total_physical: number }).total_physical;
    await fa.call('POST', 'volumes', { query: 'names=cap-a', body: { provisioned: 2 ** 40 } });
    await fleet.control.change('fa-ctl', { action: 'write', name: 'cap-a', writtenBytes: 2 ** 39 });
    const used = (await fa.items('arrays/space'))[0]!.space as { total_physical: number; virtual: number };
    // 512 GiB written at the default data-reduction ratio of 4 → 128 GiB physical.
    expect(used.total_physical - base).toBe(2 ** 37);
    expect(used.virtual).toBe(2 ** 39);
    await fleet.control.setCapacity('fa-ctl', { dataReductionRatio: 2 });
    const used2 = (await fa.items('arrays/space'))[0]!.space as { total_physical: number };
    expect(used2.total_physical - base).toBe(2 ** 38);
  });

  test('a new volume or file system is empty, as on a real array; `fill` writes the fill ratio', async () => {
    type Space = { total_physical: number; total_provisioned: number; unique?: number; virtual: number };
    const faSpace = async () => (await fa.items('arrays/space'))[0]!.space as Space;
    await fleet.control.setCapacity('fa-ctl', { fillRatio: 0.4, dataReductionRatio: 4 });
    const before = await faSpace();
    await fa.call('POST', 'volumes', { query: 'names=empty-a', body: { provisioned: 2 ** 40 } });
    const created = await faSpace();
    // Provisioned at once; no physical space, nothing written.
    expect(created.total_provisioned - before.total_provisioned).toBe(2 ** 40);
    expect(created.total_physical).toBe(before.total_physical);
    expect(created.virtual).toBe(before.virtual);
    const vol = (await fa.items('volumes', 'names=empty-a'))[0]!.space as Space;
    expect([vol.unique, vol.virtual]).toEqual([0, 0]);
    // The array's fill ratio, 0.4 of 1 TiB, reduced 4:1 → 102.4 GiB physical.
    await fleet.control.change('fa-ctl', { action: 'fill', name: 'empty-a' });
    const filled = (await fa.items('volumes', 'names=empty-a'))[0]!.space as Space;
    expect(filled.virtual).toBe(Math.floor((0.4 * 2 ** 40) / 512) * 512);
    expect((await faSpace()).total_physical - before.total_physical).toBe(filled.unique);
    expect(filled.unique).toBe(Math.ceil(filled.virtual / 4));

    const fbSpace = async () => (await fb.items('arrays/space'))[0]!.space as Space;
    const fbBefore = await fbSpace();
    await fb.call('POST', 'file-systems', { query: 'names=empty-fs', body: { provisioned: 2 ** 40 } });
    expect((await fbSpace()).total_physical).toBe(fbBefore.total_physical);
    const fs = (await fb.items('file-systems', 'names=empty-fs'))[0]!.space as Space;
    expect([fs.unique, fs.virtual, fs.total_physical]).toEqual([0, 0, 0]);
    await fleet.control.change('fb-ctl', { action: 'fill', name: 'empty-fs' });
    const fsFilled = (await fb.items('file-systems', 'names=empty-fs'))[0]!.space as Space;
    expect(fsFilled.virtual).toBe(Math.floor((0.4 * 2 ** 40) / 512) * 512);
    expect((await fbSpace()).total_physical - fbBefore.total_physical).toBe(fsFilled.total_physical);
  });

  test('the volume limit is enforced with a Pure 400', async () => {
    const before = await fleet.control.array('fa-ctl');
    await fleet.control.setCapacity('fa-ctl', { volumeLimit: before.objects + 1 });
    expect((await fa.call('POST', 'volumes', { query: 'names=limit-1', body: {} })).status).toBe(200);
    const r = await fa.call('POST', 'volumes', { query: 'names=limit-2', body: {} });
    expect(r.status).toBe(400);
    expect(errorMessages(r)).toMatch(/maximum number of volumes/);
    await fleet.control.setCapacity('fa-ctl', { volumeLimit: 10_000 });
  });
});

describe('out-of-band changes, clock and counters', () => {
  test('drift: resize, QoS, rename, destroy, recover and eradicate made behind the client’s back', async () => {
    await fa.call('POST', 'volumes', { query: 'names=drift-1', body: { provisioned: 2 ** 30 } });
    await fleet.control.change('fa-ctl', { action: 'resize', name: 'drift-1', provisioned: 2 ** 31 });
    await fleet.control.change('fa-ctl', { action: 'qos', name: 'drift-1', iopsLimit: 1000 });
    let v = (await fa.items('volumes', 'names=drift-1'))[0]!;
    expect(v.provisioned).toBe(2 ** 31);
    expect(v.qos).toEqual({ iops_limit: 1000 });
    await fleet.control.change('fa-ctl', { action: 'destroy', name: 'drift-1' });
    v = (await fa.items('volumes', 'names=drift-1'))[0]!;
    expect(v.destroyed).toBe(true);
    await fleet.control.change('fa-ctl', { action: 'recover', name: 'drift-1' });
    await fleet.control.change('fa-ctl', { action: 'rename', name: 'drift-1', newName: 'drift-2' });
    expect((await fa.call('GET', 'volumes', { query: 'names=drift-1' })).status).toBe(400);
    await fleet.control.change('fa-ctl', { action: 'create', name: 'drift-3', provisioned: 2 ** 30 });
    await fleet.control.change('fa-ctl', { action: 'eradicate', name: 'drift-2' });
    expect((await fa.call('GET', 'volumes', { query: 'names=drift-2' })).status).toBe(400);
    expect(await fa.items('volumes', 'names=drift-3')).toHaveLength(1);
    await expect(
      fleet.control.change('fa-ctl', { action: 'resize', name: 'missing', provisioned: 1 }),
    ).rejects.toThrow(/does not exist/);
  });

  test('file-system drift on a FlashBlade', async () => {
    await fb.call('POST', 'file-systems', {
      query: 'names=fs-drift',
      body: { provisioned: 2 ** 40, nfs: { v3_enabled: true } },
    });
    await fleet.control.change('fb-ctl', {
      action: 'export',
      name: 'fs-drift',
      nfsRules: '10.0.0.0/8(ro)',
      nfsV41: true,
    });
    await fleet.control.change('fb-ctl', { action: 'resize', name: 'fs-drift', provisioned: 2 ** 41 });
    const fs = (await fb.items('file-systems', 'names=fs-drift'))[0]!;
    expect(fs.provisioned).toBe(2 ** 41);
    expect(fs.nfs).toEqual(
      expect.objectContaining({ rules: '10.0.0.0/8(ro)', v3_enabled: true, v4_1_enabled: true }),
    );
    await fleet.control.change('fb-ctl', { action: 'destroy', name: 'fs-drift' });
    expect((await fb.items('file-systems', 'names=fs-drift'))[0]!.destroyed).toBe(true);
  });

  test('time_remaining counts down with the clock and the volume is eradicated when it reaches zero', async () => {
    await fa.call('POST', 'volumes', { query: 'names=erad-1', body: {} });
    await fa.call('PATCH', 'volumes', { query: 'names=erad-1', body: { destroyed: true } });
    const t1 = (await fa.items('volumes', 'names=erad-1'))[0]!.time_remaining as number;
    expect(t1).toBeLessThanOrEqual(3_600_000);
    await fleet.control.advanceClock(1_800_000);
    // Half an hour passed on the fleet clock: the idle session expired too.
    expect((await fa.call('GET', 'volumes')).status).toBe(401);
    await fa.login();
    const t2 = (await fa.items('volumes', 'names=erad-1'))[0]!.time_remaining as number;
    expect(t1 - t2).toBeGreaterThanOrEqual(1_800_000);
    await fleet.control.advanceClock(1_800_001);
    await fa.login();
    expect((await fa.call('GET', 'volumes', { query: 'names=erad-1' })).status).toBe(400);
  });

  test('counters count REST calls per endpoint with the version normalised', async () => {
    await fleet.control.resetCounters('fa-ctl');
    await fa.call('GET', 'volumes');
    await fa.call('GET', 'volumes');
    const old = new PureSession(http, fleet.arrays[0]!, '2.17');
    old.token = fa.token;
    await old.call('GET', 'volumes');
    await fa.call('GET', 'volumes', { query: 'names=does-not-exist' });
    const c = await fleet.control.counters('fa-ctl');
    expect(c.endpoints['GET /api/2.x/volumes']).toEqual({ count: 4, byStatus: { '200': 3, '400': 1 } });
    expect(c.total).toBe(4);
    const all = await fleet.control.counters();
    expect(all.arrays['fa-ctl']!.total).toBe(4);
  });

  test('fleet info lists every array with its endpoint, token and labels', async () => {
    const info = await fleet.control.fleet();
    expect(info.arrays.map((a) => a.name)).toEqual(['fa-ctl', 'fb-ctl']);
    expect(info.arrays[0]!.url).toBe(fleet.arrays[0]!.url);
    expect(info.arrays[1]!.nfsEndpoint).toBe(fleet.arrays[1]!.nfsEndpoint);
  });
});
