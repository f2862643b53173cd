#!/usr/bin/env node
// npm run bench:faults: builds and installs the provider as the e2e suite does (its globalSetup),
// bundles the soak and runs it. Arguments pass through (--faulted N --killed K).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { projectRoot } from '../../scripts/lib/paths.mjs';

const require = createRequire(import.meta.url);
await require(join(projectRoot, 'test', 'support', 'e2e-setup.cjs'))();
const out = join(projectRoot, 'dist', 'bench', 'faults.cjs');
const esbuild = spawnSync(
  'npx',
  [
    'esbuild',
    'bench/faults/main.ts',
    '--bundle',
    '--platform=node',
    '--target=node20',
    `--outfile=${out}`,
    '--log-level=warning',
  ],
  { cwd: projectRoot, stdio: 'inherit' },
);
if (esbuild.status !== 0) process.exit(esbuild.status ?? 1);
const run = spawnSync(process.execPath, [out, ...process.argv.slice(2)], {
  cwd: projectRoot,
  stdio: 'inherit',
});
process.exit(run.status ?? 1);
