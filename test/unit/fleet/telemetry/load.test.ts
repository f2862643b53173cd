// The load and saturation formulas, checked against the simulator's own latency model over the
// whole utilisation range (through the same integer rounding its REST answers apply), and the
// fallbacks when the figures cannot be trusted.

import type { FlashArrayPerformance } from '../../../../src/fleet/clients/flasharray';
import {
  estimateLoad,
  flashArrayPerformanceFigures,
  flashBladePerformanceFigures,
  queueShareLoad,
} from '../../../../src/fleet/telemetry/load';
import { modelDefaults, modelDefaultsTable } from '../../../../src/fleet/telemetry/model-defaults';
import { serializePerformance } from '../../../../src/simulator/flasharray/serialize';
import { performanceAt } from '../../../../src/simulator/model/performance';

const MAX_IOPS = 400_000;
const BASE = { readUsec: 160, writeUsec: 200 };

/** What the simulated FA-X70R4 answers at utilisation u (steady load, 70% reads). */
function simulatedSample(u: number, healthy = true): FlashArrayPerformance {
  const profile = {
    profile: 'steady' as const,
    iops: u * MAX_IOPS,
    peakIops: 0,
    periodSeconds: 86_400,
    spikeEverySeconds: 600,
    spikeDurationSeconds: 60,
    readRatio: 0.7,
    ioSize: 32_768,
  };
  const sample = performanceAt(
    profile,
    MAX_IOPS,
    BASE,
    { controllerDown: !healthy, degradedHardware: false },
    0,
  );
  return serializePerformance('id', 'fa', sample) as FlashArrayPerformance;
}

describe('queue-share load against the simulator model', () => {
  const grid = Array.from({ length: 98 }, (_, i) => (i + 1) / 100);

  test('underestimates the true utilisation by at most 0.042 (+0.005 for rounding) over 0.01..0.98', () => {
    let worst = 0;
    for (const u of grid) {
      const load = queueShareLoad(flashArrayPerformanceFigures(simulatedSample(u))) as number;
      expect(load).toBeGreaterThanOrEqual(0);
      expect(load).toBeLessThanOrEqual(1);
      worst = Math.max(worst, Math.abs(u - load));
      // The analytic form of the bias, u/(1 + 0.3u(1−u)), within rounding.
      if (u <= 0.95) expect(load).toBeCloseTo(u / (1 + 0.3 * u * (1 - u)), 2);
    }
    expect(worst).toBeLessThanOrEqual(0.047);
    expect(worst).toBeGreaterThan(0.03); // the bias is real, and documented
  });

  test('is monotonic in utilisation, so rankings between arrays are preserved', () => {
    let previous = -1;
    for (const u of grid) {
      const load = queueShareLoad(flashArrayPerformanceFigures(simulatedSample(u))) as number;
      expect(load).toBeGreaterThanOrEqual(previous - 0.002);
      previous = load;
    }
  });

  test('an idle array has load 0', () => {
    expect(queueShareLoad(flashArrayPerformanceFigures(simulatedSample(0)))).toBe(0);
    expect(queueShareLoad(flashArrayPerformanceFigures({}))).toBeUndefined();
  });
});

