// FlashBlade QoS policies over HTTPS: every response checked against the spec of the version in
// the path (PureSession validates each one), the rules the spec states enforced with Pure-shaped
// errors (ranges, one policy per file system, a policy in use is not deleted, null removes a
// limit), and the paths absent where the version has none (2.0 by its spec, 2.16 by
// py-pure-client's modules; member POST/DELETE from 2.20).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFleet, type RunningFleet } from '../../../src/simulator';
import { TestHttpClient } from './support/http';
import { PureSession, errorMessages } from './support/session';

jest.setTimeout(120_000);

let fleet: RunningFleet;
let http: TestHttpClient;

beforeAll(async () => {
  fleet = await startFleet({
    name: 'qos-conformance',
    arrays: [{ name: 'fb-qos', type: 'flashblade', maxApiVersion: '2.28', capacity: '100TiB' }],
  });
  http = new TestHttpClient(fleet.caCertPem);
});

afterAll(async () => {
  http?.close();
  await fleet?.stop();
});

async function session(version: string): Promise<PureSession> {
  const s = new PureSession(http, fleet.arrays[0]!, version);
  await s.login();
  return s;
}

const GIB = 2 ** 30;

test('2.28: policies are created, listed, changed, attached, detached and deleted as the spec says', async () => {
  const s = await session('2.28');
  const created = await s.call('POST', 'qos-policies', {
    query: 'names=gold',
    body: { max_total_ops_per_sec: 5000, max_total_bytes_per_sec: GIB },
  });
  expect(created.status).toBe(200);
  expect((created.json.items as unknown[])[0]).toMatchObject({
    name: 'gold',
    enabled: true,
    policy_type: 'qos',
    max_total_ops_per_sec: 5000,
    max_total_bytes_per_sec: GIB,
  });
  expect((await s.call('POST', 'qos-policies', { query: 'names=gold', body: {} })).status).toBe(400);
  expect((await s.call('POST', 'qos-policies', { query: 'names=silver' })).status).toBe(200);
  expect(await s.items('qos-policies', 'names=silver')).toEqual([
    expect.not.objectContaining({ max_total_ops_per_sec: expect.anything() }),
  ]);

  // The spec's ranges: 100 to 100M operations, 1 MiB/s to 512 GiB/s.
  for (const body of [
    { max_total_ops_per_sec: 99 },
    { max_total_ops_per_sec: 100_000_001 },
    { max_total_bytes_per_sec: 2 ** 20 - 1 },
    { max_total_bytes_per_sec: 512 * GIB + 1 },
  ]) {
    const r = await s.call('PATCH', 'qos-policies', { query: 'names=gold', body });
    expect(r.status).toBe(400);
    expect(errorMessages(r)).toMatch(/Invalid value for 'max_total_/);
  }
  const edge = await s.call('PATCH', 'qos-policies', {
    query: 'names=silver',
    body: { max_total_ops_per_sec: 100_000_000, max_total_bytes_per_sec: 512 * GIB },
  });
  expect(edge.status).toBe(200);

  // null removes one limit and keeps the other.
  const cleared = await s.call('PATCH', 'qos-policies', {
    query: 'names=gold',
    body: { max_total_ops_per_sec: null },
  });
  expect(cleared.status).toBe(200);
  expect((cleared.json.items as Record<string, unknown>[])[0]).not.toHaveProperty('max_total_ops_per_sec');
  expect((cleared.json.items as Record<string, unknown>[])[0]?.max_total_bytes_per_sec).toBe(GIB);

  // Attached at creation, through PATCH file-systems, and through qos-policies/members.
  expect(
    (await s.call('POST', 'file-systems', { query: 'names=fs-a', body: { qos_policy: { name: 'gold' } } }))
      .status,
  ).toBe(200);
  expect((await s.call('POST', 'file-systems', { query: 'names=fs-b,fs-c' })).status).toBe(200);
  const patched = await s.call('PATCH', 'file-systems', {
    query: 'names=fs-b',
    body: { qos_policy: { name: 'gold' } },
  });
  expect((patched.json.items as Record<string, unknown>[])[0]?.qos_policy).toMatchObject({ name: 'gold' });
  expect(
    (
      await s.call('POST', 'qos-policies/members', {
        query: 'policy_names=silver&member_names=fs-c&member_types=file-systems',
      })
    ).status,
  ).toBe(200);
  const again = await s.call('POST', 'qos-policies/members', {
    query: 'policy_names=gold&member_names=fs-c',
  });
  expect(again.status).toBe(400);
  expect(errorMessages(again)).toMatch(/already has a QoS policy/);
  expect(
    (await s.call('POST', 'file-systems', { query: 'names=fs-x', body: { qos_policy: { name: 'none' } } }))
      .status,
  ).toBe(400);

  const members = await s.items('qos-policies/file-systems', 'policy_names=gold');
  expect(members.map((m) => (m.member as { name: string }).name).sort()).toEqual(['fs-a', 'fs-b']);
  expect(
    (await s.items('qos-policies/members', 'member_names=fs-c&member_types=file-systems')).map(
      (m) => (m.policy as { name: string }).name,
    ),
  ).toEqual(['silver']);
  expect(await s.items('qos-policies/members', 'member_types=realms')).toEqual([]);

  // In use, by a destroyed file system too: not deleted.
  expect(
    (
      await s.call('PATCH', 'file-systems', {
        query: 'names=fs-a',
        body: { destroyed: true, nfs: { v3_enabled: false, v4_1_enabled: false } },
      })
    ).status,
  ).toBe(200);
  expect(
    (await s.call('PATCH', 'file-systems', { query: 'names=fs-b', body: { qos_policy: { name: '' } } }))
      .status,
  ).toBe(200);
  expect((await s.items('file-systems', 'names=fs-b'))[0]).not.toHaveProperty('qos_policy');
  const inUse = await s.call('DELETE', 'qos-policies', { query: 'names=gold' });
  expect(inUse.status).toBe(400);
  expect(errorMessages(inUse)).toMatch(/in use by file system fs-a/);
  expect((await s.call('DELETE', 'file-systems', { query: 'names=fs-a' })).status).toBe(200);
  expect((await s.call('DELETE', 'qos-policies', { query: 'names=gold' })).status).toBe(200);

  const notMember = await s.call('DELETE', 'qos-policies/members', {
    query: 'policy_names=silver&member_names=fs-b',
  });
  expect(notMember.status).toBe(400);
  expect(
    (await s.call('DELETE', 'qos-policies/members', { query: 'policy_names=silver&member_names=fs-c' }))
      .status,
  ).toBe(200);
  expect(
    (await s.call('PATCH', 'qos-policies', { query: 'names=silver', body: { name: 'bronze' } })).status,
  ).toBe(200);
  expect((await s.call('DELETE', 'qos-policies', { query: 'names=bronze' })).status).toBe(200);
  expect((await s.call('GET', 'qos-policies', { query: 'names=bronze' })).status).toBe(400);

  for (const key of [
    'GET /api/2.28/qos-policies 200',
    'POST /api/2.28/qos-policies 200',
    'PATCH /api/2.28/qos-policies 200',
    'DELETE /api/2.28/qos-policies 200',
    'GET /api/2.28/qos-policies/file-systems 200',
    'GET /api/2.28/qos-policies/members 200',
    'POST /api/2.28/qos-policies/members 200',
    'DELETE /api/2.28/qos-policies/members 200',
    'PATCH /api/2.28/qos-policies 400',
  ])
    expect(s.seen).toContain(key);
});

test('2.0 (by its spec) and 2.16 have no QoS policies; 2.17 has them without member writes', async () => {
  const v20 = await session('2.0');
  expect((await v20.call('GET', 'qos-policies')).status).toBe(404);
  expect((await v20.call('POST', 'qos-policies', { query: 'names=p20' })).status).toBe(404);
  const refused = await v20.call('POST', 'file-systems', {
    query: 'names=fs-20',
    body: { qos_policy: { name: 'any' } },
  });
  expect(refused.status).toBe(400);
  expect(errorMessages(refused)).toMatch(/Unknown field 'qos_policy'/);

  const v216 = await session('2.16');
  expect((await v216.call('GET', 'qos-policies')).status).toBe(404);

  const v217 = await session('2.17');
  expect(
    (await v217.call('POST', 'qos-policies', { query: 'names=p217', body: { max_total_ops_per_sec: 300 } }))
      .status,
  ).toBe(200);
  expect(
    (await v217.call('POST', 'qos-policies/members', { query: 'policy_names=p217&member_names=fs-20' }))
      .status,
  ).toBe(404);
  expect(
    (
      await v217.call('POST', 'file-systems', {
        query: 'names=fs-217',
        body: { qos_policy: { name: 'p217' } },
      })
    ).status,
  ).toBe(200);
  expect((await v20.items('file-systems', 'names=fs-217'))[0]).not.toHaveProperty('qos_policy');
});

test('policies and attachments survive a restart', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pure-sim-qos-'));
  const description = {
    name: 'qos-durable',
    arrays: [{ name: 'fb-keep', type: 'flashblade' as const, maxApiVersion: '2.28', capacity: '10TiB' }],
  };
  const first = await startFleet(description, { stateDir: dir });
  const client = new TestHttpClient(first.caCertPem);
  try {
    const s = new PureSession(client, first.arrays[0]!, '2.28');
    await s.login();
    expect(
      (await s.call('POST', 'qos-policies', { query: 'names=keep', body: { max_total_ops_per_sec: 700 } }))
        .status,
    ).toBe(200);
    expect(
      (
        await s.call('POST', 'file-systems', {
          query: 'names=fs-keep',
          body: { qos_policy: { name: 'keep' } },
        })
      ).status,
    ).toBe(200);
  } finally {
    client.close();
    await first.stop();
  }
  const second = await startFleet(description, { stateDir: dir });
  const again = new TestHttpClient(second.caCertPem);
  try {
    const s = new PureSession(again, second.arrays[0]!, '2.28');
    await s.login();
    expect(await s.items('qos-policies', 'names=keep')).toEqual([
      expect.objectContaining({ name: 'keep', max_total_ops_per_sec: 700 }),
    ]);
    expect((await s.items('file-systems', 'names=fs-keep'))[0]?.qos_policy).toMatchObject({ name: 'keep' });
  } finally {
    again.close();
    await second.stop();
  }
});
