#!/usr/bin/env node
// Builds the provider and bench/fuzz/main.ts (which reuses the tests' plugin client and fuzzer), then runs it.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { build } from 'esbuild';
import { buildProvider, protoPlugin } from '../../scripts/build.mjs';
import { projectRoot } from '../../scripts/lib/paths.mjs';

await buildProvider();
const outfile = join(projectRoot, 'dist', 'bench', 'fuzz.cjs');
await build({
  entryPoints: [join(projectRoot, 'bench', 'fuzz', 'main.ts')],
  bundle: true,
  platform: 'node',
  target: 'node20',
  outfile,
  plugins: [protoPlugin],
  logLevel: 'warning',
});
const result = spawnSync(process.execPath, [outfile, ...process.argv.slice(2)], {
  cwd: projectRoot,
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
