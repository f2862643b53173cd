// A logged-in REST session against one simulated array, checking every
// response against the official spec of the version in its path.
import type { RunningArray } from '../../../../src/simulator';
import { checkResponse } from './openapi';
import { type HttpResponse, type TestHttpClient } from './http';

export interface CheckedResponse extends HttpResponse {
  json: Record<string, unknown>;
}

export class PureSession {
  token = '';
  /** Every (method, spec path, status) seen, for coverage assertions. */
  readonly seen = new Set<string>();

  constructor(
    readonly http: TestHttpClient,
    readonly array: RunningArray,
    readonly version: string,
    private readonly validate = true,
  ) {}

  get family(): 'flasharray' | 'flashblade' {
    return this.array.type;
  }

  path(resource: string): string {
    return `/api/${this.version}/${resource}`;
  }

  async login(): Promise<void> {
    const p = this.family === 'flashblade' ? '/api/login' : this.path('login');
    const r = await this.raw('POST', p, { headers: { 'api-token': this.array.apiToken } });
    if (r.status !== 200) throw new Error(`login failed: ${r.status} ${r.text}`);
    this.token = r.headers['x-auth-token'] as string;
  }

  async raw(
    method: string,
    pathAndQuery: string,
    opts: { headers?: Record<string, string>; body?: unknown; rawBody?: string } = {},
  ): Promise<CheckedResponse> {
    const r = await this.http.request(method, `${this.array.url}${pathAndQuery}`, opts);
    const urlPath = pathAndQuery.split('?')[0] as string;
    if (this.validate && urlPath.startsWith('/api/') && urlPath !== '/api/api_version') {
      const outcome = checkResponse(this.family, method, urlPath, r.status, r.body);
      this.seen.add(`${method} ${outcome.specPath} ${r.status}`);
      if (!outcome.ok) {
        throw new Error(
          `${method} ${pathAndQuery} → ${r.status} does not match ${outcome.spec}:\n${outcome.errors}\n${r.text.slice(0, 2000)}`,
        );
      }
    }
    return { ...r, json: (r.body ?? {}) as Record<string, unknown> };
  }

  call(
    method: string,
    resource: string,
    opts: { query?: string; body?: unknown } = {},
  ): Promise<CheckedResponse> {
    const q = opts.query ? `?${opts.query}` : '';
    return this.raw(method, `${this.path(resource)}${q}`, {
      headers: { 'x-auth-token': this.token },
      body: opts.body,
    });
  }

  async items(resource: string, query?: string): Promise<Array<Record<string, unknown>>> {
    const r = await this.call('GET', resource, { query });
    if (r.status !== 200) throw new Error(`GET ${resource}?${query ?? ''} → ${r.status} ${r.text}`);
    return r.json.items as Array<Record<string, unknown>>;
  }
}

export function errorMessages(r: HttpResponse): string {
  const errors = (r.body as { errors?: Array<{ message: string }> } | undefined)?.errors ?? [];
  return errors.map((e) => e.message).join(' | ');
}
