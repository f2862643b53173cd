// The placement engine's input and output model. The telemetry layer fills ArrayCandidate from each
// array's REST 2.x responses; the resource layer builds PlacementRequest from a pure_volume block.
//
// Sizes are bytes held in a `number` (an IEEE-754 double), not a bigint:
//  - every integer up to 2^53 bytes (8 PiB) is exact, which covers any single volume or file system
//    (a FlashArray volume tops out at 4 PB) and the usable capacity of any one array today;
//  - above that a double still carries 53 significant bits, a relative error under 1.2e-16, far below
//    anything that changes a placement, which only compares ratios such as used / usable;
//  - the arrays' REST APIs return these figures as JSON numbers, which JSON.parse already turns into
//    doubles, so a bigint would add cost without adding precision;
//  - the hot path keeps them in Float64Arrays.
// The exact size the user asked for travels beside the placement (as a cty number) to the create call.

/** Which product an array is; it decides which kind of volume it can hold. */
export type ArrayKind = 'flasharray' | 'flashblade';

/** What a request needs: a block volume (FlashArray) or a file system (FlashBlade). */
export type VolumeKind = 'block' | 'file';

/** The array kind that serves each volume kind. */
export const ARRAY_KIND_FOR_VOLUME: Readonly<Record<VolumeKind, ArrayKind>> = {
  block: 'flasharray',
  file: 'flashblade',
};

/** One problem the array reports (an open alert, a failed component). */
export interface HealthProblem {
  /** A stable code from the telemetry layer, e.g. the alert's code. */
  readonly code: string;
  /** 'critical' excludes the array from new placements; 'warning' is shown but does not exclude it. */
  readonly severity: 'warning' | 'critical';
  readonly message: string;
}

/** One array as the telemetry layer last read it. Every quantity's unit is in its name or comment. */
export interface ArrayCandidate {
  /** Stable identity (the array's id from GET /arrays); the tie-break and the ledger key on it. */
  readonly id: string;
  /** Display name, for explanations only. */
  readonly name: string;
  readonly kind: ArrayKind;
  /** Business-policy tags from the fleet roster, e.g. { zone: 'us-east-1a' }. */
  readonly labels: Readonly<Record<string, string>>;
  /**
   * When the reading was taken, ms since the Unix epoch on the collector's clock. Take it when the
   * request was sent, so that every change completed before it is in the reading: the ledger relies
   * on that to release reservations (see PlacementLedger).
   */
  readonly observedAtMs: number;
  readonly health: {
    /** False when the last poll failed; the array is then excluded whatever else the reading says. */
    readonly reachable: boolean;
    /** Set by an operator to drain an array: existing volumes stay, new ones go elsewhere. */
    readonly cordoned: boolean;
    readonly problems: readonly HealthProblem[];
  };
  readonly capacity: {
    /** Physical capacity the array can store, bytes (FlashArray `capacity`). */
    readonly usableBytes: number;
    /**
     * Physical space in use, bytes, including snapshots and system space (`space.total_physical`):
     * used ÷ usable is the fill the array's GUI and Pure1 show, and the engine's utilisation.
     */
    readonly physicalUsedBytes: number;
    /** Sum of the provisioned (virtual) sizes of every volume or file system, bytes. */
    readonly provisionedBytes: number;
    /**
     * Logical bytes written to those volumes before data reduction (`space.virtual`), bytes; NaN or
     * absent when the array does not report it (the engine then estimates it as physical used × DRR).
     */
    readonly writtenBytes?: number;
    /**
     * Observed data-reduction ratio (logical written ÷ physical stored, e.g. 3.2 for 3.2:1). Pass NaN
     * when the array holds too little data for the ratio to mean anything; the policy's default is
     * then used.
     */
    readonly dataReductionRatio: number;
  };
  readonly performance: {
    /** Observed busyness, 0..1 of the array's saturation (a 30 s average is typical). */
    readonly load: number;
    /** IOPS at which this array's load reaches 1; converts a request's expected IOPS into load. */
    readonly saturationIops: number;
    /**
     * Expected IOPS of the fleet's volumes on this array as the fleet recorded them at create. A new
     * volume is idle at first, so observed load lags what was promised; the engine uses the larger.
     * 0 when unknown.
     */
    readonly committedIops: number;
    /** Average latency per operation, microseconds; undefined when the array does not report it. */
    readonly latencyUsec?: number;
  };
  readonly objects: {
    /** Volumes (FlashArray) or file systems (FlashBlade) on the array, counting every owner. */
    readonly volumeCount: number;
    /** The model's limit for that count; Infinity when unknown. */
    readonly volumeLimit: number;
  };
}

