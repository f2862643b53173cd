// QoS limits on a file volume, as Terraform and OpenTofu drive them against simulated FlashBlades
// (REST 2.28 with QoS policies, 2.0 without): set, changed and removed in place, each checked on the
// array's REST API (the file system's own QoS policy and its limits), not only in state; an
// out-of-band change of the policy shows as exactly that diff and apply repairs it, while
// `apply -refresh-only` writes nothing; out-of-range values and a FlashBlade without QoS policies
// are diagnostics on the attribute, with nothing written; destroy removes the policy.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FleetDescription, RunningFleet } from '../../src/simulator';
import { startFleet } from '../../src/simulator';
import type { CliName, StateResource } from './harness/workspace';
import { CLI_NAMES, Workspace } from './harness/workspace';
import { ArrayAdmin } from './support/array-admin';
import { ArrayInspector, byAddress, providerBlock } from './support/file-fleet';

jest.setTimeout(300_000);

const FB = {
  type: 'flashblade',
  capacity: '100TiB',
  preexistingUsed: 0.1,
  dataReductionRatio: 1,
  load: { profile: 'steady', utilization: 0.1 },
} as const;
const FLEET: FleetDescription = {
  name: 'file-qos',
  arrays: [
    { ...FB, name: 'fb-28', maxApiVersion: '2.28', nfsEndpoint: '10.30.0.28' },
    { ...FB, name: 'fb-20', maxApiVersion: '2.0', nfsEndpoint: '10.30.0.20' },
  ],
};
const MIB = 1024 ** 2;

function fileVolume(array: string, qos: string, label = 'files'): string {
  return `resource "pure_volume" "${label}" {
  fleet = pure_fleet.f.name
  name  = "${label}"
  kind  = "file"
  size  = "100G"
  array = "${array}"
${qos}
}
`;
}

type Change = {
  address: string;
  change: { actions: string[]; before?: Record<string, unknown>; after: Record<string, unknown> };
};

