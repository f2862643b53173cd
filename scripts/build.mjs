#!/usr/bin/env node
// Bundles the provider into one executable file, dist/terraform-provider-pure: every dependency
// inside, no node_modules at run time, started through two launcher lines that `exec` node on the
// file itself (see LAUNCHER: no forking wrapper). `.proto` files become generated static message code at bundle
// time (scripts/lib/proto-codegen.cjs), so no protobuf reflection runs when the provider starts.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { protoToModuleSource } = require('./lib/proto-codegen.cjs');
const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export const protoPlugin = {
  name: 'proto-descriptors',
  setup(b) {
    b.onLoad({ filter: /\.proto$/ }, (args) => ({
      contents: protoToModuleSource(readFileSync(args.path, 'utf8'), args.path),
      loader: 'js',
    }));
  },
};

/**
 * The first two lines of the executable, read by /bin/sh and then by node. sh runs the second
 * line and `exec`s node on this same file: the process the host started *becomes* node (same
 * pid, same stdio, signals straight to it), which is no forking wrapper. To node the line is a
 * string and a comment. On the way it moves NODE_EXTRA_CA_CERTS aside: with it set, Node parses
 * its whole root store plus that bundle at boot (~60 ms here, in each of the three processes of a
 * plan) although only the array clients use them; the loader puts the variable back, and the
 * provider hands those certificates to the array clients itself (engineering/performance.md).
 */
const LAUNCHER = [
  '#!/bin/sh',
  `':' //; if [ -n "\${NODE_EXTRA_CA_CERTS-}" ]; then PURE_PROVIDER_NODE_EXTRA_CA_CERTS=$NODE_EXTRA_CA_CERTS; export PURE_PROVIDER_NODE_EXTRA_CA_CERTS; unset NODE_EXTRA_CA_CERTS; fi; exec node "$0" "$@"`,
  '',
].join('\n');

/**
 * The executable: the code-cache loader (scripts/lib/code-cache-loader.js) with the bundle
 * inlined as a string literal and identified by its hash.
 */
function executable(bundle) {
  const loader = readFileSync(join(root, 'scripts', 'lib', 'code-cache-loader.js'), 'utf8');
  const id = createHash('sha256').update(bundle).digest('hex').slice(0, 16);
  const placeholders = { __BUNDLE_ID__: JSON.stringify(id), __BUNDLE_SOURCE__: JSON.stringify(bundle) };
  for (const name of Object.keys(placeholders)) {
    if (loader.split(name).length !== 2) throw new Error(`the loader must name ${name} exactly once`);
  }
  return `${LAUNCHER}${loader.replace(/__BUNDLE_(ID|SOURCE)__/g, (name) => placeholders[name])}`;
}

export async function buildProvider({
  outfile = join(root, 'dist', 'terraform-provider-pure'),
  minify = true,
} = {}) {
  const result = await build({
    entryPoints: [join(root, 'src', 'main.ts')],
    write: false,
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    minify,
    sourcemap: false,
    legalComments: 'eof',
    charset: 'ascii',
    plugins: [protoPlugin],
    logLevel: 'warning',
    // protobufjs probes for optional modules with eval("require"); nothing to bundle there.
    logOverride: { 'direct-eval': 'silent' },
    metafile: true,
  });
  mkdirSync(dirname(outfile), { recursive: true });
  writeFileSync(outfile, executable(result.outputFiles[0].text));
  chmodSync(outfile, 0o755);
  return { outfile, metafile: result.metafile };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { outfile } = await buildProvider({ minify: !process.argv.includes('--no-minify') });
  console.log(`built ${outfile}`);
  // Other bundles (the simulator) register here as they exist.
  const extra = join(root, 'scripts', 'build-simulator.mjs');
  try {
    readFileSync(extra);
    await import(extra);
  } catch (err) {
    if (err.code !== 'ENOENT') throw err;
  }
}
