// The never-blind-create rule, step by step, with a fake transport whose answers are scripted:
// every path a create can take after an unknown outcome.

import { FlashArrayClient, type FlashArrayVolume } from '../../../../src/fleet/clients/flasharray';
import { FlashBladeClient } from '../../../../src/fleet/clients/flashblade';
import { OutcomeUnknownError, PureApiError } from '../../../../src/fleet/rest/errors';
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

test('two unknown outcomes and nothing found: the caller is told the outcome is unknown', async () => {
  const t = new FakeTransport('flasharray', [unknown, missing, unknown, missing]);
  await expect(new FlashArrayClient(t).createVolume('f-v', 1)).rejects.toBeInstanceOf(OutcomeUnknownError);
  expect(t.calls.filter((c) => c.startsWith('POST'))).toHaveLength(2);
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
