// One telemetry reading of one array: what the REST calls returned, boiled down to the figures the
// placement engine reads (ArrayCandidate) plus the raw figures explanations need. Building the
// candidate is a pure function of the responses, the roster entry and the options, so it is unit
// tested without any array.

import type { PureAlert, PureHardwareComponent } from '../clients/common';
import type {
  FlashArrayController,
  FlashArrayInfo,
  FlashArrayPerformance,
  FlashArraySpace,
} from '../clients/flasharray';
import type {
  FlashBladeBlade,
  FlashBladeInfo,
  FlashBladePerformance,
  FlashBladeSpace,
} from '../clients/flashblade';
import type { ArrayCandidate, HealthProblem } from '../placement/model';
import type { ArrayKind } from '../rest/versions';
import type { ArrayMember } from '../roster';
import {
  alertProblems,
  bladeProblems,
  controllerProblems,
  dedupeProblems,
  hardwareProblems,
  parityProblems,
} from './health';
import {
  estimateLoad,
  flashArrayPerformanceFigures,
  flashBladePerformanceFigures,
  type LoadEstimate,
  type PerformanceFigures,
  type SaturationSource,
} from './load';
import { modelDefaults } from './model-defaults';

export interface CapacityFigures {
  /** `capacity` of GET /arrays/space, bytes. */
  readonly usableBytes: number;
  /** `space.total_used` (2.56's name), else `space.total_physical`, bytes. */
  readonly physicalUsedBytes: number;
  /** `space.total_provisioned`, bytes (FB 2.0: the file systems' aggregate row). */
  readonly provisionedBytes: number;
  /**
   * `space.virtual`: logical bytes written to the volumes or file systems (before data reduction),
   * bytes; NaN when absent. Written ÷ provisioned is how much of a thin volume the array's
   * workloads actually write, which the engine charges a new volume with.
   */
  readonly writtenBytes: number;
  /** `space.data_reduction` as reported; undefined when absent. */
  readonly reportedDataReductionRatio?: number;
  /** What the engine gets: the reported ratio, or NaN when too little data is stored to trust it. */
  readonly dataReductionRatio: number;
  /** `space.unique` (else physical used): the data the ratio was computed over, bytes. */
  readonly reducedDataBytes: number;
  readonly parity?: number;
  /** `time` of the space sample on the array's clock, ms. */
  readonly sampleTimeMs?: number;
}

export type LimitSource = 'roster' | 'model-table' | 'unknown-model';

export interface ArrayTelemetryFigures {
  /** `id` of GET /arrays. */
  readonly arrayId: string;
  /** `name` of GET /arrays (the array's own name; the roster name may differ). */
  readonly arrayName: string;
  /** FA: `controllers[].model`; FB: `product_type`, else the chassis' hardware model. */
  readonly model?: string;
  /** The model-table row that matched (or "unknown …"). */
  readonly modelFamily: string;
  readonly purityVersion?: string;
  readonly apiVersion?: string;
  readonly capacity: CapacityFigures;
  readonly performance: PerformanceFigures & LoadEstimate;
  readonly objects: {
    readonly volumeCount: number;
    readonly volumeLimit: number;
    readonly volumeLimitSource: LimitSource;
  };
  readonly problems: readonly HealthProblem[];
}

export interface TelemetryReading {
  /** Roster name of the array. */
  readonly member: string;
  readonly kind: ArrayKind;
  /** What the placement engine reads. */
  readonly candidate: ArrayCandidate;
  /** Collector clock when the first request of the round was sent, ms. */
  readonly observedAtMs: number;
  /** Collector clock when the last answer arrived (or the round failed), ms. */
  readonly completedAtMs: number;
  readonly reachable: boolean;
  /** Why the round failed; undefined when it succeeded. */
  readonly failure?: { readonly error: string; readonly reason: string };
  /**
   * The figures of this round; for a failed round, those of the last successful one (if any),
   * which the candidate repeats so the engine still sees a well-formed reading.
   */
  readonly figures?: ArrayTelemetryFigures;
  /** False when the candidate's id is the roster name because the array was never read. */
  readonly idKnown: boolean;
  /**
   * REST requests sent to the array while the round ran: its GETs, logins and retries, and anything
   * else the process sent to that array meanwhile.
   */
  readonly requestsSent: number;
}

export interface CandidateOptions {
  /** Below this much reduced data, the data-reduction ratio is reported as NaN (default 64 GiB). */
  readonly minDataForReductionRatioBytes: number;
  /** Below this load, saturation comes from the table, not from IOPS ÷ load (default 0.1). */
  readonly minLoadForSaturationEstimate: number;
}

