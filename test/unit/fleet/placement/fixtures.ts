// Builders for readings and requests: round numbers so expected scores can be worked out by hand.

import type { ArrayCandidate, PlacementRequest } from '../../../../src/fleet/placement';

export const TIB = 2 ** 40;
export const NOW = 1_700_000_000_000;

type Overrides = Partial<Omit<ArrayCandidate, 'health' | 'capacity' | 'performance' | 'objects'>> & {
  health?: Partial<ArrayCandidate['health']>;
  capacity?: Partial<ArrayCandidate['capacity']>;
  performance?: Partial<ArrayCandidate['performance']>;
  objects?: Partial<ArrayCandidate['objects']>;
};

/**
 * A healthy FlashArray read just now: 100 TiB usable, 20 TiB provisioned, fully written, at 2:1
 * (10 TiB physical, utilisation 0.1), load 0.1 of 100,000 IOPS, 500 µs, 100 of 1,000 volumes. An
 * override of provisionedBytes alone keeps the volumes fully written (physical = provisioned ÷ DRR).
 */
export function array(id: string, overrides: Overrides = {}): ArrayCandidate {
  const drr = overrides.capacity?.dataReductionRatio ?? 2;
  const provisioned = overrides.capacity?.provisionedBytes ?? 20 * TIB;
  const physical = Number.isFinite(drr) && drr > 0 ? provisioned / drr : provisioned;
  return {
    id,
    name: overrides.name ?? id,
    kind: overrides.kind ?? 'flasharray',
    labels: overrides.labels ?? {},
    observedAtMs: overrides.observedAtMs ?? NOW,
    health: { reachable: true, cordoned: false, problems: [], ...overrides.health },
    capacity: {
      usableBytes: 100 * TIB,
      physicalUsedBytes: physical,
      provisionedBytes: 20 * TIB,
      dataReductionRatio: 2,
      ...overrides.capacity,
    },
    performance: {
      load: 0.1,
      saturationIops: 100_000,
      committedIops: 0,
      latencyUsec: 500,
      ...overrides.performance,
    },
    objects: { volumeCount: 100, volumeLimit: 1_000, ...overrides.objects },
  };
}

export function blade(id: string, overrides: Overrides = {}): ArrayCandidate {
  return array(id, { ...overrides, kind: 'flashblade' });
}

/** A 1 TiB block volume with no selector and 100 IOPS expected. */
export function request(key: string, overrides: Partial<PlacementRequest> = {}): PlacementRequest {
  return { key, kind: 'block', sizeBytes: TIB, labelSelector: {}, expectedIops: 100, ...overrides };
}
