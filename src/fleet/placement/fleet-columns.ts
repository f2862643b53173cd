// The fleet as the hot path reads it: one slot per array and one typed array per figure, so a
// decision over 1,000 arrays walks a few contiguous Float64Arrays instead of 1,000 nested objects.
// Figures that depend only on the reading and the policy (baseline bytes, DRR, status) are computed
// once per reading, not once per decision. Slots are never reused while the engine lives, so the
// ledger can index its own columns by the same slot.

import type { ArrayCandidate, ArrayKind, ExclusionReason } from './model';
import type { PlacementPolicy } from './policy';
import type { OwnCapacityFigures } from './demand';
import {
  baselineLoad,
  baselinePhysicalBytes,
  invalidTelemetryField,
  ownCapacityFigures,
  physicalRatios,
} from './demand';
import { fnv64Of } from './hash';

/** Array status codes, computed once per reading; OK admits, anything else maps to a reason. */
export const ArrayStatus = {
  OK: 0,
  INVALID_TELEMETRY: 1,
  UNREACHABLE: 2,
  CORDONED: 3,
  UNHEALTHY: 4,
} as const;

export const STATUS_REASON: Readonly<Record<number, ExclusionReason>> = {
  [ArrayStatus.INVALID_TELEMETRY]: 'INVALID_TELEMETRY',
  [ArrayStatus.UNREACHABLE]: 'ARRAY_UNREACHABLE',
  [ArrayStatus.CORDONED]: 'ARRAY_CORDONED',
  [ArrayStatus.UNHEALTHY]: 'ARRAY_UNHEALTHY',
};

export const KIND_CODE: Readonly<Record<ArrayKind, number>> = { flasharray: 0, flashblade: 1 };

function statusOf(reading: ArrayCandidate): number {
  if (invalidTelemetryField(reading) !== null) return ArrayStatus.INVALID_TELEMETRY;
  if (!reading.health.reachable) return ArrayStatus.UNREACHABLE;
  if (reading.health.cordoned) return ArrayStatus.CORDONED;
  if (reading.health.problems.some((p) => p.severity === 'critical')) return ArrayStatus.UNHEALTHY;
  return ArrayStatus.OK;
}

export class FleetColumns {
  /** Slots allocated so far (present or removed). */
  slotCount = 0;
  /** Bumped when an array is added or removed or its kind or labels change: candidate lists go stale. */
  structureVersion = 0;
  readonly slotById = new Map<string, number>();
  readonly ids: string[] = [];
  readonly readings: (ArrayCandidate | undefined)[] = [];

  present = new Uint8Array(0);
  kind = new Uint8Array(0);
  status = new Uint8Array(0);
  observedAtMs = new Float64Array(0);
  usableBytes = new Float64Array(0);
  /** Physical bytes used as the array reports them, bytes. */
  basePhysicalBytes = new Float64Array(0);
  /** Expected physical bytes per provisioned byte placed here (written fraction ÷ DRR). */
  physicalPerProvisionedByte = new Float64Array(0);
  /** The written fraction and data-reduction ratio behind physicalPerProvisionedByte. */
  writtenFraction = new Float64Array(0);
  dataReduction = new Float64Array(0);
  /** 1 when the array has figures of its own; 0 when it borrows its kind's (or the defaults). */
  ownRatios = new Uint8Array(0);
  /** max(observed load, committed IOPS ÷ saturation IOPS). */
  baseLoad = new Float64Array(0);
  saturationIops = new Float64Array(0);
  /** NaN when the array reports no latency. */
  latencyUsec = new Float64Array(0);
  volumeCount = new Float64Array(0);
  /** floor(volume limit × objectLimitThreshold); Infinity when the limit is unknown. */
  volumeCap = new Float64Array(0);
  /** FNV-1a 64 of the array id, high and low halves: the array's half of its rendezvous weight. */
  idHashHi = new Uint32Array(0);
  idHashLo = new Uint32Array(0);

  /** Per slot: the figures it contributes to its kind's sums, or null. */
  private readonly contributed: (OwnCapacityFigures | null)[] = [];
  /** Per kind code: Σ of the contributed figures, MiB (exact integers: order-free). */
  private readonly kindFigures = Object.values(KIND_CODE).map(() => ({
    writtenMiB: 0,
    reducedMiB: 0,
    provisionedMiB: 0,
  }));
  private readonly candidateCache = new Map<string, Int32Array>();
  private cacheVersion = 0;

