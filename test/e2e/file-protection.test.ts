// File-volume protection as Terraform and OpenTofu see it, against simulated FlashBlades at REST
// 2.28 and 2.0: file volumes with a snapshot schedule are members of the fleet's snapshot policy
// for that schedule on their own FlashBlade (one policy per schedule per array); the simulator's
// clock advanced past the schedule shows snapshots on the array and the newest one's time in state
// after a refresh, and `apply -refresh-only` writes nothing; a schedule change is an in-place
// update; the last member leaving removes the policy; bad schedules are diagnostics on their
// attribute. And a file volume exporting through an NFS export policy, destroyed with the default
// deletion_policy ("delete", to the eradication bin), goes in the same run as its policy.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FleetDescription, RunningFleet } from '../../src/simulator';
import { startFleet } from '../../src/simulator';
import type { CliName } from './harness/workspace';
import { CLI_NAMES, Workspace } from './harness/workspace';
import { ArrayInspector, byAddress, providerBlock } from './support/file-fleet';

jest.setTimeout(300_000);

const HOUR = 3_600_000;
const FB = {
  type: 'flashblade',
  capacity: '100TiB',
  preexistingUsed: 0.1,
  load: { profile: 'steady', utilization: 0.1 },
} as const;
const FLEET: FleetDescription = {
  name: 'fileprot',
  arrays: [
    { ...FB, name: 'fb-28', maxApiVersion: '2.28', nfsEndpoint: '10.7.0.28' },
    { ...FB, name: 'fb-20', maxApiVersion: '2.0', nfsEndpoint: '10.7.0.20' },
  ],
};

interface Vol {
  name: string;
  array: string;
  every: string;
  keep: string;
}

function volumes(list: readonly Vol[]): string {
  return list
    .map(
      (v) =>
        `resource "pure_volume" "${v.name}" {\n  fleet = pure_fleet.f.name\n  name  = "${v.name}"\n  kind  = "file"\n  size  = "10G"\n  array = "${v.array}"\n  snapshot_every     = "${v.every}"\n  snapshot_retention = "${v.keep}"\n}\n`,
    )
    .join('');
}

interface Row {
  readonly member: { readonly name: string };
  readonly policy: { readonly name: string };
}