export const DEFAULT_CANDIDATE_OPTIONS: CandidateOptions = {
  minDataForReductionRatioBytes: 64 * 2 ** 30,
  minLoadForSaturationEstimate: 0.1,
};

/** Raw answers of one FlashArray round. */
export interface FlashArrayResponses {
  readonly kind: 'flasharray';
  readonly info: FlashArrayInfo;
  readonly space: FlashArraySpace;
  readonly performance: FlashArrayPerformance;
  readonly volumeCount: number;
  readonly controllers?: readonly FlashArrayController[];
  readonly hardware?: readonly PureHardwareComponent[];
  readonly alerts?: readonly PureAlert[];
  /** Health endpoints that could not be read (the array answered the others). */
  readonly unreadable: readonly string[];
  readonly apiVersion?: string;
}

/** Raw answers of one FlashBlade round. */
export interface FlashBladeResponses {
  readonly kind: 'flashblade';
  readonly info: FlashBladeInfo;
  readonly space: FlashBladeSpace;
  readonly performance: FlashBladePerformance;
  readonly volumeCount: number;
  /** FB 2.0 only: the file systems' provisioned total (arrays/space lacks it). */
  readonly provisionedFallback?: number;
  readonly blades?: readonly FlashBladeBlade[];
  readonly hardware?: readonly PureHardwareComponent[];
  readonly alerts?: readonly PureAlert[];
  readonly unreadable: readonly string[];
  readonly apiVersion?: string;
}

export type ArrayResponses = FlashArrayResponses | FlashBladeResponses;

const finiteOr = (x: unknown, fallback: number): number =>
  typeof x === 'number' && Number.isFinite(x) ? x : fallback;

function capacityFigures(
  space: FlashArraySpace | FlashBladeSpace,
  provisionedFallback: number | undefined,
  options: CandidateOptions,
): CapacityFigures {
  const physical = finiteOr(space.space.total_used, finiteOr(space.space.total_physical, NaN));
  const reduced = finiteOr(space.space.unique, physical);
  const reported =
    typeof space.space.data_reduction === 'number' && Number.isFinite(space.space.data_reduction)
      ? space.space.data_reduction
      : undefined;
  const trusted = reported !== undefined && reported > 0 && reduced >= options.minDataForReductionRatioBytes;
  return {
    usableBytes: finiteOr(space.capacity, NaN),
    physicalUsedBytes: physical,
    provisionedBytes: finiteOr(space.space.total_provisioned, finiteOr(provisionedFallback, NaN)),
    writtenBytes: finiteOr(space.space.virtual, NaN),
    reportedDataReductionRatio: reported,
    dataReductionRatio: trusted ? (reported as number) : NaN,
    reducedDataBytes: reduced,
    parity: typeof space.parity === 'number' ? space.parity : undefined,
    sampleTimeMs: typeof space.time === 'number' ? space.time : undefined,
  };
}

function modelOf(responses: ArrayResponses): string | undefined {
  if (responses.kind === 'flasharray') {
    const primary =
      responses.controllers?.find((c) => c.mode === 'primary' && c.model) ??
      responses.controllers?.find((c) => c.model);
    return primary?.model;
  }
  if (responses.info.product_type) return responses.info.product_type;
  // FB 2.0 has no product_type; the chassis (type `ch`) carries the model.
  return responses.hardware?.find((h) => h.type === 'ch' && h.model)?.model;
}

function problemsOf(responses: ArrayResponses, parity: number | undefined): HealthProblem[] {
  const problems: HealthProblem[] = [];
  if (responses.kind === 'flasharray') problems.push(...controllerProblems(responses.controllers ?? []));
  else problems.push(...bladeProblems(responses.blades ?? []));
  problems.push(...hardwareProblems(responses.hardware ?? []));
  problems.push(...alertProblems(responses.alerts ?? []));
  problems.push(...parityProblems(parity));
  for (const endpoint of responses.unreadable) {
    problems.push({
      code: `HEALTH_UNREADABLE:${endpoint}`,
      severity: 'warning',
      message: `GET ${endpoint} failed; health from it is unknown`,
    });
  }
  return dedupeProblems(problems);
}

