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
   * Fraction of a thin volume's provisioned size expected to be written, overriding what the array
   * shows (written ÷ provisioned, see demand.ts). Unset by default: each array's own figure, or its
   * kind's across the fleet for a new array. Set it for a workload known to differ from the array's
   * average (1.0 counts every provisioned byte as written, the most conservative choice).
   */
  readonly expectedFillRatio?: number;
  /**
   * Data-reduction ratio assumed for an array that reports none (NaN: too little data to measure)
   * when no other array of its kind has one either. Default 1.0: no reduction, the conservative
   * choice for a fleet with nothing to learn from.
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
   * The herding guard (herding.ts): no array takes more of the last 50 placements of its kind than
   * its share of the kind's free room plus 10 points, when another feasible array can take the
   * volume. Default true. (The provider's `spread_concurrent_placements`.)
   */
  readonly spreadConcurrentPlacements: boolean;
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
  defaultDataReductionRatio: 1,
  maxDataReductionRatio: 10,
  defaultIopsPerTib: 100,
  scoreResolution: 0.1,
  weights: DEFAULT_SCORER_WEIGHTS,
  spreadConcurrentPlacements: true,
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

type BooleanField = 'spreadConcurrentPlacements';
type OptionalField = 'expectedFillRatio';
type NumericField = Exclude<keyof PlacementPolicy, 'weights' | BooleanField | OptionalField>;
const BOOLEAN_FIELDS: readonly BooleanField[] = ['spreadConcurrentPlacements'];
/** Numbers that may be left unset (undefined: the engine's own estimate). */
const OPTIONAL_RULES: Readonly<Record<OptionalField, { min: number; max: number; minExclusive: boolean }>> = {
  expectedFillRatio: { min: 0, max: 1, minExclusive: true },
};

/** Inclusive lower bound, upper bound and whether the lower bound itself is allowed. */
const NUMERIC_RULES: Readonly<Record<NumericField, { min: number; max: number; minExclusive: boolean }>> = {
  capacityThreshold: { min: 0, max: 1, minExclusive: true },
  performanceThreshold: { min: 0, max: 1, minExclusive: true },
  latencyThresholdUsec: { min: 0, max: Infinity, minExclusive: true },
  maxTelemetryAgeMs: { min: 0, max: Infinity, minExclusive: true },
  objectLimitThreshold: { min: 0, max: 1, minExclusive: true },
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
  rule: { min: number; max: number; minExclusive: boolean },
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
    if (!(field in DEFAULT_PLACEMENT_POLICY) && !(field in OPTIONAL_RULES))
      issues.push({ path: field, message: 'unknown policy field' });
    else if (value !== undefined) merged[field] = value;
  }
  for (const field of Object.keys(NUMERIC_RULES) as NumericField[]) {
    const problem = checkNumber(field, merged[field], NUMERIC_RULES[field]);
    if (problem) issues.push({ path: field, message: problem });
  }
  for (const field of Object.keys(OPTIONAL_RULES) as OptionalField[]) {
    if (merged[field] === undefined) continue;
    const problem = checkNumber(field, merged[field], OPTIONAL_RULES[field]);
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
