#!/usr/bin/env node
// The real CLIs the end-to-end tests drive, and the documentation generator. Every tool the
// project builds lands in a cache outside the repository (~/.cache/terraform-provider-pure/tools),
// so a second run, or another clone, is instant; nothing depends on a binary a new machine may
// not have.
//
// CLI versions (the README promises the oldest; CI also runs the newest each can be built here):
//   terraform 1.8.5   oldest  `go install` (the last Terraform whose go.mod has no replace
//                             directives, so the last one `go install` can build)
//   terraform 1.16.4  newest  `go mod download` + `go build .` inside the module, where its
//                             replace directives hold (the newest release the Go proxy serves here)
//   tofu 1.6.3        oldest  `go install`
//   tofu 1.12.6       newest  `go mod download` + `go build ./cmd/tofu` inside the module; the
//                             first release whose `plan -generate-config-out` survives a computed
//                             nested attribute
//
//   node scripts/tools.mjs               {"terraform": {path, version}, "tofu": ...}: what a
//                                        developer run uses (PATH if new enough, else oldest)
//   node scripts/tools.mjs --env         the same as shell exports (PURE_TERRAFORM=..., PURE_TOFU=...)
//   node scripts/tools.mjs --all         build (once) and print all four CLI versions
//   node scripts/tools.mjs --tfplugindocs  build (once) and print the docs generator's path
//   node scripts/tools.mjs --null-provider build (once) and print terraform-provider-null's path,
//                                        the Go reference side of bench:plan and bench:startup
//
// PURE_TERRAFORM / PURE_TOFU, when set, name the binaries to use and skip the search.
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { userCache } from './lib/paths.mjs';

export const toolsDir = join(userCache, 'tools');

/**
 * How each CLI version is built. `install`: `go install module@version` (no replace directives
 * allowed). `module`: download the module and `go build` its command package inside it, the way
 * its own release build does, so the replace directives of its go.mod hold.
 */
export const TOOLS = {
  terraform: {
    binary: 'terraform',
    minimum: [1, 8],
    env: 'PURE_TERRAFORM',
    module: 'github.com/hashicorp/terraform',
    versions: {
      oldest: { version: '1.8.5', build: 'install', package: '.' },
      newest: { version: '1.16.4', build: 'module', package: '.', withoutMissingModules: true },
    },
  },
  tofu: {
    binary: 'tofu',
    minimum: [1, 6],
    env: 'PURE_TOFU',
    module: 'github.com/opentofu/opentofu',
    versions: {
      oldest: { version: '1.6.3', build: 'install', package: './cmd/tofu' },
      newest: { version: '1.12.6', build: 'module', package: './cmd/tofu' },
    },
  },
};

/** tfplugindocs generates docs/ from the provider schema; pinned so the output is reproducible. */
export const TFPLUGINDOCS = {
  binary: 'tfplugindocs',
  module: 'github.com/hashicorp/terraform-plugin-docs',
  version: '0.25.0',
  package: './cmd/tfplugindocs',
};

/**
 * hashicorp/terraform-provider-null, the benchmarks' Go reference. Its module path
 * (github.com/terraform-providers/terraform-provider-null) carries no /v3, so no Go module proxy
 * serves its v3 tags: it is built from a shallow git clone of the tag instead, with its
 * dependencies from the proxy. PURE_BENCH_NULL_GIT names another clone source (a local mirror, for
 * a machine that cannot reach GitHub); PURE_BENCH_NULL_PROVIDER names a ready binary.
 */
export const NULL_PROVIDER = {
  binary: 'terraform-provider-null',
  version: '3.3.1',
  git: 'https://github.com/hashicorp/terraform-provider-null.git',
  env: 'PURE_BENCH_NULL_PROVIDER',
  gitEnv: 'PURE_BENCH_NULL_GIT',
};

const defaultLog = (m) => process.stderr.write(`${m}\n`);

/** `1.6.3-dev` → [1, 6, 3]. */
export function parseVersion(text) {
  const [major, minor, patch] = text.split(/[.-]/).map((n) => parseInt(n, 10));
  return [major, minor || 0, patch || 0];
}

