// One authenticated REST 2.x session with one array: version negotiation, api-token login, one
// re-login on 401, keep-alive, a deadline per request, retries with backoff and jitter for 429
// (honouring the gateway's rate-limit headers) and for 5xx above 500, a bound on the total time
// spent retrying, abort signals, pagination.
//
// What is repeated and what never is:
// - reads (and writes that set an absolute state, when the caller says so) are repeated after a
//   429, a 5xx above 500 or a transport failure, within the retry policy;
// - a create or rename is repeated only when the request surely never reached the array (429 from
//   the gateway, connection refused); after any other failure the caller gets OutcomeUnknownError
//   and checks whether the object exists;
// - 500 is the array's own answer and is never repeated.
// The API token travels only in the login header and is held as a Secret; error messages and log
// lines are built from the array name, method, path and status, never from the HTTP library's
// error objects (whose request config holds the headers).

import type { AxiosInstance, AxiosResponse } from 'axios';
import axios from 'axios';
import { randomUUID } from 'node:crypto';
import { Agent } from 'node:https';
import type { SecureContext } from 'node:tls';
import { createSecureContext } from 'node:tls';
import type { FleetLogger } from '../log';
import { quietFleetLogger } from '../log';
import {
  ArrayUnreachableError,
  AuthenticationError,
  OutcomeUnknownError,
  PureApiError,
  RequestAbortedError,
  TlsVerificationError,
  UnsupportedApiVersionError,
  type PureErrorItem,
} from './errors';
import {
  DEFAULT_RETRY_POLICY,
  backoffDelayMs,
  classifyTransportFailure,
  rateLimitAdvice,
  rateLimitDelayMs,
  withinBudget,
  type HeaderLookup,
  type RetryPolicy,
} from './retry';
import { waitWithSignal } from './concurrency';
import { Secret, redact } from './secret';
import {
  CLIENT_MAX_VERSION,
  chooseVersion,
  offeredVersions,
  versionAtLeast,
  type ArrayKind,
} from './versions';

// Kept importable from here: the resource layer and older call sites use these names.
export { CLIENT_MAX_VERSION, chooseVersion, compareVersions } from './versions';
export type { ArrayKind } from './versions';

export interface SessionOptions {
  /** Used in messages and logs. */
  readonly arrayName: string;
  readonly kind: ArrayKind;
  /** `host`, `host:port` or a URL; https unless the URL says http. */
  readonly endpoint: string;
  readonly apiToken: string | Secret;
  /** PEM CA bundle that signs the array's certificate; the system's CAs when absent. */
  readonly caPem?: string;
  /** Skip TLS verification (logged as a warning when the session is created). */
  readonly insecureSkipVerify?: boolean;
  /** Deadline of each attempt, ms (default 30 s). */
  readonly timeoutMs?: number;
  readonly maxRetries?: number;
  readonly retryBaseMs?: number;
  /** Ceiling of any one backoff, ms. */
  readonly maxRetryWaitMs?: number;
  /** A 429 asking for a longer wait than this is returned, not waited out, ms. */
  readonly maxRateLimitWaitMs?: number;
  /** Total time a request may spend before its last retry starts, ms. */
  readonly maxRetryElapsedMs?: number;
  /** Sockets per array. */
  readonly maxSockets?: number;
  readonly logger?: FleetLogger;
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly random?: () => number;
  /** Clock for the retry budget, ms. */
  readonly now?: () => number;
}

export type QueryValue = string | number | boolean | undefined;
export type Query = Readonly<Record<string, QueryValue>>;
export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

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

/** What the clients need from a session; tests substitute fakes. */
export interface RestTransport {
  readonly arrayName: string;
  readonly kind: ArrayKind;
  /** The negotiated REST version, once known. */
  readonly apiVersion: string | undefined;
  /** Negotiates the version if that has not happened yet. */
  negotiatedVersion(signal?: AbortSignal): Promise<string>;
  request<T>(method: HttpMethod, path: string, options?: RequestOptions): Promise<T>;
  listAll<T>(path: string, query?: Query, signal?: AbortSignal, pageSize?: number): Promise<T[]>;
}

