// The provider's `placement` block ↔ the placement engine's policy. The engine validates a
// policy and names each bad field; this maps its names back to the block's attributes so every
// diagnostic lands on the line that set the value.

import type { AttributePath } from '../provider/cty/path';
import { CtyNumber } from '../provider/cty/number';
import type { CtyValue } from '../provider/cty/value';
import { isCtyObject } from '../provider/cty/value';
import type { Diagnostics } from '../provider/framework/diagnostics';
import type { PlacementPolicyOverrides } from '../fleet/placement/policy';
import { PlacementPolicyError, resolvePlacementPolicy } from '../fleet/placement/policy';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Each number setting: its engine field and the factor from the block's unit to the engine's. */
const NUMBER_SETTINGS: Readonly<Record<string, { field: keyof PlacementPolicyOverrides; scale: number }>> = {
  capacity_threshold: { field: 'capacityThreshold', scale: 1 },
  performance_threshold: { field: 'performanceThreshold', scale: 1 },
  latency_threshold_ms: { field: 'latencyThresholdUsec', scale: 1000 },
  max_telemetry_age_seconds: { field: 'maxTelemetryAgeMs', scale: 1000 },
  expected_fill_ratio: { field: 'expectedFillRatio', scale: 1 },
  default_iops_per_tib: { field: 'defaultIopsPerTib', scale: 1 },
};

/** The overrides a `placement` block sets; unknown or null values are left to the defaults. */
export function placementOverrides(block: CtyValue | undefined): PlacementPolicyOverrides {
  const overrides: Mutable<PlacementPolicyOverrides> = {};
  if (!isCtyObject(block)) return overrides;
  for (const [attribute, { field, scale }] of Object.entries(NUMBER_SETTINGS)) {
    const value = block[attribute];
    if (value instanceof CtyNumber) (overrides as Record<string, number>)[field] = value.toNumber() * scale;
  }
  const spread = block.spread_concurrent_placements;
  if (typeof spread === 'boolean') overrides.spreadConcurrentPlacements = spread;
  const weights = block.weights;
  if (isCtyObject(weights)) {
    const known = Object.entries(weights).filter((e): e is [string, CtyNumber] => e[1] instanceof CtyNumber);
    overrides.weights = Object.fromEntries(known.map(([name, w]) => [name, w.toNumber()]));
  }
  return overrides;
}

function attributePath(enginePath: string): AttributePath {
  const base: AttributePath = [{ attribute: 'placement' }];
  if (enginePath.startsWith('weights')) {
    const key = enginePath.slice('weights.'.length);
    return key ? [...base, { attribute: 'weights' }, { key }] : [...base, { attribute: 'weights' }];
  }
  const attribute = Object.entries(NUMBER_SETTINGS).find(([, s]) => s.field === enginePath)?.[0];
  if (attribute) return [...base, { attribute }];
  if (enginePath === 'spreadConcurrentPlacements')
    return [...base, { attribute: 'spread_concurrent_placements' }];
  return base;
}

/** Reports every invalid placement setting on its attribute; true when the policy is valid. */
export function checkPlacementPolicy(overrides: PlacementPolicyOverrides, diags: Diagnostics): boolean {
  try {
    resolvePlacementPolicy(overrides);
    return true;
  } catch (err) {
    if (!(err instanceof PlacementPolicyError)) throw err;
    for (const issue of err.issues) {
      diags.error('Invalid placement policy', issue.message, attributePath(issue.path));
    }
    return false;
  }
}
