// A loopback HTTP server that answers from a script, for session tests that need exact control of
// statuses, headers and bodies (the simulator's faults cover the rest in test/integration/fleet).

import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface ScriptedAnswer {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Destroy the socket instead of answering. */
  drop?: boolean;
  /** Never answer (until the server closes). */
  hang?: boolean;
}

export interface SeenRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
}

export type Handler = (req: SeenRequest) => ScriptedAnswer;

export interface ScriptedServer {
  url: string;
  seen: SeenRequest[];
  /** Replaces the handler. */
  handle(handler: Handler): void;
  close(): Promise<void>;
}

export const API_TOKEN = 'T-unit-secret-api-token-0123456789';
export const SESSION_TOKEN = 'S-unit-secret-session-token-9876543210';

/** Answers version discovery and login like a FlashArray; everything else goes to `handler`. */
export function flashArrayBasics(
  handler: Handler,
  versions = ['1.19', '2.0', '2.2', '2.9', '2.10'],
): Handler {
  return (req) => {
    if (req.path === '/api/api_version') return { body: { version: versions } };
    if (/^\/api\/2\.\d+\/login$/.test(req.path)) {
      if (req.headers['api-token'] !== API_TOKEN)
        return { status: 401, body: { errors: [{ message: 'Invalid API token.' }] } };
      return { headers: { 'x-auth-token': SESSION_TOKEN }, body: { items: [{ username: 'pureuser' }] } };
    }
    return handler(req);
  };
}

export async function startScriptedServer(handler: Handler): Promise<ScriptedServer> {
  let current = handler;
  const seen: SeenRequest[] = [];
  const sockets = new Set<Socket>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const request: SeenRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      seen.push(request);
      const answer = current(request);
      if (answer.drop) {
        req.socket.destroy();
        return;
      }
      if (answer.hang) return;
      const body = answer.body === undefined ? '' : JSON.stringify(answer.body);
      res.writeHead(answer.status ?? 200, { 'content-type': 'application/json', ...answer.headers });
      res.end(body);
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    handle: (h) => {
      current = h;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Records sleeps instead of sleeping, and advances a fake clock by each. */
export class FakeTime {
  nowMs = 1_700_000_000_000;
  readonly sleeps: number[] = [];
  readonly now = (): number => this.nowMs;
  readonly sleep = async (ms: number, signal?: AbortSignal): Promise<void> => {
    if (signal?.aborted) throw new Error('aborted');
    this.sleeps.push(ms);
    this.nowMs += ms;
  };
}