export function normaliseEndpoint(endpoint: string): string {
  const trimmed = endpoint.trim().replace(/\/+$/, '');
  return /^https?:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
}

const abortReason = (signal: AbortSignal): Error =>
  signal.reason instanceof Error ? signal.reason : new Error('aborted');

export const realSleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortReason(signal));
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortReason(signal as AbortSignal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });

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

/** A failed attempt that produced no HTTP response. */
interface TransportFailure {
  readonly code: string | undefined;
  readonly reason: string;
  readonly abortedByCaller: boolean;
}

function headerLookup(response: AxiosResponse): HeaderLookup {
  return (name) => {
    const value: unknown = response.headers[name.toLowerCase()];
    if (Array.isArray(value)) return value.length > 0 ? String(value[0]) : undefined;
    return value === undefined || value === null ? undefined : String(value);
  };
}

const trustContexts = new Map<string, SecureContext>();

/**
 * One TLS context per CA bundle, shared by every session and connection that trusts it. Given a
 * `ca` of its own, each new connection would parse the whole bundle again (a bundle of public
 * roots is ~150 certificates, tens of milliseconds).
 */
function trustContext(caPem: string): SecureContext {
  let context = trustContexts.get(caPem);
  if (!context) trustContexts.set(caPem, (context = createSecureContext({ ca: caPem })));
  return context;
}

export class PureRestSession implements RestTransport {
  private readonly http: AxiosInstance;
  private readonly logger: FleetLogger;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly random: () => number;
  private readonly now: () => number;
  private readonly policy: RetryPolicy;
  private readonly timeoutMs: number;
  private readonly apiToken: Secret;
  private version: string | undefined;
  private negotiation: Promise<string> | undefined;
  private sessionToken: Secret | undefined;
  private loginInFlight: Promise<void> | undefined;
  /** Requests sent (every attempt, logins and version queries included), for tests and benchmarks. */
  requestCount = 0;
  /** Successful logins, for tests: one at the start and one per expired session. */
  loginCount = 0;

  /** The options without the API token, which lives only in `apiToken` (a Secret). */
  private readonly options: Omit<SessionOptions, 'apiToken'>;

