// Summary statistics over seeds: mean and a 95% confidence interval (Student's t), percentiles.

/** Two-sided 95% Student t quantiles by degrees of freedom (1..30); the normal 1.96 beyond. */
const T95 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131,
  2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];

export interface Summary {
  readonly mean: number;
  /** Half-width of the 95% confidence interval of the mean. */
  readonly ci95: number;
  readonly min: number;
  readonly max: number;
  /** Seeds that had a value (a figure may not exist in every run, e.g. no rejection at all). */
  readonly n: number;
}

export function summarise(values: readonly (number | null)[]): Summary {
  const xs = values.filter((v): v is number => v !== null && Number.isFinite(v));
  const n = xs.length;
  if (n === 0) return { mean: NaN, ci95: NaN, min: NaN, max: NaN, n: 0 };
  const mean = xs.reduce((s, x) => s + x, 0) / n;
  const variance = n > 1 ? xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1) : 0;
  const t = n > 1 ? (T95[n - 2] ?? 1.96) : 0;
  return {
    mean,
    ci95: (t * Math.sqrt(variance)) / Math.sqrt(n),
    min: Math.min(...xs),
    max: Math.max(...xs),
    n,
  };
}

export function percentile(sorted: Float64Array | readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export function stdDev(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const mean = values.reduce((s, x) => s + x, 0) / values.length;
  return Math.sqrt(values.reduce((s, x) => s + (x - mean) ** 2, 0) / values.length);
}
