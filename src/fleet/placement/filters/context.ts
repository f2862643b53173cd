// What every filter reads: the decision's context, the array as it would be after the placement,
// and the filter contract. A filter decides (`admits`) and explains (`describe`); the engine's hot
// path and the explanation call the same objects, so a decision and its explanation cannot disagree.

import type { ExclusionReason, PlacementRequest } from '../model';
import type { PlacementPolicy } from '../policy';
import type { PlacementLedger } from '../ledger';
import type { FleetColumns } from '../fleet-columns';

/** Everything a filter may read about one decision. Built once per decision. */
export interface FilterContext {
  readonly fleet: FleetColumns;
  readonly ledger: PlacementLedger;
  readonly policy: PlacementPolicy;
  /** Engine clock at the decision, ms since the epoch. */
  readonly nowMs: number;
  readonly request: PlacementRequest;
  /** KIND_CODE of the array kind that serves request.kind. */
  readonly arrayKindCode: number;
  readonly sizeBytes: number;
  /** IOPS charged to the request. */
  readonly iops: number;
}

/** One array as it would be after the placement, reservations included; computed once per array. */
export interface ProjectedArray {
  /** Physical utilisation of usable capacity, 0..1+. */
  capacityUtilisation: number;
  /** Load, 0..1+ of saturation. */
  load: number;
  /** Volumes on the array. */
  volumeCount: number;
}

export interface PlacementFilter {
  readonly reason: ExclusionReason;
  /**
   * True when the filter reads only the request's kind and labels and the array's kind and labels:
   * its result is then cached per fleet shape (the engine's static pre-pass).
   */
  readonly static: boolean;
  /** True if the array may take the request; `projected` is the array after the placement. */
  admits(ctx: FilterContext, slot: number, projected: ProjectedArray): boolean;
  /** Why `slot` was excluded, with the figures; only meaningful when admits() is false. */
  describe(
    ctx: FilterContext,
    slot: number,
    projected: ProjectedArray,
  ): { reason: ExclusionReason; message: string };
}

/**
 * Projects the request onto an array: its reading less deletion credits, plus reservations and the
 * request's expected physical bytes, IOPS and one volume. ctx.sizeBytes = 0 and `volumesAdded` = 0
 * give the array as it stands.
 */
export function projectArray(
  ctx: FilterContext,
  slot: number,
  out: ProjectedArray,
  volumesAdded = 1,
): ProjectedArray {
  const { fleet, ledger } = ctx;
  const bytes = committedPhysicalBytes(ctx, slot) + ctx.sizeBytes * fleet.physicalPerProvisionedByte[slot]!;
  out.capacityUtilisation = bytes / fleet.usableBytes[slot]!;
  // A deletion credit never takes an array below idle (the reading may already omit the volume).
  const baseLoad = Math.max(
    0,
    fleet.baseLoad[slot]! - ledger.creditedIops[slot]! / fleet.saturationIops[slot]!,
  );
  out.load = baseLoad + (ledger.reservedIops[slot]! + ctx.iops) / fleet.saturationIops[slot]!;
  out.volumeCount =
    Math.max(0, fleet.volumeCount[slot]! - ledger.creditedVolumes[slot]!) +
    ledger.reservedVolumes[slot]! +
    volumesAdded;
  return out;
}

/** Physical bytes the array stores now (less deletion credits) plus what the ledger reserved there. */
export function committedPhysicalBytes(ctx: FilterContext, slot: number): number {
  const { fleet, ledger } = ctx;
  // A deletion credit never takes an array below empty (the reading may already omit the volume).
  return (
    Math.max(0, fleet.basePhysicalBytes[slot]! - ledger.creditedBytes[slot]!) + ledger.reservedBytes[slot]!
  );
}

export function emptyProjection(): ProjectedArray {
  return { capacityUtilisation: 0, load: 0, volumeCount: 0 };
}

export function telemetryAgeMs(ctx: FilterContext, slot: number): number {
  return ctx.nowMs - ctx.fleet.observedAtMs[slot]!;
}

/** A number with at most `digits` decimals and no trailing zeros. */
export const fixed = (value: number, digits = 3): string => Number(value.toFixed(digits)).toString();

export function exclusion(
  reason: ExclusionReason,
  message: string,
): { reason: ExclusionReason; message: string } {
  return { reason, message };
}
