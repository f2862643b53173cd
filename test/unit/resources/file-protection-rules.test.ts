// Protection of file volumes at plan time and the FlashBlade policy's schedule as the client reads
// it: the schedule attributes are accepted on file volumes, checked by the same rules as on block
// volumes (a retention shorter than the interval refused on snapshot_retention, for both kinds), and
// a policy is the fleet's schedule only while it holds exactly one plain, enabled rule.

import { FlashBladeSnapshotPolicyClient } from '../../../src/fleet/clients/flashblade-snapshot-policies';
import { Diagnostics } from '../../../src/provider/framework/diagnostics';
import { validateVolumeConfig } from '../../../src/resources/volume-plan';
import type { VolumePlan } from '../../../src/resources/volume-state';

const NULLS = {
  kind: null,
  nfs_v3: null,
  nfs_v4_1: null,
  export_rules: null,
  export_policy: null,
  hard_limit: null,
  iops_limit: null,
  bandwidth_limit: null,
  hosts: null,
  snapshot_every: null,
  snapshot_retention: null,
};

function errors(values: Record<string, unknown>): { summary: string; path: string }[] {
  const diags = new Diagnostics();
  const config = { fleet: 'f', name: 'v', size: '10G', ...NULLS, ...values } as unknown as VolumePlan;
  validateVolumeConfig(config, diags);
  return diags.all.map((d) => ({ summary: d.summary, path: JSON.stringify(d.path) }));
}

describe.each(['file', 'block'])('a %s volume’s schedule', (kind) => {
  test('is accepted when the retention covers the interval', () => {
    expect(errors({ kind, snapshot_every: '1h', snapshot_retention: '1h' })).toEqual([]);
    expect(errors({ kind, snapshot_every: '4h', snapshot_retention: '2d' })).toEqual([]);
  });

  test('is refused on snapshot_retention when the retention is shorter than the interval', () => {
    expect(errors({ kind, snapshot_every: '1h', snapshot_retention: '30m' })).toEqual([
      { summary: 'Invalid snapshot retention', path: '[{"attribute":"snapshot_retention"}]' },
    ]);
  });

  test('needs both attributes', () => {
    expect(errors({ kind, snapshot_every: '1h' })).toEqual([
      { summary: 'A snapshot schedule needs both attributes', path: '[{"attribute":"snapshot_retention"}]' },
    ]);
  });
});

test('hosts stay block-only; the schedule and QoS are not', () => {
  expect(
    errors({ kind: 'file', hosts: ['h1'], iops_limit: 1000, snapshot_every: '1h', snapshot_retention: '1d' }),
  ).toEqual([{ summary: 'hosts is for block volumes', path: '[{"attribute":"hosts"}]' }]);
});

describe('a FlashBlade policy’s schedule', () => {
  const rule = { every: 3_600_000, keep_for: 86_400_000 };
  test('one plain enabled rule is the schedule', () => {
    expect(FlashBladeSnapshotPolicyClient.scheduleOf({ name: 'p', enabled: true, rules: [rule] })).toEqual({
      frequencyMs: 3_600_000,
      retentionSec: 86_400,
    });
  });
  test.each([
    ['disabled', { name: 'p', enabled: false, rules: [rule] }],
    ['no rule', { name: 'p', rules: [] }],
    ['two rules', { name: 'p', rules: [rule, rule] }],
    [
      'a daily rule at a time of day',
      { name: 'p', rules: [{ every: 86_400_000, keep_for: 86_400_000, at: 0 }] },
    ],
  ])('%s is not (the fleet sets it back)', (_what, policy) => {
    expect(FlashBladeSnapshotPolicyClient.scheduleOf(policy)).toBeUndefined();
  });
});
