// One authenticated REST 2.x session with one array: version negotiation, api-token login,
// one re-login on 401, keep-alive, a timeout per request, retries with exponential backoff and
// full jitter for 429 (honouring the rate-limit headers) and for 5xx above 500, pagination.
// A request that changes something is never retried after an unknown outcome: the caller gets
// OutcomeUnknownError and checks whether the object exists. The API token travels only in the
// login header; no message, log line or error carries it.

import type { AxiosInstance, AxiosResponse } from 'axios';
import axios from 'axios';
import { randomUUID } from 'node:crypto';
import { Agent } from 'node:https';
import type { FleetLogger } from '../log';
import { quietFleetLogger } from '../log';
import {
  ArrayUnreachableError,
  AuthenticationError,
  OutcomeUnknownError,
  PureApiError,
  type PureErrorItem,
} from './errors';

export type ArrayKind = 'flasharray' | 'flashblade';

/** Highest REST version this client was written and tested against, per array kind. */
export const CLIENT_MAX_VERSION: Record<ArrayKind, string> = { flasharray: '2.56', flashblade: '2.28' };

export interface SessionOptions {
  /** Used in messages and logs. */
  readonly arrayName: string;
  readonly kind: ArrayKind;
  /** `host`, `host:port` or a URL; https unless the URL says http. */
  readonly endpoint: string;
  readonly apiToken: string;
  /** PEM CA bundle that signs the array's certificate. */
  readonly caPem?: string;
  /** Skip TLS verification (logged as a warning once per session). */
  readonly insecureSkipVerify?: boolean;
  readonly timeoutMs?: number;
  readonly maxRetries?: number;
  readonly retryBaseMs?: number;
  /** Upper bound on any single wait, including what rate-limit headers ask for. */
  readonly maxRetryWaitMs?: number;
  readonly logger?: FleetLogger;
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly random?: () => number;
}

export type QueryValue = string | number | boolean | undefined;
export type Query = Readonly<Record<string, QueryValue>>;

export interface RequestOptions {
  readonly query?: Query;
  readonly body?: unknown;
  /**
   * True when repeating the request cannot do harm (reads, and writes that set an absolute
   * state). Defaults to true for GET and false otherwise.
   */
  readonly retrySafe?: boolean;
  readonly signal?: AbortSignal;
}

/** The GET envelope shared by FlashArray and FlashBlade (FlashBlade lacks more_items_remaining). */
export interface ListResponse<T> {
  readonly items: readonly T[];
  readonly continuation_token?: string | null;
  readonly more_items_remaining?: boolean | null;
  readonly total_item_count?: number | null;
  readonly errors?: readonly PureErrorItem[];
}

export interface ItemsResponse<T> {
  readonly items: readonly T[];
  readonly errors?: readonly PureErrorItem[];
}

export function normaliseEndpoint(endpoint: string): string {
  const trimmed = endpoint.trim().replace(/\/+$/, '');
  return /^https?:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
}

/** Numeric comparison of `major.minor` versions: 2.9 < 2.10. */
export function compareVersions(a: string, b: string): number {
  const [am = 0, an = 0] = a.split('.').map(Number);
  const [bm = 0, bn = 0] = b.split('.').map(Number);
  return am !== bm ? am - bm : an - bn;
}

/** The highest 2.x version both sides know, or undefined when there is none. */
export function chooseVersion(offered: readonly string[], clientMax: string): string | undefined {
  return offered
    .filter((v) => /^2\.\d+$/.test(v) && compareVersions(v, clientMax) <= 0)
    .sort(compareVersions)
    .at(-1);
}

const defaultSleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
      },
      { once: true },
    );
  });

function describeNetworkError(err: unknown): string {
  if (axios.isAxiosError(err)) {
    if (err.code === 'ECONNABORTED' || err.code === 'ETIMEDOUT') return 'timed out';
    return err.code ? `${err.code}${err.message ? `: ${err.message}` : ''}` : err.message;
  }
  return err instanceof Error ? err.message : String(err);
}

function errorItems(data: unknown): PureErrorItem[] {
  if (data && typeof data === 'object') {
    const errors = (data as { errors?: unknown }).errors;
    if (Array.isArray(errors)) {
      return errors
        .filter((e): e is { message: unknown; context?: unknown } => !!e && typeof e === 'object')
        .map((e) => ({
          message: String(e.message ?? ''),
          context: typeof e.context === 'string' ? e.context : null,
        }));
    }
    // The gateway (403/429) answers {"message": "..."}.
    const message = (data as { message?: unknown }).message;
    if (typeof message === 'string') return [{ message }];
  }
  return [];
}

