// When and how long the REST session waits before repeating a request. Pure functions of the
// policy, the response headers, the attempt number and an injected random source, so tests can
// pin every bound.
//
// - Backoff is exponential with full jitter: wait = random × min(maxBackoffMs, baseDelayMs × 2^attempt),
//   attempt counting from 0. Full jitter spreads the retries of many concurrent callers (Terraform
//   runs 10 at once) instead of having them hit a struggling array in lockstep.
// - A 429 comes from the API gateway in front of Purity, which says how long to wait: Retry-After,
//   X-RateLimit-Remaining-Minute/-Second (Kong's headers; py-pure-client sleeps 60 s when the
//   minute budget is gone, else 1 s) and RateLimit-Reset. The wait is the longest any of them asks
//   for, plus up to baseDelayMs of jitter; never shorter than asked, since an early retry only
//   earns another 429. A 429 that asks for more than maxRateLimitWaitMs is returned to the caller
//   rather than waited out.
// - Every retry also has to fit the total budget: maxElapsedMs from the first send to the start of
//   the last attempt.

export interface RetryPolicy {
  /** Retries after the first attempt, whatever their cause. */
  readonly maxRetries: number;
  /** First backoff ceiling, ms; also the jitter added to rate-limit waits. */
  readonly baseDelayMs: number;
  /** Ceiling of any one backoff, ms. */
  readonly maxBackoffMs: number;
  /** A 429 asking for a longer wait than this is not retried, ms. */
  readonly maxRateLimitWaitMs: number;
  /** Total time from the first send until the last retry may start, ms. */
  readonly maxElapsedMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRetries: 3,
  baseDelayMs: 200,
  maxBackoffMs: 10_000,
  maxRateLimitWaitMs: 60_000,
  maxElapsedMs: 60_000,
};

/** Full-jitter exponential backoff before retry number `attempt + 1` (attempt counts from 0). */
export function backoffDelayMs(attempt: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxBackoffMs, policy.baseDelayMs * 2 ** Math.max(0, attempt));
  return Math.floor(clampUnit(random()) * ceiling);
}

function clampUnit(x: number): number {
  if (!Number.isFinite(x) || x < 0) return 0;
  return x >= 1 ? 1 - Number.EPSILON : x;
}

/** Reads one response header, case-insensitively; undefined when absent. */
export type HeaderLookup = (name: string) => string | undefined;

export type RateLimitSource =
  'retry-after' | 'x-ratelimit-remaining-minute' | 'x-ratelimit-remaining-second' | 'ratelimit-reset';

export interface RateLimitAdvice {
  /** The longest wait any header asks for, ms; 0 when none says anything. */
  readonly waitMs: number;
  /** Which header set it; undefined when no header applied. */
  readonly source?: RateLimitSource;
}

function headerNumber(headers: HeaderLookup, name: string): number | undefined {
  const raw = headers(name);
  if (raw === undefined || raw.trim() === '') return undefined;
  const n = Number(raw);
  return Number.isFinite(n) ? n : undefined;
}

/** Retry-After is delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
function retryAfterMs(headers: HeaderLookup, nowMs: number): number | undefined {
  const raw = headers('retry-after');
  if (raw === undefined || raw.trim() === '') return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(raw);
  return Number.isFinite(at) ? Math.max(0, at - nowMs) : undefined;
}

/** What a 429's headers ask for. */
export function rateLimitAdvice(headers: HeaderLookup, nowMs: number): RateLimitAdvice {
  const asks: [RateLimitSource, number][] = [];
  const retryAfter = retryAfterMs(headers, nowMs);
  if (retryAfter !== undefined) asks.push(['retry-after', retryAfter]);
  if (headerNumber(headers, 'x-ratelimit-remaining-minute') === 0)
    asks.push(['x-ratelimit-remaining-minute', 60_000]);
  if (headerNumber(headers, 'x-ratelimit-remaining-second') === 0)
    asks.push(['x-ratelimit-remaining-second', 1_000]);
  const reset = headerNumber(headers, 'ratelimit-reset');
  if (reset !== undefined && reset >= 0) asks.push(['ratelimit-reset', reset * 1000]);
  let best: RateLimitAdvice = { waitMs: 0 };
  for (const [source, waitMs] of asks) if (waitMs > best.waitMs || !best.source) best = { waitMs, source };
  return best;
}

/**
 * How long to wait before repeating a request that got a 429, or undefined when the advice exceeds
 * the policy (the caller then gets the 429). Without any advice, the ordinary backoff applies.
 */
export function rateLimitDelayMs(
  advice: RateLimitAdvice,
  attempt: number,
  policy: RetryPolicy,
  random: () => number,
): number | undefined {
  if (!advice.source) return backoffDelayMs(attempt, policy, random);
  if (advice.waitMs > policy.maxRateLimitWaitMs) return undefined;
  return Math.ceil(advice.waitMs) + Math.floor(clampUnit(random()) * policy.baseDelayMs);
}

/** Whether one more wait of `waitMs` keeps the request inside its time budget. */
export function withinBudget(
  startedAtMs: number,
  nowMs: number,
  waitMs: number,
  policy: RetryPolicy,
): boolean {
  return nowMs - startedAtMs + waitMs <= policy.maxElapsedMs;
}

/**
 * What a transport failure says about whether the request reached the array:
 * - `not-sent`: the connection was never made, so even a create may be repeated;
 * - `tls`: the certificate did not verify; repeating cannot help;
 * - `unknown`: the request may have arrived (reset, timeout, dropped connection).
 */
export type TransportFailureKind = 'not-sent' | 'tls' | 'unknown';

const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
]);

const TLS_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_UNTRUSTED',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_SIGNATURE_FAILURE',
  'CERT_REJECTED',
  'HOSTNAME_MISMATCH',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

export function classifyTransportFailure(code: string | undefined): TransportFailureKind {
  if (code === undefined) return 'unknown';
  if (NOT_SENT_CODES.has(code)) return 'not-sent';
  if (TLS_CODES.has(code)) return 'tls';
  return 'unknown';
}
