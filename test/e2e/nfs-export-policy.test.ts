// NFS export policies as the FlashBlade specs define them, driven by Terraform and OpenTofu: a
// pure_nfs_export_policy lands on every FlashBlade whose REST version has policies (2.28 here,
// not the 2.0 one); a file volume exporting through it has its inline rules cleared; a rule
// changed in the configuration is edited in place (same rule ids on the arrays); a rule edited
// out of band on one FlashBlade shows as a diff and is repaired.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FleetDescription, RunningFleet } from '../../src/simulator';
import { startFleet } from '../../src/simulator';
import type { CliName } from './harness/workspace';
import { CLI_NAMES, Workspace } from './harness/workspace';
import { ArrayInspector, byAddress, providerBlock } from './support/file-fleet';

jest.setTimeout(300_000);

const FB = {
  type: 'flashblade',
  capacity: '100TiB',
  preexistingUsed: 0.1,
  load: { profile: 'steady', utilization: 0.1 },
} as const;
const FLEET: FleetDescription = {
  name: 'policies',
  arrays: [
    { ...FB, name: 'fb-a', maxApiVersion: '2.28', nfsEndpoint: '10.6.0.1' },
    { ...FB, name: 'fb-b', maxApiVersion: '2.28', nfsEndpoint: '10.6.0.2' },
    { ...FB, name: 'fb-old', maxApiVersion: '2.0', nfsEndpoint: '10.6.0.3' },
  ],
};

function policy(firstPermission: string, anonuid?: number): string {
  const uid = anonuid === undefined ? '' : `, anonuid = ${anonuid}`;
  return `resource "pure_nfs_export_policy" "p" {
  fleet = pure_fleet.f.name
  name  = "apps"
  rules = [
    { client = "10.0.0.0/24", permission = "${firstPermission}", access = "no-squash"${uid} },
    { client = "*", permission = "ro", access = "root-squash" },
  ]
}
resource "pure_volume" "v" {
  fleet           = pure_fleet.f.name
  name            = "data"
  kind            = "file"
  size            = "10G"
  array           = "fb-a"
  export_policy   = pure_nfs_export_policy.p.policy_name
  deletion_policy = "eradicate"
}
`;
}

describe.each(CLI_NAMES)('NFS export policies with %s', (cli: CliName) => {
  let fleet: RunningFleet;
  let workspace: Workspace;
  let inspector: ArrayInspector;
  let base: string;

  beforeAll(async () => {
    fleet = await startFleet(FLEET, { stateDir: mkdtempSync(join(tmpdir(), 'pure-sim-')) });
    inspector = new ArrayInspector(fleet);
    workspace = new Workspace(cli);
    base = providerBlock(fleet, 'policies');
    workspace.writeConfig(base);
    await workspace.init();
  });

  afterAll(async () => {
    workspace?.dispose();
    await inspector?.close();
    await fleet?.stop();
  });

  it('puts the policy on every FlashBlade that has policies, and a file volume exports through it', async () => {
    const state = await workspace.applyStep(base + policy('rw'));
    expect(byAddress(state, 'pure_nfs_export_policy.p').values).toMatchObject({
      policy_name: 'policies-apps',
      arrays: ['fb-a', 'fb-b'],
    });
    expect(byAddress(state, 'pure_volume.v').values).toMatchObject({
      export_policy: 'policies-apps',
      export_rules: '',
    });
    for (const array of ['fb-a', 'fb-b']) {
      const p = await inspector.exportPolicy(array, 'policies-apps');
      expect(p?.rules?.map((r) => [r.client, r.permission, r.access])).toEqual([
        ['10.0.0.0/24', 'rw', 'no-squash'],
        ['*', 'ro', 'root-squash'],
      ]);
    }
    // The provider never asked the 2.0 FlashBlade for policies: its spec has none.
    const old = await fleet.control.counters('fb-old');
    expect(Object.keys(old.endpoints).filter((k) => k.includes('nfs-export-policies'))).toEqual([]);
    const fs = await inspector.fileSystem('fb-a', 'policies-data');
    expect(fs?.nfs).toMatchObject({ rules: '', export_policy: { name: 'policies-apps' } });
  });

  it('edits a changed rule in place', async () => {
    const before = await inspector.exportPolicy('fb-a', 'policies-apps');
    workspace.writeConfig(base + policy('ro', 1000));
    const plan = await workspace.planJson();
    const actions = Object.fromEntries(
      (plan.resource_changes ?? []).map((c) => [c.address, c.change.actions]),
    );
    expect(actions['pure_nfs_export_policy.p']).toEqual(['update']);
    expect(actions['pure_volume.v']).toEqual(['no-op']);
    await workspace.applyStep();
    for (const array of ['fb-a', 'fb-b']) {
      const after = await inspector.exportPolicy(array, 'policies-apps');
      expect(after?.rules?.[0]).toMatchObject({ client: '10.0.0.0/24', permission: 'ro', anonuid: 1000 });
    }
    const after = await inspector.exportPolicy('fb-a', 'policies-apps');
    expect(after?.rules?.map((r) => r.id)).toEqual(before?.rules?.map((r) => r.id));
  });

  it('shows a rule edited out of band on one FlashBlade as a diff, and repairs it', async () => {
    await inspector.patchRule('fb-b', 'policies-apps.2', { permission: 'rw' });
    const plan = await workspace.planJson();
    const change = (plan.resource_changes ?? []).find((c) => c.address === 'pure_nfs_export_policy.p');
    expect(change?.change.actions).toEqual(['update']);
    await workspace.applyStep();
    expect((await inspector.exportPolicy('fb-b', 'policies-apps'))?.rules?.[1]).toMatchObject({
      client: '*',
      permission: 'ro',
    });
  });

  it('destroys the volume, then the policy on every FlashBlade', async () => {
    await workspace.destroy();
    for (const array of ['fb-a', 'fb-b'])
      expect(await inspector.exportPolicy(array, 'policies-apps')).toBeUndefined();
  });
});