/** a >= b, both [major, minor, patch?]. */
export function versionAtLeast(a, b) {
  for (let i = 0; i < 3; i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x > y;
  }
  return true;
}

function versionOf(path) {
  const result = spawnSync(path, ['version', '-json'], {
    encoding: 'utf8',
    env: { ...process.env, TF_CLI_CONFIG_FILE: '/dev/null' },
  });
  if (result.status !== 0) return undefined;
  try {
    return JSON.parse(result.stdout).terraform_version;
  } catch {
    return undefined;
  }
}

function onPath(binary) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, binary);
    if (dir && existsSync(candidate)) return candidate;
  }
  return undefined;
}

function goBinary(what) {
  const go = onPath('go');
  if (!go) throw new Error(`${what} is not built yet and Go is not installed to build it`);
  return go;
}

function goEnv(extra = {}) {
  return {
    ...process.env,
    GOWORK: 'off',
    GOFLAGS: `${process.env.GOFLAGS ?? ''} -buildvcs=false`.trim(),
    ...extra,
  };
}

/** Runs go; retries once without the linkname check, which newer Go enforces on old deps. */
function runGo(go, args, options, log, { captureStdout = false } = {}) {
  const spawnOptions = {
    ...options,
    stdio: ['ignore', captureStdout ? 'pipe' : 'inherit', 'pipe'],
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  };
  let result = spawnSync(go, args, spawnOptions);
  if (result.status !== 0 && /linkname/.test(result.stderr ?? '')) {
    log('retrying with -ldflags=-checklinkname=0');
    result = spawnSync(go, [args[0], '-ldflags=-checklinkname=0', ...args.slice(1)], spawnOptions);
  }
  if (result.status !== 0) throw new Error(`go ${args.join(' ')} failed:\n${result.stderr}`);
  return result;
}

/** The `replace X => ./dir` directives of a module whose directory its zip does not hold. */
function missingReplacements(moduleDir) {
  const goMod = readFileSync(join(moduleDir, 'go.mod'), 'utf8');
  const out = [];
  for (const m of goMod.matchAll(/^replace\s+(\S+)\s+=>\s+(\.\/\S+)\s*$/gm)) {
    if (!existsSync(join(moduleDir, m[2]))) out.push({ path: m[1], dir: m[2] });
  }
  return out;
}

/**
 * Terraform from 1.9 keeps its remote-state backends (and a legacy helper) in nested modules that
 * its go.mod replaces with local directories; a module zip excludes nested modules, and the Go
 * proxy serves them under no version, so a build from the zip alone lacks them. This copies the
 * module, gives each missing one an empty go.mod, and drops the files' imports of them (only
 * internal/backend/init/init.go, the backend registry, has any): the result is that release's
 * Terraform without those backends (azurerm, consul, cos, gcs, kubernetes, oci, oss, pg, s3),
 * which the tests, on local state, never use. Any other importer stops the build with an error.
 */
function withoutModules(moduleDir, sourceDir, missing, log) {
  rmSync(sourceDir, { recursive: true, force: true });
  cpSync(moduleDir, sourceDir, { recursive: true });
  spawnSync('chmod', ['-R', 'u+w', sourceDir]);
  for (const m of missing) {
    mkdirSync(join(sourceDir, m.dir), { recursive: true });
    writeFileSync(join(sourceDir, m.dir, 'go.mod'), `module ${m.path}\n`);
  }
  const registry = join(sourceDir, 'internal', 'backend', 'init', 'init.go');
  let text = readFileSync(registry, 'utf8');
  for (const m of missing) {
    const escaped = m.path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    const imported = new RegExp(`^\\s*(\\w+)\\s+"${escaped}"\\s*$`, 'm').exec(text);
    if (!imported) continue;
    const alias = imported[1];
    text = text
      .split('\n')
      .filter((line) => line !== imported[0] && !line.includes(`${alias}.`))
      .join('\n');
    log(`building without ${m.path} (not in the module zip)`);
  }
  writeFileSync(registry, text);
}

