#!/usr/bin/env node
// npm run bench:faults: builds and installs the provider as the e2e suite does (its globalSetup),
// bundles the soak and runs it. Arguments pass through (--faulted N --killed K).
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildProvider } from '../../scripts/build.mjs';
import { installProvider } from '../../scripts/install-provider.mjs';
import { projectRoot } from '../../scripts/lib/paths.mjs';
import { findTool } from '../../scripts/tools.mjs';

// A mirror of its own, so a rebuild for the test suite during a long soak cannot change the
// provider under it (terraform would refuse the changed checksum).
if (process.env.PURE_SKIP_BUILD !== '1') await buildProvider();
const dir = join(projectRoot, '.cache', 'bench-faults');
mkdirSync(dir, { recursive: true });
const installed = installProvider({ mirror: join(dir, 'mirror'), cliConfig: join(dir, 'cli.tfrc') });
const clis = { terraform: findTool('terraform'), tofu: findTool('tofu') };
writeFileSync(join(dir, 'setup.json'), JSON.stringify({ ...installed, clis }, null, 2));
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
