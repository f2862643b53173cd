import { resolveLoad } from '../../../src/simulator/description';
import { effectiveMaxIops, offeredIops, performanceAt } from '../../../src/simulator/model/performance';
import {
  arraySpace,
  filledBytes,
  objectSpace,
  writtenBytes,
  SYSTEM_FRACTION,
} from '../../../src/simulator/model/space';

const base = { readUsec: 200, writeUsec: 250 };
const healthy = { controllerDown: false, degradedHardware: false };

describe('performance model', () => {
  test('steady load is constant; diurnal has its trough at the period start and peak half-way', () => {
    const steady = resolveLoad({ profile: 'steady', iops: 1000 }, 100_000);
    expect(offeredIops(steady, 0)).toBe(1000);
    expect(offeredIops(steady, 123_456_789)).toBe(1000);
    const diurnal = resolveLoad(
      { profile: 'diurnal', iops: 1000, peakIops: 5000, periodSeconds: 100 },
      100_000,
    );
    expect(offeredIops(diurnal, 0)).toBeCloseTo(1000);
    expect(offeredIops(diurnal, 50_000)).toBeCloseTo(5000);
    expect(offeredIops(diurnal, 25_000)).toBeCloseTo(3000);
  });

  test('spikes reach the peak during the spike window only', () => {
    const spikes = resolveLoad(
      { profile: 'spikes', iops: 100, peakIops: 9000, spikeEverySeconds: 60, spikeDurationSeconds: 10 },
      100_000,
    );
    expect(offeredIops(spikes, 5_000)).toBe(9000);
    expect(offeredIops(spikes, 30_000)).toBe(100);
    expect(offeredIops(spikes, 65_000)).toBe(9000);
  });

  test('latency rises with utilisation like an M/M/1 queue and saturates below the maximum', () => {
    const at = (u: number): ReturnType<typeof performanceAt> =>
      performanceAt(resolveLoad({ profile: 'steady', utilization: u }, 100_000), 100_000, base, healthy, 0);
    const idle = at(0);
    expect(idle.usecPerReadOp).toBeCloseTo(200 + 40);
    const half = at(0.5);
    // service 200·1.15 + queue 200·1 + SAN 40
    expect(half.usecPerReadOp).toBeCloseTo(230 + 200 + 40);
    const overload = at(1);
    expect(overload.servedIops).toBeCloseTo(98_000);
    expect(overload.usecPerReadOp).toBeGreaterThan(10 * idle.usecPerReadOp);
    expect(half.readsPerSec + half.writesPerSec + half.othersPerSec).toBeCloseTo(50_000);
  });

  test('a controller down halves the effective maximum', () => {
    expect(effectiveMaxIops(100_000, { controllerDown: true, degradedHardware: false })).toBe(50_000);
    const load = resolveLoad({ profile: 'steady', iops: 40_000 }, 100_000);
    const ok = performanceAt(load, 100_000, base, healthy, 0);
    const down = performanceAt(load, 100_000, base, { controllerDown: true, degradedHardware: false }, 0);
    expect(down.utilization).toBeCloseTo(2 * ok.utilization);
    expect(down.usecPerWriteOp).toBeGreaterThan(ok.usecPerWriteOp);
  });
});

describe('space model', () => {
  const settings = { fillRatio: 0.5, dataReductionRatio: 4 };

  test('a new object is empty; written data is sector aligned, within its size, and reduced by the DRR', () => {
    expect(writtenBytes(2 ** 30, null)).toBe(0);
    expect(writtenBytes(2 ** 30, 12345)).toBe(12288);
    expect(writtenBytes(2 ** 30, 2 ** 40)).toBe(2 ** 30);
    // `fill` writes the array's fill ratio of the provisioned size.
    expect(filledBytes(2 ** 30, settings)).toBe(2 ** 29);
    expect(filledBytes(2 ** 30 + 1024, settings)).toBe(2 ** 29 + 512);
    const s = objectSpace(2 ** 30, 2 ** 29, settings);
    expect(s.unique).toBe(2 ** 27);
    expect(s.dataReduction).toBe(4);
    expect(s.thinProvisioning).toBe(0.5);
    expect(s.totalReduction).toBe(8);
  });

  test('array space adds system space and the pre-existing baseline; destroyed objects keep physical space', () => {
    const cap = 2 ** 40;
    const live = objectSpace(2 ** 30, 2 ** 29, settings);
    const gone = objectSpace(2 ** 30, 2 ** 29, settings);
    const a = arraySpace({
      capacity: cap,
      preexistingUsed: 2 ** 35,
      dataReductionRatio: 4,
      objects: [
        { provisioned: 2 ** 30, space: live, destroyed: false },
        { provisioned: 2 ** 30, space: gone, destroyed: true },
      ],
    });
    expect(a.system).toBe(Math.round(cap * SYSTEM_FRACTION));
    expect(a.unique).toBe(2 ** 35 + 2 * 2 ** 27);
    expect(a.totalPhysical).toBe(a.unique + a.system);
    expect(a.destroyedPhysical).toBe(2 ** 27);
    expect(a.virtual).toBe(4 * 2 ** 35 + 2 ** 29);
    expect(a.available).toBe(cap - a.totalPhysical);
  });
});
