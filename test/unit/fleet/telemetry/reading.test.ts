// From REST answers to the engine's ArrayCandidate: field sources, health rules, roster
// overrides, and the shape of an unreachable array's candidate (which the engine must see as
// ARRAY_UNREACHABLE, not as INVALID_TELEMETRY).

import { invalidTelemetryField } from '../../../../src/fleet/placement/demand';
import { PlacementEngine } from '../../../../src/fleet/placement';
import type { ArrayMember } from '../../../../src/fleet/roster';
import {
  alertProblems,
  bladeProblems,
  controllerProblems,
  hardwareProblems,
  parityProblems,
} from '../../../../src/fleet/telemetry/health';
import {
  DEFAULT_CANDIDATE_OPTIONS,
  candidateFrom,
  figuresFrom,
  unreachableCandidate,
  type FlashArrayResponses,
  type FlashBladeResponses,
} from '../../../../src/fleet/telemetry/reading';

const TIB = 2 ** 40;
const GIB = 2 ** 30;

const faMember: ArrayMember = {
  name: 'fa-1',
  kind: 'flasharray',
  endpoint: 'fa-1.example',
  apiToken: 'T-x',
  labels: { zone: 'a' },
};

const faResponses = (overrides: Partial<FlashArrayResponses> = {}): FlashArrayResponses => ({
  kind: 'flasharray',
  info: { id: 'id-fa-1', name: 'fa-one', version: '6.7.2', capacity: 150 * TIB },
  space: {
    capacity: 150 * TIB,
    parity: 1,
    time: 1,
    space: {
      total_physical: 9 * TIB,
      total_used: 10 * TIB,
      total_provisioned: 80 * TIB,
      data_reduction: 3.2,
      unique: 8 * TIB,
      virtual: 25.6 * TIB,
    },
  },
  performance: {
    reads_per_sec: 70_000,
    writes_per_sec: 28_000,
    others_per_sec: 2_000,
    queue_usec_per_read_op: 100,
    queue_usec_per_write_op: 100,
    service_usec_per_read_op: 300,
    service_usec_per_write_op: 300,
    usec_per_read_op: 440,
    usec_per_write_op: 440,
  },
  volumeCount: 1_234,
  controllers: [
    { name: 'CT0', mode: 'primary', status: 'ready', model: 'FA-X70R4', type: 'array_controller' },
    { name: 'CT1', mode: 'secondary', status: 'ready', model: 'FA-X70R4', type: 'array_controller' },
  ],
  hardware: [{ name: 'CH0', type: 'chassis', status: 'healthy' }],
  alerts: [],
  unreadable: [],
  ...overrides,
});

