// The per-decision working set: the feasible arrays' projected columns (what the scorers read) plus
// totals, grown as the fleet grows and reused across decisions so that the hot path allocates nothing.

import type { CandidateColumns } from './scorers';
import type { FilterContext, ProjectedArray } from './filters';
import type { FleetColumns } from './fleet-columns';
import type { PlacementPolicy } from './policy';

export class Workspace implements CandidateColumns {
  /** A workspace of one candidate, for scoring a single array (the ranked path). */
  static single(fleet: FleetColumns, policy: PlacementPolicy): Workspace {
    const work = new Workspace(fleet, policy);
    work.ensure(1);
    return work;
  }

  slot = new Int32Array(0);
  capacityUtilisation = new Float64Array(0);
  load = new Float64Array(0);
  latencyUsec = new Float64Array(0);
  volumeFill = new Float64Array(0);
  requestCapacityShare = new Float64Array(0);
  requestLoad = new Float64Array(0);
  /** Set per decision (the request's kind). */
  fleetHeadroomDensity = 0;
  totals = new Float64Array(0);
  scores = new Float64Array(0);
  tied = new Int32Array(0);

  constructor(
    readonly fleet: FleetColumns,
    readonly policy: PlacementPolicy,
  ) {}

  ensure(length: number): void {
    if (this.slot.length >= length) return;
    const n = Math.max(16, length, this.slot.length * 2);
    this.slot = new Int32Array(n);
    this.capacityUtilisation = new Float64Array(n);
    this.load = new Float64Array(n);
    this.latencyUsec = new Float64Array(n);
    this.volumeFill = new Float64Array(n);
    this.requestCapacityShare = new Float64Array(n);
    this.requestLoad = new Float64Array(n);
    this.totals = new Float64Array(n);
    this.scores = new Float64Array(n);
    this.tied = new Int32Array(n);
  }

  /** Writes candidate j: the array in `slot` as projected after placing the request. */
  set(j: number, slot: number, projected: ProjectedArray, ctx: FilterContext): void {
    const fleet = this.fleet;
    this.slot[j] = slot;
    this.capacityUtilisation[j] = projected.capacityUtilisation;
    this.load[j] = projected.load;
    this.latencyUsec[j] = fleet.latencyUsec[slot]!;
    this.volumeFill[j] = volumeFill(projected.volumeCount, fleet.volumeCap[slot]!);
    this.requestCapacityShare[j] =
      (ctx.sizeBytes * fleet.physicalPerProvisionedByte[slot]!) / fleet.usableBytes[slot]!;
    this.requestLoad[j] = ctx.iops / fleet.saturationIops[slot]!;
  }

  /** Moves candidate `from` to position `to` (compaction). */
  move(from: number, to: number): void {
    this.slot[to] = this.slot[from]!;
    this.capacityUtilisation[to] = this.capacityUtilisation[from]!;
    this.load[to] = this.load[from]!;
    this.latencyUsec[to] = this.latencyUsec[from]!;
    this.volumeFill[to] = this.volumeFill[from]!;
    this.requestCapacityShare[to] = this.requestCapacityShare[from]!;
    this.requestLoad[to] = this.requestLoad[from]!;
    this.totals[to] = this.totals[from]!;
  }
}

/** Volumes after placement ÷ usable limit; 0 when the limit is unknown (Infinity). */
export function volumeFill(volumeCount: number, volumeCap: number): number {
  return volumeCap === Infinity ? 0 : volumeCount / volumeCap;
}
