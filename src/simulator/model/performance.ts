// Performance load model. Offered load follows the array's profile over
// (simulated) time; the array serves at most its effective maximum, and
// latency rises with utilisation like an M/M/1 queue:
//   u        = served / effectiveMax            (effectiveMax halves with a controller down)
//   service  = base × (1 + 0.3·u)
//   queue    = base × u / (1 − min(u, 0.95))
//   latency  = service + queue + SAN time (40 µs)
// Everything is a pure function of (profile, model, health, time) so tests can
// predict the numbers and history queries can replay any past window.
import type { ResolvedLoadProfile } from '../description';

export interface HealthFactors {
  controllerDown: boolean;
  degradedHardware: boolean;
}

export interface PerformanceSample {
  time: number;
  offeredIops: number;
  servedIops: number;
  utilization: number;
  readsPerSec: number;
  writesPerSec: number;
  othersPerSec: number;
  readBytesPerSec: number;
  writeBytesPerSec: number;
  bytesPerRead: number;
  bytesPerWrite: number;
  bytesPerOp: number;
  serviceUsecPerRead: number;
  serviceUsecPerWrite: number;
  queueUsecPerRead: number;
  queueUsecPerWrite: number;
  sanUsecPerRead: number;
  sanUsecPerWrite: number;
  usecPerReadOp: number;
  usecPerWriteOp: number;
  usecPerOtherOp: number;
  readCacheHitRatio: number;
}

export const SAN_USEC = 40;
const OTHER_OP_FRACTION = 0.02;

export function offeredIops(profile: ResolvedLoadProfile, timeMs: number): number {
  const t = timeMs / 1000;
  switch (profile.profile) {
    case 'steady':
      return profile.iops;
    case 'diurnal': {
      // Trough at the start of each period (midnight UTC for a 24 h period), peak half-way through.
      const phase = (2 * Math.PI * (t % profile.periodSeconds)) / profile.periodSeconds;
      return profile.iops + ((profile.peakIops - profile.iops) * (1 - Math.cos(phase))) / 2;
    }
    case 'spikes':
      return t % profile.spikeEverySeconds < profile.spikeDurationSeconds ? profile.peakIops : profile.iops;
  }
}

export function effectiveMaxIops(maxIops: number, health: HealthFactors): number {
  let factor = 1;
  if (health.controllerDown) factor *= 0.5;
  if (health.degradedHardware) factor *= 0.85;
  return maxIops * factor;
}

export function performanceAt(
  profile: ResolvedLoadProfile,
  maxIops: number,
  base: { readUsec: number; writeUsec: number },
  health: HealthFactors,
  timeMs: number,
): PerformanceSample {
  const offered = offeredIops(profile, timeMs);
  const max = effectiveMaxIops(maxIops, health);
  const served = Math.min(offered, max * 0.98);
  const u = max > 0 ? served / max : 1;
  const queueFactor = u / (1 - Math.min(u, 0.95));
  const serviceRead = base.readUsec * (1 + 0.3 * u);
  const serviceWrite = base.writeUsec * (1 + 0.3 * u);
  const queueRead = base.readUsec * queueFactor;
  const queueWrite = base.writeUsec * queueFactor;
  const others = served * OTHER_OP_FRACTION;
  const reads = (served - others) * profile.readRatio;
  const writes = served - others - reads;
  const readBytes = reads * profile.ioSize;
  const writeBytes = writes * profile.ioSize;
  const dataOps = reads + writes;
  return {
    time: timeMs,
    offeredIops: offered,
    servedIops: served,
    utilization: u,
    readsPerSec: reads,
    writesPerSec: writes,
    othersPerSec: others,
    readBytesPerSec: readBytes,
    writeBytesPerSec: writeBytes,
    bytesPerRead: reads > 0 ? profile.ioSize : 0,
    bytesPerWrite: writes > 0 ? profile.ioSize : 0,
    bytesPerOp: dataOps > 0 ? (readBytes + writeBytes) / dataOps : 0,
    serviceUsecPerRead: serviceRead,
    serviceUsecPerWrite: serviceWrite,
    queueUsecPerRead: queueRead,
    queueUsecPerWrite: queueWrite,
    sanUsecPerRead: SAN_USEC,
    sanUsecPerWrite: SAN_USEC,
    usecPerReadOp: serviceRead + queueRead + SAN_USEC,
    usecPerWriteOp: serviceWrite + queueWrite + SAN_USEC,
    usecPerOtherOp: 50 * (1 + queueFactor),
    readCacheHitRatio: 0.35,
  };
}
