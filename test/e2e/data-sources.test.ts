// The data sources as Terraform and OpenTofu show them, against a simulated fleet: pure_fleet's
// per-array figures in a plan, and a pure_placement preview of 20 volumes that an apply of the
// same 20 volumes then follows array for array; pure_volumes lists what the apply made.
//
// The arrays are alike and the volumes small against them (1 GiB on 1 PiB: no score moves by a
// rounding step), so each decision is the rendezvous tie-break of the volume's key: independent of
// the order Terraform creates the volumes in. (That earlier requests count is unit-tested.) The apply runs with
// -parallelism=1 and the preview with parallelism = 1, because Terraform's order within a burst of
// parallel creates is not deterministic, and burst spreading depends on which creates are in
// flight together (the preview models Terraform creating them in request order).

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FleetDescription, RunningFleet } from '../../src/simulator';
import { startFleet } from '../../src/simulator';
import type { CliName, StateResource } from './harness/workspace';
import { CLI_NAMES, Workspace } from './harness/workspace';

jest.setTimeout(300_000);

const ARRAY = {
  type: 'flasharray',
  capacity: '1PiB',
  preexistingUsed: 0.1,
  dataReductionRatio: 1,
  load: { profile: 'steady', utilization: 0.1 },
} as const;
const FLEET: FleetDescription = {
  name: 'ds',
  arrays: [
    { ...ARRAY, name: 'fa-1', labels: { zone: 'a' } },
    { ...ARRAY, name: 'fa-2', labels: { zone: 'a' } },
    { ...ARRAY, name: 'fa-3', labels: { zone: 'b' } },
  ],
};
const COUNT = 20;

function providerBlock(fleet: RunningFleet): string {
  const arrays = fleet.arrays
    .map(
      (a) =>
        `  array {\n    name = "${a.name}"\n    type = "flasharray"\n    endpoint = "${a.mgmtEndpoint}"\n    api_token = "${a.apiToken}"\n    labels = { zone = "${a.labels.zone}" }\n    volume_limit = 1000000\n  }`,
    )
    .join('\n');
  return `terraform {\n  required_providers {\n    pure = { source = "pure-fleet/pure" }\n  }\n}\nprovider "pure" {\n  ca_file = "${fleet.caCertPath}"\n${arrays}\n}\nresource "pure_fleet" "f" {\n  name = "ds"\n}\n`;
}

const DATA_SOURCES = `
data "pure_fleet" "live" {}

data "pure_placement" "preview" {
  fleet       = "ds"
  parallelism = 1
  requests    = [for i in range(${COUNT}) : { name = "v\${i}", size = "1G" }]
}

output "arrays" {
  value = { for a in data.pure_fleet.live.arrays : a.name => {
    used_share = a.capacity.used_share
    load       = a.performance.load
    volumes    = a.volumes.count
    observed   = a.observed_at
  } }
}

output "preview" {
  value = { for p in data.pure_placement.preview.placements : p.name => p.array }
}
`;

const VOLUMES = `
resource "pure_volume" "v" {
  count = ${COUNT}
  fleet = pure_fleet.f.name
  name  = "v\${count.index}"
  size  = "1G"
}

data "pure_volumes" "zone_a" {
  fleet        = pure_fleet.f.name
  array_labels = { zone = "a" }
  depends_on   = [pure_volume.v]
}

output "zone_a" {
  value = [for v in data.pure_volumes.zone_a.volumes : "\${v.array}/\${v.name}"]
}
`;

interface ShownPlan {
  prior_state?: { values?: { root_module?: { resources?: StateResource[] } } };
  planned_values?: { outputs?: Record<string, { value: unknown }> };
}