/** The figures of a successful round. */
export function figuresFrom(
  member: ArrayMember,
  responses: ArrayResponses,
  options: CandidateOptions = DEFAULT_CANDIDATE_OPTIONS,
): ArrayTelemetryFigures {
  const model = modelOf(responses);
  const defaults = modelDefaults(member.kind, model);
  const capacity = capacityFigures(
    responses.space,
    responses.kind === 'flashblade' ? responses.provisionedFallback : undefined,
    options,
  );
  const perf =
    responses.kind === 'flasharray'
      ? flashArrayPerformanceFigures(responses.performance)
      : flashBladePerformanceFigures(responses.performance);
  const load = estimateLoad({
    figures: perf,
    rosterSaturationIops: member.saturationIops,
    tableSaturationIops: defaults.saturationIops,
    tableKnowsModel: defaults.known,
    minLoadForEstimate: options.minLoadForSaturationEstimate,
  });
  const limitFromRoster = member.volumeLimit !== undefined && member.volumeLimit > 0;
  const volumeLimitSource: LimitSource = limitFromRoster
    ? 'roster'
    : defaults.known
      ? 'model-table'
      : 'unknown-model';
  const parity = capacity.parity ?? (responses.kind === 'flasharray' ? responses.info.parity : undefined);
  return {
    arrayId: responses.info.id,
    arrayName: responses.info.name,
    model,
    modelFamily: defaults.family,
    purityVersion: responses.info.version,
    apiVersion: responses.apiVersion,
    capacity,
    performance: { ...perf, ...load },
    objects: {
      volumeCount: responses.volumeCount,
      volumeLimit: limitFromRoster ? (member.volumeLimit as number) : defaults.volumeLimit,
      volumeLimitSource,
    },
    problems: problemsOf(responses, parity),
  };
}

/** The engine's view of a successful round. */
export function candidateFrom(
  member: ArrayMember,
  figures: ArrayTelemetryFigures,
  observedAtMs: number,
  committedIops: number,
): ArrayCandidate {
  return {
    id: figures.arrayId,
    name: member.name,
    kind: member.kind,
    labels: member.labels,
    observedAtMs,
    health: { reachable: true, cordoned: member.cordoned === true, problems: figures.problems },
    capacity: {
      usableBytes: figures.capacity.usableBytes,
      physicalUsedBytes: figures.capacity.physicalUsedBytes,
      provisionedBytes: figures.capacity.provisionedBytes,
      writtenBytes: figures.capacity.writtenBytes,
      dataReductionRatio: figures.capacity.dataReductionRatio,
    },
    performance: {
      load: figures.performance.load,
      saturationIops: figures.performance.saturationIops,
      committedIops,
      latencyUsec: figures.performance.latencyUsec,
    },
    objects: { volumeCount: figures.objects.volumeCount, volumeLimit: figures.objects.volumeLimit },
  };
}

/**
 * The engine's view of a failed round: reachable false with the reason as a critical problem.
 * Every figure must still be well formed (the engine checks figures before reachability), so the
 * last good figures are repeated, or neutral placeholders when there were none.
 */
export function unreachableCandidate(
  member: ArrayMember,
  reason: string,
  observedAtMs: number,
  last: ArrayTelemetryFigures | undefined,
): ArrayCandidate {
  const defaults = modelDefaults(member.kind, last?.model);
  return {
    id: last?.arrayId ?? member.name,
    name: member.name,
    kind: member.kind,
    labels: member.labels,
    observedAtMs,
    health: {
      reachable: false,
      cordoned: member.cordoned === true,
      problems: [{ code: 'UNREACHABLE', severity: 'critical', message: reason }],
    },
    capacity: {
      usableBytes: last && last.capacity.usableBytes > 0 ? last.capacity.usableBytes : 1,
      physicalUsedBytes: last ? finiteOr(last.capacity.physicalUsedBytes, 0) : 0,
      provisionedBytes: last ? finiteOr(last.capacity.provisionedBytes, 0) : 0,
      writtenBytes: last?.capacity.writtenBytes ?? NaN,
      dataReductionRatio: last?.capacity.dataReductionRatio ?? NaN,
    },
    performance: {
      load: last ? finiteOr(last.performance.load, 0) : 0,
      saturationIops: last?.performance.saturationIops ?? member.saturationIops ?? defaults.saturationIops,
      committedIops: 0,
      latencyUsec: undefined,
    },
    objects: {
      volumeCount: last?.objects.volumeCount ?? 0,
      volumeLimit: last?.objects.volumeLimit ?? member.volumeLimit ?? defaults.volumeLimit,
    },
  };
}

export type { SaturationSource };
