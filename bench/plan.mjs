#!/usr/bin/env node
// `terraform plan` of N new pure_volumes against N null_resources (hashicorp/null, the cheapest
// Go provider there is), side by side in one run: the two plans alternate round by round, so
// machine noise hits both alike. Reports the median wall-clock time of each and their ratio.
//
//   npm run bench:plan [-- --count 200 --rounds 7] [--profile DIR]
//
// --profile DIR: one more plan of each pure side after the rounds, with bench/cpu-profile-preload.cjs
// preloaded into the provider (NODE_OPTIONS=--require), so each provider process of those plans
// writes a V8 CPU profile into DIR/<side> (open it in Chrome's DevTools, or summarise it with
// `node bench/cpu-profile-summary.mjs DIR/volume/<pid>.cpuprofile`). With --profile the provider is
// built unminified, so the profiles name the source's functions.
//
// --compare-provider FILE: a fourth side, the same pure_volume plan with another build of the
// provider (e.g. one made from an earlier commit with `node scripts/build.mjs`), so a change is
// measured before and after in one run, side by side, rather than across runs on a busy machine.
//
// The pure side plans against the quickstart's simulated fleet (started here); the null side
// runs terraform-provider-null, installed into the same filesystem mirror: PURE_BENCH_NULL_PROVIDER
// names its binary, else scripts/tools.mjs builds it once into the tools cache (findNullProvider).
import { spawn, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildProvider } from '../scripts/build.mjs';
import { installProvider, platformDirectory } from '../scripts/install-provider.mjs';
import { projectRoot } from '../scripts/lib/paths.mjs';
import { buildSimulator } from '../scripts/simulate.mjs';
import { NULL_PROVIDER, findNullProvider, findTool } from '../scripts/tools.mjs';

const arg = (name, fallback) =>
  process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : fallback;
const COUNT = arg('--count', 200);
const ROUNDS = arg('--rounds', 7);
const NULL_VERSION = NULL_PROVIDER.version;
/** Issue #11: 1,000 new pure_volumes plan in at most this many times 1,000 null_resources. */
const TARGET_RATIO = 1.15;
const COMPARE_PROVIDER = process.argv.includes('--compare-provider')
  ? process.argv[process.argv.indexOf('--compare-provider') + 1]
  : undefined;
const PROFILE_DIR = process.argv.includes('--profile')
  ? process.argv[process.argv.indexOf('--profile') + 1]
  : undefined;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function startSimulator(work) {
  const bundle = await buildSimulator();
  const ready = join(work, 'ready.json');
  const child = spawn(
    process.execPath,
    [
      bundle,
      '--fleet',
      join(projectRoot, 'examples/quickstart/fleet.yaml'),
      '--state-dir',
      join(work, 'sim'),
      '--ready-file',
      ready,
    ],
    { stdio: 'ignore' },
  );
  for (let i = 0; i < 300 && !existsSync(ready); i += 1) await new Promise((r) => setTimeout(r, 100));
  if (!existsSync(ready)) throw new Error('the simulator did not start');
  return { child, fleet: JSON.parse(readFileSync(ready, 'utf8')) };
}

function providerBlock(fleet) {
  const arrays = fleet.arrays
    .map(
      (a) =>
        `  array {\n    name = "${a.name}"\n    type = "${a.type}"\n    endpoint = "${a.mgmtEndpoint}"\n    api_token = "${a.apiToken}"\n  }`,
    )
    .join('\n');
  return `terraform {\n  required_providers {\n    pure = { source = "pure-fleet/pure" }\n  }\n}\nprovider "pure" {\n  ca_file = "${fleet.caCertPath}"\n${arrays}\n}\n`;
}

function pureConfig(fleet) {
  return `${providerBlock(fleet)}resource "pure_fleet" "bench" {\n  name = "bench"\n}\nresource "pure_volume" "v" {\n  count = ${COUNT}\n  fleet = pure_fleet.bench.name\n  name  = "v\${count.index}"\n  size  = "10G"\n}\n`;
}