  constructor(options: SessionOptions) {
    const { apiToken, ...rest } = options;
    this.options = rest;
    this.logger = options.logger ?? quietFleetLogger;
    this.sleep = options.sleep ?? realSleep;
    this.random = options.random ?? Math.random;
    this.now = options.now ?? Date.now;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.apiToken = apiToken instanceof Secret ? apiToken : new Secret(apiToken);
    this.policy = {
      maxRetries: options.maxRetries ?? DEFAULT_RETRY_POLICY.maxRetries,
      baseDelayMs: options.retryBaseMs ?? DEFAULT_RETRY_POLICY.baseDelayMs,
      maxBackoffMs: options.maxRetryWaitMs ?? DEFAULT_RETRY_POLICY.maxBackoffMs,
      maxRateLimitWaitMs: options.maxRateLimitWaitMs ?? DEFAULT_RETRY_POLICY.maxRateLimitWaitMs,
      maxElapsedMs: options.maxRetryElapsedMs ?? DEFAULT_RETRY_POLICY.maxElapsedMs,
    };
    if (options.insecureSkipVerify) {
      this.logger.warn(
        'TLS verification is disabled for this array: its identity is not checked. Give a CA bundle instead.',
        { array: options.arrayName },
      );
    }
    this.http = axios.create({
      baseURL: normaliseEndpoint(options.endpoint),
      // The deadline is enforced per attempt with an AbortController (see attempt()), which also
      // covers a response that trickles in; axios's own timeout only watches socket inactivity.
      timeout: 0,
      httpsAgent: new Agent({
        keepAlive: true,
        maxSockets: options.maxSockets ?? 16,
        secureContext: options.caPem === undefined ? undefined : trustContext(options.caPem),
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

  get kind(): ArrayKind {
    return this.options.kind;
  }

  /** The negotiated REST version (after the first request). */
  get apiVersion(): string | undefined {
    return this.version;
  }

  /** The retry policy in force, for documentation and tests. */
  get retryPolicy(): RetryPolicy {
    return this.policy;
  }

  /** Closes pooled connections (the provider process is ending, or a test is). */
  close(): void {
    (this.http.defaults.httpsAgent as Agent).destroy();
  }

  negotiatedVersion(signal?: AbortSignal): Promise<string> {
    if (this.version) return Promise.resolve(this.version);
    // Shared by concurrent callers, so it runs without any one caller's signal (its own deadline
    // and retry budget bound it); each caller may stop waiting on its own.
    this.negotiation ??= this.negotiate().finally(() => {
      this.negotiation = undefined;
    });
    return this.waitFor(this.negotiation, signal, 'GET', '/api/api_version');
  }

  private waitFor<T>(
    promise: Promise<T>,
    signal: AbortSignal | undefined,
    method: string,
    path: string,
  ): Promise<T> {
    if (!signal) return promise;
    return waitWithSignal(promise, signal).catch((err: unknown) => {
      if (signal.aborted) throw new RequestAbortedError(this.arrayName, method, path);
      throw err;
    });
  }

  /** Throws UnsupportedApiVersionError unless the negotiated version is at least `minimum`. */
  async requireVersion(minimum: string, feature: string, signal?: AbortSignal): Promise<string> {
    const version = await this.negotiatedVersion(signal);
    if (!versionAtLeast(version, minimum))
      throw new UnsupportedApiVersionError(this.arrayName, version, minimum, feature);
    return version;
  }

  private async negotiate(): Promise<string> {
    const path = '/api/api_version';
    const response = await this.exchange('GET', path, {}, undefined, true);
    if (response.status !== 200) throw this.apiError('GET', path, response);
    const offered = offeredVersions(this.options.kind, response.data);
    const chosen = chooseVersion(offered, CLIENT_MAX_VERSION[this.options.kind]);
    if (!chosen) {
      throw new PureApiError(this.arrayName, 'GET', path, 200, [
        { message: `no REST 2.x version in common (array offers ${offered.join(', ') || 'none'})` },
      ]);
    }
    this.version = chosen;
    this.logger.debug('negotiated REST version', { array: this.arrayName, version: chosen });
    return chosen;
  }

  private loginPath(version: string): string {
    // FlashBlade's login is unversioned; FlashArray's lives under the version.
    return this.options.kind === 'flashblade' ? '/api/login' : `/api/${version}/login`;
  }

  /**
   * Negotiates the version and logs in now rather than at the first request, so a caller that
   * knows requests will follow can overlap the round trips (and the TLS set-up) with other work.
   */
  async connect(signal?: AbortSignal): Promise<void> {
    if (!this.sessionToken) await this.login(signal);
  }

  /** Logs in; concurrent callers share one login, which runs without any one caller's signal. */
  private login(signal?: AbortSignal): Promise<void> {
    this.loginInFlight ??= (async () => {
      try {
        const version = await this.negotiatedVersion();
        const path = this.loginPath(version);
        // Repeating a login is harmless (it only opens another session), so it is retry-safe.
        const response = await this.exchange(
          'POST',
          path,
          { headers: { 'api-token': this.apiToken.reveal() } },
          undefined,
          true,
        );
        const token = headerLookup(response)('x-auth-token');
        if (response.status === 200 && token) {
          this.sessionToken = new Secret(token);
          this.loginCount += 1;
          return;
        }
        if (response.status === 200 || response.status === 401 || response.status === 403) {
          throw new AuthenticationError(
            this.arrayName,
            response.status === 200 ? 'the array returned no session token' : 'the API token was refused',
          );
        }
        throw this.apiError('POST', path, response);
      } finally {
        this.loginInFlight = undefined;
      }
    })();
    return this.waitFor(this.loginInFlight, signal, 'POST', 'login');
  }

  /** Ends the session on the array (best effort). */
  async logout(): Promise<void> {
    const token = this.sessionToken;
    if (!token || !this.version) return;
    this.sessionToken = undefined;
    const path = this.options.kind === 'flashblade' ? '/api/logout' : `/api/${this.version}/logout`;
    try {
      await this.exchange('POST', path, { headers: { 'x-auth-token': token.reveal() } }, undefined, true);
    } catch {
      // The session expires on its own.
    }
  }

  /** One attempt: the response, or why there was none. Never throws. */
  private async attempt(
    method: string,
    url: string,
    extra: { headers?: Record<string, string>; params?: Query; data?: unknown },
    signal: AbortSignal | undefined,
  ): Promise<AxiosResponse | TransportFailure> {
    const deadline = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      deadline.abort();
    }, this.timeoutMs);
    const forward = (): void => deadline.abort();
    if (signal?.aborted) deadline.abort();
    else signal?.addEventListener('abort', forward, { once: true });
    try {
      return await this.http.request({
        method,
        url,
        params: extra.params,
        data: extra.data,
        headers: { 'X-Request-ID': randomUUID(), ...extra.headers },
        signal: deadline.signal,
      });
    } catch (err) {
      const abortedByCaller = signal?.aborted === true && !timedOut;
      if (timedOut)
        return { code: 'ETIMEDOUT', reason: `timed out after ${this.timeoutMs} ms`, abortedByCaller };
      const code = axios.isAxiosError(err)
        ? (err.code ?? undefined)
        : ((err as { code?: string } | null)?.code ?? undefined);
      const message = err instanceof Error ? err.message : String(err);
      return {
        code,
        reason: this.scrub(code && !message.includes(code) ? `${code}: ${message}` : message),
        abortedByCaller,
      };
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', forward);
    }
  }

  /** One logical request: attempts and the waits between them, as the retry policy allows. */
  private async exchange(
    method: string,
    url: string,
    extra: { headers?: Record<string, string>; params?: Query; data?: unknown },
    signal: AbortSignal | undefined,
    retrySafe: boolean,
  ): Promise<AxiosResponse> {
    const startedAt = this.now();
    for (let attempt = 0; ; attempt += 1) {
      if (signal?.aborted) throw new RequestAbortedError(this.arrayName, method, url);
      this.requestCount += 1;
      const outcome = await this.attempt(method, url, extra, signal);
      let waitMs: number | undefined;
      let why: string;
      if ('status' in outcome) {
        waitMs = this.retryWaitAfter(outcome, attempt, retrySafe, startedAt);
        if (waitMs === undefined) return outcome;
        why = `HTTP ${outcome.status}`;
      } else {
        if (outcome.abortedByCaller) throw new RequestAbortedError(this.arrayName, method, url);
        const kind = classifyTransportFailure(outcome.code);
        if (kind === 'tls') throw new TlsVerificationError(this.arrayName, outcome.code ?? 'TLS');
        if (kind === 'unknown' && !retrySafe)
          throw new OutcomeUnknownError(this.arrayName, method, url, outcome.reason);
        const backoff = backoffDelayMs(attempt, this.policy, this.random);
        if (attempt >= this.policy.maxRetries || !withinBudget(startedAt, this.now(), backoff, this.policy))
          throw new ArrayUnreachableError(this.arrayName, outcome.reason);
        waitMs = backoff;
        why = outcome.reason;
      }
      this.logger.debug('retrying REST request', {
        array: this.arrayName,
        method,
        path: url,
        cause: why,
        attempt: attempt + 1,
        waitMs,
      });
      try {
        await this.sleep(waitMs, signal);
      } catch {
        throw new RequestAbortedError(this.arrayName, method, url);
      }
    }
  }

  /** How long to wait before repeating after this response, or undefined to return it as it is. */
  private retryWaitAfter(
    response: AxiosResponse,
    attempt: number,
    retrySafe: boolean,
    startedAt: number,
  ): number | undefined {
    if (attempt >= this.policy.maxRetries) return undefined;
    let waitMs: number | undefined;
    if (response.status === 429) {
      // The gateway refused the request before the array saw it: safe to repeat, even a create.
      const advice = rateLimitAdvice(headerLookup(response), this.now());
      waitMs = rateLimitDelayMs(advice, attempt, this.policy, this.random);
      if (waitMs !== undefined)
        this.logger.info('rate limited by the array; waiting as its headers ask', {
          array: this.arrayName,
          waitMs,
          header: advice.source ?? 'none',
        });
    } else if (response.status > 500 && retrySafe) {
      waitMs = backoffDelayMs(attempt, this.policy, this.random);
    }
    if (waitMs === undefined || !withinBudget(startedAt, this.now(), waitMs, this.policy)) return undefined;
    return waitMs;
  }

  /** Removes the credentials from text that came from outside. */
  private scrub(text: string): string {
    return redact(text, [this.apiToken, this.sessionToken]);
  }

  private apiError(method: string, url: string, response: AxiosResponse): PureApiError {
    const requestId = headerLookup(response)('x-request-id');
    const items = errorItems(response.data).map((i) => ({
      message: this.scrub(i.message),
      context: i.context ? this.scrub(i.context) : i.context,
    }));
    return new PureApiError(this.arrayName, method, url, response.status, items, requestId);
  }

  /**
   * An authenticated call to `/api/<version>/<path>`. Returns the parsed body of a 2xx answer
   * (207 partial results included); throws PureApiError, AuthenticationError,
   * ArrayUnreachableError, OutcomeUnknownError or RequestAbortedError otherwise.
   */
  async request<T>(method: HttpMethod, path: string, options: RequestOptions = {}): Promise<T> {
    const retrySafe = options.retrySafe ?? method === 'GET';
    const version = await this.negotiatedVersion(options.signal);
    const url = `/api/${version}/${path.replace(/^\//, '')}`;
    let reloggedIn = false;
    for (;;) {
      if (!this.sessionToken) await this.login(options.signal);
      const token = this.sessionToken as Secret | undefined;
      // Another caller's 401 cleared the new session before this one used it: give up rather
      // than log in again and again.
      if (!token) throw new AuthenticationError(this.arrayName, 'the session ended as soon as it began');
      const response = await this.exchange(
        method,
        url,
        { headers: { 'x-auth-token': token.reveal() }, params: options.query, data: options.body },
        options.signal,
        retrySafe,
      );
      if (response.status === 401 && !reloggedIn) {
        // The session expired or was revoked: log in again, once, and repeat the call. Concurrent
        // callers that saw the same expired token share that one login.
        reloggedIn = true;
        if (this.sessionToken === token) this.sessionToken = undefined;
        this.logger.debug('session expired; logging in again', { array: this.arrayName });
        continue;
      }
      if (response.status === 401)
        throw new AuthenticationError(this.arrayName, 'the session was refused after a fresh login');
      if (response.status >= 200 && response.status < 300) return response.data as T;
      if (response.status > 500 && !retrySafe) {
        throw new OutcomeUnknownError(this.arrayName, method, url, `HTTP ${response.status}`);
      }
      throw this.apiError(method, url, response);
    }
  }

  /**
   * Every item of a collection in pages of `pageSize`: follows continuation tokens where the array
   * hands them out (FlashArray 2.1+/2.4+, FlashBlade), else offsets (FlashArray 2.0).
   */
  async listAll<T>(path: string, query: Query = {}, signal?: AbortSignal, pageSize = 500): Promise<T[]> {
    const items: T[] = [];
    let continuation: string | undefined;
    for (;;) {
      const page = await this.request<ListResponse<T>>('GET', path, {
        query: {
          ...query,
          limit: pageSize,
          ...(continuation
            ? { continuation_token: continuation }
            : items.length > 0
              ? { offset: items.length }
              : {}),
        },
        signal,
      });
      const pageItems = Array.isArray(page.items) ? page.items : [];
      items.push(...pageItems);
      if (page.continuation_token) {
        if (page.continuation_token === continuation || pageItems.length === 0) {
          throw new PureApiError(this.arrayName, 'GET', path, 200, [
            { message: 'pagination did not advance (the same continuation token came back)' },
          ]);
        }
        continuation = page.continuation_token;
        continue;
      }
      if (continuation) return items; // a token-driven listing ends when the token does
      const more =
        page.more_items_remaining === true ||
        (typeof page.total_item_count === 'number' && items.length < page.total_item_count);
      if (!more || pageItems.length === 0) return items;
    }
  }
}
