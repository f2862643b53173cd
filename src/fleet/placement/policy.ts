// Placement policy: the thresholds, assumptions and weights the engine decides with. Defaults are
// documented where they are set; resolvePlacementPolicy validates overrides and reports every bad
// field at once, with its path, so the provider can pin each diagnostic to the configuration.

export interface PlacementPolicy {
  /**
   * Highest physical utilisation of usable capacity an array may reach after a placement, counting
   * reservations. Default 0.85: FlashArray performance and garbage collection suffer well before
   * 100%, and Storage DRS uses 0.80 for the same reason; 0.85 leaves the array one refresh of growth.
   */
  readonly capacityThreshold: number;
  /** Highest load (0..1 of saturation) an array may reach after a placement. Default 0.8. */
  readonly performanceThreshold: number;
  /** Arrays whose average latency exceeds this, µs, take no new volumes. Default 10,000 (10 ms). */
  readonly latencyThresholdUsec: number;
  /** Readings older than this, ms, exclude the array (STALE_TELEMETRY). Default 120,000 (2 min). */
  readonly maxTelemetryAgeMs: number;
  /** Fraction of the model's volume limit usable by placements. Default 0.95. */
  readonly objectLimitThreshold: number;
  /**
   * Fraction of a thin volume's provisioned size expected to be written eventually. A new thin volume
   * uses no physical space at first; planning for its full size (default 1.0) means the array still
   * fits when the volume fills, which is the promise a placement makes. Lower it for sparse workloads.
   */
  readonly expectedFillRatio: number;
  /**
   * Data-reduction ratio assumed for an array that reports none (NaN: too little data to measure).
   * Default 1.0: no reduction, the conservative choice for an empty array.
   */
  readonly defaultDataReductionRatio: number;
  /**
   * Cap on an array's observed data-reduction ratio. Default 10: above what mixed workloads show
   * (databases 3–5:1, VDI up to 10:1), so one array of zeros cannot look bottomless.
   */
  readonly maxDataReductionRatio: number;
  /** Expected IOPS per TiB of provisioned size when a request states none. Default 100. */
  readonly defaultIopsPerTib: number;
  /** Totals are rounded to this before comparing, so near-ties become ties. Default 0.1. */
  readonly scoreResolution: number;
  /** Weight per scorer name; 0 turns a scorer off. Defaults from placement-anchors.md §7. */
  readonly weights: Readonly<Record<string, number>>;
  /**
   * Spread concurrent placements: among arrays that pass every filter, one already holding more than
   * ⌈K ÷ E⌉ of the K creates in flight on the request's candidates (E feasible arrays) is skipped, so a
   * burst spreads however strongly one array wins on score. Default true.
   */
  readonly spreadConcurrentPlacements: boolean;
  /**
   * With burst spreading, an array that would take its last allowed volume of the burst (the
   * ⌈K ÷ E⌉ + 1-th) keeps that slot for a volume at least as large as the average of the creates in
   * flight, when another array not at its last slot can take this one. The cap counts volumes; this
   * spends a large array's few slots on large volumes, so that its share of the burst's bytes can
   * match its share of capacity. Default true; it only ever narrows the choice, so the cap holds.
   */
  readonly sizeAwareSpreading: boolean;
  /**
   * With burst spreading, distribution-aware slots: an array whose share of its kind's room is larger
   * than its remaining slots of the burst can carry at the average request size spends those slots
   * on large volumes only: a request below a size threshold, chosen from the request sizes the engine
   * has learned so that the volumes the array accepts carry its share of the bytes, goes to the best
   * array not in that situation, when there is one. Default true; it only ever narrows the choice.
   */
  readonly distributionAwareSlots: boolean;
  /**
   * Margin, ms, after a confirmed create before a reading counts as reflecting it (clock skew between
   * the collector and the caller that confirmed). Default 1,000.
   */
  readonly telemetryLagMs: number;
  /**
   * A reservation that is never confirmed nor released is dropped this long after it was made, ms,
   * so a caller that crashed cannot hold capacity for ever. Default 1,800,000 (30 min, longer than
   * Terraform's default create timeout).
   */
  readonly reservationTtlMs: number;
}

export const DEFAULT_SCORER_WEIGHTS: Readonly<Record<string, number>> = Object.freeze({
  capacity: 3,
  performance: 2,
  bottleneck: 2,
  latency: 1,
  objects: 1,
  fit: 3,
});

export const DEFAULT_PLACEMENT_POLICY: PlacementPolicy = Object.freeze({
  capacityThreshold: 0.85,
  performanceThreshold: 0.8,
  latencyThresholdUsec: 10_000,
  maxTelemetryAgeMs: 120_000,
  objectLimitThreshold: 0.95,
  expectedFillRatio: 1,
  defaultDataReductionRatio: 1,
  maxDataReductionRatio: 10,
  defaultIopsPerTib: 100,
  scoreResolution: 0.1,
  weights: DEFAULT_SCORER_WEIGHTS,
  spreadConcurrentPlacements: true,
  sizeAwareSpreading: true,
  distributionAwareSlots: true,
  telemetryLagMs: 1_000,
  reservationTtlMs: 1_800_000,
});

/** Overrides as they come from the provider block: any subset, weights merged per scorer. */
export type PlacementPolicyOverrides = Partial<Omit<PlacementPolicy, 'weights'>> & {
  readonly weights?: Readonly<Record<string, number>>;
};

