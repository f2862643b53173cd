// FlashArray behaviours clients depend on beyond the response shapes:
// pagination that stays consistent while objects come and go, case-insensitive
// names, copies, batch atomicity and the errors clients match on.
import { startFleet, type RunningFleet } from '../../../src/simulator';
import { TestHttpClient } from './support/http';
import { PureSession, errorMessages } from './support/session';

jest.setTimeout(60_000);

let fleet: RunningFleet;
let http: TestHttpClient;
let fa: PureSession;

beforeAll(async () => {
  fleet = await startFleet({ arrays: [{ name: 'fa-beh', type: 'flasharray' }] });
  http = new TestHttpClient(fleet.caCertPem);
  fa = new PureSession(http, fleet.arrays[0]!, '2.56');
  await fa.login();
});

afterAll(async () => {
  http?.close();
  await fleet?.stop();
});

test('continuation tokens walk every item once even while volumes are created and deleted between pages', async () => {
  const names = Array.from({ length: 10 }, (_, i) => `page-${String(i).padStart(2, '0')}`);
  expect((await fa.call('POST', 'volumes', { query: `names=${names.join(',')}`, body: {} })).status).toBe(
    200,
  );
  const filter = encodeURIComponent("name='page-*'");
  const seen: string[] = [];
  let token: string | undefined;
  let round = 0;
  do {
    const q = `limit=3&filter=${filter}${token ? `&continuation_token=${encodeURIComponent(token)}` : ''}`;
    const r = await fa.call('GET', 'volumes', { query: q });
    expect(r.status).toBe(200);
    seen.push(...(r.json.items as Array<{ name: string }>).map((v) => v.name));
    token = r.json.continuation_token as string | undefined;
    expect(r.json.more_items_remaining).toBe(token !== undefined);
    if (token) expect(r.headers['x-next-token']).toBe(token);
    if (round === 0) {
      // Between pages: an already-seen volume goes away and a new one arrives.
      await fa.call('PATCH', 'volumes', { query: 'names=page-00', body: { destroyed: true } });
      await fa.call('DELETE', 'volumes', { query: 'names=page-00' });
      await fa.call('POST', 'volumes', { query: 'names=page-10', body: {} });
    }
    round++;
  } while (token && round < 10);
  expect(seen).toEqual([...names, 'page-10']);
});

test('a token is bound to its query, sorting suppresses it, and garbage is a 400', async () => {
  const first = await fa.call('GET', 'volumes', { query: 'limit=1' });
  const token = encodeURIComponent(first.json.continuation_token as string);
  const other = await fa.call('GET', 'volumes', {
    query: `limit=1&continuation_token=${token}&filter=${encodeURIComponent("name='x*'")}`,
  });
  expect(other.status).toBe(400);
  expect((await fa.call('GET', 'volumes', { query: 'limit=1&continuation_token=bm9wZQ==' })).status).toBe(
    400,
  );
  const sorted = await fa.call('GET', 'volumes', { query: 'limit=2&sort=name-' });
  expect(sorted.json.continuation_token).toBeUndefined();
  expect(sorted.json.more_items_remaining).toBe(true);
  const names = (sorted.json.items as Array<{ name: string }>).map((v) => v.name);
  expect(names).toEqual([...names].sort().reverse());
  const count = await fa.call('GET', 'volumes', { query: 'limit=0' });
  expect(count.json.items).toEqual([]);
  expect(count.json.total_item_count).toBeGreaterThan(5);
});

test('names are case-insensitive on input and keep their case', async () => {
  await fa.call('POST', 'volumes', { query: 'names=MixedCase-Vol', body: {} });
  const got = await fa.items('volumes', 'names=mixedcase-vol');
  expect(got[0]!.name).toBe('MixedCase-Vol');
  const dup = await fa.call('POST', 'volumes', { query: 'names=MIXEDCASE-VOL', body: {} });
  expect(dup.status).toBe(400);
  expect(errorMessages(dup)).toBe('Volume already exists.');
  expect(dup.json.errors).toEqual([{ context: 'MIXEDCASE-VOL', message: 'Volume already exists.' }]);
});