  constructor(private readonly policy: PlacementPolicy) {}

  /** Stores a reading; returns its slot. An older reading than the one held is ignored (null). */
  upsert(reading: ArrayCandidate): number | null {
    let slot = this.slotById.get(reading.id);
    if (slot === undefined) {
      slot = this.allocateSlot(reading.id);
    } else {
      const previous = this.readings[slot];
      if (previous && previous.observedAtMs > reading.observedAtMs) return null;
      if (!previous || previous.kind !== reading.kind || !sameLabels(previous.labels, reading.labels)) {
        this.structureVersion++;
      }
    }
    this.readings[slot] = reading;
    this.present[slot] = 1;
    const kindChanged = this.contribute(slot, reading);
    this.fill(slot, reading);
    if (kindChanged) this.refreshBorrowers(KIND_CODE[reading.kind]);
    return slot;
  }

  /** The kind's written and reduced sums, for an array without figures of its own. */
  kindCapacityFigures(kindCode: number): OwnCapacityFigures {
    return this.kindFigures[kindCode]!;
  }

  /** Updates the slot's contribution to its kind's sums; true when the sums changed. */
  private contribute(slot: number, reading: ArrayCandidate | undefined): boolean {
    const previous = this.contributed[slot] ?? null;
    const next =
      reading && statusOf(reading) !== ArrayStatus.INVALID_TELEMETRY ? ownCapacityFigures(reading) : null;
    const kinds = new Set<number>();
    if (previous) kinds.add(this.kind[slot]!);
    if (next && reading) kinds.add(KIND_CODE[reading.kind]);
    if (
      previous === next ||
      (previous &&
        next &&
        previous.writtenMiB === next.writtenMiB &&
        previous.reducedMiB === next.reducedMiB &&
        previous.provisionedMiB === next.provisionedMiB &&
        this.kind[slot] === KIND_CODE[reading!.kind])
    ) {
      this.contributed[slot] = next;
      return false;
    }
    if (previous) this.add(this.kind[slot]!, previous, -1);
    if (next && reading) this.add(KIND_CODE[reading.kind], next, 1);
    this.contributed[slot] = next;
    return kinds.size > 0;
  }

  private add(kindCode: number, figures: OwnCapacityFigures, sign: 1 | -1): void {
    const sums = this.kindFigures[kindCode]!;
    sums.writtenMiB += sign * figures.writtenMiB;
    sums.reducedMiB += sign * figures.reducedMiB;
    sums.provisionedMiB += sign * figures.provisionedMiB;
  }

  /** Arrays that borrow their kind's figures (new, empty) follow when the sums change. */
  private refreshBorrowers(kindCode: number): void {
    for (let slot = 0; slot < this.slotCount; slot++) {
      const reading = this.readings[slot];
      if (this.present[slot] !== 1 || !reading || this.ownRatios[slot] === 1) continue;
      if (this.kind[slot] !== kindCode || this.status[slot] === ArrayStatus.INVALID_TELEMETRY) continue;
      this.fillRatios(slot, reading);
    }
  }

  /** Forgets an array (it left the roster). Its slot stays allocated but absent. */
  remove(arrayId: string): number | null {
    const slot = this.slotById.get(arrayId);
    if (slot === undefined || this.present[slot] === 0) return null;
    const kindCode = this.kind[slot]!;
    const changed = this.contribute(slot, undefined);
    this.present[slot] = 0;
    this.readings[slot] = undefined;
    this.structureVersion++;
    if (changed) this.refreshBorrowers(kindCode);
    return slot;
  }

  /**
   * Slots of present arrays that pass `admits` (the kind and label filters), ascending. Cached per
   * `cacheKey` until the fleet's structure changes: readings come every 30–60 s, decisions far more
   * often, and a fleet has few distinct selectors.
   */
  staticCandidates(cacheKey: string, admits: (slot: number) => boolean): Int32Array {
    let slots = this.cachedCandidates(cacheKey);
    if (!slots) {
      const list: number[] = [];
      for (let slot = 0; slot < this.slotCount; slot++) {
        if (this.present[slot] === 1 && admits(slot)) list.push(slot);
      }
      slots = Int32Array.from(list);
      this.candidateCache.set(cacheKey, slots);
    }
    return slots;
  }