describe.each(CLI_NAMES)('QoS on a file volume with %s', (cli: CliName) => {
  let fleet: RunningFleet;
  let workspace: Workspace;
  let inspector: ArrayInspector;
  let admin: ArrayAdmin;
  let base = '';

  const volume = async (): Promise<StateResource> => byAddress(await workspace.state(), 'pure_volume.files');
  /** The file system's QoS policy on the array, and the policy itself. */
  const onArray = async (): Promise<{ policyName?: string; policy?: Record<string, unknown> }> => {
    const fs = await inspector.fileSystemOf(await volume());
    const policyName = fs?.qos_policy?.name;
    if (!policyName) return {};
    const policy = (await inspector.qosPolicy('fb-28', policyName)) as unknown as Record<string, unknown>;
    return { policyName, policy };
  };

  beforeAll(async () => {
    fleet = await startFleet(FLEET, { stateDir: mkdtempSync(join(tmpdir(), 'pure-sim-')) });
    inspector = new ArrayInspector(fleet);
    admin = new ArrayAdmin(fleet);
    workspace = new Workspace(cli);
    base = providerBlock(fleet, 'fq');
    workspace.writeConfig(base);
    await workspace.init();
  });

  afterAll(async () => {
    admin?.close();
    workspace?.dispose();
    await inspector?.close();
    await fleet?.stop();
  });

  it('sets QoS through a policy of the file system’s own, changes it in place and really removes it', async () => {
    let state = await workspace.applyStep(
      base + fileVolume('fb-28', '  iops_limit = 5000\n  bandwidth_limit = "500M"'),
    );
    const created = byAddress(state, 'pure_volume.files');
    expect(created.values).toMatchObject({
      kind: 'file',
      array: 'fb-28',
      iops_limit: 5000,
      bandwidth_limit: '500M',
    });
    const fsId = (await inspector.fileSystemOf(created))?.id as string;
    let qos = await onArray();
    expect(qos.policyName).toBe(`fq-qos-${fsId}`);
    expect(qos.policy).toMatchObject({
      enabled: true,
      max_total_ops_per_sec: 5000,
      max_total_bytes_per_sec: 500 * MIB,
    });
    const policyId = qos.policy?.id;

    state = await workspace.applyStep(
      base + fileVolume('fb-28', '  iops_limit = 20000\n  bandwidth_limit = "1G"'),
    );
    qos = await onArray();
    expect(qos.policy).toMatchObject({
      id: policyId,
      max_total_ops_per_sec: 20000,
      max_total_bytes_per_sec: 1024 * MIB,
    });
    expect((await inspector.fileSystemOf(byAddress(state, 'pure_volume.files')))?.id).toBe(fsId);

    // One limit removed: gone from the policy, the other kept.
    state = await workspace.applyStep(base + fileVolume('fb-28', '  iops_limit = 20000'));
    qos = await onArray();
    expect(qos.policy?.max_total_ops_per_sec).toBe(20000);
    expect(qos.policy).not.toHaveProperty('max_total_bytes_per_sec');
    expect(byAddress(state, 'pure_volume.files').values.bandwidth_limit).toBeNull();

    // Both removed: detached and the policy deleted.
    state = await workspace.applyStep(base + fileVolume('fb-28', ''));
    expect(await onArray()).toEqual({});
    expect(await inspector.qosPolicy('fb-28', `fq-qos-${fsId}`)).toBeUndefined();
    expect(byAddress(state, 'pure_volume.files').values).toMatchObject({
      iops_limit: null,
      bandwidth_limit: null,
    });
    expect((await inspector.fileSystemOf(byAddress(state, 'pure_volume.files')))?.id).toBe(fsId);
  });

  it('shows an out-of-band QoS change as exactly that diff, writes nothing on refresh-only, and repairs it', async () => {
    await workspace.applyStep(base + fileVolume('fb-28', '  iops_limit = 5000\n  bandwidth_limit = "500M"'));
    const { policyName } = await onArray();
    await inspector.patchQosPolicy('fb-28', policyName as string, { max_total_ops_per_sec: 300 });

    const before = await admin.writeCounts();
    expect((await workspace.apply(['-refresh-only'])).code).toBe(0);
    expect(await admin.writeCounts()).toEqual(before);
    expect((await volume()).values.iops_limit).toBe(300);

    const plan = (await workspace.planJson()) as { resource_changes?: Change[] };
    const changes = (plan.resource_changes ?? []).filter((c) => !c.change.actions.includes('no-op'));
    expect(changes.map((c) => [c.address, c.change.actions])).toEqual([['pure_volume.files', ['update']]]);
    const change = changes[0]?.change;
    const differs = Object.keys(change?.after ?? {}).filter(
      (k) => JSON.stringify(change?.before?.[k]) !== JSON.stringify(change?.after[k]),
    );
    expect(differs).toEqual(['iops_limit']);
    const text = await workspace.run(['plan', '-no-color', '-input=false']);
    expect(text.stdout).toMatch(/~ iops_limit\s+= 300 -> 5000/);

    await workspace.applyStep();
    expect((await onArray()).policy).toMatchObject({
      max_total_ops_per_sec: 5000,
      max_total_bytes_per_sec: 500 * MIB,
    });
  });

  it('reports out-of-range limits on their attribute, in FlashBlade’s terms', async () => {
    workspace.writeConfig(base + fileVolume('fb-28', '  iops_limit = 50\n  bandwidth_limit = "1T"'));
    const bad = await workspace.run(['validate', '-no-color'], { allowFailure: true });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/IOPS limit out of range[\s\S]*?iops_limit\s+= 50[\s\S]*?FlashBlade's range/);
    expect(bad.stderr).toMatch(
      /Bandwidth limit out of range[\s\S]*?bandwidth_limit = "1T"[\s\S]*?1M to 512G/,
    );
  });

  it('refuses QoS on a FlashBlade without QoS policies at plan time, on the attribute, writing nothing', async () => {
    workspace.writeConfig(
      base +
        fileVolume('fb-28', '  iops_limit = 5000\n  bandwidth_limit = "500M"') +
        fileVolume('fb-20', '  iops_limit = 1000', 'old'),
    );
    const before = await admin.writeCounts();
    const refused = await workspace.run(['plan', '-no-color', '-input=false'], { allowFailure: true });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /QoS limits need FlashBlade QoS policies[\s\S]*?iops_limit\s+= 1000[\s\S]*?"fb-20" \(REST 2\.0\) has no QoS policies[\s\S]*?REST 2\.17/,
    );
    expect(await admin.writeCounts()).toEqual(before);
  });

  it('deletes the file system’s policy when the volume is destroyed', async () => {
    workspace.writeConfig(base + fileVolume('fb-28', '  iops_limit = 5000\n  bandwidth_limit = "500M"'));
    const { policyName } = await onArray();
    const fsName = (await volume()).values.backend_name as string;
    await workspace.destroy();
    expect(await workspace.state()).toEqual([]);
    expect(await inspector.qosPolicy('fb-28', policyName as string)).toBeUndefined();
    expect((await inspector.fileSystem('fb-28', fsName))?.destroyed).toBe(true);
  });
});
