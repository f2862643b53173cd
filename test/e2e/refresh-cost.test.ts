// What a refresh costs, as Terraform and OpenTofu run it: 500 file volumes and 500 block volumes
// on two FlashArrays and two FlashBlades, then `plan` (which refreshes every one of them) is
// counted by the simulator. Every Read is served from its array's fleet-wide listing, so the
// whole refresh, pure_fleet's inspection of the members included, stays within 40 REST calls.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FleetDescription, RunningFleet } from '../../src/simulator';
import { startFleet } from '../../src/simulator';
import type { CliName } from './harness/workspace';
import { CLI_NAMES, Workspace } from './harness/workspace';
import { providerBlock } from './support/file-fleet';

jest.setTimeout(900_000);

const COMMON = {
  capacity: '1PiB',
  preexistingUsed: 0.05,
  load: { profile: 'steady', utilization: 0.1 },
} as const;
const FLEET: FleetDescription = {
  name: 'cost',
  arrays: [
    { ...COMMON, type: 'flasharray', name: 'fa-1', volumeLimit: 5000 },
    { ...COMMON, type: 'flasharray', name: 'fa-2', volumeLimit: 5000 },
    { ...COMMON, type: 'flashblade', name: 'fb-1', nfsEndpoint: '10.5.0.1', volumeLimit: 5000 },
    { ...COMMON, type: 'flashblade', name: 'fb-2', nfsEndpoint: '10.5.0.2', volumeLimit: 5000 },
  ],
};
const PER_KIND = 500;

describe.each(CLI_NAMES)('refresh cost with %s', (cli: CliName) => {
  let fleet: RunningFleet;
  let workspace: Workspace;

  beforeAll(async () => {
    fleet = await startFleet(FLEET, { stateDir: mkdtempSync(join(tmpdir(), 'pure-sim-')) });
    workspace = new Workspace(cli);
    const volumes = (['block', 'file'] as const)
      .map(
        (kind) =>
          `resource "pure_volume" "${kind}" {\n  count = ${PER_KIND}\n  fleet = pure_fleet.f.name\n  name  = "${kind}\${count.index}"\n  kind  = "${kind}"\n  size  = "1G"\n}\n`,
      )
      .join('');
    workspace.writeConfig(providerBlock(fleet, 'cost') + volumes);
    await workspace.init();
    await workspace.apply(['-parallelism=50']);
  });

  afterAll(async () => {
    workspace?.dispose();
    await fleet?.stop();
  });

  it('refreshes 500 file and 500 block volumes on 2 + 2 arrays in at most 40 REST calls', async () => {
    const summary = await fleet.control.arrays();
    const objects = Object.fromEntries(summary.arrays.map((a) => [a.name, a.objects]));
    expect((objects['fa-1'] ?? 0) + (objects['fa-2'] ?? 0)).toBe(PER_KIND);
    expect((objects['fb-1'] ?? 0) + (objects['fb-2'] ?? 0)).toBe(PER_KIND);

    await fleet.control.resetCounters();
    const plan = await workspace.plan(['-parallelism=50']);
    expect(plan.code).toBe(0);
    const counts = (await fleet.control.counters()).arrays;
    const total = Object.values(counts).reduce((sum, c) => sum + c.total, 0);
    process.stdout.write(
      `${cli}: refresh of ${2 * PER_KIND} volumes: ${total} REST calls (${Object.entries(counts)
        .map(([name, c]) => `${name} ${c.total}`)
        .join(', ')})\n`,
    );
    expect(total).toBeLessThanOrEqual(40);
  });
});
