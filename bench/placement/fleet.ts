// The simulated fleet: each array's true state, and the readings the telemetry layer would take.
//
// Capacity: a volume of S provisioned bytes writes S × w bytes, w its written fraction, and the
// array stores them reduced by its data-reduction ratio D, so it holds S × w ÷ D physical bytes; an
// array's true utilisation is (written bytes of everything on it) ÷ (D × usable), and its readings
// report exactly that (physical used, written, provisioned, D). Every policy is judged on that truth.
// The written fraction belongs to the volume (its workload), not to the array it lands on: the data
// that was on an array before the run was written to the array's own w, each fleet volume to its
// own (simulate.ts draws it). The classic fleets and their volumes have w = 1 (fully written); the
// thin fleet is thin-provisioned as field arrays are: w 0.15–0.35 and D 3–5:1, so provisioned sizes
// add up to several times usable.

import type { ArrayCandidate, ArrayKind } from '../../src/fleet/placement';
import type { Random } from './prng';

export const TIB = 2 ** 40;

export interface SimArray {
  readonly id: string;
  readonly kind: ArrayKind;
  readonly zone: string;
  /** Capacity multiple of the smallest model, 1..8. */
  readonly capacityMultiple: number;
  readonly usableBytes: number;
  /** True data-reduction ratio of what lands on it. */
  readonly dataReduction: number;
  /** Written ÷ provisioned of the data that was on it before the run (1: fully written). */
  readonly writtenFraction: number;
  readonly saturationIops: number;
  /** Load from work outside the fleet, 0..1. */
  readonly foreignLoad: number;
  readonly baseLatencyUsec: number;
  readonly volumeLimit: number;
  /** Provisioned bytes that existed before the run (other tenants), counted in the truth. */
  readonly foreignProvisionedBytes: number;
  healthy: boolean;
  /** Provisioned bytes of fleet volumes whose create completed and which are not deleted. */
  fleetProvisionedBytes: number;
  /** Bytes those volumes wrote (Σ provisioned × their own written fraction), before reduction. */
  fleetWrittenBytes: number;
  fleetIops: number;
  fleetVolumes: number;
}

/** Bytes written to the array before reduction (the data from before the run and the fleet's), truth. */
export function writtenBytes(array: SimArray): number {
  return foreignWrittenBytes(array) + array.fleetWrittenBytes;
}

/** Bytes the data from before the run wrote, before reduction. */
export function foreignWrittenBytes(array: SimArray): number {
  return array.foreignProvisionedBytes * array.writtenFraction;
}

/** Physical utilisation of usable capacity, truth, with `extraWrittenBytes` more written to it. */
export function capacityUtilisation(array: SimArray, extraWrittenBytes = 0): number {
  return (writtenBytes(array) + extraWrittenBytes) / (array.dataReduction * array.usableBytes);
}

/** Load, truth. */
export function load(array: SimArray, extraIops = 0): number {
  return array.foreignLoad + (array.fleetIops + extraIops) / array.saturationIops;
}

/** Written bytes the array holds at utilisation 1 (usable × DRR). */
export function effectiveCapacityBytes(array: SimArray): number {
  return array.usableBytes * array.dataReduction;
}

export interface FleetShape {
  readonly flashArrays: number;
  readonly flashBlades: number;
  readonly zones: readonly string[];
}

export const DEFAULT_SHAPE: FleetShape = {
  flashArrays: 12,
  flashBlades: 4,
  zones: ['zone-a', 'zone-b', 'zone-c'],
};

/**
 * A heterogeneous fleet: capacities 1, 2, 4 or 8 × the smallest model; saturation IOPS grow with the
 * square root of capacity times a ×0.6–1.6 model factor, so performance is not proportional to
 * capacity (a big capacity-optimised array can be the busiest per TiB); foreign data fills 0–20% of
 * each array's threshold capacity.
 */
