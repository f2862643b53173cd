// Load generator for bench/simulator/run.mjs, run in its own process:
// C concurrent keep-alive HTTPS clients (one TLS socket each) against one
// array. Like wrk, it writes HTTP/1.1 requests on persistent TLS sockets and
// reads responses by Content-Length, so the generator costs far less CPU
// than node's http client and the simulator, not the generator, is measured.
//   node bench/simulator/load.mjs <ready.json> <scenario> <seconds> <concurrency>
import https from 'node:https';
import tls from 'node:tls';
import { readFileSync } from 'node:fs';

const [readyFile, scenario, secondsText, concurrencyText] = process.argv.slice(2);
const info = JSON.parse(readFileSync(readyFile, 'utf8'));
const array = info.arrays[0];
const url = new URL(array.url);
const ca = readFileSync(info.caCertPath);
const seconds = Number(secondsText);
const concurrency = Number(concurrencyText);
const agent = new https.Agent({ keepAlive: true, maxSockets: concurrency, ca });

function request(method, path, headers, body) {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = https.request(
      {
        hostname: url.hostname,
        port: url.port,
        method,
        path,
        agent,
        headers: payload
          ? { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }
          : headers,
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

const login = await request('POST', '/api/2.56/login', { 'api-token': array.apiToken });
const auth = { 'x-auth-token': login.headers['x-auth-token'] };
const preloaded = Number(process.env.BENCH_PRELOADED ?? '1000');
let seq = 0;
const runId = process.pid.toString(36);

const scenarios = {
  'get-by-name': () => ['GET', `/api/2.56/volumes?names=bench-pre-${Math.floor(Math.random() * preloaded)}`],
  'get-page': () => ['GET', `/api/2.56/volumes?limit=100&filter=${encodeURIComponent("name='bench-pre-*'")}`],
  'post-create': () => [
    'POST',
    `/api/2.56/volumes?names=bench-${runId}-${seq++}`,
    { provisioned: 1073741824 },
  ],
};
const next = scenarios[scenario];
if (!next) throw new Error(`unknown scenario ${scenario}`);

/** One persistent TLS connection issuing requests sequentially. */
class RawConnection {
  constructor() {
    this.buffer = Buffer.alloc(0);
    this.pending = null;
    this.ready = new Promise((resolve, reject) => {
      this.socket = tls.connect(
        { host: url.hostname, port: Number(url.port), ca, servername: 'localhost' },
        resolve,
      );
      this.socket.on('error', reject);
    });
    this.socket.on('data', (chunk) => this.onData(chunk));
  }

  onData(chunk) {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    const end = this.buffer.indexOf('\r\n\r\n');
    if (end < 0 || !this.pending) return;
    const head = this.buffer.subarray(0, end).toString('latin1');
    const m = /\r\ncontent-length: *([0-9]+)/i.exec(head);
    const length = m ? Number(m[1]) : 0;
    if (this.buffer.length < end + 4 + length) return;
    const status = Number(head.slice(9, 12));
    this.buffer = this.buffer.subarray(end + 4 + length);
    const done = this.pending;
    this.pending = null;
    done(status);
  }

  send(method, path, body) {
    const payload = body === undefined ? '' : JSON.stringify(body);
    const headers =
      `${method} ${path} HTTP/1.1\r\nhost: ${url.host}\r\nx-auth-token: ${auth['x-auth-token']}\r\n` +
      (payload ? `content-type: application/json\r\ncontent-length: ${Buffer.byteLength(payload)}\r\n` : '') +
      '\r\n';
    return new Promise((resolve) => {
      this.pending = resolve;
      this.socket.write(headers + payload);
    });
  }
}

const latencies = [];
let ok = 0;
let failed = 0;
let measuring = false;
let stop = false;
const worker = async () => {
  const conn = new RawConnection();
  await conn.ready;
  while (!stop) {
    const [method, path, body] = next();
    const t0 = process.hrtime.bigint();
    const status = await conn.send(method, path, body);
    if (!measuring) continue;
    latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (status === 200) ok++;
    else failed++;
  }
  conn.socket.end();
};
const workers = Array.from({ length: concurrency }, worker);
await new Promise((r) => setTimeout(r, 1000)); // warm-up: connections, JIT
measuring = true;
const started = process.hrtime.bigint();
await new Promise((r) => setTimeout(r, seconds * 1000));
measuring = false;
const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
stop = true;
await Promise.all(workers);
latencies.sort((a, b) => a - b);
const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0;
process.stdout.write(
  JSON.stringify({
    scenario,
    concurrency,
    seconds: elapsed,
    requests: ok + failed,
    ok,
    failed,
    rps: (ok + failed) / elapsed,
    p50: pct(50),
    p99: pct(99),
  }) + '\n',
);
agent.destroy();