// The same provider and process starts without the placement work: pure_fleet plans contact no
// array, so this side measures what Node, gRPC and the framework cost on their own.
function fleetsOnlyConfig(fleet) {
  return `${providerBlock(fleet)}resource "pure_fleet" "f" {\n  count = ${COUNT}\n  name  = "f\${count.index}"\n}\n`;
}

function nullConfig() {
  return `terraform {\n  required_providers {\n    null = { source = "hashicorp/null" }\n  }\n}\nresource "null_resource" "n" {\n  count = ${COUNT}\n  triggers = { index = count.index }\n}\n`;
}

/**
 * CPU time of this process's waited-for children so far, ms (Linux: /proc/self/stat's cutime and
 * cstime, in clock ticks of 10 ms). Terraform waits for its providers, so after a plan this holds
 * Terraform's CPU and every provider process's. Undefined where /proc is not there.
 */
function childrenCpuMs() {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[13]) + Number(fields[14])) * 10; // fields 16 and 17 of proc(5)
  } catch {
    return undefined;
  }
}

function timeCommand(binary, dir, args, env) {
  const cpuBefore = childrenCpuMs();
  const started = process.hrtime.bigint();
  const result = spawnSync(binary, args, { cwd: dir, env, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const cpuAfter = childrenCpuMs();
  if (result.status !== 0) throw new Error(`${args.join(' ')} in ${dir} failed:\n${result.stderr}`);
  return { ms, cpuMs: cpuBefore === undefined ? undefined : cpuAfter - cpuBefore, stdout: result.stdout };
}

async function main() {
  const nullBinary = findNullProvider();
  const work = mkdtempSync(join(tmpdir(), 'pure-bench-plan-'));
  const { outfile } = await buildProvider({ minify: !PROFILE_DIR });
  const mirror = join(work, 'mirror');
  const { cliConfig } = installProvider({ mirror, cliConfig: join(work, 'cli.tfrc'), binary: outfile });
  const nullDir = join(
    mirror,
    'registry.terraform.io',
    'hashicorp',
    'null',
    NULL_VERSION,
    platformDirectory(),
  );
  mkdirSync(nullDir, { recursive: true });
  copyFileSync(nullBinary, join(nullDir, `terraform-provider-null_v${NULL_VERSION}`));
  // One mirror for both providers; nothing comes from a registry.
  writeFileSync(
    cliConfig,
    `provider_installation {\n  filesystem_mirror {\n    path = ${JSON.stringify(mirror)}\n  }\n}\n`,
  );

  const terraform = findTool('terraform');
  const { child, fleet } = await startSimulator(work);
  try {
    const env = {
      ...process.env,
      TF_CLI_CONFIG_FILE: cliConfig,
      CHECKPOINT_DISABLE: '1',
      TF_IN_AUTOMATION: '1',
    };
    const sides = [
      {
        name: `pure_volume x${COUNT}`,
        dir: join(work, 'pure'),
        config: pureConfig(fleet),
        adds: COUNT + 1,
        profile: 'volume',
      },
      { name: `null_resource x${COUNT}`, dir: join(work, 'null'), config: nullConfig(), adds: COUNT },
      {
        name: `pure_fleet x${COUNT}`,
        dir: join(work, 'fleets'),
        config: fleetsOnlyConfig(fleet),
        adds: COUNT,
        profile: 'fleet',
      },
    ];
    if (COMPARE_PROVIDER) {
      // Its own mirror and CLI configuration: one mirror holds one build of a provider version.
      const compared = installProvider({
        mirror: join(work, 'mirror-compared'),
        cliConfig: join(work, 'cli-compared.tfrc'),
        binary: COMPARE_PROVIDER,
      });
      sides.push({
        name: `pure_volume x${COUNT} (${COMPARE_PROVIDER})`,
        dir: join(work, 'pure-compared'),
        config: pureConfig(fleet),
        adds: COUNT + 1,
        env: { ...env, TF_CLI_CONFIG_FILE: compared.cliConfig },
      });
    }
    for (const side of sides) side.env ??= env;
    for (const side of sides) {
      mkdirSync(side.dir, { recursive: true });
      writeFileSync(join(side.dir, 'main.tf'), side.config);
      timeCommand(terraform.path, side.dir, ['init', '-input=false'], side.env);
      side.samples = [];
      side.cpu = [];
    }
    const args = ['plan', '-input=false', '-no-color', '-lock=false'];
    for (const side of sides) {
      const warm = timeCommand(terraform.path, side.dir, args, side.env); // warm-up, and a sanity check
      if (!warm.stdout.includes(`Plan: ${side.adds} to add`))
        throw new Error(`unexpected plan for ${side.name}:\n${warm.stdout.slice(-500)}`);
    }
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const side of sides) {
        const { ms, cpuMs } = timeCommand(terraform.path, side.dir, args, side.env);
        side.samples.push(ms);
        if (cpuMs !== undefined) side.cpu.push(cpuMs);
      }
    }
    for (const side of PROFILE_DIR ? sides.filter((s) => s.profile) : []) {
      const dir = join(PROFILE_DIR, side.profile);
      mkdirSync(dir, { recursive: true });
      const preload = process.env.PURE_BENCH_PRELOAD ?? join(projectRoot, 'bench', 'cpu-profile-preload.cjs');
      const profiled = timeCommand(terraform.path, side.dir, args, {
        ...env,
        NODE_OPTIONS: `${env.NODE_OPTIONS ?? ''} --require ${preload}`.trim(),
        PURE_CPU_PROFILE_DIR: dir,
      });
      console.log(`profiled ${side.name} plan: ${Math.round(profiled.ms)} ms; CPU profiles in ${dir}`);
    }
    if (ROUNDS === 0) return; // --rounds 0: set-up (and --profile) only
    const rows = sides.map((s) => ({
      plan: s.name,
      median_ms: Math.round(median(s.samples)),
      min_ms: Math.round(Math.min(...s.samples)),
      ...(s.cpu.length ? { median_cpu_ms: Math.round(median(s.cpu)) } : {}),
    }));
    const ratio = median(sides[0].samples) / median(sides[1].samples);
    const fleetsRatio = median(sides[2].samples) / median(sides[1].samples);
    // CPU (Terraform and its providers together) is what a loaded machine distorts least.
    const cpuRatio = (i) => (sides[i].cpu.length ? median(sides[i].cpu) / median(sides[1].cpu) : undefined);
    console.log(`terraform ${terraform.version}, ${ROUNDS} rounds`);
    console.table(rows);
    console.log(
      `ratio pure_volume/null: ${ratio.toFixed(2)} (target <= ${TARGET_RATIO}: ${ratio <= TARGET_RATIO ? 'met' : 'NOT met'})`,
    );
    console.log(`ratio pure_fleet/null (no placement, no array contacted): ${fleetsRatio.toFixed(2)}`);
    if (sides[3])
      console.log(
        `ratio compared build/null: ${(median(sides[3].samples) / median(sides[1].samples)).toFixed(2)}`,
      );
    if (cpuRatio(0) !== undefined)
      console.log(
        `CPU ratios (terraform + providers): pure_volume/null ${cpuRatio(0).toFixed(2)}, pure_fleet/null ${cpuRatio(2).toFixed(2)}${sides[3] ? `, compared build/null ${cpuRatio(3).toFixed(2)}` : ''}`,
      );
    mkdirSync(join(projectRoot, 'bench', 'results'), { recursive: true });
    writeFileSync(
      join(projectRoot, 'bench', 'results', 'plan.json'),
      `${JSON.stringify({ terraform: terraform.version, count: COUNT, rounds: ROUNDS, rows, ratio: +ratio.toFixed(3), fleetsOnlyRatio: +fleetsRatio.toFixed(3), ...(cpuRatio(0) === undefined ? {} : { cpuRatio: +cpuRatio(0).toFixed(3), fleetsOnlyCpuRatio: +cpuRatio(2).toFixed(3) }) }, null, 2)}\n`,
    );
  } finally {
    child.kill('SIGTERM');
    if (process.env.PURE_BENCH_KEEP !== '1') rmSync(work, { recursive: true, force: true });
    else console.log(`kept ${work}`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