export function makeFleet(
  rng: Random,
  shape: FleetShape,
  capacityThreshold: number,
  thin = false,
): SimArray[] {
  const arrays: SimArray[] = [];
  const zoneOrder = (count: number) =>
    rng.shuffle(Array.from({ length: count }, (_, i) => shape.zones[i % shape.zones.length]!));
  const faZones = zoneOrder(shape.flashArrays);
  const fbZones = zoneOrder(shape.flashBlades);
  for (let i = 0; i < shape.flashArrays; i++)
    arrays.push(makeArray(rng, 'flasharray', `fa-${pad(i)}`, faZones[i]!, capacityThreshold, { thin }));
  for (let i = 0; i < shape.flashBlades; i++)
    arrays.push(makeArray(rng, 'flashblade', `fb-${pad(i)}`, fbZones[i]!, capacityThreshold, { thin }));
  return arrays;
}

export function makeArray(
  rng: Random,
  kind: ArrayKind,
  id: string,
  zone: string,
  capacityThreshold: number,
  options: { capacityMultiple?: number; empty?: boolean; thin?: boolean } = {},
): SimArray {
  const multiple = options.capacityMultiple ?? rng.pick([1, 2, 4, 8]);
  const block = kind === 'flasharray';
  const usableBytes = multiple * (block ? 50 : 100) * TIB;
  const dataReduction = block ? rng.uniform(2, 4) : rng.uniform(1.3, 2);
  // Drawn only for the thin fleet, so the classic fleets' random streams are unchanged.
  const thinDraws = options.thin ? { w: rng.uniform(0.15, 0.35), d: rng.uniform(3, 5) } : null;
  const array: SimArray = {
    id,
    kind,
    zone,
    capacityMultiple: multiple,
    usableBytes,
    dataReduction: thinDraws ? thinDraws.d : dataReduction,
    writtenFraction: thinDraws ? thinDraws.w : 1,
    saturationIops: (block ? 150_000 : 100_000) * Math.sqrt(multiple) * rng.uniform(0.6, 1.6),
    foreignLoad: options.empty ? 0.02 : rng.uniform(0.05, 0.25),
    baseLatencyUsec: rng.uniform(200, 600),
    volumeLimit: block ? 10_000 : 15_000,
    foreignProvisionedBytes: 0,
    healthy: true,
    fleetProvisionedBytes: 0,
    fleetWrittenBytes: 0,
    fleetIops: 0,
    fleetVolumes: 0,
  };
  const foreignShare = options.empty ? 0 : rng.uniform(0, 0.2);
  return {
    ...array,
    foreignProvisionedBytes:
      (foreignShare * capacityThreshold * effectiveCapacityBytes(array)) / array.writtenFraction,
  };
}

/** What the telemetry layer would read from the array now. */
export function readArray(array: SimArray, nowMs: number): ArrayCandidate {
  const provisionedBytes = array.foreignProvisionedBytes + array.fleetProvisionedBytes;
  const written = writtenBytes(array);
  const currentLoad = load(array);
  return {
    id: array.id,
    name: array.id,
    kind: array.kind,
    labels: { zone: array.zone },
    observedAtMs: nowMs,
    health: { reachable: array.healthy, cordoned: false, problems: [] },
    capacity: {
      usableBytes: array.usableBytes,
      physicalUsedBytes: written / array.dataReduction,
      provisionedBytes,
      writtenBytes: written,
      dataReductionRatio: provisionedBytes > 0 ? array.dataReduction : NaN,
    },
    performance: {
      load: currentLoad,
      saturationIops: array.saturationIops,
      committedIops: array.fleetIops,
      latencyUsec: array.baseLatencyUsec * (1 + 3 * Math.max(0, currentLoad - 0.5)),
    },
    objects: { volumeCount: array.fleetVolumes, volumeLimit: array.volumeLimit },
  };
}

function pad(i: number): string {
  return String(i).padStart(2, '0');
}