  /** The cached candidate list for cacheKey, if the fleet's shape has not changed since. */
  cachedCandidates(cacheKey: string): Int32Array | undefined {
    if (this.cacheVersion !== this.structureVersion) {
      this.candidateCache.clear();
      this.cacheVersion = this.structureVersion;
    }
    return this.candidateCache.get(cacheKey);
  }

  private fill(slot: number, reading: ArrayCandidate): void {
    const status = statusOf(reading);
    this.kind[slot] = KIND_CODE[reading.kind];
    this.status[slot] = status;
    this.observedAtMs[slot] = reading.observedAtMs;
    if (status === ArrayStatus.INVALID_TELEMETRY) return; // never read past the health filter
    this.usableBytes[slot] = reading.capacity.usableBytes;
    this.basePhysicalBytes[slot] = baselinePhysicalBytes(reading);
    this.fillRatios(slot, reading);
    this.baseLoad[slot] = baselineLoad(reading);
    this.saturationIops[slot] = reading.performance.saturationIops;
    this.latencyUsec[slot] = reading.performance.latencyUsec ?? NaN;
    this.volumeCount[slot] = reading.objects.volumeCount;
    this.volumeCap[slot] = Math.floor(reading.objects.volumeLimit * this.policy.objectLimitThreshold);
  }

  private fillRatios(slot: number, reading: ArrayCandidate): void {
    const ratios = physicalRatios(reading, this.policy, this.kindFigures[KIND_CODE[reading.kind]]!);
    this.writtenFraction[slot] = ratios.writtenFraction;
    this.dataReduction[slot] = ratios.dataReductionRatio;
    this.ownRatios[slot] = ratios.source === 'array' ? 1 : 0;
    this.physicalPerProvisionedByte[slot] = ratios.writtenFraction / ratios.dataReductionRatio;
  }

  private allocateSlot(arrayId: string): number {
    if (this.slotCount === this.present.length) this.grow(Math.max(16, this.present.length * 2));
    const slot = this.slotCount++;
    this.slotById.set(arrayId, slot);
    this.ids[slot] = arrayId;
    const hash = fnv64Of(arrayId);
    this.idHashHi[slot] = hash.hi;
    this.idHashLo[slot] = hash.lo;
    this.structureVersion++;
    return slot;
  }

  private grow(length: number): void {
    const widen = <T extends Uint8Array | Uint32Array | Float64Array>(old: T, make: (n: number) => T): T => {
      const next = make(length);
      next.set(old);
      return next;
    };
    const u8 = (n: number) => new Uint8Array(n);
    const f64 = (n: number) => new Float64Array(n);
    const u32 = (n: number) => new Uint32Array(n);
    this.idHashHi = widen(this.idHashHi, u32);
    this.idHashLo = widen(this.idHashLo, u32);
    this.present = widen(this.present, u8);
    this.kind = widen(this.kind, u8);
    this.status = widen(this.status, u8);
    this.observedAtMs = widen(this.observedAtMs, f64);
    this.usableBytes = widen(this.usableBytes, f64);
    this.basePhysicalBytes = widen(this.basePhysicalBytes, f64);
    this.physicalPerProvisionedByte = widen(this.physicalPerProvisionedByte, f64);
    this.writtenFraction = widen(this.writtenFraction, f64);
    this.dataReduction = widen(this.dataReduction, f64);
    this.ownRatios = widen(this.ownRatios, u8);
    this.baseLoad = widen(this.baseLoad, f64);
    this.saturationIops = widen(this.saturationIops, f64);
    this.latencyUsec = widen(this.latencyUsec, f64);
    this.volumeCount = widen(this.volumeCount, f64);
    this.volumeCap = widen(this.volumeCap, f64);
  }
}

function sameLabels(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => Object.prototype.hasOwnProperty.call(b, k) && a[k] === b[k]);
}

/** Exact match: every selector entry must be present on the array with the same value. */
export function labelsMatch(
  labels: Readonly<Record<string, string>>,
  selector: Readonly<Record<string, string>>,
): boolean {
  return Object.keys(selector).every(
    (key) => Object.prototype.hasOwnProperty.call(labels, key) && labels[key] === selector[key],
  );
}
