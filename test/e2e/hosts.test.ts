// Fleet-wide hosts as Terraform and OpenTofu see them: declared once, registered on every
// FlashArray of the roster; a new member gets them on the next apply with no volume change; a
// host deleted out of band is drift and re-created; a host of the same name that the fleet does
// not own is a clear error naming the array, and nothing there changes unless adopted; malformed
// ports are diagnostics on their attribute.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FleetDescription, RunningFleet } from '../../src/simulator';
import { startFleet } from '../../src/simulator';
import type { CliName } from './harness/workspace';
import { CLI_NAMES, Workspace } from './harness/workspace';
import { ArrayAdmin } from './support/array-admin';

jest.setTimeout(300_000);

const ARRAY = {
  type: 'flasharray',
  capacity: '10TiB',
  load: { profile: 'steady', utilization: 0.1 },
} as const;
const FLEET: FleetDescription = {
  name: 'hosts',
  arrays: ['fa-1', 'fa-2', 'fa-3', 'fa-4'].map((name) => ({ ...ARRAY, name })),
};

function providerBlock(fleet: RunningFleet, members: number): string {
  const arrays = fleet.arrays
    .slice(0, members)
    .map(
      (a) =>
        `  array {\n    name = "${a.name}"\n    type = "flasharray"\n    endpoint = "${a.mgmtEndpoint}"\n    api_token = "${a.apiToken}"\n  }`,
    )
    .join('\n');
  return `terraform {\n  required_providers {\n    pure = { source = "pure-fleet/pure" }\n  }\n}\nprovider "pure" {\n  ca_file = "${fleet.caCertPath}"\n${arrays}\n}\nresource "pure_fleet" "f" {\n  name = "hf"\n}\n`;
}

const HOSTS = `
resource "pure_host" "web1" {
  fleet = pure_fleet.f.name
  name  = "web1"
  iqns  = ["iqn.1994-05.com.redhat:web1"]
}
resource "pure_host" "db1" {
  fleet       = pure_fleet.f.name
  name        = "db1"
  nqns        = ["nqn.2014-08.com.example:db1"]
  wwns        = ["21:00:00:24:ff:4c:12:34"]
  personality = "esxi"
}
resource "pure_volume" "v" {
  fleet = pure_fleet.f.name
  name  = "v1"
  size  = "10G"
  array = "fa-1"
  hosts = [pure_host.web1.name, pure_host.db1.name]
}
`;

