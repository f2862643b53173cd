// Hard filters, each a small named unit in the kube-scheduler way: `admits` decides, `describe`
// explains (only called when building an explanation). They run in PLACEMENT_FILTERS order and the
// first that fails is the array's reason. The engine's hot path calls the same objects, so the
// decision and its explanation cannot disagree.
//
// There is no fallback: when the label filter leaves nothing, the request is rejected with every
// array's reason. PSO fell back to arrays outside the preferred topology and leaked volumes.

import type { ExclusionReason, PlacementRequest } from './model';
import type { PlacementPolicy } from './policy';
import type { PlacementLedger } from './ledger';
import type { FleetColumns } from './fleet-columns';
import { ArrayStatus, STATUS_REASON, labelsMatch } from './fleet-columns';
import { invalidTelemetryField } from './demand';

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
  // A deletion credit never takes an array below empty (the reading may already omit the volume).
  const baseBytes = Math.max(0, fleet.basePhysicalBytes[slot]! - ledger.creditedBytes[slot]!);
  const baseLoad = Math.max(
    0,
    fleet.baseLoad[slot]! - ledger.creditedIops[slot]! / fleet.saturationIops[slot]!,
  );
  const bytes =
    baseBytes + ledger.reservedBytes[slot]! + ctx.sizeBytes * fleet.physicalPerProvisionedByte[slot]!;
  out.capacityUtilisation = bytes / fleet.usableBytes[slot]!;
  out.load = baseLoad + (ledger.reservedIops[slot]! + ctx.iops) / fleet.saturationIops[slot]!;
  out.volumeCount =
    Math.max(0, fleet.volumeCount[slot]! - ledger.creditedVolumes[slot]!) +
    ledger.reservedVolumes[slot]! +
    volumesAdded;
  return out;
}

export function emptyProjection(): ProjectedArray {
  return { capacityUtilisation: 0, load: 0, volumeCount: 0 };
}

export function telemetryAgeMs(ctx: FilterContext, slot: number): number {
  return ctx.nowMs - ctx.fleet.observedAtMs[slot]!;
}

const fixed = (value: number, digits = 3) => Number(value.toFixed(digits)).toString();

function exclusion(reason: ExclusionReason, message: string): { reason: ExclusionReason; message: string } {
  return { reason, message };
}

/** Block volumes go to FlashArrays, file systems to FlashBlades. */
export const KindFilter: PlacementFilter = {
  reason: 'KIND_MISMATCH',
  admits: (ctx, slot) => ctx.fleet.kind[slot] === ctx.arrayKindCode,
  describe: (ctx, slot) =>
    exclusion(
      'KIND_MISMATCH',
      `a ${ctx.request.kind} volume needs a ${ctx.request.kind === 'block' ? 'FlashArray' : 'FlashBlade'}; ` +
        `this array is a ${ctx.fleet.readings[slot]?.kind ?? 'different kind'}`,
    ),
};

/** Every selector entry must be on the array with the same value. Never relaxed. */
export const LabelFilter: PlacementFilter = {
  reason: 'LABEL_MISMATCH',
  admits: (ctx, slot) => labelsMatch(ctx.fleet.readings[slot]?.labels ?? {}, ctx.request.labelSelector),
  describe: (ctx, slot) => {
    const labels = ctx.fleet.readings[slot]?.labels ?? {};
    const missing = Object.entries(ctx.request.labelSelector)
      .filter(([key, value]) => labels[key] !== value)
      .map(
        ([key, value]) =>
          `${key}=${value} (array has ${labels[key] === undefined ? 'none' : `${key}=${labels[key]}`})`,
      );
    return exclusion('LABEL_MISMATCH', `label selector not matched: ${missing.join(', ')}`);
  },
};

/** A pinned request may only go to its array. */
export const PinnedFilter: PlacementFilter = {
  reason: 'NOT_PINNED',
  admits: (ctx, slot) =>
    ctx.request.pinnedArrayId === undefined || ctx.fleet.ids[slot] === ctx.request.pinnedArrayId,
  // Named as the roster names the array, not by the id the engine keys on.
  describe: (ctx) => {
    const id = ctx.request.pinnedArrayId as string;
    const slot = ctx.fleet.slotById.get(id);
    const name = slot === undefined ? undefined : ctx.fleet.readings[slot]?.name;
    return exclusion(
      'NOT_PINNED',
      name === undefined
        ? `the volume is pinned elsewhere (${id})`
        : `the volume is pinned to array "${name}"`,
    );
  },
};

/** Arrays the caller ruled out, e.g. where a create already failed. */
export const CallerExclusionFilter: PlacementFilter = {
  reason: 'EXCLUDED_BY_CALLER',
  admits: (ctx, slot) => !(ctx.request.excludedArrayIds?.includes(ctx.fleet.ids[slot]!) ?? false),
  describe: () =>
    exclusion('EXCLUDED_BY_CALLER', 'excluded by the caller (an earlier create attempt failed there)'),
};