describe('saturation IOPS', () => {
  const table = modelDefaults('flasharray', 'FA-X70R4');

  test('served ÷ load recovers the model maximum within +7.5% (+1% rounding) once the estimated load is ≥ 0.1', () => {
    for (let u = 0.12; u <= 0.98; u += 0.04) {
      const estimate = estimateLoad({
        figures: flashArrayPerformanceFigures(simulatedSample(u)),
        tableSaturationIops: table.saturationIops,
        tableKnowsModel: table.known,
      });
      expect(estimate.saturationSource).toBe('observed');
      const ratio = estimate.saturationIops / MAX_IOPS;
      expect(ratio).toBeGreaterThanOrEqual(0.99);
      expect(ratio).toBeLessThanOrEqual(1.085);
    }
  });

  test('a controller down halves the estimate, as it halves what the array can serve', () => {
    const estimate = estimateLoad({
      figures: flashArrayPerformanceFigures(simulatedSample(0.3, false)),
      tableSaturationIops: table.saturationIops,
      tableKnowsModel: true,
    });
    expect(estimate.saturationIops / (MAX_IOPS / 2)).toBeGreaterThan(0.99);
    expect(estimate.saturationIops / (MAX_IOPS / 2)).toBeLessThan(1.085);
  });

  test('below load 0.1 the model table gives it; the roster overrides everything', () => {
    const figures = flashArrayPerformanceFigures(simulatedSample(0.05));
    const quiet = estimateLoad({ figures, tableSaturationIops: table.saturationIops, tableKnowsModel: true });
    expect(quiet).toMatchObject({
      saturationIops: table.saturationIops,
      saturationSource: 'model-table',
      method: 'queue-share',
    });
    const pinned = estimateLoad({
      figures: flashArrayPerformanceFigures(simulatedSample(0.5)),
      rosterSaturationIops: 123_456,
      tableSaturationIops: table.saturationIops,
      tableKnowsModel: true,
    });
    expect(pinned).toMatchObject({ saturationIops: 123_456, saturationSource: 'roster' });
    const unknown = estimateLoad({ figures, tableSaturationIops: 1, tableKnowsModel: false });
    expect(unknown.saturationSource).toBe('unknown-model');
  });

  test('FlashBlade has no queue split: load = IOPS ÷ saturation from roster or table', () => {
    const figures = flashBladePerformanceFigures({
      reads_per_sec: 60_000,
      writes_per_sec: 30_000,
      others_per_sec: 10_000,
      usec_per_read_op: 900,
      usec_per_write_op: 1_200,
    });
    expect(figures.servedIops).toBe(100_000);
    expect(figures.latencyUsec).toBeCloseTo((60_000 * 900 + 30_000 * 1_200) / 90_000, 6);
    expect(estimateLoad({ figures, tableSaturationIops: 400_000, tableKnowsModel: true })).toEqual({
      load: 0.25,
      method: 'iops-over-saturation',
      saturationIops: 400_000,
      saturationSource: 'model-table',
    });
    expect(
      estimateLoad({
        figures,
        rosterSaturationIops: 200_000,
        tableSaturationIops: 400_000,
        tableKnowsModel: true,
      }).load,
    ).toBe(0.5);
  });
});

describe('latency and mix weighting', () => {
  test('queue and service times are weighted by the read/write mix; SAN and QoS time are left out', () => {
    const figures = flashArrayPerformanceFigures({
      reads_per_sec: 3_000,
      writes_per_sec: 1_000,
      queue_usec_per_read_op: 100,
      queue_usec_per_write_op: 500,
      service_usec_per_read_op: 300,
      service_usec_per_write_op: 500,
      san_usec_per_read_op: 10_000,
      qos_rate_limit_usec_per_read_op: 10_000,
      usec_per_read_op: 400,
      usec_per_write_op: 1_000,
    });
    expect(figures.queueUsecPerOp).toBe(200);
    expect(figures.serviceUsecPerOp).toBe(350);
    expect(queueShareLoad(figures)).toBeCloseTo(200 / 550, 10);
    expect(figures.latencyUsec).toBe(550);
  });
});

describe('model table', () => {
  test('matches controller models by family and labels what it does not know', () => {
    expect(modelDefaults('flasharray', 'FA-X20R4')).toMatchObject({ family: 'FA-X10/X20', known: true });
    expect(modelDefaults('flasharray', 'FA-X90R3')).toMatchObject({ family: 'FA-X90', known: true });
    expect(modelDefaults('flasharray', 'FA-XL170')).toMatchObject({ family: 'FA-XL', known: true });
    expect(modelDefaults('flashblade', 'FB-S500')).toMatchObject({ family: 'FB-S500', known: true });
    expect(modelDefaults('flashblade', 'FA-X70R4').known).toBe(false);
    const unknown = modelDefaults('flasharray', 'FA-Z9000');
    expect(unknown.known).toBe(false);
    expect(unknown.volumeLimit).toBe(Infinity);
    expect(unknown.saturationIops).toBeGreaterThan(0);
    expect(modelDefaults('flasharray', undefined).known).toBe(false);
  });

  test('every row is usable by the engine', () => {
    for (const row of modelDefaultsTable()) {
      expect(row.volumeLimit).toBeGreaterThan(0);
      expect(Number.isFinite(row.saturationIops) && row.saturationIops > 0).toBe(true);
    }
  });
});
