// A small HTTPS client for tests: keep-alive, verifies TLS against the
// simulator's CA, returns status, headers and parsed JSON.
import https from 'node:https';
import type http from 'node:http';

export interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  body: unknown;
}

export interface RequestOptions {
  headers?: Record<string, string>;
  body?: unknown;
  rawBody?: string | Buffer;
}

export class TestHttpClient {
  readonly agent: https.Agent;
  constructor(caCertPem: string) {
    this.agent = new https.Agent({ keepAlive: true, ca: caCertPem, maxSockets: 32 });
  }

  request(method: string, url: string, opts: RequestOptions = {}): Promise<HttpResponse> {
    const u = new URL(url);
    const payload = opts.rawBody ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body));
    const headers: Record<string, string | number> = { ...(opts.headers ?? {}) };
    if (payload !== undefined) {
      headers['content-length'] = Buffer.byteLength(payload);
      if (opts.rawBody === undefined && headers['content-type'] === undefined)
        headers['content-type'] = 'application/json';
    }
    return new Promise((resolve, reject) => {
      const req = https.request(
        {
          hostname: u.hostname,
          port: u.port,
          path: `${u.pathname}${u.search}`,
          method,
          agent: this.agent,
          headers,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let body: unknown;
            if (text.length > 0) {
              try {
                body = JSON.parse(text);
              } catch {
                body = undefined;
              }
            }
            resolve({ status: res.statusCode ?? 0, headers: res.headers, text, body });
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
