// Benchmark of the simulator: requests per second for GET and POST volumes with
// 16 concurrent keep-alive HTTPS clients against one simulated FlashArray. The
// simulator and the load generator run in separate processes.
//   npm run bench:simulator [-- --seconds 10 --concurrency 16 --write-docs]
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSimulator } from '../../scripts/simulate.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const seconds = Number(opt('seconds', '10'));
const concurrency = Number(opt('concurrency', '16'));
const writeDocs = args.includes('--write-docs');
const PRELOADED = 1000;

const bundle = await buildSimulator();
const work = mkdtempSync(path.join(os.tmpdir(), 'pure-sim-bench-'));
writeFileSync(
  path.join(work, 'fleet.yaml'),
  'name: bench\narrays:\n  - name: fa-bench\n    type: flasharray\n    model: FA-X90R4\n    volumeLimit: 10000000\n',
);
const ready = path.join(work, 'ready.json');
const sim = spawn(
  process.execPath,
  [bundle, '--fleet', path.join(work, 'fleet.yaml'), '--state-dir', work, '--ready-file', ready, '--json'],
  {
    stdio: ['ignore', 'ignore', 'inherit'],
  },
);
try {
  const deadline = Date.now() + 30_000;
  while (!existsSync(ready)) {
    if (Date.now() > deadline || sim.exitCode !== null) throw new Error('simulator did not start');
    await new Promise((r) => setTimeout(r, 50));
  }
  // Preload volumes through the control API's own REST path: one POST with many names.
  const info = JSON.parse(readFileSync(ready, 'utf8'));
  const preload = spawnSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `
      import https from 'node:https'; import { readFileSync } from 'node:fs';
      const info = JSON.parse(readFileSync(${JSON.stringify(ready)}, 'utf8')); const a = info.arrays[0]; const u = new URL(a.url);
      const ca = readFileSync(info.caCertPath);
      const req = (m, p, h, b) => new Promise((res, rej) => { const r = https.request({ hostname: u.hostname, port: u.port, method: m, path: p, ca, headers: h }, (x) => { const c = []; x.on('data', (d) => c.push(d)); x.on('end', () => res({ s: x.statusCode, h: x.headers, b: Buffer.concat(c).toString() })); }); r.on('error', rej); r.end(b); });
      const l = await req('POST', '/api/2.56/login', { 'api-token': a.apiToken });
      for (let i = 0; i < ${PRELOADED}; i += 100) {
        const names = Array.from({ length: 100 }, (_, j) => 'bench-pre-' + (i + j)).join(',');
        const body = JSON.stringify({ provisioned: 1073741824 });
        const r = await req('POST', '/api/2.56/volumes?names=' + names, { 'x-auth-token': l.h['x-auth-token'], 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }, body);
        if (r.s !== 200) { console.error(r.b); process.exit(1); }
      }`,
    ],
    { encoding: 'utf8' },
  );
  if (preload.status !== 0) throw new Error(`preload failed: ${preload.stderr}`);

  const results = [];
  for (const scenario of ['get-by-name', 'get-page', 'post-create']) {
    const r = spawnSync(
      process.execPath,
      [path.join(here, 'load.mjs'), ready, scenario, String(seconds), String(concurrency)],
      {
        encoding: 'utf8',
        env: { ...process.env, BENCH_PRELOADED: String(PRELOADED) },
      },
    );
    if (r.status !== 0) throw new Error(`load generator failed: ${r.stderr}`);
    const result = JSON.parse(r.stdout.trim().split('\n').at(-1));
    results.push(result);
    console.error(
      `${scenario}: ${result.rps.toFixed(0)} req/s (p50 ${result.p50.toFixed(2)} ms, p99 ${result.p99.toFixed(2)} ms, ${result.failed} failed)`,
    );
  }
  void info;

  const label = {
    'get-by-name': 'GET /api/2.56/volumes?names=<one of 1,000>',
    'get-page': "GET /api/2.56/volumes?limit=100&filter=name='bench-pre-*' (100 of 1,000)",
    'post-create': 'POST /api/2.56/volumes?names=<new> {provisioned: 1 GiB}',
  };
  const cpu = os.cpus();
  const load = os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' / ');
  const lines = [
    `Measured ${new Date().toISOString().slice(0, 10)} on ${cpu.length} × ${cpu[0]?.model.trim() ?? 'CPU'}, Node ${process.version}; ` +
      `${concurrency} concurrent keep-alive HTTPS clients, ${seconds} s per row after a 1 s warm-up, simulator and load generator in separate processes. ` +
      `Load average at the end (1/5/15 min): ${load} — the machine is shared, so treat the numbers as lower bounds.`,
    '',
    '| Request | req/s | p50 ms | p99 ms | errors |',
    '|---|---:|---:|---:|---:|',
    ...results.map(
      (r) =>
        `| \`${label[r.scenario]}\` | ${r.rps.toFixed(0)} | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} | ${r.failed} |`,
    ),
    '',
    `Command: \`npm run bench:simulator -- --seconds ${seconds} --concurrency ${concurrency}${writeDocs ? ' --write-docs' : ''}\``,
  ];
  const table = lines.join('\n');
  console.log(table);
  if (writeDocs) {
    const doc = path.join(root, 'engineering', 'simulator.md');
    const text = readFileSync(doc, 'utf8');
    const start = '<!-- bench:simulator:start -->';
    const end = '<!-- bench:simulator:end -->';
    const a = text.indexOf(start);
    const b = text.indexOf(end);
    if (a < 0 || b < a) throw new Error(`engineering/simulator.md has no ${start} … ${end} section`);
    writeFileSync(doc, `${text.slice(0, a + start.length)}\n${table}\n${text.slice(b)}`);
    console.error('updated engineering/simulator.md');
  }
} finally {
  sim.kill('SIGTERM');
  await new Promise((r) => sim.once('exit', r));
  rmSync(work, { recursive: true, force: true });
}
