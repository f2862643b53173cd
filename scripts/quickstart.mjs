#!/usr/bin/env node
// `npm run quickstart`: the provider on the embedded default fleet, from a fresh clone.
//   1. builds the provider and the simulator, installs the provider into a local mirror;
//   2. finds terraform (>= 1.8 on PATH, or builds 1.8.5 with `go install` once);
//   3. starts the simulated fleet of examples/quickstart/fleet.yaml in the background;
//   4. runs `terraform init` and `terraform apply` in examples/quickstart;
//   5. shows which array each volume went to, and why.
// The simulator keeps running so you can plan, change and destroy by hand;
// `npm run quickstart -- down` destroys the volumes, stops it and forgets its state.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildProvider } from './build.mjs';
import { installProvider } from './install-provider.mjs';
import { projectCache, projectRoot } from './lib/paths.mjs';
import { buildSimulator } from './simulate.mjs';
import { findTool } from './tools.mjs';

const example = join(projectRoot, 'examples', 'quickstart');
const work = join(projectCache, 'quickstart');
const readyFile = join(work, 'simulator.json');
const pidFile = join(work, 'simulator.pid');
const tfvarsFile = join(example, 'simulator.auto.tfvars.json');

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function runningSimulator() {
  if (!existsSync(pidFile) || !existsSync(readyFile)) return undefined;
  const pid = Number(readFileSync(pidFile, 'utf8'));
  return alive(pid) ? { pid, fleet: JSON.parse(readFileSync(readyFile, 'utf8')) } : undefined;
}

async function startSimulator(bundle) {
  const running = runningSimulator();
  if (running) {
    console.log(`simulated fleet already running (pid ${running.pid})`);
    return running.fleet;
  }
  rmSync(readyFile, { force: true });
  const log = openSync(join(work, 'simulator.log'), 'a');
  const child = spawn(
    process.execPath,
    [
      bundle,
      '--fleet',
      join(example, 'fleet.yaml'),
      '--state-dir',
      join(work, 'state'),
      '--ready-file',
      readyFile,
    ],
    { detached: true, stdio: ['ignore', log, log] },
  );
  closeSync(log);
  writeFileSync(pidFile, String(child.pid));
  child.unref();
  const deadline = Date.now() + 30_000;
  while (!existsSync(readyFile)) {
    if (Date.now() > deadline || child.exitCode !== null) {
      throw new Error(`the simulator did not start; see ${join(work, 'simulator.log')}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  console.log(`simulated fleet started (pid ${child.pid}); log: ${join(work, 'simulator.log')}`);
  return JSON.parse(readFileSync(readyFile, 'utf8'));
}

function writeTfvars(fleet) {
  const tfvars = {
    ca_file: fleet.caCertPath,
    arrays: fleet.arrays.map((a) => ({
      name: a.name,
      type: a.type,
      endpoint: a.mgmtEndpoint,
      api_token: a.apiToken,
      labels: a.labels,
    })),
  };
  writeFileSync(tfvarsFile, `${JSON.stringify(tfvars, null, 2)}\n`);
}

function terraform(binary, cliConfig, args, { capture = false } = {}) {
  const result = spawnSync(binary, args, {
    cwd: example,
    stdio: capture ? ['ignore', 'pipe', 'inherit'] : 'inherit',
    encoding: 'utf8',
    env: { ...process.env, TF_CLI_CONFIG_FILE: cliConfig, CHECKPOINT_DISABLE: '1' },
  });
  if (result.status !== 0) throw new Error(`terraform ${args[0]} failed`);
  return result.stdout;
}

function showPlacements(binary, cliConfig, fleet) {
  const placements = JSON.parse(
    terraform(binary, cliConfig, ['output', '-json', 'placements'], { capture: true }),
  );
  const labels = Object.fromEntries(
    fleet.arrays.map((a) => [
      a.name,
      Object.entries(a.labels)
        .map(([k, v]) => `${k}=${v}`)
        .join(','),
    ]),
  );
  console.log('\nWhat was placed where:');
  console.table(
    Object.entries(placements).map(([volume, p]) => ({
      volume,
      size: p.size,
      array: p.array,
      labels: labels[p.array],
      reason: p.reason,
    })),
  );
}

async function up() {
  mkdirSync(work, { recursive: true });
  console.log('building the provider and the simulator ...');
  await buildProvider();
  const bundle = await buildSimulator();
  const { cliConfig } = installProvider({
    mirror: join(projectCache, 'terraform', 'mirror'),
    cliConfig: join(projectCache, 'terraform', 'cli.tfrc'),
  });
  const { path: binary, version } = findTool('terraform');
  console.log(`terraform ${version}: ${binary}`);
  const fleet = await startSimulator(bundle);
  writeTfvars(fleet);
  // The provider was just rebuilt under the same version number, so the hash a previous run
  // locked no longer matches; the example's lock file pins nothing else, so start it afresh.
  rmSync(join(example, '.terraform.lock.hcl'), { force: true });
  terraform(binary, cliConfig, ['init', '-input=false']);
  terraform(binary, cliConfig, ['apply', '-auto-approve', '-input=false']);
  showPlacements(binary, cliConfig, fleet);
  console.log(`
Next steps (the simulated fleet keeps running in the background):
  cd examples/quickstart
  export TF_CLI_CONFIG_FILE=${cliConfig}
  ${binary} plan                     # nothing to do: the volumes match the configuration
  npm run simulate -- --help         # how the simulator works; control API: ${fleet.controlUrl}
  npm run quickstart -- down         # destroy the volumes and stop the simulator`);
}

async function down() {
  const running = runningSimulator();
  const cliConfig = join(projectCache, 'terraform', 'cli.tfrc');
  if (running && existsSync(join(example, 'terraform.tfstate'))) {
    writeTfvars(running.fleet);
    terraform(findTool('terraform').path, cliConfig, ['destroy', '-auto-approve', '-input=false']);
  }
  if (running) {
    process.kill(running.pid, 'SIGTERM');
    for (let i = 0; i < 100 && alive(running.pid); i += 1) await new Promise((r) => setTimeout(r, 100));
    console.log(`stopped the simulated fleet (pid ${running.pid})`);
  } else {
    console.log('no simulated fleet is running');
  }
  // The destroyed volumes would sit in the simulated arrays' eradication bins, keeping their
  // names taken; the next quickstart starts from a fresh fleet instead.
  for (const path of [
    pidFile,
    readyFile,
    join(work, 'state'),
    tfvarsFile,
    join(example, 'terraform.tfstate'),
    join(example, 'terraform.tfstate.backup'),
  ]) {
    rmSync(path, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const command = process.argv[2] ?? 'up';
  try {
    if (command === 'up') await up();
    else if (command === 'down') await down();
    else throw new Error(`usage: npm run quickstart [-- up|down]`);
  } catch (err) {
    console.error(`quickstart: ${err instanceof Error ? err.message : err}`);
    process.exit(1);
  }
}