export interface PolicyIssue {
  /** Field path, e.g. "capacityThreshold" or "weights.capacity". */
  readonly path: string;
  readonly message: string;
}

export class PlacementPolicyError extends Error {
  constructor(readonly issues: readonly PolicyIssue[]) {
    super(`invalid placement policy: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
    this.name = 'PlacementPolicyError';
  }
}

type BooleanField = 'spreadConcurrentPlacements' | 'sizeAwareSpreading' | 'distributionAwareSlots';
type NumericField = Exclude<keyof PlacementPolicy, 'weights' | BooleanField>;
const BOOLEAN_FIELDS: readonly BooleanField[] = [
  'spreadConcurrentPlacements',
  'sizeAwareSpreading',
  'distributionAwareSlots',
];

/** Inclusive lower bound, upper bound and whether the lower bound itself is allowed. */
const NUMERIC_RULES: Readonly<Record<NumericField, { min: number; max: number; minExclusive: boolean }>> = {
  capacityThreshold: { min: 0, max: 1, minExclusive: true },
  performanceThreshold: { min: 0, max: 1, minExclusive: true },
  latencyThresholdUsec: { min: 0, max: Infinity, minExclusive: true },
  maxTelemetryAgeMs: { min: 0, max: Infinity, minExclusive: true },
  objectLimitThreshold: { min: 0, max: 1, minExclusive: true },
  expectedFillRatio: { min: 0, max: 1, minExclusive: true },
  defaultDataReductionRatio: { min: 1, max: Infinity, minExclusive: false },
  maxDataReductionRatio: { min: 1, max: Infinity, minExclusive: false },
  defaultIopsPerTib: { min: 0, max: Infinity, minExclusive: false },
  scoreResolution: { min: 0, max: 100, minExclusive: true },
  telemetryLagMs: { min: 0, max: Infinity, minExclusive: false },
  reservationTtlMs: { min: 0, max: Infinity, minExclusive: true },
};

function checkNumber(
  path: string,
  value: unknown,
  rule: (typeof NUMERIC_RULES)[NumericField],
): string | null {
  if (typeof value !== 'number' || Number.isNaN(value)) return 'must be a number';
  const tooLow = rule.minExclusive ? value <= rule.min : value < rule.min;
  if (tooLow || value > rule.max) {
    const lower = rule.minExclusive ? `> ${rule.min}` : `>= ${rule.min}`;
    const upper = rule.max === Infinity ? '' : ` and <= ${rule.max}`;
    return `must be ${lower}${upper}, got ${value}${path.endsWith('Ms') ? ' ms' : ''}`;
  }
  return null;
}

/**
 * Merges overrides onto the defaults and validates the result. Weight names are checked against the
 * scorers in use by the engine (`knownScorers`), so a typo is an error rather than a silent no-op.
 */
export function resolvePlacementPolicy(
  overrides: PlacementPolicyOverrides = {},
  knownScorers: readonly string[] = Object.keys(DEFAULT_SCORER_WEIGHTS),
): PlacementPolicy {
  const issues: PolicyIssue[] = [];
  const merged: Record<string, unknown> = { ...DEFAULT_PLACEMENT_POLICY };
  for (const [field, value] of Object.entries(overrides)) {
    if (field === 'weights') continue;
    if (!(field in DEFAULT_PLACEMENT_POLICY)) issues.push({ path: field, message: 'unknown policy field' });
    else if (value !== undefined) merged[field] = value;
  }
  for (const field of Object.keys(NUMERIC_RULES) as NumericField[]) {
    const problem = checkNumber(field, merged[field], NUMERIC_RULES[field]);
    if (problem) issues.push({ path: field, message: problem });
  }
  for (const field of BOOLEAN_FIELDS) {
    if (typeof merged[field] !== 'boolean') issues.push({ path: field, message: 'must be a boolean' });
  }
  const weights = resolveWeights(overrides.weights, knownScorers, issues);
  if (
    issues.length === 0 &&
    (merged.defaultDataReductionRatio as number) > (merged.maxDataReductionRatio as number)
  ) {
    issues.push({ path: 'defaultDataReductionRatio', message: 'must not exceed maxDataReductionRatio' });
  }
  if (issues.length > 0) throw new PlacementPolicyError(issues);
  return Object.freeze({ ...(merged as unknown as PlacementPolicy), weights });
}

function resolveWeights(
  overrides: Readonly<Record<string, number>> | undefined,
  knownScorers: readonly string[],
  issues: PolicyIssue[],
): Readonly<Record<string, number>> {
  const weights: Record<string, number> = {};
  for (const name of knownScorers) weights[name] = DEFAULT_SCORER_WEIGHTS[name] ?? 0;
  for (const [name, weight] of Object.entries(overrides ?? {})) {
    if (!knownScorers.includes(name)) {
      issues.push({
        path: `weights.${name}`,
        message: `no scorer named "${name}" (known: ${knownScorers.join(', ')})`,
      });
    } else if (typeof weight !== 'number' || !Number.isFinite(weight) || weight < 0) {
      issues.push({
        path: `weights.${name}`,
        message: `must be a finite number >= 0, got ${String(weight)}`,
      });
    } else {
      weights[name] = weight;
    }
  }
  const total = Object.values(weights).reduce((sum, w) => sum + w, 0);
  if (total <= 0) issues.push({ path: 'weights', message: 'at least one scorer needs a weight > 0' });
  return Object.freeze(weights);
}