/**
 * Builds `module@version`'s `pkg` into `dir/binary`, once. `how` is 'install' or 'module' (see
 * TOOLS). Returns the path and how long the build took (0 when it was cached).
 */
export function goBuild(
  { binary, module, version, pkg, how, isBuilt, withoutMissingModules = false },
  log = defaultLog,
) {
  const dir = join(toolsDir, `${binary}-${version}`);
  const target = join(dir, binary);
  if (existsSync(target) && isBuilt(target)) return { path: target, seconds: 0 };
  const go = goBinary(`${binary} ${version}`);
  mkdirSync(dir, { recursive: true });
  const started = Date.now();
  log(
    `building ${binary} v${version} (${how === 'install' ? 'go install' : 'go build in its module'}; minutes, once) ...`,
  );
  if (how === 'install') {
    const build = join(dir, 'build');
    mkdirSync(build, { recursive: true });
    const path = pkg === '.' ? module : `${module}/${pkg.replace(/^\.\//, '')}`;
    runGo(go, ['install', `${path}@v${version}`], { env: goEnv({ GOBIN: build }) }, log);
    renameSync(join(build, binary), target);
    rmSync(build, { recursive: true, force: true });
  } else {
    const download = runGo(go, ['mod', 'download', '-json', `${module}@v${version}`], { env: goEnv() }, log, {
      captureStdout: true,
    });
    const moduleDir = JSON.parse(download.stdout ?? '{}').Dir;
    if (!moduleDir || !existsSync(moduleDir))
      throw new Error(`go mod download ${module}@v${version} gave no directory`);
    const missing = missingReplacements(moduleDir);
    let sourceDir = moduleDir;
    if (missing.length > 0) {
      if (!withoutMissingModules)
        throw new Error(
          `${module}@v${version} replaces modules its zip lacks: ${missing.map((m) => m.path).join(', ')}`,
        );
      sourceDir = join(dir, 'src');
      withoutModules(moduleDir, sourceDir, missing, log);
    }
    // Inside its own module the go.mod's replace directives apply; -mod=readonly because its go.sum
    // is complete (and the module cache is read-only).
    try {
      runGo(go, ['build', '-mod=readonly', '-o', target, pkg], { cwd: sourceDir, env: goEnv() }, log);
    } finally {
      if (sourceDir !== moduleDir) rmSync(sourceDir, { recursive: true, force: true });
    }
  }
  const seconds = Math.round((Date.now() - started) / 1000);
  log(`built ${binary} v${version} in ${seconds} s`);
  return { path: target, seconds };
}

/** One CLI version (`which` is 'oldest' or 'newest'), built if it is not in the cache yet. */
export function cliVersion(name, which, log = defaultLog) {
  const tool = TOOLS[name];
  const spec = tool.versions[which];
  const built = goBuild(
    {
      binary: tool.binary,
      module: tool.module,
      version: spec.version,
      pkg: spec.package,
      how: spec.build,
      isBuilt: (path) => versionOf(path) !== undefined,
      withoutMissingModules: spec.withoutMissingModules === true,
    },
    log,
  );
  return { path: built.path, version: versionOf(built.path), role: which, buildSeconds: built.seconds };
}

/** Every CLI version CI runs, built once each. */
export function allCliVersions(log = defaultLog) {
  const out = [];
  for (const name of Object.keys(TOOLS)) {
    for (const which of Object.keys(TOOLS[name].versions))
      out.push({ cli: name, ...cliVersion(name, which, log) });
  }
  return out;
}

/** The CLI versions already in the cache (nothing is built): what a test may pick from. */
export function cachedCliVersions() {
  if (!existsSync(toolsDir)) return [];
  const out = [];
  for (const entry of readdirSync(toolsDir)) {
    const match = /^(terraform|tofu)-(\d+\.\d+\.\d+)$/.exec(entry);
    if (!match) continue;
    const path = join(toolsDir, entry, match[1]);
    const version = existsSync(path) ? versionOf(path) : undefined;
    if (version) out.push({ cli: match[1], path, version });
  }
  return out;
}

