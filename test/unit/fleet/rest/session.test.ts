// The session against a scripted loopback server: exactly which statuses are repeated, how long it
// waits (recorded, not slept), the total budget, aborts, pagination, login rules and token hygiene.

import { inspect } from 'node:util';
import {
  ArrayUnreachableError,
  AuthenticationError,
  OutcomeUnknownError,
  PureApiError,
  RequestAbortedError,
} from '../../../../src/fleet/rest/errors';
import { Secret, redact } from '../../../../src/fleet/rest/secret';
import { PureRestSession, type SessionOptions } from '../../../../src/fleet/rest/session';
import type { FleetLogger } from '../../../../src/fleet/log';
import {
  API_TOKEN,
  FakeTime,
  SESSION_TOKEN,
  flashArrayBasics,
  startScriptedServer,
  type Handler,
  type ScriptedServer,
} from './scripted-server';

let server: ScriptedServer;
let sessions: PureRestSession[] = [];
const logLines: string[] = [];

const logger: FleetLogger = {
  debug: (m, f) => logLines.push(`debug ${m} ${JSON.stringify(f)}`),
  info: (m, f) => logLines.push(`info ${m} ${JSON.stringify(f)}`),
  warn: (m, f) => logLines.push(`warn ${m} ${JSON.stringify(f)}`),
  error: (m, f) => logLines.push(`error ${m} ${JSON.stringify(f)}`),
};

beforeAll(async () => {
  server = await startScriptedServer(() => ({ status: 404 }));
});
afterAll(async () => {
  await server.close();
});
afterEach(() => {
  for (const s of sessions) s.close();
  sessions = [];
  server.seen.length = 0;
});

function session(time: FakeTime, overrides: Partial<SessionOptions> = {}): PureRestSession {
  const s = new PureRestSession({
    arrayName: 'fa-unit',
    kind: 'flasharray',
    endpoint: server.url,
    apiToken: API_TOKEN,
    sleep: time.sleep,
    now: time.now,
    random: () => 0.5,
    logger,
    ...overrides,
  });
  sessions.push(s);
  return s;
}

const seenTo = (path: RegExp): number => server.seen.filter((r) => path.test(r.path)).length;

function script(answers: Handler[]): Handler {
  let i = 0;
  return (req) => {
    const answer = answers[Math.min(i, answers.length - 1)] as Handler;
    i += 1;
    return answer(req);
  };
}

const items =
  (list: unknown[]): Handler =>
  () => ({ body: { items: list } });

