// The control API: the simulator's own endpoints for tests, benchmarks and
// demos (load, health, capacity, faults, out-of-band changes, counters,
// clock). Answers use their own shape, `{"error":{"message"}}`, so nobody
// confuses them with Pure's.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { OutOfBandChange, SimulatedArray } from '../array-base';
import { parseSize, resolveLoad, validateFleetDescription, type LoadProfileSpec } from '../description';
import { PureApiError } from '../errors';
import type { ApiClientRegistration } from '../http/oauth';
import type { TlsMaterial } from '../http/server';
import type { FaultSettings } from '../runtime';
import { CONTROL_PREFIX, type CapacityPatchInput, type FleetInfo, type HealthPatch } from './types';

class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface ControlContext {
  arrays: SimulatedArray[];
  fleetInfo: () => FleetInfo;
  advanceClock: (ms: number) => number;
  flushState: () => Promise<void>;
}

const FAULT_KEYS: Record<keyof FaultSettings, 'number' | 'string' | 'list'> = {
  latencyMs: 'number',
  latencyJitterMs: 'number',
  errorRate: 'number',
  errorStatus: 'number',
  errorMessage: 'string',
  failNext: 'number',
  rateLimitBurst: 'number',
  dropNext: 'number',
  dropRate: 'number',
  match: 'list',
};

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function parseFaults(body: unknown): Partial<FaultSettings> {
  if (!isRecord(body)) throw new ControlError(400, 'faults: expected an object');
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body)) {
    const kind = FAULT_KEYS[k as keyof FaultSettings];
    if (!kind) throw new ControlError(400, `faults.${k}: unknown setting`);
    if (kind === 'number' && (typeof v !== 'number' || !Number.isFinite(v) || v < 0)) {
      throw new ControlError(400, `faults.${k}: expected a non-negative number`);
    }
    if (kind === 'string' && typeof v !== 'string')
      throw new ControlError(400, `faults.${k}: expected a string`);
    if (kind === 'list' && (!Array.isArray(v) || v.some((x) => typeof x !== 'string'))) {
      throw new ControlError(400, `faults.${k}: expected a list of strings`);
    }
    out[k] = v;
  }
  const f = out as Partial<FaultSettings>;
  if ((f.errorRate ?? 0) > 1 || (f.dropRate ?? 0) > 1)
    throw new ControlError(400, 'faults: rates are fractions from 0 to 1');
  if (
    f.errorStatus !== undefined &&
    (f.errorStatus < 400 || f.errorStatus > 599 || !Number.isInteger(f.errorStatus))
  ) {
    throw new ControlError(400, 'faults.errorStatus: expected an HTTP status from 400 to 599');
  }
  return f;
}

function parseLoad(body: unknown, array: SimulatedArray): ReturnType<typeof resolveLoad> {
  const problems = validateFleetDescription({ arrays: [{ name: 'x', type: array.type, load: body }] });
  if (problems.length > 0)
    throw new ControlError(400, problems.join('; ').replace(/arrays\[0\]\.load/g, 'load'));
  return resolveLoad(body as LoadProfileSpec, array.model.maxIops);
}

function parseCapacity(body: unknown): {
  capacity?: number;
  preexistingUsed?: number;
  fillRatio?: number;
  dataReductionRatio?: number;
  volumeLimit?: number;
} {
  if (!isRecord(body)) throw new ControlError(400, 'capacity: expected an object');
  const b = body as CapacityPatchInput & Record<string, unknown>;
  for (const k of Object.keys(b)) {
    if (!['capacity', 'preexistingUsed', 'fillRatio', 'dataReductionRatio', 'volumeLimit'].includes(k)) {
      throw new ControlError(400, `capacity.${k}: unknown setting`);
    }
  }
  const size = (k: 'capacity' | 'preexistingUsed'): number | undefined => {
    const v = b[k];
    if (v === undefined) return undefined;
    const n = typeof v === 'number' || typeof v === 'string' ? parseSize(v) : undefined;
    if (n === undefined)
      throw new ControlError(400, `capacity.${k}: expected bytes or a size such as "100TiB"`);
    return n;
  };
  const ratio = (k: 'fillRatio' | 'dataReductionRatio', min: number, max: number): number | undefined => {
    const v = b[k];
    if (v === undefined) return undefined;
    if (typeof v !== 'number' || v < min || v > max)
      throw new ControlError(400, `capacity.${k}: expected a number from ${min} to ${max}`);
    return v;
  };
  const limit = b.volumeLimit;
  if (limit !== undefined && (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1)) {
    throw new ControlError(400, 'capacity.volumeLimit: expected a positive integer');
  }
  const capacity = size('capacity');
  if (capacity !== undefined && capacity < 2 ** 30)
    throw new ControlError(400, 'capacity.capacity: at least 1GiB');
  return {
    capacity,
    preexistingUsed: size('preexistingUsed'),
    fillRatio: ratio('fillRatio', 0, 1),
    dataReductionRatio: ratio('dataReductionRatio', 1, 100),
    volumeLimit: limit,
  };
}