describe.each(CLI_NAMES)('data sources with %s', (cli: CliName) => {
  let fleet: RunningFleet;
  let workspace: Workspace;
  let base: string;

  beforeAll(async () => {
    fleet = await startFleet(FLEET, { stateDir: mkdtempSync(join(tmpdir(), 'pure-sim-')) });
    workspace = new Workspace(cli);
    base = providerBlock(fleet) + DATA_SOURCES;
    workspace.writeConfig(base);
    await workspace.init();
  });

  afterAll(async () => {
    workspace?.dispose();
    await fleet?.stop();
  });

  let preview: Record<string, string>;

  it("shows each array's live figures in the plan", async () => {
    await fleet.control.resetCounters();
    const plan = await workspace.plan();
    // Both data sources read the fleet in one plan: one telemetry round per array between them.
    for (const a of fleet.arrays) {
      const counts = (await fleet.control.counters(a.name)).endpoints;
      expect([a.name, counts['GET /api/2.x/arrays/space']?.count]).toEqual([a.name, 1]);
    }
    for (const name of ['fa-1', 'fa-2', 'fa-3'])
      expect(plan.stdout).toMatch(new RegExp(`"?${name}"?\\s+= \\{`));
    expect(plan.stdout).toMatch(/used_share\s*=\s*0\.\d+/);
    const shown = (await workspace.planJson()) as ShownPlan;
    const data = shown.prior_state?.values?.root_module?.resources?.find(
      (r) => r.address === 'data.pure_fleet.live',
    );
    const arrays = data?.values.arrays as {
      name: string;
      reachable: boolean;
      healthy: boolean;
      observed_at: string;
      capacity: { usable_bytes: number; used_share: number; share_after_reservations: number };
      performance: { load: number };
      volumes: { count: number; limit: number };
    }[];
    expect(arrays.map((a) => a.name)).toEqual(['fa-1', 'fa-2', 'fa-3']);
    for (const a of arrays) {
      expect(a.reachable).toBe(true);
      expect(a.healthy).toBe(true);
      expect(a.capacity.usable_bytes).toBeGreaterThan(0);
      expect(a.capacity.used_share).toBeCloseTo(0.1, 2);
      expect(a.capacity.share_after_reservations).toBeCloseTo(a.capacity.used_share, 6);
      expect(a.performance.load).toBeGreaterThan(0);
      expect(a.volumes.limit).toBe(1000000);
      expect(Date.now() - Date.parse(a.observed_at)).toBeLessThan(120_000);
    }
    const totals = data?.values.totals as { arrays: number; reachable_arrays: number; usable_bytes: number };
    expect(totals.arrays).toBe(3);
    expect(totals.reachable_arrays).toBe(3);
    expect(totals.usable_bytes).toBe(arrays.reduce((s, a) => s + a.capacity.usable_bytes, 0));
    preview = shown.planned_values?.outputs?.preview?.value as Record<string, string>;
    expect(Object.keys(preview)).toHaveLength(COUNT);
    // Alike arrays, so the tie-break spreads the volumes over them.
    expect(new Set(Object.values(preview)).size).toBeGreaterThan(1);
    const placements = shown.prior_state?.values?.root_module?.resources?.find(
      (r) => r.address === 'data.pure_placement.preview',
    )?.values.placements as { ranking: { scores: Record<string, number> }[]; excluded: unknown[] }[];
    expect(placements).toHaveLength(COUNT);
    for (const p of placements) {
      expect(p.ranking).toHaveLength(3);
      expect(Object.keys(p.ranking[0]!.scores).sort()).toEqual([
        'bottleneck',
        'capacity',
        'fit',
        'latency',
        'objects',
        'performance',
      ]);
      expect(p.excluded).toEqual([]);
    }
  });

  it('places 20 volumes where the preview said they would go', async () => {
    workspace.writeConfig(base + VOLUMES);
    await workspace.apply(['-parallelism=1']);
    const state = await workspace.state();
    const placed = Object.fromEntries(
      state
        .filter((r) => r.address.startsWith('pure_volume.v['))
        .map((r) => [r.values.name as string, r.values.array as string]),
    );
    expect(placed).toEqual(preview);
    // pure_volumes lists, from the arrays, the volumes on the arrays labelled zone a.
    const shown = await workspace.run(['output', '-json', 'zone_a']);
    const listed = (JSON.parse(shown.stdout) as string[]).sort();
    const expected = Object.entries(placed)
      .filter(([, array]) => array !== 'fa-3')
      .map(([name, array]) => `${array}/${name}`)
      .sort();
    expect(listed).toEqual(expected);
  });

  it('destroys everything it created', async () => {
    await workspace.destroy();
    expect((await workspace.state()).filter((r) => !r.address.startsWith('data.'))).toEqual([]);
  });
});