describe.each(CLI_NAMES)('fleet-wide hosts with %s', (cli: CliName) => {
  let fleet: RunningFleet;
  let workspace: Workspace;
  let admin: ArrayAdmin;

  beforeAll(async () => {
    fleet = await startFleet(FLEET, { stateDir: mkdtempSync(join(tmpdir(), 'pure-sim-')) });
    admin = new ArrayAdmin(fleet);
    workspace = new Workspace(cli);
    workspace.writeConfig(providerBlock(fleet, 3) + HOSTS);
    await workspace.init();
  });

  afterAll(async () => {
    admin?.close();
    workspace?.dispose();
    await fleet?.stop();
  });

  it('registers both hosts on every FlashArray of the roster', async () => {
    const state = await workspace.applyStep();
    for (const a of ['fa-1', 'fa-2', 'fa-3']) expect(await admin.hostNames(a)).toEqual(['db1', 'web1']);
    expect(await admin.hostNames('fa-4')).toEqual([]);
    const db1 = (await admin.items('fa-2', 'hosts', 'names=db1'))[0];
    expect(db1).toEqual(
      expect.objectContaining({
        nqns: ['nqn.2014-08.com.example:db1'],
        wwns: ['21:00:00:24:ff:4c:12:34'],
        personality: 'esxi',
      }),
    );
    // The volume, connected to both hosts, is connected on its own array only, LUNs in state.
    const v = state.find((r) => r.address === 'pure_volume.v');
    expect(v?.values.connections).toEqual([
      { host: 'db1', lun: 1 },
      { host: 'web1', lun: 1 },
    ]);
    for (const a of ['fa-2', 'fa-3']) expect(await admin.items(a, 'connections')).toEqual([]);
    const web1 = state.find((r) => r.address === 'pure_host.web1');
    expect(web1?.values.arrays).toEqual(['fa-1', 'fa-2', 'fa-3']);
    expect(web1?.values.id).toBe('hf/web1');
    // Import by the documented id finds the same host on the arrays.
    await workspace.importStep(
      'pure_host.db1',
      'hf/db1',
      state.find((r) => r.address === 'pure_host.db1')!,
    );
  });

  it('registers the hosts on a new member on the next apply, and no volume changes', async () => {
    workspace.writeConfig(providerBlock(fleet, 4) + HOSTS);
    const plan = await workspace.planJson();
    const changed = (plan.resource_changes ?? []).filter((c) => !c.change.actions.includes('no-op'));
    const actions = Object.fromEntries(changed.map((c) => [c.address, c.change.actions]));
    expect(actions['pure_host.web1']).toEqual(['update']);
    expect(actions['pure_host.db1']).toEqual(['update']);
    expect(actions['pure_volume.v']).toBeUndefined();
    await workspace.applyStep();
    expect(await admin.hostNames('fa-4')).toEqual(['db1', 'web1']);
    // The volume kept its connections on its own array, untouched.
    const luns = (await admin.items('fa-1', 'connections', 'volume_names=hf-v1')).map((c) => [
      (c.host as { name: string }).name,
      c.lun,
    ]);
    expect(luns.sort()).toEqual([
      ['db1', 1],
      ['web1', 1],
    ]);
  });

  it('shows a host deleted out of band as drift and re-creates it; refresh-only writes nothing', async () => {
    expect(await admin.call('fa-2', 'DELETE', 'hosts', 'names=web1')).toBe(200);
    const before = await admin.writeCounts();
    const refresh = await workspace.apply(['-refresh-only']);
    expect(refresh.code).toBe(0);
    expect(await admin.writeCounts()).toEqual(before);
    expect(await admin.hostNames('fa-2')).toEqual(['db1']);

    const plan = await workspace.planJson();
    const changed = (plan.resource_changes ?? []).filter((c) => !c.change.actions.includes('no-op'));
    expect(changed.map((c) => [c.address, c.change.actions])).toEqual([['pure_host.web1', ['update']]]);
    expect(changed[0]?.change.after.arrays).toEqual(['fa-1', 'fa-2', 'fa-3', 'fa-4']);
    await workspace.applyStep();
    expect(await admin.hostNames('fa-2')).toEqual(['db1', 'web1']);
  });

  it('shows an out-of-band IQN change as arrays gaining that array, on every refresh, and repairs it there', async () => {
    expect(
      await admin.call('fa-3', 'PATCH', 'hosts', 'names=web1', { iqns: ['iqn.1994-05.com.redhat:other'] }),
    ).toBe(200);
    const configured = ['iqn.1994-05.com.redhat:web1'];
    const expectDrift = async (): Promise<void> => {
      const plan = await workspace.planJson();
      const changed = (plan.resource_changes ?? []).filter((c) => !c.change.actions.includes('no-op'));
      expect(changed.map((c) => [c.address, c.change.actions])).toEqual([['pure_host.web1', ['update']]]);
      const { before, after } = changed[0]!.change;
      // Exactly that: the array whose host drifted is added back; the ports stay as configured.
      expect(before?.arrays).toEqual(['fa-1', 'fa-2', 'fa-4']);
      expect(after.arrays).toEqual(['fa-1', 'fa-2', 'fa-3', 'fa-4']);
      expect(before?.iqns).toEqual(configured);
      expect(after.iqns).toEqual(configured);
    };
    await expectDrift();

    // Refresh-only records the drift without writing, and keeps it visible: the state's ports are
    // still the applied ones, so the next refresh compares the arrays with the same list.
    const writes = await admin.writeCounts();
    const refresh = await workspace.apply(['-refresh-only']);
    expect(refresh.code).toBe(0);
    expect(await admin.writeCounts()).toEqual(writes);
    const recorded = (await workspace.state()).find((r) => r.address === 'pure_host.web1');
    expect(recorded?.values.iqns).toEqual(configured);
    expect(recorded?.values.arrays).toEqual(['fa-1', 'fa-2', 'fa-4']);
    await expectDrift();

    const drifted = (await admin.items('fa-3', 'hosts', 'names=web1'))[0];
    await workspace.applyStep();
    // Repaired in place on fa-3 (the same host, not a new one), and written nowhere else.
    const repaired = (await admin.items('fa-3', 'hosts', 'names=web1'))[0];
    expect(repaired?.iqns).toEqual(configured);
    expect(repaired?.id).toBe(drifted?.id);
    const after = await admin.writeCounts();
    expect({ ...after, 'fa-3': 0 }).toEqual({ ...writes, 'fa-3': 0 });
    expect(after['fa-3']).toBeGreaterThan(writes['fa-3'] ?? 0);
  });

  it('refuses a host of the same name that the fleet does not own, naming the array, until adopted', async () => {
    // Another workload's host on fa-3 only.
    expect(
      await admin.call('fa-3', 'POST', 'hosts', 'names=app7', { iqns: ['iqn.2001-04.com.example:app7'] }),
    ).toBe(200);
    const writesBefore = await admin.writeCounts();
    const app7 = (adopt: boolean): string =>
      `resource "pure_host" "app7" {\n  fleet = pure_fleet.f.name\n  name  = "app7"\n  iqns  = ["iqn.2001-04.com.example:app7-fleet"]\n${adopt ? '  adopt = true\n' : ''}}\n`;
    workspace.writeConfig(providerBlock(fleet, 4) + HOSTS + app7(false));
    const failed = await workspace.run(['apply', '-auto-approve', '-input=false', '-no-color'], {
      allowFailure: true,
    });
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/FlashArray "fa-3" already has a host named "app7"[\s\S]*adopt = true/);
    expect(failed.stderr).toMatch(/with pure_host\.app7/);
    // Nothing changed on any array: the foreign host is as it was and app7 is nowhere else.
    expect(await admin.writeCounts()).toEqual(writesBefore);
    expect((await admin.items('fa-3', 'hosts', 'names=app7'))[0]?.iqns).toEqual([
      'iqn.2001-04.com.example:app7',
    ]);
    for (const a of ['fa-1', 'fa-2', 'fa-4']) expect(await admin.hostNames(a)).not.toContain('app7');

    const state = await workspace.applyStep(providerBlock(fleet, 4) + HOSTS + app7(true));
    expect(state.find((r) => r.address === 'pure_host.app7')?.values.arrays).toEqual([
      'fa-1',
      'fa-2',
      'fa-3',
      'fa-4',
    ]);
    expect((await admin.items('fa-3', 'hosts', 'names=app7'))[0]?.iqns).toEqual([
      'iqn.2001-04.com.example:app7-fleet',
    ]);
  });

  it('reports malformed IQNs, NQNs and WWNs, and bad names, on their attributes', async () => {
    const bad = `
resource "pure_host" "bad" {
  fleet       = pure_fleet.f.name
  name        = "bad_name"
  iqns        = ["iqn.bogus"]
  nqns        = ["nqn-without-date"]
  wwns        = ["21:00:00:24:ff:4c:12"]
  personality = "windows95"
}
`;
    workspace.writeConfig(providerBlock(fleet, 4) + HOSTS + bad);
    const result = await workspace.run(['validate', '-no-color'], { allowFailure: true });
    expect(result.code).toBe(1);
    const out = result.stderr;
    // Each error points at its own line of the configuration.
    expect(out).toMatch(/Error: Invalid IQN[\s\S]*?iqns\s+= \["iqn\.bogus"\][\s\S]*?is not a valid IQN/);
    expect(out).toMatch(
      /Error: Invalid NQN[\s\S]*?nqns\s+= \["nqn-without-date"\][\s\S]*?is not a valid NQN/,
    );
    expect(out).toMatch(
      /Error: Invalid WWN[\s\S]*?wwns\s+= \["21:00:00:24:ff:4c:12"\][\s\S]*?is not a valid WWN/,
    );
    expect(out).toMatch(/name\s+= "bad_name"[\s\S]*?must be 1-63 letters/);
    expect(out).toMatch(/personality = "windows95"[\s\S]*?got "windows95"/);
  });

  it('destroys the hosts it owns and leaves the foreign one it never adopted alone', async () => {
    expect(
      await admin.call('fa-1', 'POST', 'hosts', 'names=other9', { iqns: ['iqn.2001-04.com.example:o9'] }),
    ).toBe(200);
    workspace.writeConfig(providerBlock(fleet, 4) + HOSTS);
    await workspace.applyStep();
    await workspace.destroy();
    for (const a of ['fa-2', 'fa-3', 'fa-4']) expect(await admin.hostNames(a)).toEqual([]);
    expect(await admin.hostNames('fa-1')).toEqual(['other9']);
  });
});
