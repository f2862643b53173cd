// `npm run simulate -- [options]`: bundles the simulator (src/simulator) into
// dist/simulator.js with esbuild when the sources changed, then runs its CLI
// in this process so Ctrl-C / SIGTERM reach it directly.
//   node scripts/simulate.mjs --build-only   just (re)build the bundle
import { createRequire } from 'node:module';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const BUNDLE = path.join(root, 'dist', 'simulator.js');
const ENTRY = path.join(root, 'src', 'simulator', 'cli.ts');

async function newestSourceMtime(dir) {
  let newest = 0;
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, await newestSourceMtime(p));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, (await fs.stat(p)).mtimeMs);
  }
  return newest;
}

/** Builds dist/simulator.js unless it is newer than every simulator source and package.json. */
export async function buildSimulator({ force = false } = {}) {
  const sources = Math.max(
    await newestSourceMtime(path.join(root, 'src', 'simulator')),
    (await fs.stat(path.join(root, 'package.json'))).mtimeMs,
  );
  const built = await fs.stat(BUNDLE).then(
    (s) => s.mtimeMs,
    () => 0,
  );
  if (!force && built > sources) return BUNDLE;
  const esbuild = await import('esbuild');
  await esbuild.build({
    entryPoints: [ENTRY],
    outfile: BUNDLE,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  return BUNDLE;
}

async function main() {
  const args = process.argv.slice(2);
  if (args[0] === '--build-only') {
    const out = await buildSimulator({ force: args.includes('--force') });
    console.log(`built ${path.relative(root, out)}`);
    return 0;
  }
  const bundle = await buildSimulator();
  const require = createRequire(import.meta.url);
  const cli = require(bundle);
  return cli.main(args);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().then(
    (code) => process.exit(code),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
