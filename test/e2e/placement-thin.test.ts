// Placement on a thin-provisioned simulated fleet, as Terraform and OpenTofu see it: arrays whose
// volumes' provisioned sizes add up to ten times their usable capacity are judged by what they
// physically store (the fill their GUI shows), not by what is provisioned, and the explanation
// stored in state says so in the admin's terms.

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
  capacity: '10TiB',
  load: { profile: 'steady', utilization: 0.1 },
} as const;
const FLEET: FleetDescription = {
  name: 'thin',
  arrays: [
    // 50% physically used at 4:1, 20% of what is provisioned written: 20 TiB written, 100 TiB
    // provisioned (10 × usable). Counting provisioned bytes as written, the rule this model
    // replaced, put it at 100 ÷ 4 = 25 TiB, 2.5 × usable, and excluded it.
    { ...ARRAY, name: 'fa-thin', preexistingUsed: 0.5, dataReductionRatio: 4, fillRatio: 0.2 },
    // 70% used, no reduction, fully written: provisioned = written = 7 TiB, less than usable.
    { ...ARRAY, name: 'fa-dense', preexistingUsed: 0.7, dataReductionRatio: 1, fillRatio: 1 },
    // 90% used: past the 85% threshold whatever it is asked to take.
    { ...ARRAY, name: 'fa-full', preexistingUsed: 0.9, dataReductionRatio: 4, fillRatio: 0.2 },
  ],
};

function config(fleet: RunningFleet, volumes: string): string {
  const arrays = fleet.arrays
    .map(
      (a) =>
        `  array {\n    name = "${a.name}"\n    type = "flasharray"\n    endpoint = "${a.mgmtEndpoint}"\n    api_token = "${a.apiToken}"\n  }`,
    )
    .join('\n');
  return (
    `terraform {\n  required_providers {\n    pure = { source = "pure-fleet/pure" }\n  }\n}\n` +
    `provider "pure" {\n  ca_file = "${fleet.caCertPath}"\n${arrays}\n}\n` +
    `resource "pure_fleet" "f" {\n  name = "thin"\n}\n${volumes}`
  );
}

const volume = (name: string, size: string) =>
  `resource "pure_volume" "${name}" {\n  fleet = pure_fleet.f.name\n  name  = "${name}"\n  size  = "${size}"\n}\n`;

interface PlacementInState {
  summary: string;
  scores: Record<string, number>;
  excluded: { array: string; reason: string; message: string }[];
}

describe.each(CLI_NAMES)('placement on a thin-provisioned fleet with %s', (cli: CliName) => {
  let fleet: RunningFleet;
  let workspace: Workspace;

  beforeAll(async () => {
    fleet = await startFleet(FLEET, { stateDir: mkdtempSync(join(tmpdir(), 'pure-sim-')) });
    workspace = new Workspace(cli);
    workspace.writeConfig(config(fleet, ''));
    await workspace.init();
  });

  afterAll(async () => {
    workspace?.dispose();
    await fleet?.stop();
  });

  it('places by physical fill and explains it in state in the admin’s terms', async () => {
    const state = await workspace.applyStep(config(fleet, volume('db', '1T')));
    const db = state.find((r) => r.address === 'pure_volume.db') as StateResource;
    // The emptiest array by what it stores (50%), although its provisioned sizes are 10 × usable.
    expect(db.values.array).toBe('fa-thin');
    const placement = db.values.placement as PlacementInState;
    // capacity = 100 × (1 − utilisation after placement): 50% used + 0.3% system + 1 TiB × 0.2 ÷ 4
    // = 0.05 TiB (0.5%) expected to be written → 49.2. The provisioned rule would have made it 0.
    expect(placement.scores.capacity).toBeGreaterThan(48);
    expect(placement.scores.capacity).toBeLessThan(50);
    expect(placement.summary).toMatch(/^placed on fa-thin /);
    // fa-dense was a candidate (70% full), so it is not among the excluded; fa-full is, with its fill.
    expect(placement.excluded.map((e) => [e.array, e.reason])).toEqual([['fa-full', 'CAPACITY_HEADROOM']]);
    // 90% used + 0.3% system; 1 TiB × 0.2 written ÷ 4:1 = 51.2 GiB, 0.5% of 10 TiB.
    expect(placement.excluded[0]!.message).toBe(
      'fa-full is 90.3% full; this 1 TiB volume is expected to add 0.5% (51.2 GiB physical), ' +
        'reaching 90.8%, above the 85% threshold',
    );
  });

  it('fails the plan of a volume no array can hold, each array named with its real fill', async () => {
    workspace.writeConfig(config(fleet, volume('db', '1T') + volume('huge', '150T')));
    const plan = await workspace.run(['plan', '-input=false', '-no-color'], { allowFailure: true });
    expect(plan.code).toBe(1);
    const text = plan.stderr.replace(/\s+/g, ' ');
    // 150 TiB × 0.2 ÷ 4 = 7.5 TiB: 75% more on a 10 TiB array.
    expect(text).toMatch(
      /fa-thin is 50\.\d% full[^;]*; this 150 TiB volume is expected to add 75% \(7\.5 TiB physical\)/,
    );
    expect(text).toMatch(/fa-dense is 70\.\d% full/);
    expect(text).toMatch(/fa-full is 90\.\d% full/);
  });
});
