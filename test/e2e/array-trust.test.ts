// Which CAs the provider trusts for the arrays when the configuration names no ca_file: Node's
// roots plus NODE_EXTRA_CA_CERTS, as any Node program would. The executable's launcher keeps that
// variable from Node's boot (it is slow to parse and most provider processes never dial an array)
// and the provider applies it to the array clients itself; this checks it still takes effect,
// through real hosts, against the simulator's HTTPS with its own CA.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunningFleet } from '../../src/simulator';
import type { CliName } from './harness/workspace';
import { CLI_NAMES } from './harness/workspace';
import { quickstartWorkspace, startQuickstartFleet } from './support/quickstart';

jest.setTimeout(180_000);

let fleet: RunningFleet;

beforeAll(async () => {
  fleet = await startQuickstartFleet();
});

afterAll(async () => {
  await fleet?.stop();
});

function workspaceWithoutCaFile(cli: CliName) {
  const workspace = quickstartWorkspace(cli, fleet);
  const tfvars = join(workspace.dir, 'simulator.auto.tfvars.json');
  const values = JSON.parse(readFileSync(tfvars, 'utf8')) as Record<string, unknown>;
  writeFileSync(tfvars, JSON.stringify({ ...values, ca_file: null }));
  return workspace;
}

describe.each(CLI_NAMES)('array trust with %s and no ca_file', (cli: CliName) => {
  it('trusts an array whose CA is named by NODE_EXTRA_CA_CERTS', async () => {
    const workspace = workspaceWithoutCaFile(cli);
    try {
      await workspace.init();
      const plan = await workspace.run(['plan', '-input=false', '-no-color'], {
        env: { NODE_EXTRA_CA_CERTS: fleet.caCertPath },
      });
      expect(plan.stdout).toMatch(/Plan: 3 to add, 0 to change, 0 to destroy/);
    } finally {
      workspace.dispose();
    }
  });

  it('refuses the same array without it, saying why', async () => {
    const workspace = workspaceWithoutCaFile(cli);
    try {
      await workspace.init();
      const plan = await workspace.run(['plan', '-input=false', '-no-color'], { allowFailure: true });
      expect(plan.code).toBe(1);
      expect(plan.stderr).toMatch(/certificate/i);
      expect(plan.stderr).not.toMatch(/panic|Provider bug|Plugin did not respond/);
    } finally {
      workspace.dispose();
    }
  });
});