/**
 * What a developer run uses: PURE_TERRAFORM / PURE_TOFU if set, else the CLI on PATH if it is at
 * least the minimum, else the oldest supported version (built once).
 */
export function findTool(name, log = defaultLog) {
  const tool = TOOLS[name];
  const forced = process.env[tool.env];
  if (forced) {
    const version = versionOf(forced);
    if (!version) throw new Error(`${tool.env}=${forced} does not run`);
    return { path: forced, version };
  }
  const found = onPath(tool.binary);
  const version = found && versionOf(found);
  if (version && versionAtLeast(parseVersion(version), tool.minimum)) return { path: found, version };
  const built = cliVersion(name, 'oldest', log);
  return { path: built.path, version: built.version };
}

/** The tfplugindocs binary, built once with `go install`. */
export function findTfplugindocs(log = defaultLog) {
  return goBuild(
    {
      binary: TFPLUGINDOCS.binary,
      module: TFPLUGINDOCS.module,
      version: TFPLUGINDOCS.version,
      pkg: TFPLUGINDOCS.package,
      how: 'install',
      isBuilt: (path) => spawnSync(path, ['--version'], { encoding: 'utf8' }).status === 0,
    },
    log,
  ).path;
}

/** Whether `path` is a plugin binary that answers as one (it prints the go-plugin cookie error). */
function isPluginBinary(path) {
  const result = spawnSync(path, [], { encoding: 'utf8', timeout: 10_000 });
  return /plugin/i.test(`${result.stdout}${result.stderr}`);
}

/** terraform-provider-null's binary: PURE_BENCH_NULL_PROVIDER, else the cached build, else built once. */
export function findNullProvider(log = defaultLog) {
  const spec = NULL_PROVIDER;
  const forced = process.env[spec.env];
  if (forced) {
    if (!existsSync(forced)) throw new Error(`${spec.env}=${forced} does not exist`);
    return forced;
  }
  const dir = join(toolsDir, `${spec.binary}-${spec.version}`);
  const target = join(dir, spec.binary);
  if (existsSync(target) && isPluginBinary(target)) return target;
  const go = goBinary(`${spec.binary} ${spec.version}`);
  const git = onPath('git');
  if (!git)
    throw new Error(`${spec.binary} ${spec.version} is not built yet and git is not installed to fetch it`);
  const source = process.env[spec.gitEnv] || spec.git;
  const sourceDir = join(dir, 'src');
  mkdirSync(dir, { recursive: true });
  rmSync(sourceDir, { recursive: true, force: true });
  const started = Date.now();
  log(`building ${spec.binary} v${spec.version} from ${source} (a minute, once) ...`);
  try {
    const clone = spawnSync(
      git,
      ['clone', '--quiet', '--depth', '1', '--branch', `v${spec.version}`, source, sourceDir],
      { stdio: ['ignore', 'inherit', 'pipe'], encoding: 'utf8' },
    );
    if (clone.status !== 0)
      throw new Error(
        `git clone of ${spec.binary} v${spec.version} failed (set ${spec.gitEnv}):\n${clone.stderr}`,
      );
    runGo(go, ['build', '-mod=readonly', '-o', target, '.'], { cwd: sourceDir, env: goEnv() }, log);
  } finally {
    rmSync(sourceDir, { recursive: true, force: true });
  }
  log(`built ${spec.binary} v${spec.version} in ${Math.round((Date.now() - started) / 1000)} s`);
  return target;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--null-provider')) {
    console.log(findNullProvider());
  } else if (process.argv.includes('--all')) {
    console.log(JSON.stringify(allCliVersions(), null, 2));
  } else if (process.argv.includes('--tfplugindocs')) {
    console.log(findTfplugindocs());
  } else {
    const found = { terraform: findTool('terraform'), tofu: findTool('tofu') };
    if (process.argv.includes('--env')) {
      console.log(`export PURE_TERRAFORM=${found.terraform.path}`);
      console.log(`export PURE_TOFU=${found.tofu.path}`);
    } else {
      console.log(JSON.stringify(found, null, 2));
    }
  }
}