function parseHealth(body: unknown): HealthPatch {
  if (!isRecord(body)) throw new ControlError(400, 'health: expected an object');
  const out: HealthPatch = {};
  for (const [k, v] of Object.entries(body)) {
    switch (k) {
      case 'controllerDown':
        if (v !== null && typeof v !== 'boolean' && typeof v !== 'string')
          throw new ControlError(400, 'health.controllerDown: boolean or a name');
        out.controllerDown = v as HealthPatch['controllerDown'];
        break;
      case 'degradedHardware':
        if (typeof v !== 'boolean') throw new ControlError(400, 'health.degradedHardware: boolean');
        out.degradedHardware = v;
        break;
      case 'unreachable':
        if (v !== null && typeof v !== 'boolean' && v !== 'reset' && v !== 'timeout') {
          throw new ControlError(400, "health.unreachable: boolean, 'reset' or 'timeout'");
        }
        out.unreachable = v as HealthPatch['unreachable'];
        break;
      case 'criticalAlert':
        if (typeof v !== 'boolean' && typeof v !== 'string')
          throw new ControlError(400, 'health.criticalAlert: boolean or a summary');
        out.criticalAlert = v;
        break;
      default:
        throw new ControlError(400, `health.${k}: unknown setting`);
    }
  }
  return out;
}

const CHANGE_ACTIONS = [
  'create',
  'resize',
  'qos',
  'destroy',
  'recover',
  'eradicate',
  'rename',
  'write',
  'fill',
  'export',
];

function parseChange(body: unknown): OutOfBandChange {
  if (!isRecord(body)) throw new ControlError(400, 'change: expected an object');
  if (typeof body.action !== 'string' || !CHANGE_ACTIONS.includes(body.action)) {
    throw new ControlError(400, `change.action: one of ${CHANGE_ACTIONS.join(', ')}`);
  }
  if (typeof body.name !== 'string' || body.name.length === 0)
    throw new ControlError(400, 'change.name: required');
  const num = (k: string): void => {
    const v = body[k];
    if (v !== undefined && v !== null && (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0)) {
      throw new ControlError(400, `change.${k}: expected a non-negative integer`);
    }
  };
  ['provisioned', 'iopsLimit', 'bandwidthLimit', 'writtenBytes'].forEach(num);
  for (const k of Object.keys(body)) {
    if (
      ![
        'action',
        'name',
        'provisioned',
        'newName',
        'iopsLimit',
        'bandwidthLimit',
        'writtenBytes',
        'nfsRules',
        'nfsV3',
        'nfsV41',
      ].includes(k)
    ) {
      throw new ControlError(400, `change.${k}: unknown field`);
    }
  }
  return body as unknown as OutOfBandChange;
}

export class ControlServer {
  private readonly server: http.Server;
  private readonly sockets = new Set<Socket>();

