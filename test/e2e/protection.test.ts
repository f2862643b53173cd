// Volume protection as Terraform and OpenTofu see it: volumes with a snapshot schedule are members
// of the fleet's protection group for that schedule on their own array (one group per schedule per
// array); the simulator's clock advanced past the schedule shows snapshots in state; a schedule
// change is an in-place update; the last member leaving removes the group; a zero or negative
// retention is a diagnostic on its attribute.

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
  name: 'prot',
  arrays: ['fa-1', 'fa-2'].map((name) => ({ ...ARRAY, name })),
};

interface Vol {
  name: string;
  array: string;
  every: string;
  keep: string;
}

function config(fleet: RunningFleet, volumes: Vol[]): string {
  const arrays = fleet.arrays
    .map(
      (a) =>
        `  array {\n    name = "${a.name}"\n    type = "flasharray"\n    endpoint = "${a.mgmtEndpoint}"\n    api_token = "${a.apiToken}"\n  }`,
    )
    .join('\n');
  const vols = volumes
    .map(
      (v) =>
        `resource "pure_volume" "${v.name}" {\n  fleet = pure_fleet.f.name\n  name  = "${v.name}"\n  size  = "10G"\n  array = "${v.array}"\n  snapshot_every     = "${v.every}"\n  snapshot_retention = "${v.keep}"\n}\n`,
    )
    .join('');
  return `terraform {\n  required_providers {\n    pure = { source = "pure-fleet/pure" }\n  }\n}\nprovider "pure" {\n  ca_file = "${fleet.caCertPath}"\n${arrays}\n}\nresource "pure_fleet" "f" {\n  name = "pf"\n}\n${vols}`;
}

describe.each(CLI_NAMES)('protection with %s', (cli: CliName) => {
  let fleet: RunningFleet;
  let workspace: Workspace;
  let admin: ArrayAdmin;

  const groups = async (array: string): Promise<Record<string, string[]>> => {
    const out: Record<string, string[]> = {};
    for (const g of await admin.items(array, 'protection-groups')) out[g.name as string] = [];
    for (const m of await admin.items(array, 'protection-groups/volumes'))
      (out[(m.group as { name: string }).name] ??= []).push((m.member as { name: string }).name);
    for (const k of Object.keys(out)) out[k]?.sort();
    return out;
  };

  beforeAll(async () => {
    fleet = await startFleet(FLEET, { stateDir: mkdtempSync(join(tmpdir(), 'pure-sim-')) });
    admin = new ArrayAdmin(fleet);
    workspace = new Workspace(cli);
    workspace.writeConfig(config(fleet, []));
    await workspace.init();
  });

  afterAll(async () => {
    admin?.close();
    workspace?.dispose();
    await fleet?.stop();
  });

  const VOLS: Vol[] = [
    { name: 'a', array: 'fa-1', every: '1h', keep: '1d' },
    { name: 'b', array: 'fa-1', every: '1h', keep: '1d' },
    { name: 'c', array: 'fa-2', every: '1h', keep: '1d' },
    { name: 'd', array: 'fa-1', every: '30m', keep: '1d' },
  ];

  it('puts each volume in the group for its schedule on its own array', async () => {
    const state = await workspace.applyStep(config(fleet, VOLS));
    expect(await groups('fa-1')).toEqual({ 'pf-snap-1h-1d': ['pf-a', 'pf-b'], 'pf-snap-30m-1d': ['pf-d'] });
    expect(await groups('fa-2')).toEqual({ 'pf-snap-1h-1d': ['pf-c'] });
    const a = state.find((r) => r.address === 'pure_volume.a');
    expect(a?.values.protection_group).toBe('pf-snap-1h-1d');
    expect(a?.values.newest_snapshot).toBeNull();
    const g = (await admin.items('fa-1', 'protection-groups', 'names=pf-snap-30m-1d'))[0];
    expect(g?.snapshot_schedule).toEqual({ enabled: true, frequency: 1_800_000 });
    expect(g?.source_retention).toEqual(expect.objectContaining({ all_for_sec: 86_400 }));
  });

  it("shows the newest snapshot once the simulator's clock passes the schedule", async () => {
    const before = Date.now();
    await fleet.control.advanceClock(2 * 3_600_000 + 60_000);
    admin.forgetSessions();
    expect((await workspace.apply(['-refresh-only'])).code).toBe(0);
    const a = await workspace.resource('pure_volume.a');
    const newest = Date.parse(a.values.newest_snapshot as string);
    expect(newest).toBeGreaterThan(before + 3_600_000);
    const snaps = await admin.items('fa-1', 'protection-group-snapshots', 'source_names=pf-snap-30m-1d');
    expect(snaps.length).toBe(4);
    expect(
      (await admin.items('fa-2', 'protection-group-snapshots', 'source_names=pf-snap-1h-1d')).length,
    ).toBe(2);
  });

  it('changes a schedule in place and removes the group its last member left', async () => {
    const serial = (await workspace.resource('pure_volume.d')).values.serial;
    const moved = VOLS.map((v) => (v.name === 'd' ? { ...v, every: '1h' } : v));
    workspace.writeConfig(config(fleet, moved));
    const plan = await workspace.planJson();
    const d = (plan.resource_changes ?? []).find((c) => c.address === 'pure_volume.d');
    expect(d?.change.actions).toEqual(['update']);
    await workspace.applyStep();
    expect(await groups('fa-1')).toEqual({ 'pf-snap-1h-1d': ['pf-a', 'pf-b', 'pf-d'] });
    expect((await workspace.resource('pure_volume.d')).values.serial).toBe(serial);
  });

  it('removes the group when its last member is destroyed', async () => {
    await workspace.applyStep(
      config(
        fleet,
        VOLS.filter((v) => v.name === 'c'),
      ),
    );
    expect(await groups('fa-1')).toEqual({});
    expect(await groups('fa-2')).toEqual({ 'pf-snap-1h-1d': ['pf-c'] });
    await workspace.destroy();
    expect(await groups('fa-2')).toEqual({});
  });

  it('reports a zero, negative or too frequent schedule on its attribute', async () => {
    workspace.writeConfig(
      config(fleet, [
        { name: 'z', array: 'fa-1', every: '1h', keep: '0d' },
        { name: 'n', array: 'fa-1', every: '1h', keep: '-1d' },
        { name: 'f', array: 'fa-1', every: '2m', keep: '1d' },
      ]),
    );
    const r = await workspace.run(['validate', '-no-color'], { allowFailure: true });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/snapshot_retention = "0d"[\s\S]*?"0d" is not a positive duration/);
    expect(r.stderr).toMatch(/snapshot_retention = "-1d"[\s\S]*?"-1d" is not a positive duration/);
    expect(r.stderr).toMatch(/snapshot_every\s+= "2m"[\s\S]*?shorter than 5 minutes/);
  });
});
