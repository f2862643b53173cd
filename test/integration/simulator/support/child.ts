// Runs the built simulator (dist/simulator.js) as a child process, as a user
// would, so crashes and exit codes are observable.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { RunningArray } from '../../../../src/simulator';
import { REPO_ROOT } from './openapi';

export const BUNDLE = path.join(REPO_ROOT, 'dist', 'simulator.js');

export function buildBundle(): void {
  const r = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'simulate.mjs'), '--build-only'], {
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`build failed: ${r.stderr}`);
}

export interface ReadyInfo {
  arrays: RunningArray[];
  controlUrl: string;
  caCertPath: string;
  valuesFilePath: string;
  stateFile: string;
  pid: number;
}

export interface SimulatorProcess {
  child: ChildProcess;
  info: ReadyInfo;
  stderr: () => string;
  exited: Promise<number | null>;
}

export async function startSimulatorProcess(
  args: string[],
  readyFile: string,
  timeoutMs = 30_000,
): Promise<SimulatorProcess> {
  const child = spawn(process.execPath, [BUNDLE, ...args, '--ready-file', readyFile, '--json'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr?.on('data', (c: Buffer) => (err += c.toString()));
  child.stdout?.resume();
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const deadline = Date.now() + timeoutMs;
  while (!existsSync(readyFile)) {
    if (child.exitCode !== null) throw new Error(`simulator exited (${child.exitCode}): ${err}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`simulator not ready: ${err}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const info = JSON.parse(readFileSync(readyFile, 'utf8')) as ReadyInfo;
  return { child, info, stderr: () => err, exited };
}