describe('negotiation and login', () => {
  test('uses the highest common 2.x version and logs in with the api-token header', async () => {
    server.handle(flashArrayBasics(items([{ id: 'a1', name: 'fa' }])));
    const s = session(new FakeTime());
    await s.request('GET', 'arrays');
    expect(s.apiVersion).toBe('2.10');
    const login = server.seen.find((r) => r.path.endsWith('/login'));
    expect(login?.path).toBe('/api/2.10/login');
    expect(login?.headers['api-token']).toBe(API_TOKEN);
    const get = server.seen.find((r) => r.path === '/api/2.10/arrays');
    expect(get?.headers['x-auth-token']).toBe(SESSION_TOKEN);
    expect(get?.headers['api-token']).toBeUndefined();
    expect(get?.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  test('FlashBlade: version list under `versions`, unversioned /api/login', async () => {
    server.handle((req) => {
      if (req.path === '/api/api_version') return { body: { versions: ['1.12', '2.0', '2.28'] } };
      if (req.path === '/api/login')
        return { headers: { 'x-auth-token': SESSION_TOKEN }, body: { username: 'u' } };
      return { body: { items: [] } };
    });
    const s = session(new FakeTime(), { kind: 'flashblade' });
    await s.request('GET', 'arrays');
    expect(s.apiVersion).toBe('2.28');
    expect(seenTo(/^\/api\/login$/)).toBe(1);
  });

  test('no common 2.x version is a clear error', async () => {
    server.handle((req) =>
      req.path === '/api/api_version' ? { body: { version: ['1.0', '1.19'] } } : { status: 404 },
    );
    await expect(session(new FakeTime()).request('GET', 'arrays')).rejects.toThrow(
      /no REST 2.x version in common/,
    );
  });

  test('concurrent first calls share one version query and one login', async () => {
    server.handle(flashArrayBasics(items([])));
    const s = session(new FakeTime());
    await Promise.all(Array.from({ length: 6 }, () => s.request('GET', 'volumes')));
    expect(seenTo(/api_version/)).toBe(1);
    expect(seenTo(/\/login$/)).toBe(1);
  });

  test('a refused API token is an AuthenticationError that never carries the token', async () => {
    server.handle(flashArrayBasics(items([])));
    const err = await session(new FakeTime(), { apiToken: 'T-wrong-token-abcdef' })
      .request('GET', 'arrays')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuthenticationError);
    expect(String(err)).not.toContain('T-wrong-token-abcdef');
  });

  test('an expired session logs in again exactly once; a second 401 is final', async () => {
    let accept = true;
    server.handle(
      flashArrayBasics((req) =>
        req.headers['x-auth-token'] === SESSION_TOKEN && accept ? { body: { items: [] } } : { status: 401 },
      ),
    );
    const s = session(new FakeTime());
    await s.request('GET', 'volumes');
    expect(s.loginCount).toBe(1);
    // Expire: the next call gets 401 once, then works after one login.
    let first = true;
    server.handle(
      flashArrayBasics(() => {
        if (first) {
          first = false;
          return { status: 401 };
        }
        return { body: { items: [] } };
      }),
    );
    await s.request('GET', 'volumes');
    expect(s.loginCount).toBe(2);
    accept = false;
    server.handle(flashArrayBasics(() => ({ status: 401, body: { errors: [{ message: 'expired' }] } })));
    await expect(s.request('GET', 'volumes')).rejects.toBeInstanceOf(AuthenticationError);
    expect(s.loginCount).toBe(3);
  });
});

describe('what is retried', () => {
  test('5xx above 500 on a read: repeated with backoff until it answers', async () => {
    server.handle(
      flashArrayBasics(script([() => ({ status: 503 }), () => ({ status: 502 }), items([{ n: 1 }])])),
    );
    const time = new FakeTime();
    const s = session(time, { retryBaseMs: 100 });
    await expect(s.request('GET', 'volumes')).resolves.toEqual({ items: [{ n: 1 }] });
    expect(seenTo(/\/volumes$/)).toBe(3);
    // random 0.5: half of 100·2^0, then half of 100·2^1.
    expect(time.sleeps).toEqual([50, 100]);
  });

  test('500 is the array’s own answer: never repeated', async () => {
    server.handle(
      flashArrayBasics(() => ({ status: 500, body: { errors: [{ message: 'Internal error.' }] } })),
    );
    const time = new FakeTime();
    const err = await session(time)
      .request('GET', 'volumes')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PureApiError);
    expect((err as PureApiError).status).toBe(500);
    expect(seenTo(/\/volumes$/)).toBe(1);
    expect(time.sleeps).toEqual([]);
  });

  test('5xx above 500 on a create: one attempt, then OutcomeUnknownError', async () => {
    server.handle(flashArrayBasics(() => ({ status: 503 })));
    const time = new FakeTime();
    const err = await session(time)
      .request('POST', 'volumes', { query: { names: 'v' }, body: { provisioned: 1 } })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OutcomeUnknownError);
    expect(seenTo(/\/volumes$/)).toBe(1);
  });

  test('a dropped connection on a create is an unknown outcome, on a read it is retried', async () => {
    server.handle(flashArrayBasics(() => ({ drop: true })));
    const time = new FakeTime();
    const s = session(time, { maxRetries: 2 });
    await expect(s.request('POST', 'volumes', { query: { names: 'v' }, body: {} })).rejects.toBeInstanceOf(
      OutcomeUnknownError,
    );
    expect(seenTo(/\/volumes$/)).toBe(1);
    server.seen.length = 0;
    await expect(s.request('GET', 'volumes')).rejects.toBeInstanceOf(ArrayUnreachableError);
    expect(seenTo(/\/volumes$/)).toBe(3);
  });

  test('a 429 is repeated even for a create, after the wait its headers ask for', async () => {
    server.handle(
      flashArrayBasics(
        script([
          () => ({
            status: 429,
            headers: { 'x-ratelimit-remaining-second': '0', 'x-ratelimit-remaining-minute': '10' },
            body: { message: 'API rate limit exceeded' },
          }),
          () => ({ body: { items: [{ name: 'v' }] } }),
        ]),
      ),
    );
    const time = new FakeTime();
    const s = session(time, { retryBaseMs: 200, random: () => 0.25 });
    await expect(s.request('POST', 'volumes', { query: { names: 'v' }, body: {} })).resolves.toEqual({
      items: [{ name: 'v' }],
    });
    expect(time.sleeps).toEqual([1_000 + 50]);
  });

  test('a 429 that asks for longer than allowed goes to the caller at once', async () => {
    server.handle(
      flashArrayBasics(() => ({
        status: 429,
        headers: { 'x-ratelimit-remaining-minute': '0' },
        body: { message: 'API rate limit exceeded' },
      })),
    );
    const time = new FakeTime();
    const err = await session(time, { maxRateLimitWaitMs: 10_000 })
      .request('GET', 'volumes')
      .catch((e: unknown) => e);
    expect((err as PureApiError).isRateLimited()).toBe(true);
    expect(time.sleeps).toEqual([]);
  });

  test('the retries stop when the total budget would be exceeded, whatever maxRetries says', async () => {
    server.handle(flashArrayBasics(() => ({ status: 503 })));
    const time = new FakeTime();
    const s = session(time, {
      maxRetries: 50,
      retryBaseMs: 1_000,
      maxRetryWaitMs: 1_000,
      maxRetryElapsedMs: 3_000,
      random: () => 0.999,
    });
    const err = await s.request('GET', 'volumes').catch((e: unknown) => e);
    expect((err as PureApiError).status).toBe(503);
    expect(time.sleeps.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(3_000);
    expect(time.sleeps.length).toBe(3);
  });

  test('a response slower than the per-request deadline times out', async () => {
    server.handle(flashArrayBasics(() => ({ hang: true })));
    const s = session(new FakeTime(), { timeoutMs: 150, maxRetries: 1 });
    const err = await s.request('GET', 'volumes').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ArrayUnreachableError);
    expect(String(err)).toMatch(/timed out after 150 ms/);
    expect(seenTo(/\/volumes$/)).toBe(2);
  });

  test('the caller’s abort signal ends the request and the waits between retries', async () => {
    server.handle(flashArrayBasics(() => ({ status: 503 })));
    const controller = new AbortController();
    const time = new FakeTime();
    const sleep = async (ms: number): Promise<void> => {
      time.sleeps.push(ms);
      controller.abort();
      throw new Error('aborted');
    };
    const err = await session(time, { sleep })
      .request('GET', 'volumes', { signal: controller.signal })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RequestAbortedError);
    expect(seenTo(/\/volumes$/)).toBe(1);
  });
});

