// QoS limits on both kinds (src/resources/volume-qos.ts, volume-plan.ts): the ranges are each
// array's own, read here from Pure's specs so the table fails when a spec moves; out-of-range values
// are errors on their attribute, for block and file volumes alike; a file volume's spec carries its
// limits to the FlashBlade backend.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CtyNumber } from '../../../src/provider/cty/number';
import { Diagnostics } from '../../../src/provider/framework/diagnostics';
import { specOf, validateVolumeConfig } from '../../../src/resources/volume-plan';
import { QOS_RANGES, qosState } from '../../../src/resources/volume-qos';
import type { VolumePlan } from '../../../src/resources/volume-state';

const SPEC_DIR =
  process.env.PURE_OPENAPI_DIR ?? path.resolve(__dirname, '..', '..', '..', '..', 'shared', 'pure-openapi');

/** `minimum` and `maximum` of a schema (or one of its properties) in a spec, by text. */
function bounds(spec: string, schema: string, property?: string): { min: number; max: number } {
  const text = readFileSync(path.join(SPEC_DIR, `${spec}.spec.yaml`), 'utf8');
  const start = text.indexOf(`\n    ${schema}:\n`);
  if (start < 0) throw new Error(`${schema} not in ${spec}`);
  let block = text.slice(start + 1);
  block = block.slice(0, block.slice(1).search(/\n {4}[A-Za-z_]/) + 1);
  if (property) {
    const at = block.indexOf(`${property}:`);
    if (at < 0) throw new Error(`${schema}.${property} not in ${spec}`);
    block = block.slice(at);
  }
  const min = /minimum: (\d+)/.exec(block)?.[1];
  const max = /maximum: (\d+)/.exec(block)?.[1];
  if (!min || !max) throw new Error(`no bounds for ${schema}.${property ?? ''} in ${spec}`);
  return { min: Number(min), max: Number(max) };
}

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
  iops_limit: null,
  bandwidth_limit: null,
};

function model(values: Record<string, unknown>): VolumePlan {
  return { fleet: 'f', name: 'v', size: '10G', ...NULLS, ...values } as unknown as VolumePlan;
}

function errors(config: VolumePlan): { summary: string; detail: string; path: string }[] {
  const diags = new Diagnostics();
  validateVolumeConfig(config, diags);
  return diags.all.map((d) => ({ summary: d.summary, detail: d.detail ?? '', path: JSON.stringify(d.path) }));
}

describe('QoS ranges', () => {
  test('are FlashArray’s and FlashBlade’s own, as their specs state them', () => {
    const fa = {
      iops: bounds('FA2.56', '_qos_iops_limit_type'),
      bandwidth: bounds('FA2.56', '_qos_bw_limit_type'),
    };
    const fb = {
      iops: bounds('FB2.28', 'QosPolicy', 'max_total_ops_per_sec'),
      bandwidth: bounds('FB2.28', 'QosPolicy', 'max_total_bytes_per_sec'),
    };
    const asNumbers = (k: 'block' | 'file'): unknown => ({
      iops: QOS_RANGES[k].iops,
      bandwidth: { min: Number(QOS_RANGES[k].bandwidth.min), max: Number(QOS_RANGES[k].bandwidth.max) },
    });
    expect(asNumbers('block')).toEqual(fa);
    expect(asNumbers('file')).toEqual(fb);
  });

  test.each(['block', 'file'] as const)(
    'values outside the %s range are errors on their attribute',
    (kind) => {
      const range = QOS_RANGES[kind];
      const bad = errors(
        model({ kind, iops_limit: CtyNumber.of(range.iops.min - 1), bandwidth_limit: '1023K' }),
      );
      expect(bad.map((e) => [e.summary, e.path])).toEqual([
        ['IOPS limit out of range', '[{"attribute":"iops_limit"}]'],
        ['Bandwidth limit out of range', '[{"attribute":"bandwidth_limit"}]'],
      ]);
      expect(bad[0]?.detail).toMatch(kind === 'file' ? /FlashBlade's range/ : /FlashArray's range/);
      expect(bad[0]?.detail).toMatch(/from 100 to 100M/);
      expect(bad[1]?.detail).toMatch(/1M to 512G per second/);
      expect(errors(model({ kind, iops_limit: CtyNumber.of(range.iops.max + 1) }))).toHaveLength(1);
      expect(errors(model({ kind, bandwidth_limit: '513G' }))).toHaveLength(1);
      expect(
        errors(model({ kind, iops_limit: CtyNumber.of(range.iops.max), bandwidth_limit: '512G' })),
      ).toEqual([]);
      expect(errors(model({ kind, iops_limit: CtyNumber.of(100), bandwidth_limit: '1M' }))).toEqual([]);
    },
  );
});

describe('file volume QoS', () => {
  const file = {
    kind: 'file',
    nfs_v3: true,
    nfs_v4_1: true,
    export_rules: '',
    hard_limit: false,
  };

  test('is no longer refused as a block-only attribute', () => {
    expect(errors(model({ ...file, iops_limit: CtyNumber.of(5000), bandwidth_limit: '500M' }))).toEqual([]);
  });

  test('travels in the file spec, null meaning no limit', () => {
    expect(specOf(model({ ...file, iops_limit: CtyNumber.of(5000), bandwidth_limit: '500M' }))).toMatchObject(
      {
        kind: 'file',
        qos: { iopsLimit: 5000, bandwidthLimit: 500 * 2 ** 20 },
      },
    );
    expect(specOf(model(file))).toMatchObject({ qos: { iopsLimit: null, bandwidthLimit: null } });
    expect(specOf(model({ ...file, bandwidth_limit: 'lots' }))).toBeUndefined();
  });

  test('state keeps the configured spelling of the same bandwidth, and the array’s otherwise', () => {
    const base = { iops_limit: null, bandwidth_limit: '1024M' };
    expect(qosState(base, { iopsLimit: 300, bandwidthLimit: 2 ** 30 })).toEqual({
      iops_limit: CtyNumber.of(300),
      bandwidth_limit: '1024M',
    });
    expect(qosState(base, { iopsLimit: null, bandwidthLimit: 2 ** 31 })).toEqual({
      iops_limit: null,
      bandwidth_limit: '2G',
    });
  });
});