/** Reachable, not cordoned, no critical problem, and a reading the engine can use. */
export const HealthFilter: PlacementFilter = {
  reason: 'ARRAY_UNHEALTHY',
  admits: (ctx, slot) => ctx.fleet.status[slot] === ArrayStatus.OK,
  describe: (ctx, slot) => {
    const status = ctx.fleet.status[slot]!;
    const reading = ctx.fleet.readings[slot];
    const reason = STATUS_REASON[status] ?? 'ARRAY_UNHEALTHY';
    if (status === ArrayStatus.INVALID_TELEMETRY && reading) {
      return exclusion(
        reason,
        `telemetry field ${invalidTelemetryField(reading)} is missing or out of range`,
      );
    }
    if (status === ArrayStatus.UNREACHABLE) {
      // The telemetry layer puts the failure (refused, timed out, an untrusted certificate) in a
      // problem: without it the user cannot tell a firewall from a missing CA.
      const cause = reading?.health.problems.find((p) => p.code === 'UNREACHABLE')?.message;
      return exclusion(reason, `the last poll of the array failed${cause ? `: ${cause}` : ''}`);
    }
    if (status === ArrayStatus.CORDONED)
      return exclusion(reason, 'the array is cordoned: it takes no new volumes');
    const critical = reading?.health.problems.filter((p) => p.severity === 'critical') ?? [];
    return exclusion(
      reason,
      `critical problems: ${critical.map((p) => `${p.code}: ${p.message}`).join('; ')}`,
    );
  },
};

/** The reading must be recent enough to trust. */
export const StaleTelemetryFilter: PlacementFilter = {
  reason: 'STALE_TELEMETRY',
  admits: (ctx, slot) => telemetryAgeMs(ctx, slot) <= ctx.policy.maxTelemetryAgeMs,
  describe: (ctx, slot) =>
    exclusion(
      'STALE_TELEMETRY',
      `telemetry is ${Math.round(telemetryAgeMs(ctx, slot) / 1000)} s old, older than ${ctx.policy.maxTelemetryAgeMs / 1000} s`,
    ),
};

/** Physical utilisation after placement, counting reservations, must stay under the threshold. */
export const CapacityHeadroomFilter: PlacementFilter = {
  reason: 'CAPACITY_HEADROOM',
  admits: (ctx, _slot, projected) => projected.capacityUtilisation <= ctx.policy.capacityThreshold,
  describe: (ctx, _slot, projected) =>
    exclusion(
      'CAPACITY_HEADROOM',
      `capacity would reach ${fixed(projected.capacityUtilisation)} of usable after placement ` +
        `(reservations included), above the threshold ${ctx.policy.capacityThreshold}`,
    ),
};

/** Load after placement, counting reservations, must stay under the threshold. */
export const PerformanceHeadroomFilter: PlacementFilter = {
  reason: 'PERFORMANCE_HEADROOM',
  admits: (ctx, _slot, projected) => projected.load <= ctx.policy.performanceThreshold,
  describe: (ctx, _slot, projected) =>
    exclusion(
      'PERFORMANCE_HEADROOM',
      `load would reach ${fixed(projected.load)} after placement (reservations included), ` +
        `above the threshold ${ctx.policy.performanceThreshold}`,
    ),
};

/** An array already answering slowly takes no new volumes; unknown latency passes. */
export const LatencyFilter: PlacementFilter = {
  reason: 'LATENCY',
  admits: (ctx, slot) => !(ctx.fleet.latencyUsec[slot]! > ctx.policy.latencyThresholdUsec),
  describe: (ctx, slot) =>
    exclusion(
      'LATENCY',
      `latency ${fixed(ctx.fleet.latencyUsec[slot]!, 0)} µs is above the threshold ${ctx.policy.latencyThresholdUsec} µs`,
    ),
};

/** The array's volume count, counting reservations, must stay under its limit × threshold. */
export const ObjectLimitFilter: PlacementFilter = {
  reason: 'OBJECT_LIMIT',
  admits: (ctx, slot, projected) => projected.volumeCount <= ctx.fleet.volumeCap[slot]!,
  describe: (ctx, slot, projected) =>
    exclusion(
      'OBJECT_LIMIT',
      `${projected.volumeCount} volumes after placement would exceed ` +
        `${ctx.fleet.volumeCap[slot]} (${ctx.policy.objectLimitThreshold} of the model's limit)`,
    ),
};

/** Filters that depend only on the request's kind and labels: their result is cached per fleet shape. */
export const STATIC_FILTERS: readonly PlacementFilter[] = [KindFilter, LabelFilter];

/** Every filter in the order they run; the first that fails names the reason. */
export const PLACEMENT_FILTERS: readonly PlacementFilter[] = [
  KindFilter,
  LabelFilter,
  PinnedFilter,
  CallerExclusionFilter,
  HealthFilter,
  StaleTelemetryFilter,
  CapacityHeadroomFilter,
  PerformanceHeadroomFilter,
  LatencyFilter,
  ObjectLimitFilter,
];
