// How a request's provisioned size and expected IOPS become demand on one array, and how a reading
// becomes the array's committed baseline. Shared by the engine's columns and the benchmark baselines
// so every policy measures capacity the same way.
//
// Thin provisioning: a new volume takes no physical space at first and grows as it is written. A
// placement promises that the array still fits when the volume has filled, so
//   expected physical bytes = sizeBytes × expectedFillRatio ÷ DRR
// where DRR is the array's observed data-reduction ratio, capped (policy.maxDataReductionRatio), or
// the policy's default when the array reports none. The array's baseline is the larger of what it
// stores now and what its provisioned volumes will store once filled the same way:
//   baseline physical bytes = max(physicalUsedBytes, provisionedBytes × expectedFillRatio ÷ DRR)
// so a burst of idle new volumes still counts once the ledger has released them.

import type { ArrayCandidate, PlacementRequest } from './model';
import type { PlacementPolicy } from './policy';

export const BYTES_PER_TIB = 2 ** 40;

/** The data-reduction ratio the policy assumes for this array. */
export function assumedDataReductionRatio(reading: ArrayCandidate, policy: PlacementPolicy): number {
  const observed = reading.capacity.dataReductionRatio;
  if (!Number.isFinite(observed) || observed <= 0) return policy.defaultDataReductionRatio;
  return Math.min(Math.max(observed, 1), policy.maxDataReductionRatio);
}

/** Expected physical bytes per provisioned byte placed on this array. */
export function physicalBytesPerProvisionedByte(reading: ArrayCandidate, policy: PlacementPolicy): number {
  return policy.expectedFillRatio / assumedDataReductionRatio(reading, policy);
}

/** Physical bytes the array is committed to before any reservation. */
export function baselinePhysicalBytes(reading: ArrayCandidate, policy: PlacementPolicy): number {
  const { physicalUsedBytes, provisionedBytes } = reading.capacity;
  return Math.max(physicalUsedBytes, provisionedBytes * physicalBytesPerProvisionedByte(reading, policy));
}

/** Load the array is committed to before any reservation: observed, or promised if that is higher. */
export function baselineLoad(reading: ArrayCandidate): number {
  const { load, committedIops, saturationIops } = reading.performance;
  return Math.max(load, committedIops / saturationIops);
}

/** IOPS the request is charged: its own estimate, or the policy's per-TiB default. */
export function expectedIops(request: PlacementRequest, policy: PlacementPolicy): number {
  return request.expectedIops ?? (request.sizeBytes / BYTES_PER_TIB) * policy.defaultIopsPerTib;
}

/**
 * The first field of a reading that the engine cannot use, or null. A reading that fails here
 * excludes its array (INVALID_TELEMETRY) instead of crashing the provider or skewing scores.
 */
export function invalidTelemetryField(reading: ArrayCandidate): string | null {
  const { capacity, performance, objects } = reading;
  const nonNegative: [string, number][] = [
    ['capacity.physicalUsedBytes', capacity.physicalUsedBytes],
    ['capacity.provisionedBytes', capacity.provisionedBytes],
    ['performance.load', performance.load],
    ['performance.committedIops', performance.committedIops],
    ['objects.volumeCount', objects.volumeCount],
  ];
  if (!Number.isFinite(reading.observedAtMs)) return 'observedAtMs';
  if (!(capacity.usableBytes > 0) || !Number.isFinite(capacity.usableBytes)) return 'capacity.usableBytes';
  for (const [name, value] of nonNegative) if (!(value >= 0) || !Number.isFinite(value)) return name;
  if (!(performance.saturationIops > 0) || !Number.isFinite(performance.saturationIops)) {
    return 'performance.saturationIops';
  }
  if (!(objects.volumeLimit > 0)) return 'objects.volumeLimit';
  const latency = performance.latencyUsec;
  if (latency !== undefined && !(latency >= 0)) return 'performance.latencyUsec';
  return null;
}
