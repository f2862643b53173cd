// What the plan says about file volumes it cannot make: one no FlashBlade can take (naming every
// array and why), and bad input, each a diagnostic on its own attribute: a file-only attribute
// on a block volume, a malformed export rule, a size outside FlashBlade's range, an export rule
// and a policy together, a change of kind.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FleetDescription, RunningFleet } from '../../src/simulator';
import { startFleet } from '../../src/simulator';
import type { CliName } from './harness/workspace';
import { CLI_NAMES, Workspace } from './harness/workspace';
import { providerBlock } from './support/file-fleet';

jest.setTimeout(300_000);

const COMMON = {
  preexistingUsed: 0.1,
  dataReductionRatio: 1,
  load: { profile: 'steady', utilization: 0.1 },
} as const;
const FLEET: FleetDescription = {
  name: 'diag',
  arrays: [
    { ...COMMON, type: 'flasharray', name: 'fa-1', capacity: '500TiB', labels: { zone: 'a' } },
    {
      ...COMMON,
      type: 'flashblade',
      name: 'fb-small',
      capacity: '20TiB',
      labels: { zone: 'a' },
      nfsEndpoint: '10.9.0.1',
    },
    {
      ...COMMON,
      type: 'flashblade',
      name: 'fb-other',
      capacity: '500TiB',
      labels: { zone: 'b' },
      nfsEndpoint: '10.9.0.2',
    },
  ],
};

function volume(label: string, body: string): string {
  return `resource "pure_volume" "${label}" {\n  fleet = pure_fleet.f.name\n  name  = "${label}"\n${body}}\n`;
}

/** Terraform and OpenTofu print the attribute's source line under "on main.tf line N, in resource …". */
function diagnosticOn(stderr: string, resource: string, attribute: string): boolean {
  const escaped = resource.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`in resource "pure_volume" "${escaped}":\\n\\s*\\d+:\\s*${attribute}\\s*=`).test(stderr);
}

describe.each(CLI_NAMES)('file volume diagnostics with %s', (cli: CliName) => {
  let fleet: RunningFleet;
  let workspace: Workspace;
  let base: string;

  beforeAll(async () => {
    fleet = await startFleet(FLEET, { stateDir: mkdtempSync(join(tmpdir(), 'pure-sim-')) });
    workspace = new Workspace(cli);
    base = providerBlock(fleet, 'diag');
    workspace.writeConfig(base);
    await workspace.init();
  });

  afterAll(async () => {
    workspace?.dispose();
    await fleet?.stop();
  });

  const failingPlan = async (hcl: string): Promise<string> => {
    workspace.writeConfig(base + hcl);
    const plan = await workspace.run(['plan', '-input=false', '-no-color'], { allowFailure: true });
    expect(plan.code).toBe(1);
    return plan.stderr;
  };

  it('fails the plan of a file volume no FlashBlade can take, naming every array and why', async () => {
    const stderr = await failingPlan(
      volume('huge', '  kind = "file"\n  size = "50T"\n  array_labels = { zone = "a" }\n'),
    );
    expect(stderr).toMatch(/No array can take this volume/);
    expect(stderr).toMatch(/fa-1 \([^)]*\): KIND_MISMATCH/);
    expect(stderr).toMatch(/fb-small \([^)]*\): CAPACITY_HEADROOM/);
    expect(stderr).toMatch(/fb-other \([^)]*\): LABEL_MISMATCH/);
  });

  it('puts each bad input on its attribute', async () => {
    const stderr = await failingPlan(
      volume('blk', '  size = "10G"\n  nfs_v3 = true\n') +
        volume(
          'rules',
          '  kind = "file"\n  size = "10G"\n  export_rules = "10.0.0.0/33(rw,no_root_sqush)"\n',
        ) +
        volume('big', '  kind = "file"\n  size = "9P"\n') +
        volume('odd', '  size = "1000"\n') +
        volume(
          'both',
          '  kind = "file"\n  size = "10G"\n  export_rules = "*(ro)"\n  export_policy = "default"\n',
        ),
    );
    expect(stderr).toMatch(/nfs_v3 is for file volumes/);
    expect(diagnosticOn(stderr, 'blk', 'nfs_v3')).toBe(true);
    expect(stderr).toMatch(
      /Invalid NFS export rules[\s\S]*IPv4 prefix is at most \/32[\s\S]*"no_root_sqush" is not an export option/,
    );
    expect(diagnosticOn(stderr, 'rules', 'export_rules')).toBe(true);
    expect(stderr).toMatch(/9P is outside the FlashBlade file system range 1M to 8P/);
    expect(diagnosticOn(stderr, 'big', 'size')).toBe(true);
    expect(stderr).toMatch(/1000 is outside the FlashArray volume range/);
    expect(diagnosticOn(stderr, 'odd', 'size')).toBe(true);
    expect(stderr).toMatch(/export_rules and export_policy exclude each other/);
    expect(diagnosticOn(stderr, 'both', 'export_policy')).toBe(true);
  });

  it('refuses to change the kind of an existing volume, on kind, saying what to do', async () => {
    workspace.writeConfig(base + volume('k', '  size = "10G"\n'));
    await workspace.apply();
    const stderr = await failingPlan(volume('k', '  kind = "file"\n  size = "10G"\n'));
    expect(stderr).toMatch(/A volume cannot change kind/);
    expect(stderr).toMatch(/Set kind = "block" to keep\s+it/);
    expect(diagnosticOn(stderr, 'k', 'kind')).toBe(true);
    workspace.writeConfig(base);
    await workspace.apply();
  });
});
