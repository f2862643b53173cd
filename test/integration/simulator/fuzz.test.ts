// A few thousand random and malformed requests against a simulator running as
// a child process: every answer must be a Pure-shaped 4xx and the process must
// stay up (and keep serving valid requests) throughout.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { TestHttpClient, type HttpResponse } from './support/http';
import { buildBundle, startSimulatorProcess, type SimulatorProcess } from './support/child';

jest.setTimeout(180_000);

const REQUESTS = 3000;
const CONCURRENCY = 16;

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let sim: SimulatorProcess;
let dir: string;
let http: TestHttpClient;

const FLEET_YAML = `
name: fuzz
arrays:
  - { name: fa-fuzz, type: flasharray, maxApiVersion: "2.56" }
  - { name: fb-fuzz, type: flashblade, maxApiVersion: "2.28" }
`;

beforeAll(async () => {
  buildBundle();
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sim-fuzz-'));
  await fs.writeFile(path.join(dir, 'fleet.yaml'), FLEET_YAML);
  sim = await startSimulatorProcess(
    ['--fleet', path.join(dir, 'fleet.yaml'), '--state-dir', dir],
    path.join(dir, 'ready.json'),
  );
  http = new TestHttpClient(await fs.readFile(sim.info.caCertPath, 'utf8'));
});

afterAll(async () => {
  http?.close();
  if (sim && sim.child.exitCode === null) {
    sim.child.kill('SIGTERM');
    await sim.exited;
  }
  await fs.rm(dir, { recursive: true, force: true });
});

interface FuzzRequest {
  kind: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  rawBody?: string;
}

const BAD_NAMES = [
  '',
  '-lead',
  'trail-',
  'a'.repeat(64),
  '12345',
  'sp ace',
  'bang!',
  'ünï',
  'pod::vol',
  'vg/vol',
  'dot.ted',
  "quo'te",
  '%00',
  'a\u0000b',
  '*',
];
const BAD_NUMBERS: unknown[] = ['abc', -1, 1.5, 1e300, 2 ** 60, true, [], {}, null, '1048576', 0.000001, -0];
const BAD_JSON = [
  '{',
  '{"provisioned":',
  '[1,2',
  'nul',
  '{"a":1,}',
  "{'a':1}",
  '\u0000\u0001',
  '{"provisioned": 1e400}',
  '"just a string',
  '{"x": [[[[[[[[[[[[[[[[[[',
];

function pick<T>(rnd: () => number, xs: readonly T[]): T {
  return xs[Math.floor(rnd() * xs.length)] as T;
}

function garbage(rnd: () => number, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String.fromCharCode(32 + Math.floor(rnd() * 95));
  return s;
}