test('a batch create is all or nothing, and sizes follow Purity rules', async () => {
  const bad = await fa.call('POST', 'volumes', { query: 'names=batch-ok,batch-bad!', body: {} });
  expect(bad.status).toBe(400);
  expect((await fa.call('GET', 'volumes', { query: 'names=batch-ok' })).status).toBe(400);
  expect(
    (await fa.call('POST', 'volumes', { query: 'names=size-odd', body: { provisioned: 1000 } })).status,
  ).toBe(400);
  const small = await fa.call('POST', 'volumes', { query: 'names=size-small', body: { provisioned: 512 } });
  expect((small.json.items as Array<{ provisioned: number }>)[0]!.provisioned).toBe(1_048_576);
  const dflt = await fa.call('POST', 'volumes', { query: 'names=size-default', body: {} });
  expect((dflt.json.items as Array<{ provisioned: number }>)[0]!.provisioned).toBe(1_048_576);
  expect(
    (await fa.call('POST', 'volumes', { query: 'names=size-huge', body: { provisioned: 2 ** 52 + 512 } }))
      .status,
  ).toBe(400);
});

test('copying a volume with source, and overwrite', async () => {
  await fa.call('POST', 'volumes', { query: 'names=copy-src', body: { provisioned: 5 * 2 ** 30 } });
  const copy = await fa.call('POST', 'volumes', {
    query: 'names=copy-dst',
    body: { source: { name: 'copy-src' } },
  });
  expect(copy.json.items).toEqual([
    expect.objectContaining({
      provisioned: 5 * 2 ** 30,
      source: expect.objectContaining({ name: 'copy-src' }),
    }),
  ]);
  expect(
    (await fa.call('POST', 'volumes', { query: 'names=copy-dst', body: { source: { name: 'copy-src' } } }))
      .status,
  ).toBe(400);
  expect(
    (
      await fa.call('POST', 'volumes', {
        query: 'names=copy-dst&overwrite=true',
        body: { source: { name: 'copy-src' } },
      })
    ).status,
  ).toBe(200);
});

test('REST 2.0 answers with FA 2.0 fields only', async () => {
  const old = new PureSession(http, fleet.arrays[0]!, '2.0');
  await old.login();
  const v = (await old.items('volumes', 'names=copy-src'))[0]!;
  expect(v.priority).toBeUndefined();
  expect((v.space as Record<string, unknown>).total_used).toBeUndefined();
  const modern = (await fa.items('volumes', 'names=copy-src'))[0]!;
  expect(modern.priority).toBe(0);
  expect((modern.space as Record<string, unknown>).total_used).toBeDefined();
  expect((await old.call('GET', 'volumes', { query: 'limit=1' })).json.continuation_token).toBeUndefined();
});

test('PATCH of several volumes is checked before anything changes', async () => {
  await fa.call('POST', 'volumes', { query: 'names=multi-a,multi-b', body: { provisioned: 2 ** 31 } });
  await fa.call('POST', 'hosts', { query: 'names=multi-host', body: {} });
  await fa.call('POST', 'connections', { query: 'host_names=multi-host&volume_names=multi-b' });
  const r = await fa.call('PATCH', 'volumes', { query: 'names=multi-a,multi-b', body: { destroyed: true } });
  expect(r.status).toBe(400);
  expect(r.json.errors).toEqual([expect.objectContaining({ context: 'multi-b' })]);
  expect((await fa.items('volumes', 'names=multi-a'))[0]!.destroyed).toBe(false);
  const rename = await fa.call('PATCH', 'volumes', { query: 'names=multi-a,multi-b', body: { name: 'x' } });
  expect(rename.status).toBe(400);
});
