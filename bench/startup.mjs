#!/usr/bin/env node
// Provider start to handshake line, side by side in one run: each round launches every
// subject once, in turn, so machine noise hits them alike. Reported as medians and as ratios
// to the bare-node floor (the least any Node provider can cost).
//
//   npm run bench:startup [-- --rounds 30]
//
// Subjects:
//   node-floor            `node -e "console.log(1)"`
//   provider              dist/terraform-provider-pure, V8 code cache warm (the normal case)
//   provider-no-cache     the same with PURE_PROVIDER_CODE_CACHE=off (what every launch would cost without it)
//   null-provider (Go)    hashicorp/terraform-provider-null (PURE_BENCH_NULL_PROVIDER, else built once
//                         by scripts/tools.mjs; left out when it cannot be built)
//
// Every provider gets the magic cookie and a client certificate, so AutoMTLS is part of the cost.
// Every subject inherits this shell's whole environment, as Terraform passes its own to providers:
// a variable such as NODE_EXTRA_CA_CERTS (which makes Node parse a CA bundle at start) weighs on
// the floor and the provider alike. Providers are stopped with SIGTERM (a graceful exit, as after
// the host's Shutdown), which is also when the provider writes its code cache.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildProvider } from '../scripts/build.mjs';
import { projectRoot } from '../scripts/lib/paths.mjs';
import { findNullProvider } from '../scripts/tools.mjs';

const rounds = Number(process.argv[process.argv.indexOf('--rounds') + 1]) || 30;
const COOKIE = 'd602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2';

async function clientCertificatePem() {
  // Any certificate will do for a launch that never gets dialled; reuse the provider's own maker.
  const { build } = await import('esbuild');
  const out = join(projectRoot, '.cache', 'bench-tls.cjs');
  await build({
    entryPoints: [join(projectRoot, 'src/provider/plugin/tls.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile: out,
    logLevel: 'error',
  });
  const { createServerCertificateSync } = await import(out);
  return createServerCertificateSync().certPem;
}

function timeToFirstLine(command, args, env) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const merged = { ...process.env, ...env };
    for (const [key, value] of Object.entries(merged)) if (value === undefined) delete merged[key];
    const child = spawn(command, args, { env: merged });
    let settled = false;
    child.stdout.on('data', (chunk) => {
      if (settled || !chunk.includes(0x0a)) return;
      settled = true;
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      child.kill('SIGTERM');
      child.once('exit', () => resolve(ms));
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (!settled) reject(new Error(`${command} exited with ${code} before printing a line`));
    });
  });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function main() {
  const { outfile } = await buildProvider();
  const cert = await clientCertificatePem();
  const pluginEnv = {
    TF_PLUGIN_MAGIC_COOKIE: COOKIE,
    PLUGIN_PROTOCOL_VERSIONS: '5,6',
    PLUGIN_CLIENT_CERT: cert,
  };
  let nullProvider;
  try {
    nullProvider = findNullProvider();
  } catch (error) {
    console.log(`terraform-provider-null unavailable (${error.message.split('\n')[0]})`);
  }
  const subjects = [
    { name: 'node-floor', run: () => timeToFirstLine(process.execPath, ['-e', 'console.log(1)'], {}) },
    // The same with NODE_EXTRA_CA_CERTS removed, when this shell sets it: Node parses that bundle
    // (and its own roots) at boot, which the provider's launcher avoids (scripts/build.mjs).
    ...(process.env.NODE_EXTRA_CA_CERTS
      ? [
          {
            name: 'node-floor without NODE_EXTRA_CA_CERTS',
            run: () =>
              timeToFirstLine(process.execPath, ['-e', 'console.log(1)'], { NODE_EXTRA_CA_CERTS: undefined }),
          },
        ]
      : []),
    { name: 'provider', run: () => timeToFirstLine(outfile, [], pluginEnv) },
    {
      name: 'provider-no-cache',
      run: () => timeToFirstLine(outfile, [], { ...pluginEnv, PURE_PROVIDER_CODE_CACHE: 'off' }),
    },
  ];
  if (nullProvider && existsSync(nullProvider)) {
    subjects.push({ name: 'null-provider (Go)', run: () => timeToFirstLine(nullProvider, [], pluginEnv) });
  } else {
    console.log('the Go reference is left out of this run');
  }
  // One warm-up launch each: fills the provider's code cache and the OS page cache.
  for (const s of subjects) await s.run();
  const samples = Object.fromEntries(subjects.map((s) => [s.name, []]));
  for (let i = 0; i < rounds; i += 1) for (const s of subjects) samples[s.name].push(await s.run());

  const floor = median(samples['node-floor']);
  const bareFloor = median(samples['node-floor without NODE_EXTRA_CA_CERTS'] ?? samples['node-floor']);
  const rows = subjects.map((s) => {
    const m = median(samples[s.name]);
    return {
      subject: s.name,
      median_ms: +m.toFixed(1),
      p10_ms: +[...samples[s.name]].sort((a, b) => a - b)[Math.floor(rounds * 0.1)].toFixed(1),
      ratio_to_node_floor: +(m / floor).toFixed(2),
      ratio_to_bare_node_floor: +(m / bareFloor).toFixed(2),
    };
  });
  console.table(rows);
  const provider = rows.find((r) => r.subject === 'provider');
  console.log(
    `targets: provider <= 1.5x node floor: ${provider.ratio_to_node_floor <= 1.5 ? 'met' : 'NOT met'} (${provider.ratio_to_node_floor}x; ${provider.ratio_to_bare_node_floor}x the floor without NODE_EXTRA_CA_CERTS); <= 130 ms: ${provider.median_ms <= 130 ? 'met' : 'NOT met'} (${provider.median_ms} ms)`,
  );
  mkdirSync(join(projectRoot, 'bench', 'results'), { recursive: true });
  writeFileSync(
    join(projectRoot, 'bench', 'results', 'startup.json'),
    JSON.stringify({ rounds, node: process.version, rows }, null, 2) + '\n',
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