/** One volume to place. */
export interface PlacementRequest {
  /** Stable volume key, e.g. `${fleet}/${name}`: keys the ledger and seeds the rendezvous hash. */
  readonly key: string;
  readonly kind: VolumeKind;
  /** Provisioned size, bytes. The policy turns it into expected physical bytes per array. */
  readonly sizeBytes: number;
  /** Array labels the volume requires, exact match on every entry; {} matches every array. */
  readonly labelSelector: Readonly<Record<string, string>>;
  /** Sustained IOPS the volume is expected to drive; the policy's per-TiB default when omitted. */
  readonly expectedIops?: number;
  /** The user pinned the volume to this array id: every other array is excluded (NOT_PINNED). */
  readonly pinnedArrayId?: string;
  /** Arrays not to use, e.g. those where a create already failed (EXCLUDED_BY_CALLER). */
  readonly excludedArrayIds?: readonly string[];
}

/** Why an array was excluded from one placement. The order is the order the filters run in. */
export type ExclusionReason =
  | 'KIND_MISMATCH'
  | 'LABEL_MISMATCH'
  | 'NOT_PINNED'
  | 'EXCLUDED_BY_CALLER'
  | 'INVALID_TELEMETRY'
  | 'ARRAY_UNREACHABLE'
  | 'ARRAY_CORDONED'
  | 'ARRAY_UNHEALTHY'
  | 'STALE_TELEMETRY'
  | 'CAPACITY_HEADROOM'
  | 'PERFORMANCE_HEADROOM'
  | 'LATENCY'
  | 'OBJECT_LIMIT'
  | 'BURST_SPREAD';

export interface ExcludedArray {
  readonly arrayId: string;
  readonly arrayName: string;
  readonly reason: ExclusionReason;
  /** One sentence with the figures that decided it, e.g. "capacity 0.91 of usable after placement > 0.85". */
  readonly message: string;
  /** Age of the reading the decision used, ms. */
  readonly telemetryAgeMs: number;
}

/** A feasible array as it was scored. */
export interface ScoredArray {
  readonly arrayId: string;
  readonly arrayName: string;
  /** Score per scorer name, each on the absolute 0..100 scale. */
  readonly scores: Readonly<Record<string, number>>;
  /** Σ weight × score ÷ Σ weight, rounded to the policy's score resolution (0.1). */
  readonly totalScore: number;
  /** Physical utilisation of usable capacity after the placement, counting reservations, 0..1+. */
  readonly projectedCapacityUtilisation: number;
  /** Load after the placement, counting reservations, 0..1+. */
  readonly projectedLoad: number;
  readonly telemetryAgeMs: number;
}

/** How the winner was separated from the runners-up. */
export type TieBreak = 'score' | 'rendezvous-hash' | 'array-id' | 'only-candidate';

/** Everything needed to say why a volume went where it went, or why it went nowhere. */
export interface PlacementExplanation {
  readonly requestKey: string;
  /** Engine clock at the decision, ms since the epoch. */
  readonly decidedAtMs: number;
  /** Null when no array could take the request. */
  readonly chosenArrayId: string | null;
  readonly tieBreak: TieBreak | null;
  readonly weights: Readonly<Record<string, number>>;
  /** Expected IOPS the request was charged. */
  readonly expectedIops: number;
  /** Feasible arrays, best first (the order the tie-break produced). */
  readonly candidates: readonly ScoredArray[];
  /** Every other array with the first filter that excluded it, in array-id order. */
  readonly excluded: readonly ExcludedArray[];
}

/** A successful choose-and-reserve. */
export interface PlacementDecision {
  readonly placed: true;
  readonly requestKey: string;
  readonly arrayId: string;
  readonly arrayName: string;
  /** The winner's rounded total score. */
  readonly totalScore: number;
  /** What the ledger now holds for this request on that array. */
  readonly reservation: { readonly physicalBytes: number; readonly iops: number };
  /** Present unless the caller asked for none (the benchmark's hot path). */
  readonly explanation?: PlacementExplanation;
}

/** No array can take the request; the explanation says why for each array. */
export interface PlacementRejection {
  readonly placed: false;
  readonly requestKey: string;
  readonly explanation: PlacementExplanation;
}

export type PlacementOutcome = PlacementDecision | PlacementRejection;
