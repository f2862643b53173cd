// Shared set-up of the quickstart example for e2e tests and benchmarks: a simulated fleet
// from examples/quickstart/fleet.yaml and a workspace holding a copy of the example with the
// simulator's endpoints written as tfvars.

import { copyFileSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningFleet } from '../../../src/simulator';
import { loadFleetDescription, startFleet } from '../../../src/simulator';
import type { CliName } from '../harness/workspace';
import { Workspace } from '../harness/workspace';

export const QUICKSTART_DIR = join(__dirname, '..', '..', '..', 'examples', 'quickstart');

export async function startQuickstartFleet(): Promise<RunningFleet> {
  const description = loadFleetDescription(readFileSync(join(QUICKSTART_DIR, 'fleet.yaml'), 'utf8'));
  return startFleet(description, { stateDir: mkdtempSync(join(tmpdir(), 'pure-sim-')) });
}

/** The tfvars the quickstart reads: each array's name, endpoint, token and labels, and the CA. */
export function simulatorTfvars(fleet: RunningFleet): string {
  return JSON.stringify(
    {
      ca_file: fleet.caCertPath,
      arrays: fleet.arrays.map((a) => ({
        name: a.name,
        type: a.type,
        endpoint: a.mgmtEndpoint,
        api_token: a.apiToken,
        labels: a.labels,
      })),
    },
    null,
    2,
  );
}

export function quickstartWorkspace(cli: CliName, fleet: RunningFleet): Workspace {
  const workspace = new Workspace(cli);
  for (const file of readdirSync(QUICKSTART_DIR).filter((f) => f.endsWith('.tf'))) {
    copyFileSync(join(QUICKSTART_DIR, file), join(workspace.dir, file));
  }
  writeFileSync(join(workspace.dir, 'simulator.auto.tfvars.json'), simulatorTfvars(fleet));
  return workspace;
}
