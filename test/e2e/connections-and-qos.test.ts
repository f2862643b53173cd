// Block volumes that hosts reach, with QoS limits, as Terraform and OpenTofu see them: a volume
// connected to two of the fleet's hosts on its own array with LUNs in state and its WWN exported;
// dropping a host disconnects only that one; QoS set, changed and removed on the array itself;
// out-of-band disconnection, QoS change and host deletion each show as exactly that diff and are
// repaired, while refresh-only writes nothing; bad QoS and undeclared hosts are diagnostics on
// their attributes; destroying a connected volume disconnects it first.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FleetDescription, RunningFleet } from '../../src/simulator';
import { startFleet } from '../../src/simulator';
import type { CliName, StateResource } from './harness/workspace';
import { CLI_NAMES, Workspace } from './harness/workspace';
import { ArrayAdmin } from './support/array-admin';

jest.setTimeout(300_000);

const ARRAY = {
  type: 'flasharray',
  capacity: '10TiB',
  load: { profile: 'steady', utilization: 0.1 },
} as const;
const FLEET: FleetDescription = {
  name: 'conn',
  arrays: ['fa-1', 'fa-2', 'fa-3'].map((name) => ({ ...ARRAY, name })),
};
const MIB = 1024 ** 2;

function config(fleet: RunningFleet, volume: string): string {
  const arrays = fleet.arrays
    .map(
      (a) =>
        `  array {\n    name = "${a.name}"\n    type = "flasharray"\n    endpoint = "${a.mgmtEndpoint}"\n    api_token = "${a.apiToken}"\n  }`,
    )
    .join('\n');
  return `terraform {
  required_providers {
    pure = { source = "pure-fleet/pure" }
  }
}
provider "pure" {
  ca_file = "${fleet.caCertPath}"
${arrays}
}
resource "pure_fleet" "f" {
  name = "cf"
}
resource "pure_host" "h1" {
  fleet = pure_fleet.f.name
  name  = "h1"
  iqns  = ["iqn.1994-05.com.redhat:h1"]
}
resource "pure_host" "h2" {
  fleet = pure_fleet.f.name
  name  = "h2"
  iqns  = ["iqn.1994-05.com.redhat:h2"]
}
resource "pure_volume" "v" {
  fleet = pure_fleet.f.name
  name  = "data"
  size  = "20G"
${volume}
}
`;
}