describe('FlashArray candidate', () => {
  test('every field from its documented source', () => {
    const figures = figuresFrom(faMember, faResponses());
    const candidate = candidateFrom(faMember, figures, 1_000, 5_000);
    expect(candidate).toEqual({
      id: 'id-fa-1',
      name: 'fa-1',
      kind: 'flasharray',
      labels: { zone: 'a' },
      observedAtMs: 1_000,
      health: { reachable: true, cordoned: false, problems: [] },
      capacity: {
        usableBytes: 150 * TIB,
        physicalUsedBytes: 10 * TIB, // total_used wins over the deprecated total_physical
        provisionedBytes: 80 * TIB,
        writtenBytes: 25.6 * TIB, // space.virtual: 32% of what is provisioned is written
        dataReductionRatio: 3.2,
      },
      performance: {
        load: 0.25, // 100 / (100 + 300)
        saturationIops: 400_000, // 100,000 served / 0.25
        committedIops: 5_000,
        latencyUsec: 440,
      },
      objects: { volumeCount: 1_234, volumeLimit: 10_000 },
    });
    expect(figures.model).toBe('FA-X70R4');
    expect(figures.performance.saturationSource).toBe('observed');
    expect(figures.objects.volumeLimitSource).toBe('model-table');
    expect(invalidTelemetryField(candidate)).toBeNull();
  });

  test('too little reduced data: the ratio is NaN so the policy default applies', () => {
    const responses = faResponses();
    const small = {
      ...responses,
      space: { ...responses.space, space: { ...responses.space.space, unique: 10 * GIB } },
    };
    expect(figuresFrom(faMember, small).capacity.dataReductionRatio).toBeNaN();
    expect(figuresFrom(faMember, small).capacity.reportedDataReductionRatio).toBe(3.2);
    const custom = figuresFrom(faMember, small, {
      ...DEFAULT_CANDIDATE_OPTIONS,
      minDataForReductionRatioBytes: GIB,
    });
    expect(custom.capacity.dataReductionRatio).toBe(3.2);
  });

  test('roster overrides: volume limit, saturation IOPS, cordon', () => {
    const member: ArrayMember = { ...faMember, volumeLimit: 777, saturationIops: 50_000, cordoned: true };
    const figures = figuresFrom(member, faResponses());
    const candidate = candidateFrom(member, figures, 0, 0);
    expect(candidate.objects.volumeLimit).toBe(777);
    expect(figures.objects.volumeLimitSource).toBe('roster');
    expect(candidate.performance.saturationIops).toBe(50_000);
    expect(candidate.health.cordoned).toBe(true);
  });

  test('a health endpoint the array refused becomes a warning, not a failure', () => {
    const figures = figuresFrom(
      faMember,
      faResponses({ controllers: undefined, unreadable: ['controllers'] }),
    );
    expect(figures.problems).toEqual([
      {
        code: 'HEALTH_UNREADABLE:controllers',
        severity: 'warning',
        message: expect.stringContaining('controllers'),
      },
    ]);
    // Without controllers the model is unknown: table fallback, labelled so.
    expect(figures.modelFamily).toBe('unknown FlashArray');
  });
});

describe('FlashBlade candidate', () => {
  const fbMember: ArrayMember = {
    name: 'fb-1',
    kind: 'flashblade',
    endpoint: 'x',
    apiToken: 'T',
    labels: {},
  };
  const fb = (overrides: Partial<FlashBladeResponses> = {}): FlashBladeResponses => ({
    kind: 'flashblade',
    info: { id: 'id-fb', name: 'fb', product_type: 'FB-S200' },
    space: {
      capacity: 200 * TIB,
      space: { total_physical: 20 * TIB, data_reduction: 1.5, unique: 20 * TIB },
    },
    performance: {
      reads_per_sec: 45_000,
      writes_per_sec: 30_000,
      others_per_sec: 0,
      usec_per_read_op: 900,
      usec_per_write_op: 1_200,
    },
    volumeCount: 12,
    provisionedFallback: 55 * TIB,
    blades: [{ name: 'CH1.FB1', status: 'healthy' }],
    hardware: [],
    alerts: [],
    unreadable: [],
    ...overrides,
  });

  test('load from IOPS over the table saturation, provisioned from the aggregate row on FB 2.0', () => {
    const candidate = candidateFrom(fbMember, figuresFrom(fbMember, fb()), 5, 0);
    expect(candidate.performance.load).toBeCloseTo(75_000 / 300_000, 12);
    expect(candidate.performance.saturationIops).toBe(300_000);
    expect(candidate.capacity.provisionedBytes).toBe(55 * TIB);
    expect(candidate.objects).toEqual({ volumeCount: 12, volumeLimit: 5_000 });
  });

  test('FB 2.0 without product_type: the chassis model names the family', () => {
    const figures = figuresFrom(
      fbMember,
      fb({
        info: { id: 'i', name: 'n' },
        hardware: [{ name: 'CH1', type: 'ch', model: 'FB-S500', status: 'healthy' }],
      }),
    );
    expect(figures.modelFamily).toBe('FB-S500');
  });
});

