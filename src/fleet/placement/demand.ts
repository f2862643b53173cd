// How a request's provisioned size and expected IOPS become demand on one array, and how a reading
// becomes the array's baseline. Shared by the engine's columns and the benchmark baselines so every
// policy measures capacity the same way. engineering/placement-capacity.md has the model with a
// worked example.
//
// Capacity is judged as the arrays and their admins judge it: utilisation = physical used ÷ usable,
// the figure the array's GUI and Pure1 show. Real FlashArrays are thin-provisioned: provisioned sizes
// commonly add up to several times usable, a fraction of that is written, and data reduction shrinks
// it again. So a new volume of S provisioned bytes is charged what the array's own workloads show
// per provisioned byte:
//   expected physical bytes = S × w ÷ DRR
//   w   = written ÷ provisioned (`space.virtual` ÷ `space.total_provisioned`), within [0.1, 1]
//   DRR = the observed data-reduction ratio, within [1, maxDataReductionRatio]
// An array with too little data for its own figures to mean anything (no trusted DRR, nothing
// provisioned: a new, empty array) borrows its kind's figures across the fleet (Σ written ÷
// Σ provisioned, Σ written ÷ Σ reduced), and with no other array of its kind to learn from, the
// conservative defaults: w = 1 and the policy's defaultDataReductionRatio (1), i.e. every
// provisioned byte counted as written and unreduced. `expectedFillRatio`, when set, replaces w.
// The ledger's reservations come on top until a reading shows the volumes.

import type { ArrayCandidate, PlacementRequest } from './model';
import type { PlacementPolicy } from './policy';

export const BYTES_PER_TIB = 2 ** 40;
const BYTES_PER_MIB = 2 ** 20;

/**
 * Lowest written fraction a new volume is charged, even on an array whose volumes are mostly empty:
 * a volume is created to be written, and a tenth of its size is a margin against the array's average
 * being pulled down by many idle new volumes.
 */
export const MIN_WRITTEN_FRACTION = 0.1;
/** Written fraction when neither the array nor its kind has figures: every byte counts. */
export const DEFAULT_WRITTEN_FRACTION = 1;

/** Where an array's written fraction and reduction came from. */
export type RatioSource = 'array' | 'kind' | 'default' | 'policy';

/** What a new volume is charged on an array, per provisioned byte, and why. */
export interface PhysicalRatios {
  /** Written ÷ provisioned, bounded (or the policy's expectedFillRatio). */
  readonly writtenFraction: number;
  /** Data-reduction ratio, bounded. */
  readonly dataReductionRatio: number;
  readonly source: RatioSource;
}

/** An array's own written, reduced and provisioned totals in whole MiB (exact, order-free sums). */
export interface OwnCapacityFigures {
  readonly writtenMiB: number;
  readonly reducedMiB: number;
  readonly provisionedMiB: number;
}

/** Sums of OwnCapacityFigures over the arrays of one kind that have them. */
export type KindCapacityFigures = OwnCapacityFigures;

/**
 * The array's own figures, or null when it holds too little data for them to mean anything (no
 * trusted DRR, or nothing provisioned or written). Written bytes are `space.virtual` when the
 * array reports it, else physical used × DRR (an over-estimate: it includes snapshots and system
 * space, so it errs towards charging more).
 */
export function ownCapacityFigures(reading: ArrayCandidate): OwnCapacityFigures | null {
  const { physicalUsedBytes, provisionedBytes, dataReductionRatio, writtenBytes } = reading.capacity;
  if (!Number.isFinite(dataReductionRatio) || dataReductionRatio <= 0) return null;
  if (!(provisionedBytes > 0) || !Number.isFinite(provisionedBytes)) return null;
  const written =
    writtenBytes !== undefined && Number.isFinite(writtenBytes) && writtenBytes >= 0
      ? writtenBytes
      : physicalUsedBytes * dataReductionRatio;
  const writtenMiB = Math.floor(Math.min(written, provisionedBytes) / BYTES_PER_MIB);
  const provisionedMiB = Math.floor(provisionedBytes / BYTES_PER_MIB);
  if (!(writtenMiB > 0) || !(provisionedMiB > 0)) return null;
  return {
    writtenMiB,
    reducedMiB: Math.max(1, Math.floor(writtenMiB / dataReductionRatio)),
    provisionedMiB,
  };
}

const clamp = (x: number, lo: number, hi: number) => (x < lo ? lo : x > hi ? hi : x);

/** The ratios a new volume is charged with on this array (see the header). */
export function physicalRatios(
  reading: ArrayCandidate,
  policy: PlacementPolicy,
  kind: KindCapacityFigures | null = null,
): PhysicalRatios {
  const own = ownCapacityFigures(reading);
  const figures = own ?? (kind && kind.provisionedMiB > 0 && kind.writtenMiB > 0 ? kind : null);
  const source: RatioSource = own ? 'array' : figures ? 'kind' : 'default';
  const observedW = figures ? figures.writtenMiB / figures.provisionedMiB : DEFAULT_WRITTEN_FRACTION;
  const observedDrr = figures ? figures.writtenMiB / figures.reducedMiB : policy.defaultDataReductionRatio;
  const w = policy.expectedFillRatio ?? clamp(observedW, MIN_WRITTEN_FRACTION, 1);
  return {
    writtenFraction: w,
    dataReductionRatio: clamp(observedDrr, 1, policy.maxDataReductionRatio),
    source: policy.expectedFillRatio !== undefined ? 'policy' : source,
  };
}

/** The data-reduction ratio the policy assumes for this array. */
export function assumedDataReductionRatio(
  reading: ArrayCandidate,
  policy: PlacementPolicy,
  kind: KindCapacityFigures | null = null,
): number {
  return physicalRatios(reading, policy, kind).dataReductionRatio;
}

/** Expected physical bytes per provisioned byte placed on this array: w ÷ DRR. */
export function physicalBytesPerProvisionedByte(
  reading: ArrayCandidate,
  policy: PlacementPolicy,
  kind: KindCapacityFigures | null = null,
): number {
  const ratios = physicalRatios(reading, policy, kind);
  return ratios.writtenFraction / ratios.dataReductionRatio;
}

/** Physical bytes the array stores before any reservation: what it reports (`space.total_physical`). */
export function baselinePhysicalBytes(reading: ArrayCandidate): number {
  return reading.capacity.physicalUsedBytes;
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
