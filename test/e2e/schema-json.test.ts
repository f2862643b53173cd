// `terraform-provider-pure schema-json` prints, byte for byte, what the real `terraform providers
// schema -json` (and tofu's) prints for the installed provider: the CDKTF bindings and the
// registry docs are generated from it without running Terraform, so it must not drift from it.

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { CliName } from './harness/workspace';
import { CLI_NAMES, Workspace } from './harness/workspace';

jest.setTimeout(120_000);

const BINARY = join(__dirname, '..', '..', 'dist', 'terraform-provider-pure');

function schemaJson(args: readonly string[]): string {
  const result = spawnSync(BINARY, ['schema-json', ...args], {
    env: { PATH: process.env.PATH },
    encoding: 'utf8',
  });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return result.stdout;
}

describe.each(CLI_NAMES)('schema-json against %s providers schema -json', (cli: CliName) => {
  let workspace: Workspace;

  beforeAll(async () => {
    workspace = new Workspace(cli);
    workspace.writeConfig(
      'terraform {\n  required_providers {\n    pure = { source = "pure-fleet/pure" }\n  }\n}\n',
    );
    await workspace.init();
  });

  afterAll(() => workspace?.dispose());

  it('prints the same bytes as the real CLI for the installed provider', async () => {
    const real = await workspace.run(['providers', 'schema', '-json']);
    const ours = schemaJson(cli === 'tofu' ? ['--opentofu'] : []);
    // Parsed first, so a difference shows as a readable diff rather than one long line.
    expect(JSON.parse(ours)).toEqual(JSON.parse(real.stdout));
    expect(ours).toBe(real.stdout);
    const host = cli === 'tofu' ? 'registry.opentofu.org' : 'registry.terraform.io';
    expect(Object.keys(JSON.parse(ours).provider_schemas)).toEqual([`${host}/pure-fleet/pure`]);
  });
});

describe('launching by hand', () => {
  it('still prints nothing on stdout and exits 1 without the schema-json subcommand', () => {
    for (const args of [[], ['schema'], ['--schema-json']]) {
      const result = spawnSync(BINARY, args, { env: { PATH: process.env.PATH }, encoding: 'utf8' });
      expect(result.status).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/This binary is a plugin/);
    }
  });
});
