// Version choice and the retry arithmetic: pure functions, every bound pinned with an injected
// random source.

import {
  DEFAULT_RETRY_POLICY,
  backoffDelayMs,
  classifyTransportFailure,
  rateLimitAdvice,
  rateLimitDelayMs,
  withinBudget,
  type RetryPolicy,
} from '../../../../src/fleet/rest/retry';
import {
  chooseVersion,
  compareVersions,
  offeredVersions,
  versionAtLeast,
} from '../../../../src/fleet/rest/versions';

const headers =
  (h: Record<string, string>) =>
  (name: string): string | undefined =>
    h[name.toLowerCase()];

describe('version negotiation', () => {
  test('compares numerically, so 2.10 is above 2.9', () => {
    expect(compareVersions('2.10', '2.9')).toBeGreaterThan(0);
    expect(compareVersions('2.9', '2.10')).toBeLessThan(0);
    expect(compareVersions('2.4', '2.4')).toBe(0);
    expect(versionAtLeast('2.10', '2.2')).toBe(true);
    expect(versionAtLeast('2.1', '2.2')).toBe(false);
  });

  test('chooses the highest 2.x both sides know, ignoring REST 1.x and anything above the client', () => {
    expect(chooseVersion(['1.0', '1.19', '2.0', '2.9', '2.10'], '2.56')).toBe('2.10');
    expect(chooseVersion(['1.19', '2.0', '2.30', '2.60'], '2.56')).toBe('2.30');
    expect(chooseVersion(['2.0'], '2.56')).toBe('2.0');
    expect(chooseVersion(['1.0', '1.19', '3.0'], '2.56')).toBeUndefined();
    expect(chooseVersion([], '2.56')).toBeUndefined();
    expect(chooseVersion(['2.x', '2', 'latest'], '2.56')).toBeUndefined();
  });

  test('reads FlashArray `version` and FlashBlade `versions`, not the other', () => {
    expect(offeredVersions('flasharray', { version: ['2.0', '2.1'] })).toEqual(['2.0', '2.1']);
    expect(offeredVersions('flashblade', { versions: ['2.0'] })).toEqual(['2.0']);
    expect(offeredVersions('flasharray', { versions: ['2.0'] })).toEqual([]);
    expect(offeredVersions('flashblade', { version: ['2.0'] })).toEqual([]);
    expect(offeredVersions('flasharray', null)).toEqual([]);
  });
});

describe('backoff with full jitter', () => {
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxBackoffMs: 1_000 };

  test('stays within [0, min(cap, base × 2^attempt)) for every random draw', () => {
    for (let attempt = 0; attempt < 8; attempt++) {
      const ceiling = Math.min(1_000, 100 * 2 ** attempt);
      expect(backoffDelayMs(attempt, policy, () => 0)).toBe(0);
      const top = backoffDelayMs(attempt, policy, () => 0.999999);
      expect(top).toBeLessThan(ceiling);
      expect(top).toBeGreaterThanOrEqual(Math.floor(ceiling * 0.999));
      expect(backoffDelayMs(attempt, policy, () => 0.5)).toBe(Math.floor(ceiling / 2));
    }
  });

  test('a broken random source cannot push a wait out of bounds', () => {
    expect(backoffDelayMs(2, policy, () => 7)).toBeLessThan(400);
    expect(backoffDelayMs(2, policy, () => -3)).toBe(0);
    expect(backoffDelayMs(2, policy, () => NaN)).toBe(0);
  });
});

describe('rate-limit headers', () => {
  const now = Date.parse('2024-05-01T12:00:00Z');

  test('Kong: remaining-second 0 asks for 1 s, remaining-minute 0 for 60 s, the longer wins', () => {
    expect(rateLimitAdvice(headers({ 'x-ratelimit-remaining-second': '0' }), now)).toEqual({
      waitMs: 1_000,
      source: 'x-ratelimit-remaining-second',
    });
    expect(
      rateLimitAdvice(
        headers({ 'x-ratelimit-remaining-second': '0', 'x-ratelimit-remaining-minute': '0' }),
        now,
      ),
    ).toEqual({ waitMs: 60_000, source: 'x-ratelimit-remaining-minute' });
    // Budget left in the minute: only the second limit applies.
    expect(
      rateLimitAdvice(
        headers({ 'x-ratelimit-remaining-second': '0', 'x-ratelimit-remaining-minute': '3000' }),
        now,
      ).waitMs,
    ).toBe(1_000);
  });

  test('Retry-After as seconds or as an HTTP date, and RateLimit-Reset', () => {
    expect(rateLimitAdvice(headers({ 'retry-after': '3' }), now)).toEqual({
      waitMs: 3_000,
      source: 'retry-after',
    });
    expect(rateLimitAdvice(headers({ 'retry-after': 'Wed, 01 May 2024 12:00:05 GMT' }), now).waitMs).toBe(
      5_000,
    );
    expect(rateLimitAdvice(headers({ 'ratelimit-reset': '2' }), now)).toEqual({
      waitMs: 2_000,
      source: 'ratelimit-reset',
    });
    expect(rateLimitAdvice(headers({}), now)).toEqual({ waitMs: 0 });
    expect(rateLimitAdvice(headers({ 'retry-after': 'soon' }), now)).toEqual({ waitMs: 0 });
  });

  test('the wait is never shorter than asked and at most one base delay longer', () => {
    const policy = DEFAULT_RETRY_POLICY;
    const advice = { waitMs: 1_000, source: 'retry-after' as const };
    expect(rateLimitDelayMs(advice, 0, policy, () => 0)).toBe(1_000);
    const top = rateLimitDelayMs(advice, 0, policy, () => 0.9999) as number;
    expect(top).toBeGreaterThanOrEqual(1_000);
    expect(top).toBeLessThan(1_000 + policy.baseDelayMs);
  });

  test('a wait longer than the policy allows is not taken (the 429 goes to the caller)', () => {
    const policy = { ...DEFAULT_RETRY_POLICY, maxRateLimitWaitMs: 30_000 };
    expect(
      rateLimitDelayMs({ waitMs: 60_000, source: 'x-ratelimit-remaining-minute' }, 0, policy, () => 0),
    ).toBeUndefined();
  });

  test('without advice a 429 backs off like any retry', () => {
    expect(rateLimitDelayMs({ waitMs: 0 }, 3, DEFAULT_RETRY_POLICY, () => 0.5)).toBe(
      backoffDelayMs(3, DEFAULT_RETRY_POLICY, () => 0.5),
    );
  });
});

describe('retry budget and failure classes', () => {
  test('a retry must start before the total budget runs out', () => {
    const policy = { ...DEFAULT_RETRY_POLICY, maxElapsedMs: 10_000 };
    expect(withinBudget(0, 9_000, 1_000, policy)).toBe(true);
    expect(withinBudget(0, 9_000, 1_001, policy)).toBe(false);
  });

  test('refused connections were never sent, TLS failures are final, resets and timeouts are unknown', () => {
    expect(classifyTransportFailure('ECONNREFUSED')).toBe('not-sent');
    expect(classifyTransportFailure('ENOTFOUND')).toBe('not-sent');
    expect(classifyTransportFailure('UNABLE_TO_VERIFY_LEAF_SIGNATURE')).toBe('tls');
    expect(classifyTransportFailure('ERR_TLS_CERT_ALTNAME_INVALID')).toBe('tls');
    expect(classifyTransportFailure('ECONNRESET')).toBe('unknown');
    expect(classifyTransportFailure('ETIMEDOUT')).toBe('unknown');
    expect(classifyTransportFailure(undefined)).toBe('unknown');
  });
});