describe('health rules', () => {
  test('controllers: offline or not ready → critical; updating → warning; no primary → critical', () => {
    expect(
      controllerProblems([
        { name: 'CT0', mode: 'primary', status: 'ready' },
        { name: 'CT1', mode: 'offline', status: 'not ready' },
      ]),
    ).toEqual([
      { code: 'CONTROLLER_OFFLINE:CT1', severity: 'critical', message: 'controller CT1 is offline' },
    ]);
    expect(
      controllerProblems([{ name: 'CT0', mode: 'secondary', status: 'not ready' }]).map((p) => p.code),
    ).toEqual(['CONTROLLER_NOT_READY:CT0', 'NO_PRIMARY_CONTROLLER']);
    expect(
      controllerProblems([
        { name: 'CT0', mode: 'primary', status: 'ready' },
        { name: 'CT1', mode: 'secondary', status: 'updating' },
      ]),
    ).toEqual([{ code: 'CONTROLLER_UPDATING:CT1', severity: 'warning', message: expect.any(String) }]);
    // A shelf controller is not an array controller.
    expect(
      controllerProblems([
        { name: 'CT0', mode: 'primary', status: 'ready', type: 'array_controller' },
        { name: 'SH0.SC0', mode: 'offline', status: 'ready', type: 'shelf_controller' },
      ]),
    ).toEqual([]);
  });

  test('hardware and blades: critical/unhealthy → critical; evacuating → warning; healthy/unused → nothing', () => {
    expect(
      hardwareProblems([
        { name: 'CH0.BAY3', type: 'drive_bay', status: 'critical' },
        { name: 'CT1.FAN0', status: 'unhealthy' },
        { name: 'CH0.BAY4', status: 'unused' },
        { name: 'CH0', status: 'healthy' },
      ]).map((p) => [p.code, p.severity]),
    ).toEqual([
      ['HARDWARE_CRITICAL:CH0.BAY3', 'critical'],
      ['HARDWARE_UNHEALTHY:CT1.FAN0', 'critical'],
    ]);
    expect(
      bladeProblems([
        { name: 'CH1.FB1', status: 'critical' },
        { name: 'CH1.FB2', status: 'evacuating' },
        { name: 'CH1.FB3', status: 'healthy' },
      ]).map((p) => [p.code, p.severity]),
    ).toEqual([
      ['BLADE_CRITICAL:CH1.FB1', 'critical'],
      ['BLADE_EVACUATING:CH1.FB2', 'warning'],
    ]);
  });

  test('open alerts: critical → critical, warning → warning, closed or info → nothing', () => {
    expect(
      alertProblems([
        { code: 13, name: '1001', severity: 'critical', state: 'open', summary: 'Controller CT1 is offline' },
        { code: 21, name: '1002', severity: 'warning', state: 'open', summary: 'rebuild' },
        { code: 22, name: '1003', severity: 'critical', state: 'closed', summary: 'old' },
        { code: 23, name: '1004', severity: 'info', state: 'open', summary: 'fyi' },
      ]).map((p) => [p.code, p.severity]),
    ).toEqual([
      ['ALERT:13', 'critical'],
      ['ALERT:21', 'warning'],
    ]);
  });

  test('parity below 1 → warning (rebuilding)', () => {
    expect(parityProblems(0.87)).toEqual([
      { code: 'REBUILDING', severity: 'warning', message: expect.stringContaining('0.87') },
    ]);
    expect(parityProblems(1)).toEqual([]);
    expect(parityProblems(undefined)).toEqual([]);
  });
});

describe('unreachable candidate', () => {
  test('well formed, reachable false, reason in the problems; the engine excludes it as ARRAY_UNREACHABLE', () => {
    const never = unreachableCandidate(faMember, 'fa-1: unreachable: connect ECONNREFUSED', 10, undefined);
    expect(never.health).toEqual({
      reachable: false,
      cordoned: false,
      problems: [
        { code: 'UNREACHABLE', severity: 'critical', message: 'fa-1: unreachable: connect ECONNREFUSED' },
      ],
    });
    expect(never.id).toBe('fa-1');
    expect(invalidTelemetryField(never)).toBeNull();
    const last = figuresFrom(faMember, faResponses());
    const again = unreachableCandidate(faMember, 'timed out', 20, last);
    expect(again.id).toBe('id-fa-1');
    expect(again.capacity.usableBytes).toBe(150 * TIB);
    expect(invalidTelemetryField(again)).toBeNull();

    const engine = new PlacementEngine({ clock: () => 20 });
    engine.observe([again], 20);
    const outcome = engine.chooseAndReserve({ key: 'f/v', kind: 'block', sizeBytes: GIB, labelSelector: {} });
    expect(outcome.placed).toBe(false);
    expect(outcome.explanation?.excluded[0]?.reason).toBe('ARRAY_UNREACHABLE');
  });
});