export class PureRestSession {
  private readonly http: AxiosInstance;
  private readonly logger: FleetLogger;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly random: () => number;
  private version: string | undefined;
  private sessionToken: string | undefined;
  private loginInFlight: Promise<void> | undefined;
  /** Requests sent, for tests and benchmarks that count REST calls. */
  requestCount = 0;

  constructor(private readonly options: SessionOptions) {
    this.logger = options.logger ?? quietFleetLogger;
    this.sleep = options.sleep ?? defaultSleep;
    this.random = options.random ?? Math.random;
    if (options.insecureSkipVerify) {
      this.logger.warn('TLS verification is disabled for this array; use a CA bundle instead', {
        array: options.arrayName,
      });
    }
    this.http = axios.create({
      baseURL: normaliseEndpoint(options.endpoint),
      timeout: options.timeoutMs ?? 30_000,
      httpsAgent: new Agent({
        keepAlive: true,
        maxSockets: 16,
        ca: options.caPem,
        rejectUnauthorized: !options.insecureSkipVerify,
      }),
      // Management networks are reached directly; a proxy from the environment would only get
      // in the way of loopback simulators and arrays alike.
      proxy: false,
      maxRedirects: 0,
      validateStatus: () => true,
      headers: { Accept: 'application/json' },
    });
  }

  get arrayName(): string {
    return this.options.arrayName;
  }

  /** The negotiated REST version (after the first request). */
  get apiVersion(): string | undefined {
    return this.version;
  }

  private async negotiate(signal?: AbortSignal): Promise<string> {
    if (this.version) return this.version;
    const response = await this.send('GET', '/api/api_version', {}, signal, true);
    if (response.status !== 200) throw this.apiError('GET', '/api/api_version', response);
    const key = this.options.kind === 'flasharray' ? 'version' : 'versions';
    const offered = (response.data as Record<string, unknown>)[key];
    const list = Array.isArray(offered) ? offered.map(String) : [];
    const chosen = chooseVersion(list, CLIENT_MAX_VERSION[this.options.kind]);
    if (!chosen) {
      throw new PureApiError(this.options.arrayName, 'GET', '/api/api_version', 200, [
        { message: `no REST 2.x version in common (array offers ${list.join(', ') || 'none'})` },
      ]);
    }
    this.version = chosen;
    this.logger.debug('negotiated REST version', { array: this.options.arrayName, version: chosen });
    return chosen;
  }

  private loginPath(version: string): string {
    // FlashBlade's login is unversioned; FlashArray's lives under the version.
    return this.options.kind === 'flashblade' ? '/api/login' : `/api/${version}/login`;
  }

  private async login(signal?: AbortSignal): Promise<void> {
    this.loginInFlight ??= (async () => {
      try {
        const version = await this.negotiate(signal);
        const path = this.loginPath(version);
        const response = await this.send(
          'POST',
          path,
          { headers: { 'api-token': this.options.apiToken } },
          signal,
          true,
        );
        const token = response.headers['x-auth-token'];
        if (response.status !== 200 || typeof token !== 'string' || token === '') {
          if (response.status === 401 || response.status === 403 || (response.status === 200 && !token)) {
            throw new AuthenticationError(this.options.arrayName, 'the API token was refused');
          }
          throw this.apiError('POST', path, response);
        }
        this.sessionToken = token;
      } finally {
        this.loginInFlight = undefined;
      }
    })();
    return this.loginInFlight;
  }

  /** Ends the session on the array (best effort). */
  async logout(): Promise<void> {
    if (!this.sessionToken || !this.version) return;
    const path = this.options.kind === 'flashblade' ? '/api/logout' : `/api/${this.version}/logout`;
    try {
      await this.send('POST', path, { headers: { 'x-auth-token': this.sessionToken } }, undefined, true);
    } catch {
      // The session expires on its own.
    }
    this.sessionToken = undefined;
  }

  private async send(
    method: string,
    url: string,
    extra: { headers?: Record<string, string>; params?: Query; data?: unknown },
    signal: AbortSignal | undefined,
    retrySafe: boolean,
  ): Promise<AxiosResponse> {
    let attempt = 0;
    for (;;) {
      this.requestCount += 1;
      const requestId = randomUUID();
      try {
        const response = await this.http.request({
          method,
          url,
          params: extra.params,
          data: extra.data,
          headers: { 'X-Request-ID': requestId, ...extra.headers },
          signal,
        });
        const wait = this.retryWait(response, attempt, retrySafe);
        if (wait === undefined) return response;
        this.logger.debug('retrying after status', {
          array: this.options.arrayName,
          method,
          url,
          status: response.status,
          waitMs: wait,
          attempt,
        });
        await this.sleep(wait, signal);
      } catch (err) {
        if (signal?.aborted) throw err;
        if (err instanceof PureApiError) throw err;
        const reason = describeNetworkError(err);
        if (!retrySafe) throw new OutcomeUnknownError(this.options.arrayName, method, url, reason);
        if (attempt >= this.maxRetries) throw new ArrayUnreachableError(this.options.arrayName, reason);
        const wait = this.backoff(attempt);
        this.logger.debug('retrying after network error', {
          array: this.options.arrayName,
          method,
          url,
          reason,
          waitMs: wait,
        });
        await this.sleep(wait, signal);
      }
      attempt += 1;
    }
  }

