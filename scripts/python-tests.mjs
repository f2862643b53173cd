// Runs the Python tests (test/python) against a simulated fleet:
// ensures .cache/venv (scripts/python-env.mjs), builds the simulator bundle,
// starts test/python/fleet.yaml in a child process, runs pytest, stops the
// fleet. Exit code = pytest's.   node scripts/python-tests.mjs [pytest args]
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensurePythonEnv } from './python-env.mjs';
import { buildSimulator } from './simulate.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

async function waitFor(file, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (existsSync(file)) return;
    if (child.exitCode !== null)
      throw new Error(`simulator exited with code ${child.exitCode} before it was ready`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('simulator did not become ready in time');
}

async function main() {
  const python = ensurePythonEnv();
  const bundle = await buildSimulator();
  const work = mkdtempSync(path.join(os.tmpdir(), 'pure-sim-pytest-'));
  const ready = path.join(work, 'ready.json');
  const sim = spawn(
    process.execPath,
    [
      bundle,
      '--fleet',
      path.join(root, 'test', 'python', 'fleet.yaml'),
      '--state-dir',
      work,
      '--ready-file',
      ready,
      '--json',
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  let code = 1;
  try {
    await waitFor(ready, sim, 30_000);
    const r = spawnSync(
      python,
      ['-m', 'pytest', '-q', path.join(root, 'test', 'python'), ...process.argv.slice(2)],
      {
        stdio: 'inherit',
        env: { ...process.env, SIM_FLEET_JSON: ready, PYTHONDONTWRITEBYTECODE: '1' },
        cwd: root,
      },
    );
    code = r.status ?? 1;
  } finally {
    if (sim.exitCode === null) {
      sim.kill('SIGTERM');
      await new Promise((r) => sim.once('exit', r));
    }
    rmSync(work, { recursive: true, force: true });
  }
  return code;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`python-tests: ${e.message}`);
    process.exit(1);
  },
);
