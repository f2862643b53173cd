// Fleet-wide host groups as Terraform and OpenTofu see them: two hosts in a group registered on
// every FlashArray of the roster; a volume connected to the group on its own array with its LUN in
// state; a new member array gets the group on the next apply and no volume changes; a group
// deleted, its membership changed or a volume disconnected from it out of band each show in the
// plan as exactly that change and are repaired, while refresh-only writes nothing; a foreign
// group of the same name is a clear error naming the array with nothing changed, until adopted;
// bad input is a diagnostic on its attribute; destroy disconnects before it deletes.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningFleet } from '../../src/simulator';
import { startFleet } from '../../src/simulator';
import type { CliName, StateResource } from './harness/workspace';
import { CLI_NAMES, Workspace } from './harness/workspace';
import { ArrayAdmin } from './support/array-admin';
import { flashArrayFleet, hostBlocks } from './support/block-fleet';
import { providerBlock } from './support/file-fleet';

jest.setTimeout(300_000);

/** CLI output with its line wrapping undone, for matching messages. */
const flat = (text: string): string => text.replace(/\s+/g, ' ');

const ARRAYS = ['fa-1', 'fa-2', 'fa-3', 'fa-4'];
const FLEET = flashArrayFleet('hgroups', ARRAYS);

const GROUP = `resource "pure_host_group" "g" {
  fleet = pure_fleet.f.name
  name  = "cluster"
  hosts = [pure_host.h1.name, pure_host.h2.name]
}
`;

/** The volume, connected as `connect` says (the group by default). */
function volumeBlock(connect = 'host_groups = [pure_host_group.g.name]'): string {
  return `resource "pure_volume" "v" {\n  fleet = pure_fleet.f.name\n  name  = "shared"\n  size  = "20G"\n  ${connect}\n}\n`;
}