describe.each(CLI_NAMES)('connections and QoS with %s', (cli: CliName) => {
  let fleet: RunningFleet;
  let workspace: Workspace;
  let admin: ArrayAdmin;
  let array = '';
  let backend = '';

  const volume = async (): Promise<StateResource> => workspace.resource('pure_volume.v');
  const onArray = async (): Promise<Record<string, unknown>> =>
    (await admin.items(array, 'volumes', `names=${backend}`))[0] as Record<string, unknown>;
  const connectedHosts = async (): Promise<string[]> =>
    (await admin.items(array, 'connections', `volume_names=${backend}`))
      .map((c) => (c.host as { name: string }).name)
      .sort();
  const changes = async (): Promise<
    Record<string, { actions: string[]; after: Record<string, unknown> }>
  > => {
    const plan = await workspace.planJson();
    return Object.fromEntries(
      (plan.resource_changes ?? [])
        .filter((c) => !c.change.actions.includes('no-op'))
        .map((c) => [c.address, c.change]),
    );
  };

  beforeAll(async () => {
    fleet = await startFleet(FLEET, { stateDir: mkdtempSync(join(tmpdir(), 'pure-sim-')) });
    admin = new ArrayAdmin(fleet);
    workspace = new Workspace(cli);
    workspace.writeConfig(config(fleet, ''));
    await workspace.init();
  });

  afterAll(async () => {
    admin?.close();
    workspace?.dispose();
    await fleet?.stop();
  });

  it('connects a volume to both hosts on its own array, with LUNs, serial and WWN in state', async () => {
    await workspace.applyStep(
      config(
        fleet,
        '  hosts = [pure_host.h1.name, pure_host.h2.name]\n  iops_limit = 1000\n  bandwidth_limit = "500M"',
      ),
    );
    const v = await volume();
    array = v.values.array as string;
    backend = v.values.backend_name as string;
    expect(v.values.connections).toEqual([
      { host: 'h1', lun: 1 },
      { host: 'h2', lun: 1 },
    ]);
    const serial = v.values.serial as string;
    expect(serial).toMatch(/^[0-9A-F]{24}$/);
    expect(v.values.wwn).toBe(`naa.624a9370${serial.toLowerCase()}`);
    expect(await connectedHosts()).toEqual(['h1', 'h2']);
    // Only its own array has connections.
    for (const other of ['fa-1', 'fa-2', 'fa-3'].filter((a) => a !== array))
      expect(await admin.items(other, 'connections')).toEqual([]);
  });

  it('sets QoS on the array, changes it in place and really removes it', async () => {
    expect((await onArray()).qos).toEqual({ iops_limit: 1000, bandwidth_limit: 500 * MIB });
    await workspace.applyStep(
      config(
        fleet,
        '  hosts = [pure_host.h1.name, pure_host.h2.name]\n  iops_limit = 20000\n  bandwidth_limit = "1G"',
      ),
    );
    expect((await onArray()).qos).toEqual({ iops_limit: 20000, bandwidth_limit: 1024 * MIB });
    const serial = (await volume()).values.serial;
    await workspace.applyStep(config(fleet, '  hosts = [pure_host.h1.name, pure_host.h2.name]'));
    expect((await onArray()).qos).toEqual({});
    expect((await volume()).values.serial).toBe(serial);
  });

  it('disconnects only the host dropped from the volume', async () => {
    await workspace.applyStep(config(fleet, '  hosts = [pure_host.h1.name]\n  iops_limit = 5000'));
    expect(await connectedHosts()).toEqual(['h1']);
    expect((await volume()).values.connections).toEqual([{ host: 'h1', lun: 1 }]);
  });

  it('shows out-of-band disconnection, QoS change and host deletion as exactly those diffs, and repairs them', async () => {
    const other = ['fa-1', 'fa-2', 'fa-3'].find((a) => a !== array) as string;
    expect(await admin.call(array, 'DELETE', 'connections', `host_names=h1&volume_names=${backend}`)).toBe(
      200,
    );
    await fleet.control.change(array, { action: 'qos', name: backend, iopsLimit: 300 });
    expect(await admin.call(other, 'DELETE', 'hosts', 'names=h2')).toBe(200);

    const before = await admin.writeCounts();
    expect((await workspace.apply(['-refresh-only'])).code).toBe(0);
    expect(await admin.writeCounts()).toEqual(before);

    const planned = await changes();
    expect(Object.keys(planned).sort()).toEqual(['pure_host.h2', 'pure_volume.v']);
    expect(planned['pure_volume.v']?.actions).toEqual(['update']);
    expect(planned['pure_volume.v']?.after.hosts).toEqual(['h1']);
    expect(planned['pure_volume.v']?.after.iops_limit).toBe(5000);
    expect(planned['pure_host.h2']?.actions).toEqual(['update']);
    const plan = await workspace.run(['plan', '-no-color', '-input=false']);
    expect(plan.stdout).toMatch(/~ iops_limit\s+= 300 -> 5000/);
    expect(plan.stdout).toMatch(/~ hosts\s+= \[\s*\+ "h1",?\s*\]/);

    await workspace.applyStep();
    expect(await connectedHosts()).toEqual(['h1']);
    expect((await onArray()).qos).toEqual({ iops_limit: 5000 });
    expect(await admin.hostNames(other)).toEqual(['h1', 'h2']);
  });

  it('reports QoS out of range and hosts the fleet does not define on their attributes', async () => {
    workspace.writeConfig(config(fleet, '  iops_limit = 50\n  bandwidth_limit = "1T"'));
    const bad = await workspace.run(['validate', '-no-color'], { allowFailure: true });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/IOPS limit out of range[\s\S]*?iops_limit\s+= 50[\s\S]*?100 to 100M/);
    expect(bad.stderr).toMatch(
      /Bandwidth limit out of range[\s\S]*?bandwidth_limit = "1T"[\s\S]*?1M to 512G/,
    );

    workspace.writeConfig(config(fleet, '  hosts = [pure_host.h1.name, "stranger"]'));
    const before = await admin.writeCounts();
    const stranger = await workspace.run(['apply', '-auto-approve', '-no-color', '-input=false'], {
      allowFailure: true,
    });
    expect(stranger.code).toBe(1);
    expect(stranger.stderr).toMatch(
      /Not a host of the fleet[\s\S]*?hosts\s+=[\s\S]*?"stranger" is not a host of fleet "cf"/,
    );
    expect(await admin.writeCounts()).toEqual(before);
    expect(await connectedHosts()).toEqual(['h1']);
  });

  it('disconnects a connected volume before destroying it', async () => {
    workspace.writeConfig(config(fleet, '  hosts = [pure_host.h1.name]\n  iops_limit = 5000'));
    await workspace.destroy();
    expect(await workspace.state()).toEqual([]);
    const left = await admin.items(array, 'volumes', 'destroyed=true');
    expect(left.map((v) => v.name)).toEqual([backend]);
    expect(await admin.items(array, 'connections')).toEqual([]);
    expect(await admin.hostNames(array)).toEqual([]);
  });
});
