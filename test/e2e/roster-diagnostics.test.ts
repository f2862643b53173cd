// Roster problems as Terraform and OpenTofu show them: beside a good array, a refused token and an
// endpoint nobody answers are each a plan-time error on the attribute of the `array` block that is
// wrong (the CLI prints the file and line of that attribute), naming the array by its roster name;
// the good array alone plans. A cordoned dead array is only a warning.

import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FleetDescription, RunningFleet } from '../../src/simulator';
import { startFleet } from '../../src/simulator';
import type { CliName } from './harness/workspace';
import { CLI_NAMES, Workspace } from './harness/workspace';

jest.setTimeout(240_000);

const FLEET: FleetDescription = {
  name: 'roster',
  arrays: [{ type: 'flasharray', name: 'fa-good', capacity: '10TiB', labels: {} }],
};

/** A loopback port nothing listens on: bound, then closed. */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

interface Entry {
  readonly name: string;
  readonly endpoint: string;
  readonly token: string;
  readonly cordoned?: boolean;
}

/** The configuration, and the line of each array's endpoint and api_token (1-based). */
function config(fleet: RunningFleet, entries: readonly Entry[]) {
  const lines = [
    'terraform {',
    '  required_providers {',
    '    pure = { source = "pure-fleet/pure" }',
    '  }',
    '}',
    'provider "pure" {',
    `  ca_file = "${fleet.caCertPath}"`,
  ];
  const at: Record<string, { endpoint: number; api_token: number }> = {};
  for (const e of entries) {
    lines.push('  array {', `    name = "${e.name}"`, '    type = "flasharray"');
    lines.push(`    endpoint = "${e.endpoint}"`);
    const endpoint = lines.length;
    lines.push(`    api_token = "${e.token}"`);
    at[e.name] = { endpoint, api_token: lines.length };
    if (e.cordoned) lines.push('    cordoned = true');
    lines.push('  }');
  }
  lines.push(
    '}',
    'resource "pure_volume" "v" {',
    '  fleet = "roster"',
    '  name  = "v1"',
    '  size  = "10G"',
    '}',
    '',
  );
  return { hcl: lines.join('\n'), at };
}

/** The diagnostic block of one error, as the CLI prints it (summary to the next box). */
function diagnostic(stderr: string, summary: string): string {
  const start = stderr.indexOf(summary);
  if (start < 0) throw new Error(`no diagnostic "${summary}" in:\n${stderr}`);
  const end = stderr.indexOf('Error:', start + summary.length);
  return stderr.slice(start, end < 0 ? undefined : end);
}

describe.each(CLI_NAMES)('roster diagnostics with %s', (cli: CliName) => {
  let fleet: RunningFleet;
  let workspace: Workspace;
  let good: Entry;
  let dead: string;

  beforeAll(async () => {
    fleet = await startFleet(FLEET, { stateDir: mkdtempSync(join(tmpdir(), 'pure-sim-')) });
    const array = fleet.arrays[0]!;
    good = { name: 'fa-good', endpoint: array.mgmtEndpoint, token: array.apiToken };
    dead = `127.0.0.1:${await deadPort()}`;
    workspace = new Workspace(cli);
    workspace.writeConfig(config(fleet, [good]).hcl);
    await workspace.init();
  });

  afterAll(async () => {
    workspace?.dispose();
    await fleet?.stop();
  });

  it('plans with the good array alone', async () => {
    const plan = await workspace.plan();
    expect(plan.stdout).toMatch(/Plan: 1 to add/);
  });

  it('reports a refused token and a dead endpoint on their own array blocks', async () => {
    const wrong: Entry = {
      name: 'fa-wrong-token',
      endpoint: good.endpoint,
      token: '00000000-0000-0000-0000-000000000000',
    };
    const down: Entry = { name: 'fa-dead', endpoint: dead, token: good.token };
    const { hcl, at } = config(fleet, [good, wrong, down]);
    workspace.writeConfig(hcl);
    const plan = await workspace.run(['plan', '-input=false', '-no-color'], { allowFailure: true });
    expect(plan.code).toBe(1);
    const refused = diagnostic(plan.stderr, 'Array "fa-wrong-token" refused its credentials');
    expect(refused).toMatch(
      new RegExp(`on main\\.tf line ${at['fa-wrong-token']!.api_token}, in provider "pure"`),
    );
    expect(refused).toMatch(/api_token/);
    // The CLI quotes the source line; the provider's own text never repeats the token.
    expect(refused.split('00000000-0000-0000-0000-000000000000')).toHaveLength(2);
    const unreachable = diagnostic(plan.stderr, 'Array "fa-dead" does not answer');
    expect(unreachable).toMatch(
      new RegExp(`on main\\.tf line ${at['fa-dead']!.endpoint}, in provider "pure"`),
    );
    expect(unreachable).toMatch(/endpoint/);
    // The good array is not blamed, and the problems are not mistaken for placement.
    expect(plan.stderr).not.toMatch(/fa-good/);
    expect(plan.stderr).not.toMatch(/No array can take this volume/);
    expect(plan.stderr).not.toMatch(/panic|Provider bug|Plugin did not respond/);
  });

  it('only warns about a dead array that is cordoned', async () => {
    const down: Entry = { name: 'fa-dead', endpoint: dead, token: good.token, cordoned: true };
    workspace.writeConfig(config(fleet, [good, down]).hcl);
    const plan = await workspace.plan();
    expect(plan.stdout).toMatch(/Plan: 1 to add/);
    expect(plan.stdout + plan.stderr).toMatch(/Warning: Array "fa-dead" does not answer/);
  });
});