describe.each(CLI_NAMES)('file-volume protection with %s', (cli: CliName) => {
  let fleet: RunningFleet;
  let workspace: Workspace;
  let inspector: ArrayInspector;
  let base: string;

  /** Every snapshot policy on the array with its members, as the array lists them. */
  const policies = async (array: string): Promise<Record<string, string[]>> => {
    const rest = inspector.rest(array);
    const out: Record<string, string[]> = {};
    for (const p of await rest.listAll<{ name: string }>('policies', {})) out[p.name] = [];
    for (const m of await rest.listAll<Row>('policies/file-systems', {}))
      (out[m.policy.name] ??= []).push(m.member.name);
    for (const k of Object.keys(out)) out[k]?.sort();
    return out;
  };
  const snapshots = (array: string, fs: string): Promise<Array<{ name: string; created: number }>> =>
    inspector.rest(array).listAll('file-system-snapshots', { names_or_owner_names: fs });

  beforeAll(async () => {
    fleet = await startFleet(FLEET, { stateDir: mkdtempSync(join(tmpdir(), 'pure-sim-')) });
    inspector = new ArrayInspector(fleet);
    workspace = new Workspace(cli);
    base = providerBlock(fleet, 'pf');
    workspace.writeConfig(base);
    await workspace.init();
  });

  afterAll(async () => {
    workspace?.dispose();
    await inspector?.close();
    await fleet?.stop();
  });

  const VOLS: Vol[] = [
    { name: 'a', array: 'fb-28', every: '1h', keep: '1d' },
    { name: 'b', array: 'fb-28', every: '60m', keep: '24h' },
    { name: 'c', array: 'fb-20', every: '1h', keep: '1d' },
    { name: 'd', array: 'fb-28', every: '30m', keep: '1d' },
  ];

  it('puts each file volume in the snapshot policy for its schedule on its own FlashBlade', async () => {
    const state = await workspace.applyStep(base + volumes(VOLS));
    expect(await policies('fb-28')).toEqual({
      'pf-snap-1h-1d': ['pf-a', 'pf-b'],
      'pf-snap-30m-1d': ['pf-d'],
    });
    expect(await policies('fb-20')).toEqual({ 'pf-snap-1h-1d': ['pf-c'] });
    expect(byAddress(state, 'pure_volume.a').values).toMatchObject({
      protection_group: 'pf-snap-1h-1d',
      newest_snapshot: null,
      snapshot_every: '1h',
    });
    // The configured spelling stays when it means the same schedule.
    expect(byAddress(state, 'pure_volume.b').values).toMatchObject({
      snapshot_every: '60m',
      snapshot_retention: '24h',
    });
    const [p] = await inspector
      .rest('fb-28')
      .listAll<{ rules: unknown[] }>('policies', { names: 'pf-snap-30m-1d' });
    expect(p?.rules).toEqual([{ every: 1_800_000, keep_for: 86_400_000 }]);
  });

  it("shows snapshots and the newest one's time once the simulator's clock passes the schedule; refresh-only writes nothing", async () => {
    const before = Date.now();
    await fleet.control.advanceClock(2 * HOUR + 60_000);
    await fleet.control.resetCounters();
    expect((await workspace.apply(['-refresh-only'])).code).toBe(0);
    const counters = await fleet.control.counters();
    const writes = Object.entries(counters.arrays).flatMap(([array, c]) =>
      Object.keys(c.endpoints)
        .filter((k) => !k.startsWith('GET ') && !/\/(login|logout)$/.test(k))
        .map((k) => `${array} ${k}`),
    );
    expect(writes).toEqual([]);
    const a = await workspace.resource('pure_volume.a');
    expect(Date.parse(a.values.newest_snapshot as string)).toBeGreaterThan(before + HOUR);
    const c = await workspace.resource('pure_volume.c');
    expect(Date.parse(c.values.newest_snapshot as string)).toBeGreaterThan(before + HOUR);
    expect((await snapshots('fb-28', 'pf-d')).length).toBe(4);
    expect((await snapshots('fb-28', 'pf-a')).length).toBe(2);
    expect((await snapshots('fb-20', 'pf-c')).length).toBe(2);
    expect((await workspace.plan()).code).toBe(0);
  });

  it('changes a schedule in place and removes the policy its last member left', async () => {
    const before = await inspector.fileSystem('fb-28', 'pf-d');
    const moved = VOLS.map((v) => (v.name === 'd' ? { ...v, every: '1h' } : v));
    workspace.writeConfig(base + volumes(moved));
    const plan = await workspace.planJson();
    const d = (plan.resource_changes ?? []).find((ch) => ch.address === 'pure_volume.d');
    expect(d?.change.actions).toEqual(['update']);
    await workspace.applyStep();
    expect(await policies('fb-28')).toEqual({ 'pf-snap-1h-1d': ['pf-a', 'pf-b', 'pf-d'] });
    expect((await inspector.fileSystem('fb-28', 'pf-d'))?.id).toBe(before?.id);
    // Its snapshots belong to the file system: the ones the old policy took are still there.
    expect((await snapshots('fb-28', 'pf-d')).length).toBe(4);
    expect((await workspace.resource('pure_volume.d')).values.protection_group).toBe('pf-snap-1h-1d');
  });

  it('puts a file system taken out of its policy out of band back in, as a diff of the schedule', async () => {
    await inspector.rest('fb-28').request('DELETE', 'policies/file-systems', {
      query: { policy_names: 'pf-snap-1h-1d', member_names: 'pf-a' },
    });
    const plan = await workspace.planJson();
    const a = (plan.resource_changes ?? []).find((ch) => ch.address === 'pure_volume.a');
    expect(a?.change.actions).toEqual(['update']);
    expect(a?.change.after).toMatchObject({ snapshot_every: '1h', snapshot_retention: '1d' });
    await workspace.applyStep();
    expect(await policies('fb-28')).toEqual({ 'pf-snap-1h-1d': ['pf-a', 'pf-b', 'pf-d'] });
  });

  it('removes the policy when its last member is destroyed', async () => {
    await workspace.applyStep(base + volumes(VOLS.filter((v) => v.name === 'c')));
    expect(await policies('fb-28')).toEqual({});
    expect(await policies('fb-20')).toEqual({ 'pf-snap-1h-1d': ['pf-c'] });
    await workspace.applyStep(base);
    expect(await policies('fb-20')).toEqual({});
  });

  it('reports a retention shorter than the schedule, a zero one and a too frequent schedule on their attribute', async () => {
    workspace.writeConfig(
      base +
        volumes([
          { name: 's', array: 'fb-28', every: '1h', keep: '30m' },
          { name: 'z', array: 'fb-28', every: '1h', keep: '0d' },
          { name: 'f', array: 'fb-28', every: '2m', keep: '1d' },
        ]),
    );
    const r = await workspace.run(['validate', '-no-color'], { allowFailure: true });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/snapshot_retention = "30m"[\s\S]*?"30m" is shorter than snapshot_every/);
    expect(r.stderr).toMatch(/snapshot_retention = "0d"[\s\S]*?"0d" is not a positive duration/);
    expect(r.stderr).toMatch(/snapshot_every\s+= "2m"[\s\S]*?shorter than 5 minutes/);
    workspace.writeConfig(base);
  });

  it('destroys a file volume (to the eradication bin) and its NFS export policy in one run', async () => {
    const config = `${base}resource "pure_nfs_export_policy" "p" {
  fleet = pure_fleet.f.name
  name  = "exports"
  rules = [{ client = "10.0.0.0/24", permission = "rw", access = "root-squash" }]
}
resource "pure_volume" "shared" {
  fleet         = pure_fleet.f.name
  name          = "shared"
  kind          = "file"
  size          = "10G"
  array         = "fb-28"
  export_policy = pure_nfs_export_policy.p.policy_name
  snapshot_every     = "1h"
  snapshot_retention = "1d"
}
`;
    await workspace.applyStep(config);
    expect((await inspector.fileSystem('fb-28', 'pf-shared'))?.nfs?.export_policy?.name).toBe('pf-exports');
    expect((await workspace.destroy()).code).toBe(0);
    const binned = await inspector.fileSystem('fb-28', 'pf-shared');
    expect(binned?.destroyed).toBe(true);
    expect(binned?.nfs?.export_policy ?? null).toBeNull();
    await expect(inspector.exportPolicy('fb-28', 'pf-exports')).resolves.toBeUndefined();
    expect(await policies('fb-28')).toEqual({});
    expect(await workspace.state()).toEqual([]);
  });
});
