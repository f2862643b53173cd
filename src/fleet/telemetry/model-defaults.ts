// Per-model defaults for the two figures Purity does not expose over REST: how many volumes (FA)
// or file systems (FB) a model supports, and the IOPS at which it saturates. APPROXIMATE: these are
// round numbers of the right order for each family, not values from a Pure datasheet or a
// measurement, and Purity releases change the object limits. They are used only when a figure
// cannot be observed and the roster gives no per-array value (`volumeLimit`, `saturationIops` on
// the array member); operators with real arrays should set both. engineering/fleet.md says the same.

import type { ArrayKind } from '../rest/versions';

export interface ModelDefaults {
  /** Which table row matched, for explanations ("FA-X70*"). */
  readonly family: string;
  /** Volumes (FA) or file systems (FB), destroyed ones included. */
  readonly volumeLimit: number;
  /** Front-end IOPS at which the array's load reaches 1. */
  readonly saturationIops: number;
}

interface Row extends ModelDefaults {
  readonly kind: ArrayKind;
  readonly pattern: RegExp;
}

// Matched in order against the controller model (FA `controllers[].model`) or the product type /
// chassis model (FB); the first match wins, so specific rows come before family catch-alls.
const ROWS: readonly Row[] = [
  {
    kind: 'flasharray',
    family: 'FA-X10/X20',
    pattern: /^FA-X(10|20)(?!\d)/i,
    volumeLimit: 5_000,
    saturationIops: 150_000,
  },
  { kind: 'flasharray', family: 'FA-X50', pattern: /^FA-X50/i, volumeLimit: 10_000, saturationIops: 250_000 },
  { kind: 'flasharray', family: 'FA-X70', pattern: /^FA-X70/i, volumeLimit: 10_000, saturationIops: 400_000 },
  { kind: 'flasharray', family: 'FA-X90', pattern: /^FA-X90/i, volumeLimit: 20_000, saturationIops: 600_000 },
  { kind: 'flasharray', family: 'FA-XL', pattern: /^FA-XL/i, volumeLimit: 20_000, saturationIops: 900_000 },
  { kind: 'flasharray', family: 'FA-C', pattern: /^FA-C/i, volumeLimit: 10_000, saturationIops: 150_000 },
  { kind: 'flasharray', family: 'FA-E', pattern: /^FA-E/i, volumeLimit: 10_000, saturationIops: 100_000 },
  {
    kind: 'flashblade',
    family: 'FB-S200',
    pattern: /^FB-S200/i,
    volumeLimit: 5_000,
    saturationIops: 300_000,
  },
  {
    kind: 'flashblade',
    family: 'FB-S500',
    pattern: /^FB-S500/i,
    volumeLimit: 5_000,
    saturationIops: 600_000,
  },
  { kind: 'flashblade', family: 'FB-E', pattern: /^FB-E/i, volumeLimit: 5_000, saturationIops: 250_000 },
];

/**
 * For a model nobody recognises: a saturation guess on the low side of current models (so an
 * unknown array is not flooded) and no volume limit (the engine treats Infinity as unknown).
 */
export const UNKNOWN_MODEL_DEFAULTS: Readonly<Record<ArrayKind, ModelDefaults>> = {
  flasharray: { family: 'unknown FlashArray', volumeLimit: Infinity, saturationIops: 150_000 },
  flashblade: { family: 'unknown FlashBlade', volumeLimit: Infinity, saturationIops: 250_000 },
};

/** The defaults for a model, or those for an unknown model of that kind. */
export function modelDefaults(
  kind: ArrayKind,
  model: string | undefined,
): ModelDefaults & { known: boolean } {
  const name = (model ?? '').trim();
  const row = name ? ROWS.find((r) => r.kind === kind && r.pattern.test(name)) : undefined;
  if (!row) return { ...UNKNOWN_MODEL_DEFAULTS[kind], known: false };
  return {
    family: row.family,
    volumeLimit: row.volumeLimit,
    saturationIops: row.saturationIops,
    known: true,
  };
}

/** Every row, for documentation and tests. */
export function modelDefaultsTable(): readonly (ModelDefaults & { kind: ArrayKind; pattern: string })[] {
  return ROWS.map((r) => ({
    kind: r.kind,
    family: r.family,
    pattern: r.pattern.source,
    volumeLimit: r.volumeLimit,
    saturationIops: r.saturationIops,
  }));
}