describe.each(CLI_NAMES)('fleet-wide host groups with %s', (cli: CliName) => {
  let fleet: RunningFleet;
  let workspace: Workspace;
  let admin: ArrayAdmin;
  let array = '';
  let backend = '';

  const base = (members: number): string =>
    providerBlock(fleet, 'hg', '', members) + hostBlocks(['h1', 'h2']);
  const config = (members = 4, extra = '', connect?: string): string =>
    base(members) + GROUP + volumeBlock(connect) + extra;

  /** Every host group on the array with its members, sorted. */
  const groupsOn = async (a: string): Promise<Record<string, string[]>> => {
    const out: Record<string, string[]> = {};
    for (const g of await admin.items(a, 'host-groups')) out[g.name as string] = [];
    for (const m of await admin.items(a, 'host-groups/hosts'))
      (out[(m.group as { name: string }).name] ??= []).push((m.member as { name: string }).name);
    for (const list of Object.values(out)) list.sort();
    return out;
  };
  const volumeConnections = async (): Promise<Array<Record<string, unknown>>> =>
    admin.items(array, 'connections', `volume_names=${backend}`);
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
  /** refresh-only writes nothing to any array. */
  const refreshOnlyWritesNothing = async (): Promise<void> => {
    const before = await admin.writeCounts();
    expect((await workspace.apply(['-refresh-only'])).code).toBe(0);
    expect(await admin.writeCounts()).toEqual(before);
  };
  const find = (state: StateResource[], address: string): StateResource => {
    const r = state.find((x) => x.address === address);
    if (!r) throw new Error(`${address} is not in state`);
    return r;
  };

  beforeAll(async () => {
    fleet = await startFleet(FLEET, { stateDir: mkdtempSync(join(tmpdir(), 'pure-sim-')) });
    admin = new ArrayAdmin(fleet);
    workspace = new Workspace(cli);
    workspace.writeConfig(config(3));
    await workspace.init();
  });

  afterAll(async () => {
    admin?.close();
    workspace?.dispose();
    await fleet?.stop();
  });

  it('registers the group with both hosts on every FlashArray, and connects the volume to it on its own array', async () => {
    const state = await workspace.applyStep();
    for (const a of ['fa-1', 'fa-2', 'fa-3']) {
      expect(await groupsOn(a)).toEqual({ cluster: ['h1', 'h2'] });
      expect(await admin.items(a, 'host-groups/tags', 'resource_names=cluster')).toEqual([
        expect.objectContaining({ namespace: 'terraform-pure', key: 'fleet', value: 'hg' }),
      ]);
    }
    expect(await groupsOn('fa-4')).toEqual({});
    const g = find(state, 'pure_host_group.g');
    expect(g.values.arrays).toEqual(['fa-1', 'fa-2', 'fa-3']);
    expect(g.values.id).toBe('hg/cluster');

    const v = find(state, 'pure_volume.v');
    array = v.values.array as string;
    backend = v.values.backend_name as string;
    // A shared connection: one LUN for the whole group (Purity counts them down from 254).
    expect(v.values.host_group_connections).toEqual([{ host_group: 'cluster', lun: 254 }]);
    expect(v.values.connections).toEqual([]);
    expect(await volumeConnections()).toEqual([
      expect.objectContaining({ host_group: { name: 'cluster' }, lun: 254 }),
    ]);
    for (const other of ['fa-1', 'fa-2', 'fa-3'].filter((a) => a !== array))
      expect(await admin.items(other, 'connections')).toEqual([]);
    // Import by the documented id finds the same group on the arrays.
    await workspace.importStep('pure_host_group.g', 'hg/cluster', g);
  });

  it('registers the group on a new member on the next apply, and no volume changes', async () => {
    workspace.writeConfig(config(4));
    const planned = await changes();
    expect(Object.keys(planned).sort()).toEqual(['pure_host.h1', 'pure_host.h2', 'pure_host_group.g']);
    expect(planned['pure_host_group.g']?.actions).toEqual(['update']);
    expect(planned['pure_host_group.g']?.after.arrays).toEqual(ARRAYS);
    const serial = (await workspace.resource('pure_volume.v')).values.serial;
    await workspace.applyStep();
    expect(await groupsOn('fa-4')).toEqual({ cluster: ['h1', 'h2'] });
    const v = await workspace.resource('pure_volume.v');
    expect(v.values.serial).toBe(serial);
    expect(v.values.host_group_connections).toEqual([{ host_group: 'cluster', lun: 254 }]);
    expect(await volumeConnections()).toHaveLength(1);
  });

  it('shows a group deleted and a membership changed out of band as exactly that change, and restores both', async () => {
    const [gone, changed] = ARRAYS.filter((a) => a !== array) as [string, string];
    expect(
      await admin.call(gone, 'DELETE', 'host-groups/hosts', 'group_names=cluster&member_names=h1,h2'),
    ).toBe(200);
    expect(await admin.call(gone, 'DELETE', 'host-groups', 'names=cluster')).toBe(200);
    expect(
      await admin.call(changed, 'DELETE', 'host-groups/hosts', 'group_names=cluster&member_names=h2'),
    ).toBe(200);
    await refreshOnlyWritesNothing();

    const planned = await changes();
    expect(Object.keys(planned)).toEqual(['pure_host_group.g']);
    expect(planned['pure_host_group.g']?.actions).toEqual(['update']);
    expect(planned['pure_host_group.g']?.after.arrays).toEqual(ARRAYS);
    expect(planned['pure_host_group.g']?.after.hosts).toEqual(['h1', 'h2']);
    // Both arrays show as the group being registered there again, and nothing else changes.
    const plan = await workspace.run(['plan', '-no-color', '-input=false']);
    const arraysDiff = /~ arrays\s+= \[([^\]]*)\]/.exec(plan.stdout)?.[1] ?? '';
    expect([...arraysDiff.matchAll(/\+ "(fa-\d)"/g)].map((m) => m[1]).sort()).toEqual([gone, changed].sort());
    expect(plan.stdout).not.toMatch(/~ hosts/);
    // A second refresh sees the same drift: nothing flips back.
    expect((await workspace.plan()).code).toBe(2);

    await workspace.applyStep();
    for (const a of ARRAYS) expect(await groupsOn(a)).toEqual({ cluster: ['h1', 'h2'] });
  });

  it('shows the volume disconnected from the group out of band as exactly that change, and reconnects it', async () => {
    expect(
      await admin.call(array, 'DELETE', 'connections', `host_group_names=cluster&volume_names=${backend}`),
    ).toBe(200);
    await refreshOnlyWritesNothing();

    const planned = await changes();
    expect(Object.keys(planned)).toEqual(['pure_volume.v']);
    expect(planned['pure_volume.v']?.actions).toEqual(['update']);
    expect(planned['pure_volume.v']?.after.host_groups).toEqual(['cluster']);
    const plan = await workspace.run(['plan', '-no-color', '-input=false']);
    expect(plan.stdout).toMatch(/~ host_groups\s+= \[\s*\+ "cluster",?\s*\]/);

    await workspace.applyStep();
    expect(await volumeConnections()).toEqual([
      expect.objectContaining({ host_group: { name: 'cluster' }, lun: 254 }),
    ]);
  });

  it('moves the volume from the group to one of its hosts and back, in place', async () => {
    const serial = (await workspace.resource('pure_volume.v')).values.serial;
    workspace.writeConfig(config(4, '', 'hosts = [pure_host.h1.name]'));
    expect((await changes())['pure_volume.v']?.actions).toEqual(['update']);
    await workspace.applyStep();
    let v = await workspace.resource('pure_volume.v');
    expect(v.values.serial).toBe(serial);
    expect(v.values.connections).toEqual([{ host: 'h1', lun: 1 }]);
    expect(v.values.host_group_connections).toEqual([]);
    expect((await volumeConnections()).map((c) => c.host_group ?? c.host)).toEqual([{ name: 'h1' }]);

    await workspace.applyStep(config(4));
    v = await workspace.resource('pure_volume.v');
    expect(v.values.serial).toBe(serial);
    expect(v.values.host_group_connections).toEqual([{ host_group: 'cluster', lun: 254 }]);
    expect(v.values.connections).toEqual([]);
  });

  it('refuses a host group of the same name that the fleet does not own, naming the array, until adopted', async () => {
    // Another workload's host group on fa-3 only.
    expect(await admin.call('fa-3', 'POST', 'host-groups', 'names=batch')).toBe(200);
    const batch = (adopt: boolean): string =>
      `resource "pure_host_group" "batch" {\n  fleet = pure_fleet.f.name\n  name  = "batch"\n${adopt ? '  adopt = true\n' : ''}}\n`;
    workspace.writeConfig(config(4, batch(false)));
    const before = await admin.writeCounts();
    const failed = await workspace.run(['apply', '-auto-approve', '-input=false', '-no-color'], {
      allowFailure: true,
    });
    expect(failed.code).toBe(1);
    expect(flat(failed.stderr)).toMatch(
      /FlashArray "fa-3" already has a host group named "batch" that does not belong to fleet "hg" .*Nothing was changed on "fa-3"\. Set adopt = true/,
    );
    expect(failed.stderr).toMatch(/with pure_host_group\.batch/);
    expect(await admin.writeCounts()).toEqual(before);
    expect(await admin.items('fa-3', 'host-groups/tags', 'resource_names=batch')).toEqual([]);
    for (const a of ['fa-1', 'fa-2', 'fa-4']) expect(Object.keys(await groupsOn(a))).toEqual(['cluster']);

    const state = await workspace.applyStep(config(4, batch(true)));
    expect(find(state, 'pure_host_group.batch').values.arrays).toEqual(ARRAYS);
    expect(await admin.items('fa-3', 'host-groups/tags', 'resource_names=batch')).toEqual([
      expect.objectContaining({ key: 'fleet', value: 'hg' }),
    ]);
    await workspace.applyStep(config(4));
    for (const a of ARRAYS) expect(Object.keys(await groupsOn(a))).toEqual(['cluster']);
  });

  it('reports bad names, undeclared hosts and groups, and a host already in a group on their attributes', async () => {
    const badNames = `
resource "pure_host_group" "bad" {
  fleet = pure_fleet.f.name
  name  = "bad_name"
  hosts = ["no such host"]
}
resource "pure_volume" "w" {
  fleet       = pure_fleet.f.name
  name        = "w"
  size        = "1G"
  host_groups = ["Bad_Group"]
}
`;
    workspace.writeConfig(config(4, badNames));
    const invalid = await workspace.run(['validate', '-no-color'], { allowFailure: true });
    expect(invalid.code).toBe(1);
    const problems = flat(invalid.stderr);
    expect(problems).toMatch(/name = "bad_name" .*?must be 1-63 letters/);
    expect(problems).toMatch(
      /Invalid host name .*?hosts = \["no such host"\] .*?is not a FlashArray host name/,
    );
    expect(problems).toMatch(
      /Invalid host group name .*?host_groups = \["Bad_Group"\] .*?is not a FlashArray host group name/,
    );

    // Known only at apply time: names the fleet does not define, and a host in another group.
    const strangers = `
resource "pure_host_group" "other" {
  fleet = pure_fleet.f.name
  name  = "other"
  hosts = [pure_host.h1.name, "nobody"]
}
`;
    const before = await admin.writeCounts();
    workspace.writeConfig(config(4, strangers, 'host_groups = [pure_host_group.g.name, "stranger"]'));
    const failed = await workspace.run(['apply', '-auto-approve', '-input=false', '-no-color'], {
      allowFailure: true,
    });
    expect(failed.code).toBe(1);
    const errors = flat(failed.stderr);
    expect(errors).toMatch(
      /Not a host group of the fleet .*?host_groups = \[.*?"stranger" is not a host group of fleet "hg"/,
    );
    expect(errors).toMatch(
      /Not a host of the fleet .*?hosts = \[.*?"nobody" is not a host of fleet "hg" on "fa-1"/,
    );
    expect(errors).toMatch(
      /Host already in a host group .*?hosts = \[.*?The host "h1" is already in host group "cluster" on "fa-1", "fa-2", "fa-3" and "fa-4", and a host can be in at most one host group/,
    );
    expect(await admin.writeCounts()).toEqual(before);
    for (const a of ARRAYS) expect(await groupsOn(a)).toEqual({ cluster: ['h1', 'h2'] });
  });

  it('disconnects the volume before destroying it, then removes the group and the hosts', async () => {
    workspace.writeConfig(config(4));
    await workspace.destroy();
    expect(await workspace.state()).toEqual([]);
    expect((await admin.items(array, 'volumes', 'destroyed=true')).map((v) => v.name)).toEqual([backend]);
    for (const a of ARRAYS) {
      expect(await groupsOn(a)).toEqual({});
      expect(await admin.items(a, 'connections')).toEqual([]);
      expect(await admin.hostNames(a)).toEqual([]);
    }
  });
});