function makeRequest(rnd: () => number, faToken: string, fbToken: string): FuzzRequest {
  const fa = rnd() < 0.6;
  const token = fa ? faToken : fbToken;
  const version = fa ? '2.56' : '2.28';
  const coll = fa ? 'volumes' : 'file-systems';
  const auth = { 'x-auth-token': token };
  const json = { ...auth, 'content-type': 'application/json' };
  const p = (r: string, q = ''): string => `/api/${version}/${r}${q ? `?${q}` : ''}`;
  const base = fa ? { provisioned: 2 ** 30 } : { provisioned: 2 ** 30 };
  const kind = Math.floor(rnd() * 12);
  switch (kind) {
    case 0:
      return {
        kind: 'bad-json',
        method: pick(rnd, ['POST', 'PATCH']),
        path: p(coll, `names=fz-${Math.floor(rnd() * 1e6)}`),
        headers: json,
        rawBody: pick(rnd, BAD_JSON),
      };
    case 1: {
      const field = fa
        ? pick(rnd, ['provisioned', 'destroyed', 'name', 'qos'])
        : pick(rnd, ['provisioned', 'destroyed', 'hard_limit_enabled', 'nfs']);
      const booleanField = field === 'destroyed' || field === 'hard_limit_enabled';
      const value =
        field === 'qos' || field === 'nfs'
          ? pick(rnd, [
              5,
              'x',
              [],
              { iops_limit: pick(rnd, BAD_NUMBERS) },
              { v3_enabled: 'yes' },
              { rules: 42 },
            ])
          : pick(
              rnd,
              BAD_NUMBERS.filter((x) => !(booleanField && typeof x === 'boolean')),
            );
      return {
        kind: 'wrong-type',
        method: field === 'name' || field === 'destroyed' ? 'PATCH' : 'POST',
        path: p(coll, `names=fz-wt-${Math.floor(rnd() * 1e6)}`),
        headers: json,
        rawBody: JSON.stringify({ ...base, [field]: value }),
      };
    }
    case 2:
      return {
        kind: 'unknown-field',
        method: 'POST',
        path: p(coll, `names=fz-uf-${Math.floor(rnd() * 1e6)}`),
        headers: json,
        rawBody: JSON.stringify({ ...base, [`x_${garbage(rnd, 4).replace(/[^a-z]/gi, 'q')}`]: 1 }),
      };
    case 3: {
      const n = pick(
        rnd,
        BAD_NUMBERS.filter((x) => typeof x === 'number' && (!Number.isInteger(x) || x > 2 ** 52 || x < 0)),
      );
      return {
        kind: 'huge-number',
        method: 'POST',
        path: p(coll, `names=fz-hn-${Math.floor(rnd() * 1e6)}`),
        headers: json,
        rawBody: `{"provisioned": ${pick(rnd, [String(n), '1e400', '-1e400', '123456789012345678901234567890'])}}`,
      };
    }
    case 4:
      return {
        kind: 'bad-name',
        method: pick(rnd, ['POST', 'POST', 'GET', 'PATCH', 'DELETE']),
        path: p(coll, `names=${encodeURIComponent(pick(rnd, BAD_NAMES))}`),
        headers: json,
        rawBody: undefined,
      };
    case 5: {
      const q = pick(rnd, [
        `limit=${pick(rnd, ['-1', 'abc', '1e99', '99999999999999999999', ''])}`,
        `offset=${pick(rnd, ['-5', 'x', '1.5'])}`,
        `destroyed=${pick(rnd, ['maybe', '1', 'yes'])}`,
        `filter=${encodeURIComponent(`${garbage(rnd, 1 + Math.floor(rnd() * 20))}#`)}`,
        `filter=${encodeURIComponent(pick(rnd, ["name='x' and", 'not(', 'contains(name)', "bogus_field='x'", "name=('a',", "name<('a','b')", 'name[first]=1', '(((('] as const))}`,
        `sort=${encodeURIComponent(pick(rnd, ['bogus', '-', 'name;drop', 'space..x']))}`,
        `continuation_token=${encodeURIComponent(pick(rnd, ['garbage', 'eyJhIjoiYiJ9', '%%%', 'e30=']))}`,
        `unknown_param_${Math.floor(rnd() * 100)}=1`,
        'names=a,,b',
        'names=a&names=b',
        'names=a&ids=b',
        `total_item_count=${pick(rnd, ['perhaps', '2'])}`,
      ]);
      return { kind: 'bad-query', method: 'GET', path: p(coll, q), headers: auth };
    }
    case 6: {
      const bad = pick(rnd, [
        `/api/${version}/no-such-thing`,
        '/api/2.99/volumes',
        '/api/3.0/volumes',
        '/api/1.19/volumes',
        '/api/2.x/volumes',
        '/api/../etc/passwd',
        `/api/${version}/${coll}/`,
        `/API/${version}/${coll}`,
        `/${garbage(rnd, 10).replace(/[^a-z]/gi, 'z')}`,
        `/api/${version}/${'x/'.repeat(50)}`,
        '/api/api_version/extra',
      ]);
      return { kind: 'bad-path', method: 'GET', path: bad, headers: auth };
    }
    case 7:
      return {
        kind: 'bad-method',
        method: pick(rnd, ['PUT', 'OPTIONS', 'TRACE', 'COPY', 'PROPFIND']),
        path: p(coll),
        headers: auth,
      };
    case 8:
      return {
        kind: 'bad-auth',
        method: pick(rnd, ['GET', 'POST', 'DELETE']),
        path: p(coll, 'names=fz-auth'),
        headers: pick<Record<string, string>>(rnd, [
          {},
          { 'x-auth-token': '' },
          { 'x-auth-token': garbage(rnd, 36) },
          { 'x-auth-token': fa ? fbToken : faToken },
          { authorization: 'Bearer abc' },
        ]),
      };
    case 9:
      return {
        kind: 'bad-login',
        method: 'POST',
        path: fa ? p('login') : '/api/login',
        headers: pick<Record<string, string>>(rnd, [
          {},
          { 'api-token': 'wrong' },
          { 'api-token': garbage(rnd, 40) },
        ]),
      };
    case 10:
      return {
        kind: 'bad-content-type',
        method: 'POST',
        path: p(coll, `names=fz-ct-${Math.floor(rnd() * 1e6)}`),
        headers: {
          ...auth,
          'content-type': pick(rnd, ['text/plain', 'application/xml', 'multipart/form-data']),
        },
        rawBody: JSON.stringify(base),
      };
    default: {
      // Semantic errors with well-formed requests: missing objects, wrong state.
      const q = pick(rnd, [
        `names=missing-${Math.floor(rnd() * 1e6)}`,
        'ids=00000000-0000-0000-0000-000000000000',
      ]);
      return {
        kind: 'semantic',
        method: pick(rnd, ['GET', 'PATCH', 'DELETE']),
        path: p(coll, q),
        headers: json,
        rawBody: pick(rnd, [undefined, '{"destroyed": true}']),
      };
    }
  }
}

