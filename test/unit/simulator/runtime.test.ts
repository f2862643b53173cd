import { FaultInjector, RequestCounters, SessionTable, SimClock } from '../../../src/simulator/runtime';
import { QueryReader } from '../../../src/simulator/http/query';
import { validateBody, obj } from '../../../src/simulator/http/body-schema';
import { VOLUME_PATCH } from '../../../src/simulator/flasharray/schemas';
import { validateNfsRules } from '../../../src/simulator/flashblade/nfs-rules';
import { checkVolumeName, checkObjectName } from '../../../src/simulator/names';
import { PureApiError } from '../../../src/simulator/errors';
import { advertisedVersions } from '../../../src/simulator/versions';
import { volumeSerial, serialPrefixFor } from '../../../src/simulator/ids';

describe('sessions', () => {
  test('expire after the idle timeout on the simulated clock, refresh on use, and can all be expired', () => {
    const clock = new SimClock();
    const t = new SessionTable(clock, 1000);
    const a = t.create('pureuser');
    clock.advance(900);
    expect(t.touch(a)).toBe('pureuser');
    clock.advance(900);
    expect(t.touch(a)).toBe('pureuser');
    clock.advance(1001);
    expect(t.touch(a)).toBeUndefined();
    const b = t.create('pureuser');
    expect(t.expireAll()).toBe(1);
    expect(t.touch(b)).toBeUndefined();
    expect(t.touch(undefined)).toBeUndefined();
  });
});

describe('counters', () => {
  test('normalise the REST version and count by status', () => {
    expect(RequestCounters.endpointKey('GET', '/api/2.56/volumes')).toBe('GET /api/2.x/volumes');
    expect(RequestCounters.endpointKey('POST', '/api/login')).toBe('POST /api/login');
    const c = new RequestCounters();
    c.record('GET /api/2.x/volumes', 200);
    c.record('GET /api/2.x/volumes', 429);
    expect(c.snapshot()).toEqual({
      total: 2,
      endpoints: { 'GET /api/2.x/volumes': { count: 2, byStatus: { '200': 1, '429': 1 } } },
    });
    c.reset();
    expect(c.snapshot().total).toBe(0);
  });
});

describe('fault injector', () => {
  test('N-request budgets are consumed in order: drops, then 429s, then errors', () => {
    const f = new FaultInjector(() => 0.99);
    f.configure({ dropNext: 1, rateLimitBurst: 1, failNext: 1, errorStatus: 503 });
    expect(f.decide('GET /x').drop).toBe(true);
    expect(f.decide('GET /x').rateLimited).toBe(true);
    expect(f.decide('GET /x').error).toEqual({ status: 503, message: 'Internal server error.' });
    expect(f.decide('GET /x')).toEqual({ drop: false, latencyMs: 0, rateLimited: false });
  });

  test('match limits faults to endpoints, with * prefixes', () => {
    const f = new FaultInjector(() => 0);
    f.configure({ errorRate: 0.5, match: ['POST /api/2.x/volumes', 'GET /api/2.x/arrays*'] });
    expect(f.decide('POST /api/2.x/volumes').error).toBeDefined();
    expect(f.decide('GET /api/2.x/arrays/space').error).toBeDefined();
    expect(f.decide('GET /api/2.x/volumes').error).toBeUndefined();
  });
});

describe('query parameters', () => {
  test('typed access with Pure 400s naming the parameter', () => {
    const q = new QueryReader('limit=5&destroyed=TRUE&names=a,b');
    expect(q.int('limit', 0, 10)).toBe(5);
    expect(q.bool('destroyed')).toBe(true);
    expect(q.list('names')).toEqual(['a', 'b']);
    const bad = (text: string, fn: (q: QueryReader) => unknown): PureApiError => {
      try {
        fn(new QueryReader(text));
      } catch (e) {
        return e as PureApiError;
      }
      throw new Error('expected an error');
    };
    expect(bad('limit=x', (r) => r.int('limit', 0, 10)).items[0]!.context).toBe('limit');
    expect(bad('limit=11', (r) => r.int('limit', 0, 10)).status).toBe(400);
    expect(bad('destroyed=1', (r) => r.bool('destroyed')).items[0]!.context).toBe('destroyed');
    expect(bad('names=a,,b', (r) => r.list('names')).status).toBe(400);
    expect(bad('a=1&a=2', () => undefined).status).toBe(400);
    expect(bad('zzz=1', (r) => r.restrictTo(new Set(['limit']))).items[0]!.message).toContain("'zzz'");
  });
});

describe('request bodies', () => {
  test('accept the spec shapes and reject unknown fields, wrong types, nulls and out-of-range numbers', () => {
    expect(validateBody({ provisioned: 1048576, qos: { iops_limit: '' } }, VOLUME_PATCH)).toBeDefined();
    const err = (body: unknown): string => {
      try {
        validateBody(body, VOLUME_PATCH);
      } catch (e) {
        return `${(e as PureApiError).items[0]!.context}: ${(e as PureApiError).items[0]!.message}`;
      }
      return 'accepted';
    };
    expect(err({ provisioned: 'big' })).toMatch(/^provisioned: Invalid value/);
    expect(err({ qos: { iops_limit: 50 } })).toMatch(/^qos\.iops_limit/);
    expect(err({ qos: { colour: 1 } })).toBe("qos.colour: Unknown field 'qos.colour'.");
    expect(err({ destroyed: null })).toMatch(/^destroyed: .*null/);
    expect(err([1])).toMatch(/^body: /);
    expect(err({ provisioned: 2 ** 53 })).toMatch(/^provisioned/);
    expect(() => validateBody({}, obj({ a: { type: 'boolean' } }, ['a']))).toThrow(
      /Missing required field 'a'/,
    );
  });
});

describe('names, NFS rules, versions, serials', () => {
  test('Purity naming rules', () => {
    expect(() => checkVolumeName('pso_pvc-1')).not.toThrow();
    for (const bad of ['-a', 'a-', '123', 'a'.repeat(64), 'a b', 'a.b'])
      expect(() => checkVolumeName(bad)).toThrow(PureApiError);
    expect(() => checkVolumeName('pod1::vol')).toThrow(/Pod does not exist/);
    expect(() => checkObjectName('host_1', 'Host')).toThrow(PureApiError);
  });

  test('NFS export rules', () => {
    expect(() =>
      validateNfsRules(
        '*(rw,no_root_squash) 10.0.0.0/8(ro,sec=krb5:krb5p,anonuid=65534) @ng(rw) host.example.com',
      ),
    ).not.toThrow();
    expect(() => validateNfsRules('')).not.toThrow();
    for (const bad of ['*(rw', '*(fly)', 'bad!host(rw)', '*(rw)(ro)'])
      expect(() => validateNfsRules(bad)).toThrow(PureApiError);
  });

  test('api_version lists 1.x then 2.0 up to the configured maximum', () => {
    const fa = advertisedVersions('flasharray', '2.17');
    expect(fa.slice(0, 2)).toEqual(['1.0', '1.1']);
    expect(fa).toContain('1.19');
    expect(fa.at(-1)).toBe('2.17');
    expect(advertisedVersions('flashblade', '2.28')).toContain('1.12');
  });

  test('volume serials are 24 upper-case hex digits with an array prefix', () => {
    const p = serialPrefixFor('c0ffee00-0000-4000-8000-000000000001');
    expect(volumeSerial(p, 1)).toMatch(/^[0-9A-F]{24}$/);
    expect(volumeSerial(p, 1).slice(0, 16)).toBe(p);
    expect(volumeSerial(p, 1)).not.toBe(volumeSerial(p, 2));
  });
});
