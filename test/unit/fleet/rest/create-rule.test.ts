// The never-blind-create rule, step by step, with a fake transport whose answers are scripted:
// every path a create can take after an unknown outcome.

import { FlashArrayClient, type FlashArrayVolume } from '../../../../src/fleet/clients/flasharray';
import { FlashBladeClient } from '../../../../src/fleet/clients/flashblade';
import {
  CreateOutcomeUnknownError,
  createWithExistenceCheck,
} from '../../../../src/fleet/clients/create-outcome';
import { isArrayProblem } from '../../../../src/fleet/placer';
import {
  ArrayUnreachableError,
  AuthenticationError,
  OutcomeUnknownError,
  PureApiError,
} from '../../../../src/fleet/rest/errors';
import type { HttpMethod, Query, RequestOptions, RestTransport } from '../../../../src/fleet/rest/session';

type Step = (method: HttpMethod, path: string, options: RequestOptions) => unknown;

class FakeTransport implements RestTransport {
  readonly arrayName = 'fa-fake';
  readonly apiVersion = '2.56';
  readonly calls: string[] = [];
  constructor(
    readonly kind: 'flasharray' | 'flashblade',
    private readonly steps: Step[],
  ) {}
  negotiatedVersion(): Promise<string> {
    return Promise.resolve('2.56');
  }
  async request<T>(method: HttpMethod, path: string, options: RequestOptions = {}): Promise<T> {
    this.calls.push(`${method} ${path}`);
    const step = this.steps.shift();
    if (!step) throw new Error(`unexpected ${method} ${path}`);
    return step(method, path, options) as T;
  }
  listAll<T>(_path: string, _query?: Query): Promise<T[]> {
    return Promise.resolve([]);
  }
}

const volume: FlashArrayVolume = {
  id: 'id1',
  name: 'f-v',
  serial: 'S1',
  provisioned: 1_048_576,
  destroyed: false,
};
const unknown = (): never => {
  throw new OutcomeUnknownError('fa-fake', 'POST', '/api/2.56/volumes', 'HTTP 503');
};
const missing = (): never => {
  throw new PureApiError('fa-fake', 'GET', '/api/2.56/volumes', 400, [
    { context: 'f-v', message: 'Volume does not exist.' },
  ]);
};
const exists = (): never => {
  throw new PureApiError('fa-fake', 'POST', '/api/2.56/volumes', 400, [
    { context: 'f-v', message: 'Volume already exists.' },
  ]);
};
const created = (): unknown => ({ items: [volume] });
const found = (): unknown => ({ items: [volume] });

test('an answered create is final: one POST, no lookup', async () => {
  const t = new FakeTransport('flasharray', [created]);
  await expect(new FlashArrayClient(t).createVolumeWithOutcome('f-v', 1_048_576)).resolves.toEqual({
    volume,
    outcome: 'created',
  });
  expect(t.calls).toEqual(['POST volumes']);
});

test('unknown outcome, then the volume is there: it landed, no second POST', async () => {
  const t = new FakeTransport('flasharray', [unknown, found]);
  await expect(new FlashArrayClient(t).createVolumeWithOutcome('f-v', 1_048_576)).resolves.toEqual({
    volume,
    outcome: 'found-after-unknown-outcome',
  });
  expect(t.calls).toEqual(['POST volumes', 'GET volumes']);
});

test('unknown outcome, volume absent: the create is sent once more', async () => {
  const t = new FakeTransport('flasharray', [unknown, missing, created]);
  await expect(new FlashArrayClient(t).createVolume('f-v', 1_048_576)).resolves.toEqual(volume);
  expect(t.calls).toEqual(['POST volumes', 'GET volumes', 'POST volumes']);
});

test('the second create says "already exists": the first landed late, and is returned', async () => {
  const t = new FakeTransport('flasharray', [unknown, missing, exists, found]);
  await expect(new FlashArrayClient(t).createVolumeWithOutcome('f-v', 1)).resolves.toMatchObject({
    outcome: 'found-after-unknown-outcome',
  });
  expect(t.calls).toEqual(['POST volumes', 'GET volumes', 'POST volumes', 'GET volumes']);
});

