// Telemetry against the simulator over HTTPS: every candidate figure agrees with what the
// simulator says it is serving (control API), the load estimate lands within its documented error
// of the simulated utilisation, health faults become the documented problems, an unreachable
// array is marked while the others' readings succeed, and the engine consumes the result.

import { FleetConnection } from '../../../src/fleet/connection';
import { PlacementEngine } from '../../../src/fleet/placement';
import { startFleet, type RunningFleet } from '../../../src/simulator';
import { CapturingLogger, RecordingSleep, expectNoCredentials, rosterOf } from './support';

jest.setTimeout(60_000);

let fleet: RunningFleet;
let connection: FleetConnection;
const logger = new CapturingLogger();
const recorder = new RecordingSleep();

beforeAll(async () => {
  fleet = await startFleet({
    name: 'fleet-telemetry',
    arrays: [
      {
        name: 'fa-t1',
        type: 'flasharray',
        model: 'FA-X70R4',
        labels: { zone: 'a' },
        load: { profile: 'steady', utilization: 0.4 },
        fillRatio: 0.5,
        dataReductionRatio: 3,
        preexistingUsed: '10TiB',
      },
      {
        name: 'fa-t2',
        type: 'flasharray',
        model: 'FA-X20R4',
        labels: { zone: 'a' },
        load: { profile: 'steady', utilization: 0.05 },
      },
      {
        name: 'fa-t3',
        type: 'flasharray',
        model: 'FA-X90R4',
        labels: { zone: 'b' },
        load: { profile: 'steady', utilization: 0.7 },
      },
      {
        name: 'fb-t1',
        type: 'flashblade',
        model: 'FB-S200',
        labels: { zone: 'a' },
        load: { profile: 'steady', utilization: 0.3 },
      },
    ],
  });
  connection = new FleetConnection(rosterOf(fleet), logger, {
    session: { sleep: recorder.sleep, timeoutMs: 2_000 },
  });
  // Some volumes, so counts and provisioned totals are not all zero.
  const fa1 = connection.flashArray('fa-t1');
  for (let i = 0; i < 3; i++) await fa1.createVolume(`tel-v${i}`, 100 * 2 ** 40);
  await connection
    .flashBlade('fb-t1')
    .createFileSystem('tel-fs', { provisionedBytes: 2 ** 40, nfsV3: true, nfsV41: false });
});

afterEach(async () => {
  await fleet.control.resetFaults();
  for (const a of ['fa-t1', 'fa-t2', 'fa-t3', 'fb-t1'])
    await fleet.control.setHealth(a, {
      controllerDown: false,
      degradedHardware: false,
      unreachable: false,
      criticalAlert: false,
    });
  connection.telemetry.invalidate();
});

afterAll(async () => {
  await connection?.close();
  await fleet?.stop();
});

test('every figure agrees with what the simulator serves', async () => {
  const readings = await connection.telemetry.readAll();
  expect(readings.map((r) => [r.member, r.reachable])).toEqual([
    ['fa-t1', true],
    ['fa-t2', true],
    ['fa-t3', true],
    ['fb-t1', true],
  ]);
  for (const reading of readings) {
    const truth = await fleet.control.array(reading.member);
    const c = reading.candidate;
    expect(c.id).toBe(truth.id);
    expect(c.kind).toBe(truth.type);
    expect(c.labels).toEqual(truth.labels);
    expect(c.capacity.usableBytes).toBe(truth.capacity.capacity);
    expect(c.capacity.physicalUsedBytes).toBe(truth.capacity.totalPhysical);
    expect(c.capacity.provisionedBytes).toBe(truth.capacity.totalProvisioned);
    expect(c.objects.volumeCount).toBe(truth.objects);
    expect(c.health).toEqual({ reachable: true, cordoned: false, problems: [] });
    expect(reading.figures?.model).toBe(truth.model);
    // Documented error of the queue-share estimate against the simulator's model: ≤ 0.042.
    expect(Math.abs(c.performance.load - truth.performance.utilization)).toBeLessThanOrEqual(0.045);
    expect(c.performance.latencyUsec).toBeGreaterThan(0);
  }
  const [fa1, fa2, fa3, fb1] = readings;
  // Loaded FlashArrays: saturation observed as IOPS ÷ load, within +7.5% of the model maximum.
  expect(fa1!.figures?.performance.saturationSource).toBe('observed');
  expect(fa1!.candidate.performance.saturationIops / 400_000).toBeGreaterThan(0.99);
  expect(fa1!.candidate.performance.saturationIops / 400_000).toBeLessThan(1.085);
  expect(fa3!.candidate.performance.saturationIops / 600_000).toBeLessThan(1.085);
  // An almost idle one: the model table, labelled as such.
  expect(fa2!.figures?.performance.saturationSource).toBe('model-table');
  expect(fa2!.candidate.performance.saturationIops).toBe(150_000);
  expect(fa2!.candidate.objects.volumeLimit).toBe(5_000);
  // FlashBlade: IOPS over the table's saturation.
  expect(fb1!.figures?.performance.method).toBe('iops-over-saturation');
  expect(fb1!.candidate.objects.volumeLimit).toBe(5_000);
  // 10 TiB of foreign data at 3:1 is enough to trust the reported ratio.
  expect(fa1!.candidate.capacity.dataReductionRatio).toBe(fa1!.figures?.capacity.reportedDataReductionRatio);
  expect(fa1!.figures?.apiVersion).toBe('2.56');
});

