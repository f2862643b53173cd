#!/usr/bin/env node
// The CDKTF bindings in cdktf/provider-pure: generated from the provider's own schema
// (`terraform-provider-pure schema-json`, no Terraform, no registry, no network) with
// @cdktf/provider-generator, compiled with jsii and packed with jsii-pacmak.
//
//   node scripts/cdktf.mjs generate   rebuild the provider, rewrite schema.json and src/
//   node scripts/cdktf.mjs check      fail if schema.json or src/ differ from what generate writes
//                                     (both take --schema FILE and --bindings DIR, see options())
//   node scripts/cdktf.mjs install    npm ci in cdktf/provider-pure and examples/cdktf (lockfiles)
//   node scripts/cdktf.mjs package    jsii compile + jsii-pacmak (JavaScript), then install the
//                                     packed bindings into examples/cdktf as a user would
//   node scripts/cdktf.mjs python     jsii-pacmak (Python), and a virtualenv in .cache/cdktf-python
//                                     with the wheel and python-check/requirements.txt (PyPI)
//
// The nested packages keep their own lockfiles so the root install stays as it is; scripts/test.mjs
// runs install, check and package as its `cdktf-bindings` step and python as `cdktf-python`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateBindings } from './lib/cdktf-generate.mjs';
import { packageVersion, projectCache, projectRoot } from './lib/paths.mjs';

export const bindingsDir = join(projectRoot, 'cdktf', 'provider-pure');
export const exampleDir = join(projectRoot, 'examples', 'cdktf');
/** The virtualenv examples/cdktf/test/python.test.ts synthesizes the Python stack with. */
export const pythonVenv = join(projectCache, 'cdktf-python');
const PROVIDER_SOURCE = 'pure-fleet/pure';
const FQPN = `registry.terraform.io/${PROVIDER_SOURCE}`;

// No checkpoint calls, no crash reports, no Node end-of-life nags from jsii.
const quietEnv = {
  CHECKPOINT_DISABLE: '1',
  CDKTF_DISABLE_PLUGIN_CACHE_ENV: '1',
  DISABLE_VERSION_CHECK: '1',
  // jsii 5.8 supports Node 22+ only from 2026-10-30 (engineering/cdktf.md §3); these take the
  // major versions to keep quiet about.
  JSII_SILENCE_WARNING_UNTESTED_NODE_VERSION: process.versions.node.split('.')[0],
  JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION: process.versions.node.split('.')[0],
  JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION: process.versions.node.split('.')[0],
  // @cdktf/commons runs `$TERRAFORM_BINARY_NAME version -json` when it is imported, only to report
  // it; generation does not use it. `true` answers nothing, which it records as "unknown" quietly,
  // so generation needs no Terraform and reads no Terraform CLI configuration.
  TERRAFORM_BINARY_NAME: 'true',
};
Object.assign(process.env, quietEnv);

