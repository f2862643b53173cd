#!/usr/bin/env node
// Does the CDKTF example synthesize the same under CDK Terrain (cdktn, CDKTF's maintained fork)?
// Generates cdktn bindings from cdktf/provider-pure/schema.json with @cdktn/provider-generator,
// copies examples/cdktf's sources changing only their imports (cdktf → cdktn, the bindings'
// path), compiles and synthesizes both with the same arrays, and compares the Terraform JSON.
// Not part of npm test (a third nested install for an experiment); engineering/cdktf.md §6 has
// the result. Needs `node scripts/cdktf.mjs install package` first (the CDKTF side).
//
//   node scripts/cdktn-try.mjs
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { generateBindings } from './lib/cdktf-generate.mjs';
import { packageVersion, projectCache, projectRoot } from './lib/paths.mjs';

const cdktnDir = join(projectRoot, 'cdktf', 'cdktn');
const exampleDir = join(projectRoot, 'examples', 'cdktf');
const work = join(projectCache, 'cdktn');
const app = join(work, 'app');
const SOURCES = ['main.ts', 'src/fleet-stack.ts', 'src/fleet-volumes.ts'];
const FLEET = {
  arrays: [
    { name: 'fa-a1', type: 'flasharray', endpoint: '10.0.0.1', zone: 'a' },
    { name: 'fa-b1', type: 'flasharray', endpoint: '10.0.1.1', zone: 'b' },
  ],
};

Object.assign(process.env, { CHECKPOINT_DISABLE: '1', TERRAFORM_BINARY_NAME: 'true' });

function run(command, args, cwd, env = {}) {
  const result = spawnSync(command, args, { cwd, stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} (in ${cwd}) failed`);
}

/** The synthesized stack without what names the tool or the directory it ran in. */
function synthesized(outdir) {
  const json = JSON.parse(readFileSync(join(outdir, 'stacks', 'fleet', 'cdk.tf.json'), 'utf8'));
  const metadata = json['//']?.metadata;
  const tool = metadata?.version;
  if (metadata) delete metadata.version;
  if (json.terraform?.backend?.local) delete json.terraform.backend.local.path;
  return { json, tool };
}

run('npm', ['ci', '--no-audit', '--no-fund'], cdktnDir);
rmSync(work, { recursive: true, force: true });
mkdirSync(join(app, 'src'), { recursive: true });
const fqpn = 'registry.terraform.io/pure-fleet/pure';
const schema = JSON.parse(readFileSync(join(projectRoot, 'cdktf', 'provider-pure', 'schema.json'), 'utf8'));
await generateBindings({
  schema: { ...schema, provider_versions: { [fqpn]: packageVersion() } },
  constraint: JSON.parse(readFileSync(join(projectRoot, 'cdktf.json'), 'utf8')).terraformProviders[0],
  srcDir: join(app, 'bindings'),
  generatorRoot: cdktnDir,
  flavour: 'cdktn',
});
for (const file of SOURCES) {
  const bindings = file.startsWith('src/') ? '../bindings' : './bindings';
  const source = readFileSync(join(exampleDir, file), 'utf8')
    .replaceAll("from 'cdktf'", "from 'cdktn'")
    .replaceAll("from '@pure-fleet/cdktf-provider-pure'", `from '${bindings}'`);
  mkdirSync(dirname(join(app, file)), { recursive: true });
  writeFileSync(join(app, file), source);
}
symlinkSync(join(cdktnDir, 'node_modules'), join(app, 'node_modules'));
writeFileSync(
  join(app, 'tsconfig.json'),
  JSON.stringify({
    extends: join(exampleDir, 'tsconfig.json'),
    compilerOptions: { outDir: 'dist', rootDir: '.', noUncheckedIndexedAccess: false },
    include: ['main.ts', 'src/**/*.ts', 'bindings/**/*.ts'],
  }),
);
writeFileSync(join(work, 'fleet.json'), JSON.stringify(FLEET));
const env = { PURE_FLEET_CONFIG: join(work, 'fleet.json') };
run(join(cdktnDir, 'node_modules', '.bin', 'tsc'), ['-p', app], app);
run(process.execPath, ['dist/main.js'], app, env);
run(join(projectRoot, 'node_modules', '.bin', 'tsc'), ['-p', exampleDir], exampleDir);
run(process.execPath, ['dist/main.js'], exampleDir, env);

const cdktn = synthesized(join(app, 'cdktf.out'));
const cdktf = synthesized(join(exampleDir, 'cdktf.out'));
const same = JSON.stringify(cdktn.json) === JSON.stringify(cdktf.json);
console.log(
  `cdktf ${cdktf.tool} and cdktn ${cdktn.tool} synthesized ${same ? 'the same' : 'DIFFERENT'} stacks`,
);
if (!same) {
  writeFileSync(join(work, 'cdktf.json'), JSON.stringify(cdktf.json, null, 2));
  writeFileSync(join(work, 'cdktn.json'), JSON.stringify(cdktn.json, null, 2));
  console.log(`compare ${join(work, 'cdktf.json')} and ${join(work, 'cdktn.json')}`);
  process.exitCode = 1;
}