test('health faults become the documented problems, and the engine keeps away', async () => {
  await fleet.control.setHealth('fa-t3', { controllerDown: true });
  await fleet.control.setHealth('fa-t1', { criticalAlert: 'Array on fire' });
  await fleet.control.setHealth('fa-t2', { degradedHardware: true });
  const [fa1, fa2, fa3] = await connection.telemetry.readAll();
  const codes = (r: typeof fa1): [string, string][] =>
    (r?.candidate.health.problems ?? []).map((p) => [p.code, p.severity]);
  expect(codes(fa3)).toEqual(
    expect.arrayContaining([
      ['CONTROLLER_OFFLINE:CT1', 'critical'],
      ['HARDWARE_CRITICAL:CT1', 'critical'],
      ['ALERT:13', 'critical'],
    ]),
  );
  expect(codes(fa1)).toEqual([['ALERT:1', 'critical']]);
  expect(fa1?.candidate.health.problems[0]?.message).toContain('Array on fire');
  expect(codes(fa2)).toEqual(
    expect.arrayContaining([
      ['REBUILDING', 'warning'],
      ['ALERT:21', 'warning'],
    ]),
  );
  // With a controller down the array can serve half as much: the observed saturation halves too.
  expect(fa3!.candidate.performance.saturationIops).toBeLessThan(600_000 * 0.55);

  const engine = new PlacementEngine();
  engine.observe(await connection.telemetry.candidates());
  const outcome = engine.chooseAndReserve({
    key: 'f/x',
    kind: 'block',
    sizeBytes: 2 ** 30,
    labelSelector: {},
  });
  const reasons = Object.fromEntries(
    (outcome.explanation?.excluded ?? []).map((e) => [e.arrayName, e.reason]),
  );
  expect(reasons['fa-t1']).toBe('ARRAY_UNHEALTHY');
  expect(reasons['fa-t3']).toBe('ARRAY_UNHEALTHY');
});

test('an unreachable array is marked unreachable while the others are read', async () => {
  await fleet.control.setHealth('fa-t2', { unreachable: true });
  const readings = await connection.telemetry.readAll();
  expect(readings.map((r) => [r.member, r.reachable])).toEqual([
    ['fa-t1', true],
    ['fa-t2', false],
    ['fa-t3', true],
    ['fb-t1', true],
  ]);
  const dead = readings[1]!;
  expect(dead.failure?.error).toBe('ArrayUnreachableError');
  expect(dead.candidate.health.problems[0]).toMatchObject({ code: 'UNREACHABLE', severity: 'critical' });
  // It was read before, so its identity and last figures are kept.
  expect(dead.idKnown).toBe(true);
  expect(dead.candidate.id).toBe((await fleet.control.array('fa-t2')).id);
  expect(
    logger.lines.some((l) => l.startsWith('warn array telemetry unavailable') && l.includes('fa-t2')),
  ).toBe(true);

  const engine = new PlacementEngine();
  engine.observe(readings.map((r) => r.candidate));
  const outcome = engine.chooseAndReserve({
    key: 'f/y',
    kind: 'block',
    sizeBytes: 2 ** 30,
    labelSelector: { zone: 'a' },
  });
  expect(outcome.placed).toBe(true);
  expect(outcome.placed && outcome.arrayName).toBe('fa-t1');
  const excluded = outcome.explanation?.excluded.find((e) => e.arrayName === 'fa-t2');
  expect(excluded?.reason).toBe('ARRAY_UNREACHABLE');
});

test('an array that accepts connections but never answers times out and is marked too', async () => {
  const quick = new FleetConnection(rosterOf(fleet, { requestTimeoutMs: 300 }), logger, {
    session: { sleep: recorder.sleep, maxRetries: 0 },
  });
  try {
    await fleet.control.setHealth('fb-t1', { unreachable: 'timeout' });
    const readings = await quick.telemetry.readAll();
    const fb = readings.find((r) => r.member === 'fb-t1')!;
    expect(fb.reachable).toBe(false);
    expect(fb.failure?.reason).toMatch(/timed out after 300 ms/);
    expect(readings.filter((r) => r.reachable)).toHaveLength(3);
  } finally {
    await fleet.control.setHealth('fb-t1', { unreachable: false });
    await quick.close();
  }
});

test('placement of a file system goes to the FlashBlade', async () => {
  const engine = new PlacementEngine();
  engine.observe(await connection.telemetry.candidates());
  const outcome = engine.chooseAndReserve({
    key: 'f/fs',
    kind: 'file',
    sizeBytes: 2 ** 40,
    labelSelector: {},
  });
  expect(outcome.placed && outcome.arrayName).toBe('fb-t1');
});

afterAll(() => {
  // Failure reasons end up in readings, log lines and plan diagnostics: none may carry a token.
  expectNoCredentials(
    logger.lines,
    fleet.arrays.map((a) => a.apiToken),
  );
});
