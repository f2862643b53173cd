// Every registry example under examples/ runs against a simulated fleet with real Terraform and
// real OpenTofu, the steps a reader would take: validate, plan, apply, an empty plan, the
// import.sh commands and the import block of the resource's page, destroy. The examples are found
// on disk, so an example added for a new resource or data source is run without a test change.

import { copyFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { RunningFleet } from '../../src/simulator';
import type { CliName, Workspace } from './harness/workspace';
import { CLI_NAMES } from './harness/workspace';
import type { Example } from './support/examples';
import { exampleWorkspace, examples, startExamplesFleet } from './support/examples';

jest.setTimeout(300_000);

const ALL = examples();

it('finds an example for each resource and data source of the provider', () => {
  expect(ALL.map((e) => e.name)).toEqual(
    expect.arrayContaining([
      'resources/pure_fleet',
      'resources/pure_host',
      'resources/pure_host_group',
      'resources/pure_nfs_export_policy',
      'resources/pure_volume',
      'data-sources/pure_fleet',
      'data-sources/pure_placement',
      'data-sources/pure_volumes',
    ]),
  );
  for (const example of ALL) expect(example.addresses.length).toBeGreaterThan(0);
});

/** The actions a plan proposes, by resource address. */
async function plannedActions(workspace: Workspace): Promise<Record<string, string[]>> {
  const plan = await workspace.planJson();
  return Object.fromEntries((plan.resource_changes ?? []).map((c) => [c.address, c.change.actions]));
}

async function expectImportedInPlace(workspace: Workspace, address: string, id: unknown): Promise<void> {
  // The imported object is the applied one: the configuration may update it in place (an
  // attribute import cannot know), but never replaces, creates or deletes it.
  const actions = (await plannedActions(workspace))[address] ?? ['no-op'];
  expect(actions.filter((a) => a === 'create' || a === 'delete')).toEqual([]);
  await workspace.applyStep();
  expect((await workspace.resource(address)).values.id).toEqual(id);
}

describe.each(CLI_NAMES)('examples with %s', (cli: CliName) => {
  describe.each(ALL.map((e) => [e.name, e] as const))('%s', (_name: string, example: Example) => {
    let fleet: RunningFleet;
    let workspace: Workspace;

    beforeAll(async () => {
      fleet = await startExamplesFleet();
      workspace = exampleWorkspace(cli, fleet, example);
      await workspace.init();
    });

    afterAll(async () => {
      workspace?.dispose();
      await fleet?.stop();
    });

    it('validates, plans, applies, and then plans nothing', async () => {
      await workspace.validate();
      const plan = await workspace.plan();
      if (example.addresses.some((a) => !a.startsWith('data.'))) expect(plan.code).toBe(2);
      const state = await workspace.applyStep();
      // Every block the example declares is in state (a counted one by its instances).
      const declared = state.map((r) => r.address.replace(/\[[^\]]*\]$/, ''));
      expect(declared).toEqual(expect.arrayContaining([...example.addresses]));
    });

    if (example.importCommands.length > 0) {
      it('imports with the commands of import.sh', async () => {
        for (const { address, id } of example.importCommands) {
          const applied = await workspace.resource(address);
          await workspace.run(['state', 'rm', '-no-color', address]);
          await workspace.run(['import', '-input=false', '-no-color', address, id]);
          await expectImportedInPlace(workspace, address, applied.values.id);
        }
      });
    }

    const importBlock = example.importBlock;
    if (importBlock) {
      it(`imports with the import block of ${basename(importBlock.file)}`, async () => {
        const applied = await Promise.all(importBlock.addresses.map((a) => workspace.resource(a)));
        for (const address of importBlock.addresses) {
          await workspace.run(['state', 'rm', '-no-color', address]);
        }
        copyFileSync(importBlock.file, join(workspace.dir, basename(importBlock.file)));
        const plan = await workspace.plan();
        expect(plan.stdout).toMatch(new RegExp(`${importBlock.addresses.length} to import`));
        for (const [i, address] of importBlock.addresses.entries()) {
          await expectImportedInPlace(workspace, address, applied[i]?.values.id);
        }
      });
    }

    it('destroys, leaving nothing in state', async () => {
      await workspace.destroy();
      expect(await workspace.state()).toEqual([]);
    });
  });
});
