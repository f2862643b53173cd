// The CLI as a person runs it (`npm run simulate -- ...` is `node
// scripts/simulate.mjs ...`): the demo fleet, a YAML fleet, the PSO values
// file and CA certificate, a clean stop on SIGINT/SIGTERM, state kept across
// processes, and clear errors for a bad description.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { TestHttpClient } from './support/http';
import { REPO_ROOT } from './support/openapi';
import { buildBundle, startSimulatorProcess } from './support/child';

jest.setTimeout(120_000);

let dir: string;
beforeAll(async () => {
  buildBundle();
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sim-cli-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

test('npm run simulate with no arguments starts the demo fleet, prints endpoints and stops on SIGINT', async () => {
  const stateDir = path.join(dir, 'demo');
  const child = spawn(
    process.execPath,
    [path.join(REPO_ROOT, 'scripts', 'simulate.mjs'), '--state-dir', stateDir],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const deadline = Date.now() + 30_000;
  while (!out.includes('Press Ctrl-C') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  expect(out).toMatch(/fa-zone-a-1\s+flasharray\s+https:\/\/127\.0\.0\.1:\d+/);
  expect(out).toMatch(/fb-zone-b-1\s+flashblade/);
  expect(out).toContain('Control API:');

  const values = YAML.parse(await fs.readFile(path.join(stateDir, 'values.yaml'), 'utf8')) as {
    arrays: { FlashArrays: Array<Record<string, unknown>>; FlashBlades: Array<Record<string, unknown>> };
  };
  expect(values.arrays.FlashArrays).toHaveLength(3);
  expect(values.arrays.FlashBlades).toHaveLength(1);
  for (const fa of values.arrays.FlashArrays) {
    expect(Object.keys(fa).sort()).toEqual(['APIToken', 'Labels', 'MgmtEndPoint']);
    expect(fa.MgmtEndPoint).toMatch(/^127\.0\.0\.1:\d+$/);
  }
  const zones = values.arrays.FlashArrays.map(
    (a) => (a.Labels as Record<string, string>)['topology.purestorage.com/zone'],
  );
  expect(new Set(zones)).toEqual(new Set(['zone-a', 'zone-b']));
  expect(Object.keys(values.arrays.FlashBlades[0]!).sort()).toEqual([
    'APIToken',
    'Labels',
    'MgmtEndPoint',
    'NFSEndPoint',
  ]);
  expect(values.arrays.FlashBlades[0]!.APIToken).toMatch(/^T-[0-9a-f-]{36}$/);
  expect(existsSync(path.join(stateDir, 'ca.pem'))).toBe(true);

  child.kill('SIGINT');
  expect(await exited).toBe(0);
  expect(out).toContain('stopping the fleet');
  expect(existsSync(path.join(stateDir, 'demo.lock'))).toBe(false);
});

test('a YAML fleet survives a SIGTERM and a restart of the process', async () => {
  const fleetFile = path.join(dir, 'fleet.yaml');
  await fs.writeFile(
    fleetFile,
    'name: two\narrays:\n  - name: fa-one\n    type: flasharray\n    capacity: 5TiB\n    labels: { rack: "22" }\n  - name: fb-one\n    type: flashblade\n    nfsEndpoint: 127.0.0.9\n',
  );
  const stateDir = path.join(dir, 'two');
  const outDir = path.join(dir, 'two-out');
  const first = await startSimulatorProcess(
    ['--fleet', fleetFile, '--state-dir', stateDir, '--out-dir', outDir],
    path.join(dir, 'r1.json'),
  );
  expect(first.info.caCertPath).toBe(path.join(outDir, 'ca.pem'));
  expect(first.info.arrays[1]!.nfsEndpoint).toBe('127.0.0.9');
  const http = new TestHttpClient(await fs.readFile(first.info.caCertPath, 'utf8'));
  const fa = first.info.arrays[0]!;
  const login = await http.request('POST', `${fa.url}/api/2.56/login`, {
    headers: { 'api-token': fa.apiToken },
  });
  const token = login.headers['x-auth-token'] as string;
  const created = await http.request('POST', `${fa.url}/api/2.56/volumes?names=cli-vol`, {
    headers: { 'x-auth-token': token },
    body: { provisioned: 2 ** 30 },
  });
  expect(created.status).toBe(200);
  first.child.kill('SIGTERM');
  expect(await first.exited).toBe(0);
  http.close();

  const second = await startSimulatorProcess(
    ['--fleet', fleetFile, '--state-dir', stateDir, '--out-dir', outDir],
    path.join(dir, 'r2.json'),
  );
  try {
    expect(second.info.arrays[0]!.url).toBe(fa.url);
    const http2 = new TestHttpClient(await fs.readFile(second.info.caCertPath, 'utf8'));
    const login2 = await http2.request('POST', `${fa.url}/api/2.56/login`, {
      headers: { 'api-token': fa.apiToken },
    });
    const got = await http2.request('GET', `${fa.url}/api/2.56/volumes?names=cli-vol`, {
      headers: { 'x-auth-token': login2.headers['x-auth-token'] as string },
    });
    expect(got.status).toBe(200);
    expect((got.body as { items: Array<{ provisioned: number }> }).items[0]!.provisioned).toBe(2 ** 30);
    http2.close();
  } finally {
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  }
});

test('a bad fleet description exits with code 2 and names every problem', async () => {
  const bad = path.join(dir, 'bad.yaml');
  await fs.writeFile(
    bad,
    'arrays:\n  - name: -bad-\n    type: flashdisk\n  - name: ok\n    type: flasharray\n    capacity: lots\n    maxApiVersion: 2.99\n    colour: red\n',
  );
  const r = spawnSync(
    process.execPath,
    [path.join(REPO_ROOT, 'dist', 'simulator.js'), bad, '--state-dir', path.join(dir, 'bad')],
    { encoding: 'utf8' },
  );
  expect(r.status).toBe(2);
  expect(r.stderr).toContain('arrays[0].name');
  expect(r.stderr).toContain('arrays[0].type');
  expect(r.stderr).toContain('arrays[1].capacity');
  expect(r.stderr).toContain('arrays[1].maxApiVersion');
  expect(r.stderr).toContain('arrays[1].colour: unknown setting');
  const unknown = spawnSync(
    process.execPath,
    [path.join(REPO_ROOT, 'dist', 'simulator.js'), '--frobnicate'],
    { encoding: 'utf8' },
  );
  expect(unknown.status).toBe(2);
  expect(unknown.stderr).toContain('unknown option --frobnicate');
});