  private get maxRetries(): number {
    return this.options.maxRetries ?? 4;
  }

  private backoff(attempt: number): number {
    const base = this.options.retryBaseMs ?? 250;
    const cap = this.options.maxRetryWaitMs ?? 30_000;
    return Math.round(this.random() * Math.min(cap, base * 2 ** attempt));
  }

  /** How long to wait before retrying this response, or undefined to return it as it is. */
  private retryWait(response: AxiosResponse, attempt: number, retrySafe: boolean): number | undefined {
    if (attempt >= this.maxRetries) return undefined;
    if (response.status === 429) {
      // The gateway refused the request before the array saw it: safe to repeat, even a create.
      const header = (name: string): number | undefined => {
        const v = response.headers[name.toLowerCase()];
        return v === undefined ? undefined : Number(v);
      };
      const cap = this.options.maxRetryWaitMs ?? 60_000;
      const retryAfter = header('Retry-After');
      if (retryAfter !== undefined && Number.isFinite(retryAfter)) return Math.min(cap, retryAfter * 1000);
      if (header('X-RateLimit-Remaining-minute') === 0) return Math.min(cap, 60_000);
      if (header('X-RateLimit-Remaining-second') === 0) return Math.min(cap, 1_000 + this.backoff(0));
      return this.backoff(attempt);
    }
    if (response.status > 500 && retrySafe) return this.backoff(attempt);
    return undefined;
  }

  private apiError(method: string, url: string, response: AxiosResponse): PureApiError {
    const requestId = response.headers['x-request-id'];
    return new PureApiError(
      this.options.arrayName,
      method,
      url,
      response.status,
      errorItems(response.data),
      typeof requestId === 'string' ? requestId : undefined,
    );
  }

  /**
   * An authenticated call to `/api/<version>/<path>`. Returns the parsed body of a 2xx answer
   * (207 partial results included); throws PureApiError, AuthenticationError,
   * ArrayUnreachableError or OutcomeUnknownError otherwise.
   */
  async request<T>(
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    path: string,
    options: RequestOptions = {},
  ): Promise<T> {
    const retrySafe = options.retrySafe ?? method === 'GET';
    const version = await this.negotiate(options.signal);
    const url = `/api/${version}/${path.replace(/^\//, '')}`;
    let reloggedIn = false;
    for (;;) {
      if (!this.sessionToken) await this.login(options.signal);
      const token = this.sessionToken as string;
      const response = await this.send(
        method,
        url,
        { headers: { 'x-auth-token': token }, params: options.query, data: options.body },
        options.signal,
        retrySafe,
      );
      if (response.status === 401 && !reloggedIn) {
        // The session expired or was revoked: log in again, once, and repeat the call.
        reloggedIn = true;
        if (this.sessionToken === token) this.sessionToken = undefined;
        this.logger.debug('session expired; logging in again', { array: this.options.arrayName });
        continue;
      }
      if (response.status === 401)
        throw new AuthenticationError(this.options.arrayName, 'the session was refused after a fresh login');
      if (response.status >= 200 && response.status < 300) return response.data as T;
      if (response.status > 500 && !retrySafe) {
        throw new OutcomeUnknownError(this.options.arrayName, method, url, `HTTP ${response.status}`);
      }
      throw this.apiError(method, url, response);
    }
  }

  /** Every item of a collection, following continuation tokens (or offsets on REST 2.0–2.3). */
  async listAll<T>(path: string, query: Query = {}, signal?: AbortSignal, pageSize = 500): Promise<T[]> {
    const items: T[] = [];
    let continuation: string | undefined;
    for (;;) {
      const page = await this.request<ListResponse<T>>('GET', path, {
        query: {
          ...query,
          limit: pageSize,
          ...(continuation ? { continuation_token: continuation } : { offset: items.length || undefined }),
        },
        signal,
      });
      items.push(...page.items);
      if (page.continuation_token) {
        continuation = page.continuation_token;
        continue;
      }
      continuation = undefined;
      const more =
        page.more_items_remaining === true ||
        (typeof page.total_item_count === 'number' && items.length < page.total_item_count);
      if (!more || page.items.length === 0) return items;
    }
  }
}
