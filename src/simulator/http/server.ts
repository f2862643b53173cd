// One listener per simulated array. It owns the whole request path so that
// every failure — unknown path, bad version, missing session, unreadable or
// oversized body, injected fault, handler bug — leaves as a Pure-shaped error,
// and it applies the connection-level faults (drops, unreachable arrays).
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { SimulatedArray } from '../array-base';
import { PureApiError, methodNotAllowed, notFound, rateLimited, serverError, unauthorized } from '../errors';
import { newRequestId } from '../ids';
import { RequestCounters } from '../runtime';
import { advertisedVersions, parseApiVersion, supports2x, type ApiVersion } from '../versions';
import { OAUTH_TOKEN_PATH, bearerSession, exchangeToken } from './oauth';
import { QueryReader } from './query';
import type { ApiRequest, ApiResult, HttpMethod, RouteDefinition } from './types';

const MAX_BODY_BYTES = 1024 * 1024;
const METHODS = new Set<HttpMethod>(['GET', 'POST', 'PATCH', 'PUT', 'DELETE']);
/** Rate limit advertised in 429 headers; the simulator limits only when a burst is injected. */
const ADVERTISED_RATE_LIMIT = 100;
/** How long a `timeout`-unreachable array holds a connection before dropping it. */
const BLACKHOLE_MS = 120_000;

export interface TlsMaterial {
  certPem: string;
  keyPem: string;
}

interface CompiledRoute {
  def: RouteDefinition;
  paramCache: Map<string, ReadonlySet<string>>;
}

export class ArrayHttpServer {
  private readonly server: http.Server;
  private readonly sockets = new Set<Socket>();
  private readonly routes = new Map<string, Map<HttpMethod, CompiledRoute>>();
  private readonly versionsBody: string;
  private readonly log: (msg: string) => void;