function pureShaped(r: HttpResponse): boolean {
  const b = r.body as { errors?: Array<{ message?: unknown; context?: unknown }> } | undefined;
  return (
    Array.isArray(b?.errors) &&
    b.errors.length > 0 &&
    b.errors.every(
      (e) => typeof e.message === 'string' && (e.context === undefined || typeof e.context === 'string'),
    )
  );
}

async function login(url: string, token: string, fb: boolean): Promise<string> {
  const r = await http.request('POST', `${url}${fb ? '/api/login' : '/api/2.56/login'}`, {
    headers: { 'api-token': token },
  });
  return r.headers['x-auth-token'] as string;
}

test(`${REQUESTS} random and malformed requests all get Pure-shaped 4xx answers and the process survives`, async () => {
  const [fa, fb] = sim.info.arrays as [(typeof sim.info.arrays)[0], (typeof sim.info.arrays)[0]];
  const faToken = await login(fa.url, fa.apiToken, false);
  const fbToken = await login(fb.url, fb.apiToken, true);
  const rnd = mulberry32(20241121);
  const requests = Array.from({ length: REQUESTS }, () => makeRequest(rnd, faToken, fbToken));
  const failures: string[] = [];
  const kinds = new Map<string, number>();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < requests.length) {
      const req = requests[next++] as FuzzRequest;
      const isFb = !req.path.startsWith('/api/2.56/') && !req.path.includes('2.56');
      const url = `${isFb && req.path.includes('2.28') ? fb.url : req.path.includes('login') && !req.path.includes('2.56') ? fb.url : fa.url}${req.path}`;
      let r: HttpResponse;
      try {
        r = await http.request(req.method, url, { headers: req.headers, rawBody: req.rawBody });
      } catch (e) {
        failures.push(`${req.kind} ${req.method} ${req.path}: transport error ${(e as Error).message}`);
        continue;
      }
      kinds.set(req.kind, (kinds.get(req.kind) ?? 0) + 1);
      if (r.status < 400 || r.status > 499 || !pureShaped(r)) {
        failures.push(
          `${req.kind} ${req.method} ${req.path} ${req.rawBody ?? ''} → ${r.status} ${r.text.slice(0, 200)}`,
        );
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  expect(failures.slice(0, 20)).toEqual([]);
  expect([...kinds.values()].reduce((a, b) => a + b, 0)).toBe(REQUESTS);
  expect(kinds.size).toBe(12);

  // Raw garbage on the TLS socket: the HTTP parser's error path also answers in Pure's shape.
  for (let i = 0; i < 20; i++) {
    const answer = await new Promise<string>((resolve, reject) => {
      const u = new URL(fa.url);
      const socket = tls.connect(
        { host: u.hostname, port: Number(u.port), ca: http.agent.options.ca },
        () => {
          socket.write(`${garbage(rnd, 30)}\r\n\r\n`);
        },
      );
      let data = '';
      socket.on('data', (c: Buffer) => (data += c.toString()));
      socket.on('end', () => resolve(data));
      socket.on('close', () => resolve(data));
      socket.on('error', reject);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 400/);
    expect(answer).toContain('"errors"');
  }

  // Still alive, still correct.
  expect(sim.child.exitCode).toBeNull();
  const ok = await http.request('GET', `${fa.url}/api/2.56/volumes`, {
    headers: { 'x-auth-token': faToken },
  });
  expect(ok.status).toBe(200);
  expect(sim.stderr()).not.toMatch(/internal error/);
});
