// pure_volume's plan-time rules that span attributes (src/resources/volume-plan.ts): kind-only
// attributes, the size range of the kind, export rules, and the defaults each kind plans.

import { isUnknown } from '../../../src/provider/cty/value';
import { Diagnostics } from '../../../src/provider/framework/diagnostics';
import {
  planKindDefaults,
  specOf,
  validateVolumeConfig,
  volumeRequest,
} from '../../../src/resources/volume-plan';
import type { VolumePlan } from '../../../src/resources/volume-state';
import { CtyNumber } from '../../../src/provider/cty/number';

const NULLS = {
  kind: null,
  nfs_v3: null,
  nfs_v4_1: null,
  export_rules: null,
  export_policy: null,
  hard_limit: null,
  mount_path: null,
  array: null,
  array_labels: null,
  expected_iops: null,
};

function model(values: Record<string, unknown>): VolumePlan {
  return { fleet: 'f', name: 'v', size: '10G', ...NULLS, ...values } as unknown as VolumePlan;
}

function errors(config: VolumePlan): { summary: string; path: string }[] {
  const diags = new Diagnostics();
  validateVolumeConfig(config, diags);
  return diags.all.map((d) => ({ summary: d.summary, path: JSON.stringify(d.path) }));
}

describe('validateVolumeConfig', () => {
  test('a file-only attribute on a block volume is an error on that attribute', () => {
    expect(errors(model({ nfs_v3: true, hard_limit: false }))).toEqual([
      { summary: 'nfs_v3 is for file volumes', path: '[{"attribute":"nfs_v3"}]' },
      { summary: 'hard_limit is for file volumes', path: '[{"attribute":"hard_limit"}]' },
    ]);
  });

  test('connections to hosts and host groups on a file volume are errors on those attributes', () => {
    expect(errors(model({ kind: 'file', hosts: ['h1'], host_groups: ['cluster'] }))).toEqual([
      { summary: 'hosts is for block volumes', path: '[{"attribute":"hosts"}]' },
      { summary: 'host_groups is for block volumes', path: '[{"attribute":"host_groups"}]' },
    ]);
  });

  test('sizes are checked against the range of the kind, on size', () => {
    expect(errors(model({ kind: 'file', size: '9P' }))).toEqual([
      { summary: 'Invalid volume size', path: '[{"attribute":"size"}]' },
    ]);
    expect(errors(model({ kind: 'file', size: '1048577' }))).toEqual([]);
    expect(errors(model({ size: '1048577' }))).toEqual([
      { summary: 'Invalid volume size', path: '[{"attribute":"size"}]' },
    ]);
  });

  test('export rules are parsed, and rules with a policy are refused on export_policy', () => {
    expect(errors(model({ kind: 'file', export_rules: '10.0.0.0/99(rw)' }))).toEqual([
      { summary: 'Invalid NFS export rules', path: '[{"attribute":"export_rules"}]' },
    ]);
    expect(errors(model({ kind: 'file', export_rules: '*(ro)', export_policy: 'p' }))).toEqual([
      {
        summary: 'export_rules and export_policy exclude each other',
        path: '[{"attribute":"export_policy"}]',
      },
    ]);
  });
});

describe('planKindDefaults', () => {
  test('file volumes plan NFS on, a soft quota and the provider’s default rule, never a world export', () => {
    const plan = model({ kind: 'file' });
    planKindDefaults(plan, model({ kind: 'file' }), null, { exportRules: '10.0.0.0/8(rw)' });
    expect(plan).toMatchObject({
      nfs_v3: true,
      nfs_v4_1: true,
      hard_limit: false,
      export_rules: '10.0.0.0/8(rw)',
    });
    expect(isUnknown(plan.mount_path)).toBe(true);
    const bare = model({ kind: 'file' });
    planKindDefaults(bare, model({ kind: 'file' }), null, {});
    expect(bare.export_rules).toBe('');
    const unconfigured = model({ kind: 'file' });
    planKindDefaults(unconfigured, model({ kind: 'file' }), null, undefined);
    expect(isUnknown(unconfigured.export_rules)).toBe(true);
    const withPolicy = model({ kind: 'file', export_policy: 'p' });
    planKindDefaults(withPolicy, model({ kind: 'file', export_policy: 'p' }), null, { exportRules: '*(rw)' });
    expect(withPolicy.export_rules).toBe('');
  });

  test('block volumes plan no file attributes', () => {
    const plan = model({ kind: 'block', nfs_v3: true });
    planKindDefaults(plan, model({}), null, {});
    expect(plan).toMatchObject({
      nfs_v3: null,
      nfs_v4_1: null,
      export_rules: null,
      hard_limit: null,
      mount_path: null,
    });
  });
});

describe('volumeRequest', () => {
  test('the size travels as the plan’s size_bytes, with the kind’s spec', () => {
    const plan = model({
      kind: 'file',
      nfs_v3: true,
      nfs_v4_1: false,
      export_rules: '',
      hard_limit: true,
      size_bytes: CtyNumber.of(10 * 2 ** 30),
    });
    const request = volumeRequest(plan, model({ kind: 'file' }));
    expect(request?.requirements).toMatchObject({ key: 'f/v', kind: 'file', sizeBytes: 10 * 2 ** 30 });
    expect(request?.create).toEqual({
      sizeBytes: 10 * 2 ** 30,
      spec: {
        kind: 'file',
        nfsV3: true,
        nfsV41: false,
        exportRules: '',
        hardLimit: true,
        qos: { iopsLimit: null, bandwidthLimit: null },
      },
    });
    // Without size_bytes in the plan there is no request: the size is never parsed again here.
    expect(volumeRequest(model({ kind: 'file' }), model({ kind: 'file' }))).toBeUndefined();
    expect(specOf(model({ kind: 'block' }))).toEqual({
      kind: 'block',
      qos: { iopsLimit: null, bandwidthLimit: null },
    });
  });
});