  constructor(
    private readonly array: SimulatedArray,
    tls: TlsMaterial | null,
    options: { log?: (msg: string) => void } = {},
  ) {
    this.log = options.log ?? (() => undefined);
    for (const def of array.routes()) {
      const key = def.unversioned ? `!${def.resource}` : def.resource;
      let byMethod = this.routes.get(key);
      if (!byMethod) {
        byMethod = new Map();
        this.routes.set(key, byMethod);
      }
      byMethod.set(def.method, { def, paramCache: new Map() });
    }
    const versionKey = array.type === 'flasharray' ? 'version' : 'versions';
    this.versionsBody = JSON.stringify({
      [versionKey]: advertisedVersions(array.type, array.config.maxApiVersion),
    });
    const handler = (req: IncomingMessage, res: ServerResponse): void => this.onRequest(req, res);
    this.server = tls
      ? https.createServer({ cert: tls.certPem, key: tls.keyPem }, handler)
      : http.createServer(handler);
    this.server.keepAliveTimeout = 65_000;
    this.server.headersTimeout = 66_000;
    this.server.requestTimeout = 0;
    this.server.on('connection', (socket: Socket) => this.onConnection(socket));
    this.server.on('clientError', (_err, socket) => {
      // Malformed HTTP never reaches a handler; answer like a gateway would and close.
      if (socket.writable) {
        const body = JSON.stringify({ errors: [{ message: 'Malformed HTTP request.' }] });
        socket.end(
          `HTTP/1.1 400 Bad Request\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
        );
      } else {
        socket.destroy();
      }
    });
    this.server.on('tlsClientError', () => undefined);
    array.onReachabilityChange = () => {
      if (array.health.unreachable === 'reset') for (const s of this.sockets) s.destroy();
    };
  }

  listen(port: number, host: string): Promise<number> {
    return new Promise((resolve, reject) => {
      const onError = (err: Error): void => reject(err);
      this.server.once('error', onError);
      this.server.listen(port, host, () => {
        this.server.off('error', onError);
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

  private onConnection(socket: Socket): void {
    // TLS servers report the raw TCP socket here too, which is what we need to cut.
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => undefined);
    const mode = this.array.health.unreachable;
    if (mode === 'reset') socket.destroy();
    else if (mode === 'timeout') this.blackhole(socket);
  }

  private blackhole(socket: Socket): void {
    socket.pause();
    const timer = setTimeout(() => socket.destroy(), BLACKHOLE_MS);
    timer.unref();
    socket.once('close', () => clearTimeout(timer));
  }

  private onRequest(req: IncomingMessage, res: ServerResponse): void {
    const unreachable = this.array.health.unreachable;
    if (unreachable === 'reset') {
      req.socket.destroy();
      return;
    }
    if (unreachable === 'timeout') {
      this.blackhole(req.socket);
      return;
    }
    const method = (req.method ?? 'GET').toUpperCase();
    const rawUrl = req.url ?? '/';
    const q = rawUrl.indexOf('?');
    const path = q < 0 ? rawUrl : rawUrl.slice(0, q);
    const rawQuery = q < 0 ? '' : rawUrl.slice(q + 1);
    const key = RequestCounters.endpointKey(method, path);
    const incomingId = req.headers['x-request-id'];
    const requestId =
      typeof incomingId === 'string' && incomingId.length <= 128 ? incomingId : newRequestId();

    const decision = this.array.faults.decide(key);
    if (decision.drop) {
      this.array.counters.record(key, 0);
      req.socket.destroy();
      return;
    }
    const finish = (result: ApiResult): void => {
      this.array.counters.record(key, result.status ?? 200);
      this.write(res, requestId, result);
    };
    const fail = (err: unknown): void => finish(this.errorResult(err, method, path));

    this.readBody(req)
      .then((raw) => {
        const run = (): void => {
          try {
            if (decision.rateLimited) throw rateLimited(ADVERTISED_RATE_LIMIT);
            if (decision.error) throw serverError(decision.error.status, decision.error.message);
            finish(this.dispatch(method, path, rawQuery, raw, req, requestId));
          } catch (err) {
            fail(err);
          }
        };
        if (decision.latencyMs > 0) setTimeout(run, decision.latencyMs);
        else run();
      })
      .catch(fail);
  }

  private readBody(req: IncomingMessage): Promise<Buffer | undefined> {
    const length = req.headers['content-length'];
    if ((length === undefined || length === '0') && req.headers['transfer-encoding'] === undefined) {
      // No body: drain nothing, answer straight away (the fast path for GETs).
      return Promise.resolve(undefined);
    }
    if (length !== undefined && Number(length) > MAX_BODY_BYTES) {
      req.resume();
      return Promise.reject(
        new PureApiError(413, [{ context: 'body', message: 'Request body is too large.' }]),
      );
    }
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let failed = false;
      req.on('data', (c: Buffer) => {
        if (failed) return;
        size += c.length;
        if (size > MAX_BODY_BYTES) {
          failed = true;
          reject(new PureApiError(413, [{ context: 'body', message: 'Request body is too large.' }]));
          return;
        }
        chunks.push(c);
      });
      req.on('end', () => {
        if (!failed) resolve(size === 0 ? undefined : Buffer.concat(chunks));
      });
      req.on('error', () => {
        failed = true;
        reject(new PureApiError(400, [{ context: 'body', message: 'The request body could not be read.' }]));
      });
    });
  }

  private dispatch(
    methodText: string,
    path: string,
    rawQuery: string,
    raw: Buffer | undefined,
    req: IncomingMessage,
    requestId: string,
  ): ApiResult {
    if (!METHODS.has(methodText as HttpMethod))
      throw methodNotAllowed(methodText.slice(0, 16), path.slice(0, 128));
    const method = methodText as HttpMethod;
    if (path === '/api/api_version') {
      if (method !== 'GET') throw methodNotAllowed(method, path);
      return { body: this.versionsBody, headers: { 'content-type': 'application/json' } };
    }
    if (path === OAUTH_TOKEN_PATH) {
      if (method !== 'POST') throw methodNotAllowed(method, path);
      const a = this.array;
      return exchangeToken(raw, req.headers['content-type'], a.apiClients, a.sessions, a.clock);
    }
    const parts = /^\/api\/(?:([0-9]{1,3}\.[0-9]{1,3})\/)?([a-z0-9-]+(?:\/[a-z0-9-]+)*)$/.exec(path);
    if (!parts) throw notFound(path.slice(0, 128));
    const versionText = parts[1];
    const resource = parts[2] as string;
    let version: ApiVersion | null = null;
    let compiled: CompiledRoute | undefined;
    let byMethod: Map<HttpMethod, CompiledRoute> | undefined;
    if (versionText === undefined) {
      byMethod = this.routes.get(`!${resource}`);
      if (!byMethod) throw notFound(path.slice(0, 128));
    } else {
      version = parseApiVersion(versionText) ?? null;
      if (!version || !supports2x(this.array.config.maxApiVersion, version)) {
        throw new PureApiError(404, [
          { context: versionText, message: `REST API version ${versionText} is not supported.` },
        ]);
      }
      byMethod = this.routes.get(resource);
      if (!byMethod) throw notFound(path.slice(0, 128));
    }
    compiled = byMethod.get(method);
    if (!compiled) throw methodNotAllowed(method, path.slice(0, 128));
    const def = compiled.def;
    if (version && def.sinceMinor !== undefined && version.minor < def.sinceMinor) {
      throw new PureApiError(404, [
        {
          context: path.slice(0, 128),
          message: `This endpoint is not available in REST API version ${version.text}.`,
        },
      ]);
    }
    if (def.auth) {
      // A login session (x-auth-token) or an OAuth 2.0 access token (Authorization: Bearer).
      const header = req.headers['x-auth-token'];
      const token = typeof header === 'string' ? header : bearerSession(req.headers.authorization);
      if (this.array.sessions.touch(token) === undefined) throw unauthorized();
    }
    const query = new QueryReader(rawQuery);
    const cacheKey = version?.text ?? '';
    let allowed = compiled.paramCache.get(cacheKey);
    if (!allowed) {
      allowed = new Set(def.params(version));
      compiled.paramCache.set(cacheKey, allowed);
    }
    query.restrictTo(allowed);
    let body: unknown;
    if (raw !== undefined) {
      if (def.body === 'none') {
        throw new PureApiError(400, [{ context: 'body', message: 'This request does not take a body.' }]);
      }
      const ctype = req.headers['content-type'];
      if (ctype !== undefined && !/^application\/json\b/i.test(ctype)) {
        throw new PureApiError(415, [
          { context: 'content-type', message: 'Request body must be application/json.' },
        ]);
      }
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        throw new PureApiError(400, [{ context: 'body', message: 'The request body is not valid JSON.' }]);
      }
    } else if (def.body === 'required') {
      throw new PureApiError(400, [{ context: 'body', message: 'A request body is required.' }]);
    }
    compiled = undefined;
    const apiReq: ApiRequest = {
      method,
      path,
      version,
      resource,
      query,
      headers: req.headers,
      body,
      requestId,
    };
    return def.handle(apiReq);
  }

  private errorResult(err: unknown, method: string, path: string): ApiResult {
    if (err instanceof PureApiError) return { status: err.status, body: err.body(), headers: err.headers };
    // A handler bug must still look like Purity's own 500.
    this.log(
      `internal error on ${method} ${path}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
    );
    const e = serverError(500, 'An internal error occurred.');
    return { status: 500, body: e.body() };
  }

  private write(res: ServerResponse, requestId: string, result: ApiResult): void {
    if (res.writableEnded || res.destroyed) return;
    const status = result.status ?? 200;
    const headers: Record<string, string | number> = { 'x-request-id': requestId, ...(result.headers ?? {}) };
    let payload: string | undefined;
    if (typeof result.body === 'string') payload = result.body;
    else if (result.body !== undefined) payload = JSON.stringify(result.body);
    if (payload !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = Buffer.byteLength(payload);
    } else {
      headers['content-length'] = 0;
    }
    res.writeHead(status, headers);
    res.end(payload);
  }
}
