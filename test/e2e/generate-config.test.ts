// `plan -generate-config-out` for an imported volume, on a CLI version that has the feature for
// this schema (harness/cli-versions.ts): OpenTofu before 1.12.6 crashes on the computed nested
// attribute `placement`, so OpenTofu runs this on 1.12.6 or later whatever the run's binary is.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunningFleet } from '../../src/simulator';
import { setupSupporting } from './harness/cli-versions';
import type { CliName } from './harness/workspace';
import { CLI_NAMES, Workspace } from './harness/workspace';
import { exampleWorkspace, examples, startExamplesFleet } from './support/examples';

jest.setTimeout(300_000);

const volumeExample = examples().find((e) => e.name === 'resources/pure_volume');
if (!volumeExample) throw new Error('examples/resources/pure_volume is missing');

const importOnly = `
resource "pure_fleet" "prod" {
  name = "prod"
}

import {
  to = pure_volume.database
  id = "prod/database"
}
`;

describe.each(CLI_NAMES)('plan -generate-config-out with %s', (cli: CliName) => {
  let fleet: RunningFleet;
  let created: Workspace;
  let importing: Workspace | undefined;

  beforeAll(async () => {
    fleet = await startExamplesFleet();
    created = exampleWorkspace(cli, fleet, volumeExample);
  });

  afterAll(async () => {
    created?.dispose();
    importing?.dispose();
    await fleet?.stop();
  });

  it('writes a configuration for an imported volume that then plans nothing', async () => {
    await created.init();
    await created.applyStep();
    const applied = await created.resource('pure_volume.database');

    // A second working directory that knows the volume only by its import id.
    const workspace = new Workspace(cli, setupSupporting(cli, 'generate-config-out'), created.env());
    importing = workspace;
    for (const file of ['provider.tf', 'values.yaml', 'simulator.auto.tfvars.json']) {
      workspace.writeConfig(readFileSync(join(created.dir, file), 'utf8'), file);
    }
    workspace.writeConfig(importOnly, 'import.tf');
    await workspace.init();
    const plan = await workspace.plan(['-generate-config-out=generated.tf']);
    expect(plan.stdout).toMatch(/1 to import/);
    const generated = readFileSync(join(workspace.dir, 'generated.tf'), 'utf8');
    expect(generated).toMatch(/resource "pure_volume" "database" \{/);
    expect(generated).toMatch(/name\s+= "database"/);
    expect(generated).toMatch(/size\s+= "2T"/);
    expect(generated).not.toMatch(/placement\s*=/); // computed only: not configuration

    await workspace.applyStep();
    const imported = await workspace.resource('pure_volume.database');
    expect(imported.values.serial).toBe(applied.values.serial);
    expect(existsSync(join(workspace.dir, 'generated.tf'))).toBe(true);
  });
});