  constructor(
    private readonly ctx: ControlContext,
    tls: TlsMaterial | null,
  ) {
    const handler = (req: IncomingMessage, res: ServerResponse): void => {
      this.onRequest(req, res);
    };
    this.server = tls
      ? https.createServer({ cert: tls.certPem, key: tls.keyPem }, handler)
      : http.createServer(handler);
    this.server.keepAliveTimeout = 65_000;
    this.server.on('connection', (s: Socket) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
  }

  listen(port: number, host: string): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        resolve((this.server.address() as AddressInfo).port);
      });
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      for (const s of this.sockets) s.destroy();
    });
  }

  private array(name: string): SimulatedArray {
    const a = this.ctx.arrays.find(
      (x) => x.config.name.toLowerCase() === decodeURIComponent(name).toLowerCase(),
    );
    if (!a) throw new ControlError(404, `no array named ${decodeURIComponent(name)}`);
    return a;
  }

  private onRequest(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= 1024 * 1024) chunks.push(c);
    });
    req.on('end', () => {
      let body: unknown;
      const reply = (status: number, payload: unknown): void => {
        const text = JSON.stringify(payload ?? {});
        res.writeHead(status, {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(text),
        });
        res.end(text);
      };
      try {
        if (size > 1024 * 1024) throw new ControlError(413, 'body too large');
        if (chunks.length > 0) {
          try {
            body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
          } catch {
            throw new ControlError(400, 'body is not valid JSON');
          }
        }
        Promise.resolve(this.route(req.method ?? 'GET', (req.url ?? '/').split('?')[0] as string, body))
          .then((out) => reply(200, out))
          .catch((e: unknown) => reply(...errorReply(e)));
      } catch (e) {
        reply(...errorReply(e));
      }
    });
  }

  private route(method: string, url: string, body: unknown): unknown {
    if (!url.startsWith(`${CONTROL_PREFIX}/`))
      throw new ControlError(404, `control API paths start with ${CONTROL_PREFIX}/`);
    const parts = url.slice(CONTROL_PREFIX.length + 1).split('/');
    const [head, name, sub, subsub] = parts;
    const key = `${method} ${head}${sub !== undefined ? `/*/${sub}` : name !== undefined ? '/*' : ''}${subsub !== undefined ? `/${subsub}` : ''}`;
    switch (key) {
      case 'GET fleet':
        return this.ctx.fleetInfo();
      case 'GET counters':
        return {
          arrays: Object.fromEntries(this.ctx.arrays.map((a) => [a.config.name, a.counters.snapshot()])),
        };
      case 'DELETE counters':
        this.ctx.arrays.forEach((a) => a.counters.reset());
        return { reset: true };
      case 'DELETE faults':
        this.ctx.arrays.forEach((a) => a.faults.reset());
        return { reset: true };
      case 'POST clock/*':
        if (name !== 'advance') break;
        if (!isRecord(body) || typeof body.ms !== 'number' || !Number.isFinite(body.ms) || body.ms < 0) {
          throw new ControlError(400, 'clock.ms: expected a non-negative number of milliseconds');
        }
        return { offsetMs: this.ctx.advanceClock(body.ms) };
      case 'POST state/*':
        if (name !== 'flush') break;
        return this.ctx.flushState().then(() => ({ flushed: true }));
      case 'GET arrays':
        return { arrays: this.ctx.arrays.map((a) => a.summary()) };
      case 'GET arrays/*':
        return this.array(name as string).summary();
      case 'PUT arrays/*/load':
      case 'PATCH arrays/*/load': {
        const a = this.array(name as string);
        a.setLoad(parseLoad(body, a));
        return a.summary().load;
      }
      case 'PATCH arrays/*/health': {
        const a = this.array(name as string);
        a.setHealth(parseHealth(body));
        return a.summary().health;
      }
      case 'PATCH arrays/*/capacity': {
        const a = this.array(name as string);
        a.setCapacity(parseCapacity(body));
        return a.summary().capacity;
      }
      case 'GET arrays/*/faults':
        return this.array(name as string).faults.settings;
      case 'PATCH arrays/*/faults': {
        const a = this.array(name as string);
        return a.faults.configure(parseFaults(body));
      }
      case 'DELETE arrays/*/faults': {
        const a = this.array(name as string);
        a.faults.reset();
        return a.faults.settings;
      }
      case 'POST arrays/*/sessions/expire':
        return { expired: this.array(name as string).sessions.expireAll() };
      case 'PATCH arrays/*/sessions': {
        const a = this.array(name as string);
        if (!isRecord(body) || typeof body.timeoutMs !== 'number' || body.timeoutMs < 0) {
          throw new ControlError(400, 'sessions.timeoutMs: expected a non-negative number');
        }
        a.sessions.idleTimeoutMs = body.timeoutMs;
        return { timeoutMs: a.sessions.idleTimeoutMs };
      }
      case 'POST arrays/*/changes': {
        const a = this.array(name as string);
        const change = parseChange(body);
        return { array: a.config.name, change, result: a.applyChange(change) };
      }
      case 'POST arrays/*/api-clients': {
        const a = this.array(name as string);
        const registration = parseApiClient(body);
        try {
          a.apiClients.register(registration);
        } catch (e) {
          throw new ControlError(400, `apiClient.publicKey: ${e instanceof Error ? e.message : String(e)}`);
        }
        return {
          array: a.config.name,
          id: registration.id,
          keyId: registration.keyId,
          clients: a.apiClients.size,
        };
      }
      case 'GET arrays/*/counters':
        return this.array(name as string).counters.snapshot();
      case 'DELETE arrays/*/counters': {
        const a = this.array(name as string);
        a.counters.reset();
        return a.counters.snapshot();
      }
      default:
        break;
    }
    throw new ControlError(404, `no control endpoint ${method} ${url}`);
  }
}

/** An API client to register: what an administrator enters with `pureapiclient create`. */
function parseApiClient(body: unknown): ApiClientRegistration {
  if (!isRecord(body)) throw new ControlError(400, 'apiClient: expected an object');
  for (const key of ['id', 'keyId', 'issuer', 'publicKey'] as const) {
    if (typeof body[key] !== 'string' || body[key] === '')
      throw new ControlError(400, `apiClient.${key}: expected a non-empty string`);
  }
  if (body.enabled !== undefined && typeof body.enabled !== 'boolean')
    throw new ControlError(400, 'apiClient.enabled: expected a boolean');
  return {
    id: body.id as string,
    keyId: body.keyId as string,
    issuer: body.issuer as string,
    publicKey: body.publicKey as string,
    ...(body.enabled === undefined ? {} : { enabled: body.enabled }),
  };
}

function errorReply(e: unknown): [number, unknown] {
  if (e instanceof ControlError) return [e.status, { error: { message: e.message } }];
  // Out-of-band changes reuse the array's own checks; pass their message on.
  if (e instanceof PureApiError)
    return [e.status === 401 ? 400 : e.status, { error: { message: e.message } }];
  return [500, { error: { message: e instanceof Error ? e.message : String(e) } }];
}