function run(command, args, cwd) {
  const result = spawnSync(command, args, { cwd, stdio: 'inherit', env: process.env });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} (in ${cwd}) failed`);
}

/** The schema document, exactly as `terraform providers schema -json` prints it. */
async function providerSchemaJson() {
  const { buildProvider } = await import('./build.mjs');
  const binary = join(projectRoot, 'dist', 'terraform-provider-pure');
  await buildProvider({ outfile: binary });
  const result = spawnSync(binary, ['schema-json'], { encoding: 'utf8', env: { PATH: process.env.PATH } });
  if (result.status !== 0) throw new Error(`schema-json failed: ${result.stderr}`);
  return result.stdout;
}

/**
 * Writes the generated bindings for `schemaText` into `outDir/src` and the schema into
 * `outDir/schema.json`. `provider_versions` (as `cdktf get` adds it from `terraform version
 * -json`) pins the synthesized required_providers version to this package's version.
 */
export async function generate(schemaText, outDir) {
  // The generator lives in the bindings package's own node_modules; install it on first use.
  if (!existsSync(join(bindingsDir, 'node_modules', '@cdktf', 'provider-generator'))) {
    run('npm', ['ci', '--no-audit', '--no-fund'], bindingsDir);
  }
  await generateBindings({
    schema: { ...JSON.parse(schemaText), provider_versions: { [FQPN]: packageVersion() } },
    constraint: providerConstraint(),
    srcDir: join(outDir, 'src'),
    generatorRoot: bindingsDir,
  });
  writeFileSync(join(outDir, 'schema.json'), schemaText);
}

/** The provider as the root cdktf.json names it (`pure-fleet/pure@~> 0.1`), so `cdktf get` agrees. */
function providerConstraint() {
  const config = JSON.parse(readFileSync(join(projectRoot, 'cdktf.json'), 'utf8'));
  const entry = config.terraformProviders.find((p) => p.startsWith(`${PROVIDER_SOURCE}@`));
  if (!entry) throw new Error(`cdktf.json names no ${PROVIDER_SOURCE} provider`);
  return entry;
}

function files(dir, base = dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path, base) : [relative(base, path)];
  });
}

/** Paths (relative to the bindings package) whose committed content differs from a fresh generate. */
export async function staleFiles(schemaText, dir = bindingsDir) {
  const fresh = mkdtempSync(join(tmpdir(), 'pure-cdktf-check-'));
  try {
    await generate(schemaText, fresh);
    const names = new Set(
      [...files(join(fresh, 'src')), ...files(join(dir, 'src'))].map((f) => join('src', f)),
    );
    names.add('schema.json');
    return [...names].sort().filter((name) => {
      const a = join(fresh, name);
      const b = join(dir, name);
      return !existsSync(a) || !existsSync(b) || !readFileSync(a).equals(readFileSync(b));
    });
  } finally {
    rmSync(fresh, { recursive: true, force: true });
  }
}

/**
 * `--schema FILE` reads the schema from a file instead of building the provider and asking it;
 * `--bindings DIR` works on another copy of the package (test/cdktf/staleness.test.ts uses both).
 */
function options(argv) {
  const value = (flag) => (argv.includes(flag) ? resolve(argv[argv.indexOf(flag) + 1]) : undefined);
  const schemaFile = value('--schema');
  return {
    schema: async () => (schemaFile ? readFileSync(schemaFile, 'utf8') : providerSchemaJson()),
    dir: value('--bindings') ?? bindingsDir,
  };
}

const commands = {
  async generate(argv) {
    const { schema, dir } = options(argv);
    await generate(await schema(), dir);
    console.log(`generated ${files(join(dir, 'src')).length} files in ${relative(projectRoot, dir)}/src`);
  },
  async check(argv) {
    const { schema, dir } = options(argv);
    const stale = await staleFiles(await schema(), dir);
    if (stale.length === 0) {
      console.log('CDKTF bindings are up to date with the provider schema');
      return;
    }
    console.error(`CDKTF bindings are stale against the provider schema (${stale.length} files):`);
    for (const name of stale) console.error(`  ${relative(projectRoot, join(dir, name))}`);
    console.error('run `npm run cdktf:generate` and commit the result');
    process.exitCode = 1;
  },
  install() {
    for (const dir of [bindingsDir, exampleDir]) run('npm', ['ci', '--no-audit', '--no-fund'], dir);
  },
  package() {
    const bin = (name) => join(bindingsDir, 'node_modules', '.bin', name);
    run(bin('jsii'), ['--silence-warnings=reserved-word'], bindingsDir);
    run(bin('jsii-pacmak'), ['--targets', 'js'], bindingsDir);
    const tarball = join(bindingsDir, 'dist', 'js', `cdktf-provider-pure@${packageVersion()}.jsii.tgz`);
    // --no-save: the example's lockfile names only registry packages; the bindings come from here.
    // The old copy goes first: npm takes a tarball of an unchanged version as already installed.
    rmSync(join(exampleDir, 'node_modules', '@pure-fleet', 'cdktf-provider-pure'), {
      recursive: true,
      force: true,
    });
    run('npm', ['install', '--no-save', '--no-audit', '--no-fund', tarball], exampleDir);
  },
  python() {
    run(join(bindingsDir, 'node_modules', '.bin', 'jsii-pacmak'), ['--targets', 'python'], bindingsDir);
    const python = join(pythonVenv, 'bin', 'python');
    if (!existsSync(python)) run(process.env.PYTHON || 'python3', ['-m', 'venv', pythonVenv], projectRoot);
    const pip = [python, '-m', 'pip', 'install', '--disable-pip-version-check', '--quiet'];
    const requirements = join(bindingsDir, 'python-check', 'requirements.txt');
    run(pip[0], [...pip.slice(1), '-r', requirements], projectRoot);
    const wheel = join(
      bindingsDir,
      'dist',
      'python',
      `pure_fleet_cdktf_provider_pure-${packageVersion()}-py3-none-any.whl`,
    );
    run(pip[0], [...pip.slice(1), '--no-deps', '--force-reinstall', wheel], projectRoot);
  },
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const name = process.argv[2];
  if (!(name in commands)) {
    console.error(`usage: node scripts/cdktf.mjs ${Object.keys(commands).join('|')}`);
    process.exit(2);
  }
  await commands[name](process.argv.slice(3));
}
