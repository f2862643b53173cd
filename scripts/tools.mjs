#!/usr/bin/env node
// Finds the real CLIs the end-to-end tests drive: Terraform >= 1.8 and OpenTofu >= 1.6 on PATH,
// or else builds Terraform v1.8.5 and OpenTofu v1.6.3 with `go install` into a cache outside
// the repository (so a second run, or another clone, is instant).
//
//   node scripts/tools.mjs            print {"terraform": path, "tofu": path} as JSON
//   node scripts/tools.mjs --env      print shell exports (PURE_TERRAFORM=..., PURE_TOFU=...)
//
// PURE_TERRAFORM / PURE_TOFU, when set, name the binaries to use and skip the search.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { userCache } from './lib/paths.mjs';

export const TOOLS = {
  terraform: {
    binary: 'terraform',
    minimum: [1, 8],
    pinned: '1.8.5',
    module: 'github.com/hashicorp/terraform',
    env: 'PURE_TERRAFORM',
  },
  tofu: {
    binary: 'tofu',
    minimum: [1, 6],
    pinned: '1.6.3',
    module: 'github.com/opentofu/opentofu/cmd/tofu',
    env: 'PURE_TOFU',
  },
};

function versionOf(path) {
  const result = spawnSync(path, ['version', '-json'], {
    encoding: 'utf8',
    env: { ...process.env, TF_CLI_CONFIG_FILE: '/dev/null' },
  });
  if (result.status !== 0) return undefined;
  try {
    const version = JSON.parse(result.stdout).terraform_version;
    const [major, minor] = version.split('.').map((n) => parseInt(n, 10));
    return { version, major, minor };
  } catch {
    return undefined;
  }
}

function atLeast(v, [major, minor]) {
  return v.major > major || (v.major === major && v.minor >= minor);
}

function onPath(binary) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, binary);
    if (dir && existsSync(candidate)) return candidate;
  }
  return undefined;
}

function goInstall(tool, log) {
  const dir = join(userCache, 'tools', `${tool.binary}-${tool.pinned}`);
  const target = join(dir, tool.binary);
  if (existsSync(target) && versionOf(target)) return target;
  mkdirSync(dir, { recursive: true });
  const go = onPath('go');
  if (!go)
    throw new Error(
      `${tool.binary} >= ${tool.minimum.join('.')} is not on PATH and Go is not installed to build it`,
    );
  const build = join(dir, 'build');
  mkdirSync(build, { recursive: true });
  const args = ['install', `${tool.module}@v${tool.pinned}`];
  const env = {
    ...process.env,
    GOBIN: build,
    GOFLAGS: `${process.env.GOFLAGS ?? ''} -buildvcs=false`.trim(),
  };
  log(`building ${tool.binary} v${tool.pinned} with go install (a few minutes, once) ...`);
  let result = spawnSync(go, args, { env, stdio: ['ignore', 'inherit', 'pipe'], encoding: 'utf8' });
  if (result.status !== 0 && /linkname/.test(result.stderr ?? '')) {
    // Newer Go refuses some old dependencies' linkname use; this is the known workaround.
    log('retrying with -ldflags=-checklinkname=0');
    result = spawnSync(go, [args[0], '-ldflags=-checklinkname=0', args[1]], {
      env,
      stdio: ['ignore', 'inherit', 'pipe'],
      encoding: 'utf8',
    });
  }
  if (result.status !== 0) throw new Error(`go install ${args[1]} failed:\n${result.stderr}`);
  renameSync(join(build, tool.binary), target);
  return target;
}

export function findTool(name, log = (m) => process.stderr.write(`${m}\n`)) {
  const tool = TOOLS[name];
  const forced = process.env[tool.env];
  if (forced) {
    const v = versionOf(forced);
    if (!v) throw new Error(`${tool.env}=${forced} does not run`);
    return { path: forced, version: v.version };
  }
  const found = onPath(tool.binary);
  const v = found && versionOf(found);
  if (v && atLeast(v, tool.minimum)) return { path: found, version: v.version };
  const built = goInstall(tool, log);
  return { path: built, version: versionOf(built).version };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const found = { terraform: findTool('terraform'), tofu: findTool('tofu') };
  if (process.argv.includes('--env')) {
    console.log(`export PURE_TERRAFORM=${found.terraform.path}`);
    console.log(`export PURE_TOFU=${found.tofu.path}`);
  } else {
    console.log(JSON.stringify(found, null, 2));
  }
}