describe('pagination', () => {
  test('follows continuation tokens until none is returned', async () => {
    server.handle(
      flashArrayBasics((req) => {
        const token = req.query.get('continuation_token');
        expect(req.query.get('offset')).toBeNull();
        if (!token) return { body: { items: [1, 2], continuation_token: 't1', more_items_remaining: true } };
        if (token === 't1')
          return { body: { items: [3, 4], continuation_token: 't2', more_items_remaining: true } };
        return { body: { items: [5], more_items_remaining: false } };
      }),
    );
    await expect(
      session(new FakeTime()).listAll('volumes', { filter: "name='x*'" }, undefined, 2),
    ).resolves.toEqual([1, 2, 3, 4, 5]);
    expect(seenTo(/\/volumes$/)).toBe(3);
    expect(
      server.seen.filter((r) => r.path.endsWith('/volumes')).every((r) => r.query.get('limit') === '2'),
    ).toBe(true);
  });

  test('falls back to offsets where the array hands out no tokens (FA REST 2.0)', async () => {
    const all = [1, 2, 3, 4, 5];
    server.handle(
      flashArrayBasics(
        (req) => {
          expect(req.query.get('continuation_token')).toBeNull();
          const offset = Number(req.query.get('offset') ?? 0);
          const limit = Number(req.query.get('limit'));
          return {
            body: {
              items: all.slice(offset, offset + limit),
              more_items_remaining: offset + limit < all.length,
            },
          };
        },
        ['2.0'],
      ),
    );
    const s = session(new FakeTime());
    await expect(s.listAll('volumes', {}, undefined, 2)).resolves.toEqual(all);
    expect(s.apiVersion).toBe('2.0');
    expect(seenTo(/\/volumes$/)).toBe(3);
  });

  test('a token that does not advance is an error, not an endless loop', async () => {
    server.handle(flashArrayBasics(() => ({ body: { items: [1], continuation_token: 'same' } })));
    await expect(session(new FakeTime()).listAll('volumes', {}, undefined, 1)).rejects.toThrow(
      /did not advance/,
    );
  });
});

describe('token hygiene', () => {
  test('an array echoing a token in its error text does not leak it into the error', async () => {
    server.handle(
      flashArrayBasics(() => ({
        status: 400,
        body: { errors: [{ context: SESSION_TOKEN, message: `bad header api-token=${API_TOKEN}` }] },
      })),
    );
    const err = await session(new FakeTime())
      .request('GET', 'volumes')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PureApiError);
    const text = `${String(err)} ${JSON.stringify(err)} ${inspect(err, { depth: 5 })}`;
    expect(text).not.toContain(API_TOKEN);
    expect(text).not.toContain(SESSION_TOKEN);
    expect(text).toContain('[redacted]');
  });

  test('neither the session nor its options print a token', async () => {
    server.handle(flashArrayBasics(items([])));
    const s = session(new FakeTime());
    await s.request('GET', 'volumes');
    const printed = `${inspect(s, { depth: 10, showHidden: true })} ${JSON.stringify(s)}`;
    expect(printed).not.toContain(API_TOKEN);
    expect(printed).not.toContain(SESSION_TOKEN);
  });

  test('log lines never carry a token', async () => {
    server.handle(flashArrayBasics(script([() => ({ status: 503 }), items([])])));
    await session(new FakeTime(), { insecureSkipVerify: true }).request('GET', 'volumes');
    expect(logLines.length).toBeGreaterThan(0);
    for (const line of logLines) {
      expect(line).not.toContain(API_TOKEN);
      expect(line).not.toContain(SESSION_TOKEN);
    }
  });

  test('Secret and redact', () => {
    const secret = new Secret('abcdefgh-secret');
    expect(`${secret}`).toBe('[redacted]');
    expect(JSON.stringify({ secret })).toBe('{"secret":"[redacted]"}');
    expect(inspect({ secret })).not.toContain('abcdefgh');
    expect(secret.reveal()).toBe('abcdefgh-secret');
    expect(redact('x abcdefgh-secret y abcdefgh-secret', [secret, undefined])).toBe(
      'x [redacted] y [redacted]',
    );
  });
});
