// `npm run cdktf:check` (the cdktf-bindings step of npm test) fails when the schema changed and
// the bindings were not regenerated, naming the stale files, and passes once regenerated. Run on
// a copy of the package, with a schema that has one attribute more than the provider's.

import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

jest.setTimeout(120_000);

const ROOT = join(__dirname, '..', '..');
const PACKAGE = join(ROOT, 'cdktf', 'provider-pure');

function cdktf(args: readonly string[]): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, [join(ROOT, 'scripts', 'cdktf.mjs'), ...args], {
    encoding: 'utf8',
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('cdktf:check', () => {
  let dir: string;
  let changedSchema: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'pure-cdktf-stale-'));
    for (const part of ['schema.json', 'src'])
      cpSync(join(PACKAGE, part), join(dir, part), { recursive: true });
    const schema = JSON.parse(readFileSync(join(PACKAGE, 'schema.json'), 'utf8'));
    const volume =
      schema.provider_schemas['registry.terraform.io/pure-fleet/pure'].resource_schemas.pure_volume;
    volume.block.attributes.shoe_size = {
      type: 'number',
      description: 'An attribute the bindings do not have yet.',
      description_kind: 'markdown',
      optional: true,
    };
    changedSchema = join(dir, 'changed-schema.json');
    writeFileSync(changedSchema, `${JSON.stringify(schema)}\n`);
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('passes for the committed bindings and the committed schema', () => {
    const result = cdktf(['check', '--schema', join(PACKAGE, 'schema.json'), '--bindings', dir]);
    expect(result.output).toMatch(/up to date/);
    expect(result.status).toBe(0);
  });

  it('fails when the schema changed, naming the stale files, and passes after generate', () => {
    const stale = cdktf(['check', '--schema', changedSchema, '--bindings', dir]);
    expect(stale.status).toBe(1);
    expect(stale.output).toMatch(/stale against the provider schema \(2 files\)/);
    expect(stale.output).toMatch(/schema\.json/);
    expect(stale.output).toMatch(/src\/volume\/index\.ts/);
    expect(stale.output).toMatch(/npm run cdktf:generate/);

    expect(cdktf(['generate', '--schema', changedSchema, '--bindings', dir]).status).toBe(0);
    const fixed = cdktf(['check', '--schema', changedSchema, '--bindings', dir]);
    expect(fixed.output).toMatch(/up to date/);
    expect(fixed.status).toBe(0);
    const volume = readFileSync(join(dir, 'src', 'volume', 'index.ts'), 'utf8');
    expect(volume).toMatch(/An attribute the bindings do not have yet\.[\s\S]*readonly shoeSize\?: number;/);
  });
});
