// pure_volume's apply-time checks (src/resources/volume-apply.ts): a planned value the create or
// update cannot be built from is a diagnostic on its attribute, never a throw.

import { CtyNumber } from '../../../src/provider/cty/number';
import { UNKNOWN } from '../../../src/provider/cty/value';
import { Diagnostics } from '../../../src/provider/framework/diagnostics';
import {
  applyRequest,
  applySpec,
  baseState,
  type VolumeApplyPlan,
  type VolumeConfig,
} from '../../../src/resources/volume-apply';

const BLOCK = {
  fleet: 'f',
  name: 'v',
  size: '10G',
  size_bytes: CtyNumber.of(10 * 2 ** 30),
  kind: 'block',
  nfs_v3: null,
  nfs_v4_1: null,
  export_rules: null,
  export_policy: null,
  hard_limit: null,
  iops_limit: null,
  bandwidth_limit: null,
  snapshot_every: null,
  snapshot_retention: null,
  array: UNKNOWN,
  array_labels: null,
  expected_iops: null,
  placement: UNKNOWN,
  connections: UNKNOWN,
  serial: UNKNOWN,
};

// The models are built by hand here; the framework's checks (known-models.ts) are tested on their own.
function plan(values: Record<string, unknown>): VolumeApplyPlan {
  return { ...BLOCK, ...values } as unknown as VolumeApplyPlan;
}
const config = { array: null } as unknown as VolumeConfig;

function problems(p: VolumeApplyPlan): { path: string; detail: string }[] {
  const diags = new Diagnostics();
  const request = applyRequest(p, config, diags);
  const spec = applySpec(p, new Diagnostics());
  expect(request === undefined).toBe(diags.hasErrors());
  expect(spec === undefined).toBe(diags.hasErrors());
  return diags.all.map((d) => ({ path: JSON.stringify(d.path), detail: d.detail ?? '' }));
}

describe('apply-time volume request', () => {
  test('a known plan builds the request, with no diagnostic', () => {
    const diags = new Diagnostics();
    expect(applyRequest(plan({}), config, diags)?.create).toEqual({
      sizeBytes: 10 * 2 ** 30,
      spec: { kind: 'block', qos: { iopsLimit: null, bandwidthLimit: null } },
    });
    expect(diags.all).toEqual([]);
  });

  test('size_bytes still unknown, or never planned, is an error on size_bytes', () => {
    const [unknown] = problems(plan({ size_bytes: UNKNOWN }));
    expect(unknown?.path).toBe('[{"attribute":"size_bytes"}]');
    expect(unknown?.detail).toMatch(/still unknown at apply time/);
    expect(problems(plan({ size_bytes: null }))[0]?.detail).toMatch(/was not planned/);
  });

  test("a file volume's defaults still unknown are errors on their attribute", () => {
    const file = { kind: 'file', nfs_v3: true, nfs_v4_1: true, hard_limit: false, export_rules: '' };
    expect(problems(plan(file))).toEqual([]);
    expect(problems(plan({ ...file, nfs_v4_1: UNKNOWN }))[0]?.path).toBe('[{"attribute":"nfs_v4_1"}]');
    expect(problems(plan({ ...file, export_rules: UNKNOWN }))[0]?.path).toBe(
      '[{"attribute":"export_rules"}]',
    );
  });

  test('values only the skipped validators refuse are errors on their attribute', () => {
    expect(problems(plan({ kind: 'tape' }))[0]?.path).toBe('[{"attribute":"kind"}]');
    expect(problems(plan({ bandwidth_limit: 'fast' }))[0]?.path).toBe('[{"attribute":"bandwidth_limit"}]');
    expect(problems(plan({ snapshot_every: '1h', snapshot_retention: 'soon' }))[0]?.path).toBe(
      '[{"attribute":"snapshot_retention"}]',
    );
  });

  test('the state a create starts from holds no unknown', () => {
    const base = baseState(plan({}), 'f/v');
    expect(base.id).toBe('f/v');
    expect([base.array, base.placement, base.connections, base.serial]).toEqual([null, null, null, null]);
  });
});
