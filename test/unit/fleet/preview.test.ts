// The placement preview: earlier requests of the same preview count against each array, pinned
// arrays are named by their roster names, and previewing leaves nothing behind (a second preview
// on the same telemetry gives the same answers).

import type { ArrayCandidate } from '../../../src/fleet/placement';
import type { VolumeRequirements } from '../../../src/fleet/placer';
import { previewPlacements, type PreviewSource } from '../../../src/fleet/preview';
import { TIB, array } from './placement/fixtures';

function source(arrays: readonly ArrayCandidate[]): PreviewSource & { reads: number } {
  const s = {
    reads: 0,
    telemetry: {
      candidates: async () => {
        s.reads += 1;
        return arrays;
      },
    },
  };
  return s;
}

const volume = (name: string, overrides: Partial<VolumeRequirements> = {}): VolumeRequirements => ({
  key: `f/${name}`,
  kind: 'block',
  sizeBytes: 3 * TIB,
  labelSelector: {},
  expectedIops: 10,
  ...overrides,
});

// 100 TiB usable, 80 TiB used, no data reduction: 5 TiB of room below the 0.85 threshold.
const nearlyFull = (id: string, name: string, labels: Record<string, string> = {}) =>
  array(id, {
    name,
    labels,
    observedAtMs: Date.now(),
    capacity: {
      usableBytes: 100 * TIB,
      physicalUsedBytes: 80 * TIB,
      provisionedBytes: 80 * TIB,
      dataReductionRatio: 1,
    },
    performance: { load: 0.1, saturationIops: 100_000, committedIops: 0, latencyUsec: 500 },
  });

test('each request counts the earlier ones against the array, as an apply would', async () => {
  const fleet = source([nearlyFull('id-a', 'fa-a')]);
  const outcomes = await previewPlacements(fleet, [volume('one'), volume('two')], {
    policy: { expectedFillRatio: 1 },
  });
  expect(outcomes.map((o) => o.placed)).toEqual([true, false]);
  expect(outcomes[0]?.placed && outcomes[0].arrayName).toBe('fa-a');
  const rejected = outcomes[1]?.explanation;
  expect(rejected?.excluded.map((e) => [e.arrayName, e.reason])).toEqual([['fa-a', 'CAPACITY_HEADROOM']]);
  expect(fleet.reads).toBe(1);
});

test('previewing reserves nothing: the same preview again gives the same answers', async () => {
  const fleet = source([nearlyFull('id-a', 'fa-a')]);
  const requests = [volume('one'), volume('two')];
  const first = await previewPlacements(fleet, requests, { policy: { expectedFillRatio: 1 } });
  const second = await previewPlacements(fleet, requests, { policy: { expectedFillRatio: 1 } });
  expect(second.map((o) => o.placed)).toEqual(first.map((o) => o.placed));
});

test('the ranking carries every scorer, and a pinned array is named by its roster name', async () => {
  const fleet = source([
    array('id-a', { name: 'fa-a', observedAtMs: Date.now() }),
    array('id-b', { name: 'fa-b', observedAtMs: Date.now() }),
  ]);
  const [free, pinned] = await previewPlacements(fleet, [
    volume('free'),
    volume('pinned', { pinnedArray: 'fa-b' }),
  ]);
  expect(free?.explanation?.candidates.map((c) => c.arrayName).sort()).toEqual(['fa-a', 'fa-b']);
  for (const c of free?.explanation?.candidates ?? []) {
    expect(Object.keys(c.scores).sort()).toEqual([
      'bottleneck',
      'capacity',
      'fit',
      'latency',
      'objects',
      'performance',
    ]);
  }
  expect(pinned?.placed && pinned.arrayName).toBe('fa-b');
  expect(pinned?.explanation?.excluded).toEqual([
    expect.objectContaining({
      arrayName: 'fa-a',
      reason: 'NOT_PINNED',
      message: 'the volume is pinned to array "fa-b"',
    }),
  ]);
});
