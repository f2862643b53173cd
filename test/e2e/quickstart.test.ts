// examples/quickstart end to end, with real Terraform and real OpenTofu against the simulated
// fleet over HTTPS: init with no registry, validate, plan, apply, empty plans, import, destroy.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FlashArrayClient } from '../../src/fleet/clients/flasharray';
import { PureRestSession } from '../../src/fleet/rest/session';
import type { RunningFleet } from '../../src/simulator';
import type { CliName, StateResource } from './harness/workspace';
import { CLI_NAMES, Workspace } from './harness/workspace';
import { quickstartWorkspace, startQuickstartFleet } from './support/quickstart';

jest.setTimeout(240_000);

async function fleetVolumes(
  fleet: RunningFleet,
): Promise<Map<string, { array: string; destroyed: boolean; provisioned: number }>> {
  const found = new Map<string, { array: string; destroyed: boolean; provisioned: number }>();
  for (const array of fleet.arrays) {
    const client = new FlashArrayClient(
      new PureRestSession({
        arrayName: array.name,
        kind: 'flasharray',
        endpoint: array.mgmtEndpoint,
        apiToken: array.apiToken,
        caPem: fleet.caCertPem,
      }),
    );
    for (const v of await client.listVolumesWithPrefix('quickstart-')) {
      found.set(v.name, { array: array.name, destroyed: v.destroyed, provisioned: v.provisioned });
    }
  }
  return found;
}

describe.each(CLI_NAMES)('examples/quickstart with %s', (cli: CliName) => {
  let fleet: RunningFleet;
  let workspace: Workspace;

  beforeAll(async () => {
    fleet = await startQuickstartFleet();
    workspace = quickstartWorkspace(cli, fleet);
  });

  afterAll(async () => {
    workspace?.dispose();
    await fleet?.stop();
  });

  it('initialises from the local mirror with no registry, recording an h1 hash in the lock file', async () => {
    const init = await workspace.init();
    expect(init.stdout).toMatch(/pure-fleet\/pure/);
    const lock = readFileSync(join(workspace.dir, '.terraform.lock.hcl'), 'utf8');
    const host = cli === 'terraform' ? 'registry.terraform.io' : 'registry.opentofu.org';
    expect(lock).toContain(`provider "${host}/pure-fleet/pure"`);
    expect(lock).toMatch(/"h1:[A-Za-z0-9+/]+=*"/);
  });

  it('validates', async () => {
    const result = await workspace.validate();
    expect(result.stdout).toMatch(/configuration is valid/);
  });

  it('plans three creates with the arrays left to apply time', async () => {
    const plan = await workspace.planJson();
    const changes = plan.resource_changes ?? [];
    expect(changes.map((c) => [c.address, c.change.actions])).toEqual([
      ['pure_fleet.quickstart', ['create']],
      ['pure_volume.database', ['create']],
      ['pure_volume.logs', ['create']],
    ]);
    const database = changes.find((c) => c.address === 'pure_volume.database');
    expect(database?.change.after_unknown.array).toBe(true);
    expect(database?.change.after.size_bytes).toBe(2 * 1024 ** 4);
    expect(database?.change.after.backend_name).toBe('quickstart-database');
  });

  let applied: StateResource[] = [];

  it('applies, after which both a plan without refresh and a refreshed plan are empty', async () => {
    applied = await workspace.applyStep();
    const volumes = await fleetVolumes(fleet);
    for (const name of ['database', 'logs']) {
      const state = applied.find((r) => r.address === `pure_volume.${name}`);
      const onArray = volumes.get(`quickstart-${name}`);
      expect(onArray).toBeDefined();
      expect(state?.values.array).toBe(onArray?.array);
      expect(onArray?.destroyed).toBe(false);
      expect(state?.values.serial).toMatch(/^[0-9A-F]{24}$/);
    }
    expect(volumes.get('quickstart-database')?.provisioned).toBe(2 * 1024 ** 4);
    const members = applied.find((r) => r.address === 'pure_fleet.quickstart')?.values.members as {
      name: string;
    }[];
    expect(members.map((m) => m.name)).toEqual(['fa-east-1', 'fa-east-2']);
  });

  it('imports a volume by <fleet>/<name> with the same attributes', async () => {
    const logs = applied.find((r) => r.address === 'pure_volume.logs') as StateResource;
    await workspace.importStep('pure_volume.logs', 'quickstart/logs', logs, ['placement']);
  });

  it("destroys, leaving the volumes recoverable in the arrays' eradication bins", async () => {
    await workspace.destroy();
    const volumes = await fleetVolumes(fleet);
    expect(volumes.get('quickstart-database')?.destroyed).toBe(true);
    expect(volumes.get('quickstart-logs')?.destroyed).toBe(true);
    expect(await workspace.state()).toEqual([]);
  });
});

describe.each(CLI_NAMES)('providers schema -json with %s', (cli: CliName) => {
  it('lists pure_fleet and pure_volume with their attributes', async () => {
    const workspace = new Workspace(cli);
    try {
      workspace.writeConfig(
        'terraform {\n  required_providers {\n    pure = { source = "pure-fleet/pure" }\n  }\n}\n',
      );
      await workspace.init();
      const shown = await workspace.run(['providers', 'schema', '-json']);
      const schemas = JSON.parse(shown.stdout).provider_schemas as Record<
        string,
        { resource_schemas: Record<string, { block: { attributes: Record<string, unknown> } }> }
      >;
      const pure = Object.entries(schemas).find(([address]) => address.endsWith('/pure-fleet/pure'))?.[1];
      expect(Object.keys(pure?.resource_schemas ?? {}).sort()).toEqual([
        'pure_fleet',
        'pure_host',
        'pure_host_group',
        'pure_nfs_export_policy',
        'pure_volume',
      ]);
      expect(Object.keys(pure?.resource_schemas.pure_volume?.block.attributes ?? {})).toEqual(
        expect.arrayContaining([
          'name',
          'fleet',
          'kind',
          'size',
          'array',
          'deletion_policy',
          'serial',
          'mount_path',
        ]),
      );
      expect(Object.keys(pure?.resource_schemas.pure_fleet?.block.attributes ?? {})).toEqual(
        expect.arrayContaining(['name', 'members']),
      );
    } finally {
      workspace.dispose();
    }
  });
});