test('three unknown outcomes and nothing found: the caller is told the outcome is unknown', async () => {
  const t = new FakeTransport('flasharray', [unknown, missing, unknown, missing, unknown, missing]);
  const err = await new FlashArrayClient(t).createVolume('f-v', 1).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(CreateOutcomeUnknownError);
  expect(String(err)).toMatch(/may still land/);
  expect(t.calls.filter((c) => c.startsWith('POST'))).toHaveLength(3);
});

test('a 500 on a create is an unknown outcome too: looked up, not passed on as a refusal', async () => {
  const t = new FakeTransport('flasharray', [
    () => {
      throw new PureApiError('fa-fake', 'POST', '/api/2.56/volumes', 500, [{ message: 'Internal error.' }]);
    },
    found,
  ]);
  await expect(new FlashArrayClient(t).createVolumeWithOutcome('f-v', 1)).resolves.toMatchObject({
    outcome: 'found-after-unknown-outcome',
  });
});

test('a mark rides in the create body as tags of the fleet namespace, not copyable', async () => {
  let body: unknown;
  const t = new FakeTransport('flasharray', [
    (_m, _p, o) => {
      body = o.body;
      return created();
    },
  ]);
  await new FlashArrayClient(t).createVolume('f-v', 1, undefined, {
    mark: { fleet: 'f', resource: 'f/v' },
  });
  expect(body).toEqual({
    provisioned: 1,
    tags: [{ namespace: 'terraform-fleet', key: 'resource', value: 'f/v', copyable: false }],
  });
});

