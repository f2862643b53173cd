// Refresh cost of a mixed fleet, counted by the simulator: 500 file volumes and 500 block
// volumes on two FlashArrays and two FlashBlades, refreshed the way Terraform does it (one Read
// per resource, ten at a time), make at most 40 REST calls in all, because every Read is served
// from the fleet-wide listing of its array. The volumes are made out of band in bulk, as a
// previous apply would have left them.

import { FleetConnection } from '../../../src/fleet/connection';
import { FleetPlacer } from '../../../src/fleet/placer';
import { Diagnostics } from '../../../src/provider/framework/diagnostics';
import { silentLogger } from '../../../src/provider/log';
import type { PureProviderData } from '../../../src/resources/provider';
import { volumeResource } from '../../../src/resources/volume';
import type { VolumeState } from '../../../src/resources/volume-state';
import { startFleet, type RunningFleet } from '../../../src/simulator';
import { rosterOf } from '../fleet/support';

jest.setTimeout(180_000);

const FLEET = 'cnt';
const PER_ARRAY = 250;
const GIB = 1024 ** 3;
const ARRAYS = [
  { name: 'fa-1', type: 'flasharray' as const },
  { name: 'fa-2', type: 'flasharray' as const },
  { name: 'fb-1', type: 'flashblade' as const, nfsEndpoint: '10.3.0.1' },
  { name: 'fb-2', type: 'flashblade' as const, nfsEndpoint: '10.3.0.2' },
];

let fleet: RunningFleet;

beforeAll(async () => {
  fleet = await startFleet({
    name: 'refresh-counts',
    arrays: ARRAYS.map((a) => ({ ...a, capacity: '1PiB' })),
  });
});

afterAll(async () => {
  await fleet?.stop();
});

const names = (array: string): string[] =>
  Array.from({ length: PER_ARRAY }, (_, i) => `${FLEET}-${array}-v${i}`);

function stateOf(array: string, kind: 'block' | 'file', backend: string): VolumeState {
  return {
    id: `${FLEET}/${backend.slice(FLEET.length + 1)}`,
    name: backend.slice(FLEET.length + 1),
    fleet: FLEET,
    kind,
    size: '1G',
    array_labels: null,
    expected_iops: null,
    array,
    array_id: null,
    deletion_policy: 'delete',
    destroyed: false,
    adopt: false,
    nfs_v3: kind === 'file' ? true : null,
    nfs_v4_1: kind === 'file' ? true : null,
    export_rules: kind === 'file' ? '' : null,
    export_policy: null,
    hard_limit: kind === 'file' ? false : null,
    mount_path: null,
    backend_name: backend,
    serial: null,
    size_bytes: null,
    placement: null,
    iops_limit: null,
    bandwidth_limit: null,
    hosts: null,
    connections: null,
    host_groups: null,
    host_group_connections: null,
    wwn: null,
    snapshot_every: null,
    snapshot_retention: null,
    protection_group: null,
    newest_snapshot: null,
  };
}

test('refreshing 500 file and 500 block volumes on 2 + 2 arrays makes at most 40 REST calls', async () => {
  // Out of band, in bulk (POST accepts a list of names): what an earlier apply created.
  const setup = new FleetConnection(rosterOf(fleet));
  try {
    for (const a of ARRAYS) {
      const session = setup.session(a.name);
      for (let i = 0; i < PER_ARRAY; i += 50) {
        const batch = names(a.name)
          .slice(i, i + 50)
          .join(',');
        if (a.type === 'flasharray')
          await session.request('POST', 'volumes', { query: { names: batch }, body: { provisioned: GIB } });
        else
          await session.request('POST', 'file-systems', {
            query: { names: batch },
            body: { provisioned: GIB, nfs: { v3_enabled: true, v4_1_enabled: true, rules: '' } },
          });
      }
    }
  } finally {
    await setup.close();
  }
  await fleet.control.resetCounters();

  // A fresh provider process, as `terraform plan` starts one.
  const connection = new FleetConnection(rosterOf(fleet));
  const providerData: PureProviderData = {
    fleet: connection,
    placer: new FleetPlacer(connection),
    policy: {},
    fileDefaults: {},
  };
  const states = ARRAYS.flatMap((a) =>
    names(a.name).map((n) => stateOf(a.name, a.type === 'flasharray' ? 'block' : 'file', n)),
  );
  const diags = new Diagnostics();
  const results: (VolumeState | null)[] = [];
  try {
    for (let i = 0; i < states.length; i += 10) {
      const batch = states.slice(i, i + 10);
      results.push(
        ...(await Promise.all(
          batch.map((state) =>
            volumeResource.read(
              { state },
              { providerData, signal: new AbortController().signal, diags, logger: silentLogger },
            ),
          ),
        )),
      );
    }
  } finally {
    await connection.close();
  }
  expect(diags.all).toEqual([]);
  expect(results).toHaveLength(1000);
  expect(results.every((r) => r !== null && r.size === '1G' && r.array_id !== null)).toBe(true);
  const files = results.filter((r) => r?.kind === 'file');
  expect(files).toHaveLength(500);
  expect(files[0]?.mount_path).toMatch(/^10\.3\.0\.[12]:\/cnt-fb-[12]-v\d+$/);
  expect(results.filter((r) => r?.kind === 'block' && r.serial)).toHaveLength(500);

  const counts = (await fleet.control.counters()).arrays;
  const total = Object.values(counts).reduce((sum, c) => sum + c.total, 0);
  // Per array: the version query, a login, its identity, the listing's pages, and a logout.
  expect(total).toBeLessThanOrEqual(40);
  console.log(
    `refresh of 1000 volumes: ${total} REST calls (${Object.entries(counts)
      .map(([name, c]) => `${name} ${c.total}`)
      .join(', ')})`,
  );
});