describe('resolving an unknown outcome when the existence check itself fails', () => {
  function clock(): { now: () => number; sleep: (ms: number) => Promise<void>; slept: number[] } {
    let t = 0;
    const slept: number[] = [];
    return {
      now: () => t,
      sleep: (ms: number) => {
        slept.push(ms);
        t += ms;
        return Promise.resolve();
      },
      slept,
    };
  }
  const unreachable = (): never => {
    throw new ArrayUnreachableError('fa-1', 'timed out after 1000 ms');
  };

  test('lookups that keep failing end in CreateOutcomeUnknownError within the budget; one create only', async () => {
    const c = clock();
    let creates = 0;
    let lookups = 0;
    const err = await createWithExistenceCheck({
      array: 'fa-1',
      object: 'volume "f-v"',
      create: () => {
        creates += 1;
        return Promise.reject(new OutcomeUnknownError('fa-1', 'POST', 'volumes', 'timed out'));
      },
      lookup: () => {
        lookups += 1;
        return Promise.resolve(unreachable());
      },
      resolveBudgetMs: 10_000,
      random: () => 0.5,
      ...c,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CreateOutcomeUnknownError);
    expect((err as Error).message).toMatch(/could not say whether it exists/);
    expect((err as Error).message).toMatch(/not tried on any other array/);
    expect((err as Error).message).toMatch(/Run the plan again/);
    expect(creates).toBe(1);
    expect(lookups).toBeGreaterThan(3);
    expect(c.now()).toBeLessThanOrEqual(10_000);
    // Backoff grows between the questions.
    expect(c.slept[1]).toBeGreaterThan(c.slept[0] ?? Infinity);
  });

  test('a lookup that fails, then answers "there", resolves to the landed create', async () => {
    const c = clock();
    const answers = [unreachable, unreachable, () => volume];
    const result = await createWithExistenceCheck({
      array: 'fa-1',
      object: 'volume "f-v"',
      create: () => Promise.reject(new OutcomeUnknownError('fa-1', 'POST', 'volumes', 'reset')),
      lookup: () => Promise.resolve().then(() => (answers.shift() as () => FlashArrayVolume)()),
      random: () => 0.5,
      ...c,
    });
    expect(result).toEqual({ object: volume, outcome: 'found-after-unknown-outcome' });
  });

  test('a refused check (authentication) is not retried and is unknown, not "absent"', async () => {
    const c = clock();
    let lookups = 0;
    const err = await createWithExistenceCheck({
      array: 'fa-1',
      object: 'volume "f-v"',
      create: () => Promise.reject(new OutcomeUnknownError('fa-1', 'POST', 'volumes', 'reset')),
      lookup: () => {
        lookups += 1;
        return Promise.reject(new AuthenticationError('fa-1', 'the API token was refused'));
      },
      ...c,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CreateOutcomeUnknownError);
    expect(lookups).toBe(1);
  });

  test('a repeated create refused for space, with the object absent, is a known "not created"', async () => {
    const c = clock();
    const sends = [
      () => Promise.reject(new OutcomeUnknownError('fa-1', 'POST', 'volumes', 'reset')),
      () =>
        Promise.reject(new PureApiError('fa-1', 'POST', 'volumes', 400, [{ message: 'Not enough space.' }])),
    ];
    const err = await createWithExistenceCheck<FlashArrayVolume>({
      array: 'fa-1',
      object: 'volume "f-v"',
      create: () => (sends.shift() as () => Promise<FlashArrayVolume>)(),
      lookup: () => Promise.resolve(undefined),
      ...c,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PureApiError);
    expect(isArrayProblem(err)).toBe(true);
  });
});

test('placement moves to another array only on a known "not created"', () => {
  expect(isArrayProblem(new CreateOutcomeUnknownError('fa-1', 'volume "v"', 'timed out', 1000))).toBe(false);
  expect(isArrayProblem(new OutcomeUnknownError('fa-1', 'POST', 'volumes', 'reset'))).toBe(false);
  expect(isArrayProblem(new PureApiError('fa-1', 'POST', 'volumes', 503, []))).toBe(false);
  expect(isArrayProblem(new PureApiError('fa-1', 'POST', 'volumes', 429, []))).toBe(true);
  expect(isArrayProblem(new ArrayUnreachableError('fa-1', 'ECONNREFUSED'))).toBe(true);
  expect(
    isArrayProblem(new PureApiError('fa-1', 'POST', 'volumes', 400, [{ message: 'Volume already exists.' }])),
  ).toBe(false);
});

test('a refusal is passed through untouched, with no lookup', async () => {
  const t = new FakeTransport('flasharray', [exists]);
  const err = await new FlashArrayClient(t).createVolume('f-v', 1).catch((e: unknown) => e);
  expect((err as PureApiError).isAlreadyExists()).toBe(true);
  expect(t.calls).toEqual(['POST volumes']);
});

test('FlashBlade file systems follow the same rule, with the NFS settings in the body', async () => {
  const fs = { id: 'f1', name: 'f-fs', destroyed: false };
  const bodies: unknown[] = [];
  const t = new FakeTransport('flashblade', [
    (_m, _p, o) => {
      bodies.push(o.body);
      return unknown();
    },
    () => {
      throw new PureApiError('fb', 'GET', 'file-systems', 400, [{ message: 'File system does not exist.' }]);
    },
    (_m, _p, o) => {
      bodies.push(o.body);
      return { items: [fs] };
    },
  ]);
  const result = await new FlashBladeClient(t).createFileSystem('f-fs', {
    provisionedBytes: 2 ** 30,
    nfsV3: true,
    nfsV41: false,
    exportRules: '10.0.0.0/8(rw)',
  });
  expect(result).toEqual({ fileSystem: fs, outcome: 'created' });
  expect(bodies).toEqual([
    { nfs: { v3_enabled: true, v4_1_enabled: false, rules: '10.0.0.0/8(rw)' }, provisioned: 2 ** 30 },
    { nfs: { v3_enabled: true, v4_1_enabled: false, rules: '10.0.0.0/8(rw)' }, provisioned: 2 ** 30 },
  ]);
  expect(t.calls).toEqual(['POST file-systems', 'GET file-systems', 'POST file-systems']);
});

test('destroying a file system switches its exports off in the same PATCH', async () => {
  let body: unknown;
  const t = new FakeTransport('flashblade', [
    (_m, _p, o) => {
      body = o.body;
      return { items: [{ id: 'f1', name: 'f-fs', destroyed: true }] };
    },
  ]);
  await new FlashBladeClient(t).destroyFileSystem('f-fs');
  expect(body).toEqual({
    destroyed: true,
    nfs: { v3_enabled: false, v4_1_enabled: false },
    smb: { enabled: false },
    http: { enabled: false },
  });
});
