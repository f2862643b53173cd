// State survives a stop and a restart — volumes, hosts, file systems,
// destroyed objects with their eradication timers, API tokens, ports and the
// CA — and concurrent writes never corrupt the state file.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startFleet, type FleetDescription, type RunningFleet } from '../../../src/simulator';
import { TestHttpClient } from './support/http';
import { PureSession } from './support/session';

jest.setTimeout(60_000);

const description: FleetDescription = {
  name: 'durable',
  arrays: [
    { name: 'fa-dur', type: 'flasharray', capacity: '10TiB' },
    { name: 'fb-dur', type: 'flashblade', capacity: '10TiB' },
  ],
};

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sim-durable-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function session(
  fleet: RunningFleet,
  http: TestHttpClient,
  i: number,
  version: string,
): Promise<PureSession> {
  const s = new PureSession(http, fleet.arrays[i]!, version);
  await s.login();
  return s;
}

test('stop and restart keeps every object, token, port and the CA', async () => {
  const first = await startFleet(description, { stateDir: dir });
  const http1 = new TestHttpClient(first.caCertPem);
  const fa = await session(first, http1, 0, '2.56');
  const fb = await session(first, http1, 1, '2.28');

  // 200 concurrent creates over 16 connections' worth of keep-alive sockets.
  const names = Array.from({ length: 200 }, (_, i) => `dur-${i}`);
  const results = await Promise.all(
    names.map((n) => fa.call('POST', 'volumes', { query: `names=${n}`, body: { provisioned: 2 ** 30 } })),
  );
  expect(results.every((r) => r.status === 200)).toBe(true);
  await fa.call('PATCH', 'volumes', { query: 'names=dur-7', body: { destroyed: true } });
  await fa.call('PATCH', 'volumes', {
    query: 'names=dur-8',
    body: { provisioned: 2 ** 31, qos: { iops_limit: 700 } },
  });
  await fa.call('POST', 'hosts', {
    query: 'names=dur-host',
    body: { iqns: ['iqn.2024-01.com.example:dur'] },
  });
  await fa.call('POST', 'connections', { query: 'host_names=dur-host&volume_names=dur-9' });
  await fa.call('PUT', 'volumes/tags/batch', {
    query: 'resource_names=dur-10',
    body: [{ key: 'k', value: 'v' }],
  });
  await fb.call('POST', 'file-systems', {
    query: 'names=dur-fs',
    body: { provisioned: 2 ** 40, nfs: { v3_enabled: true, rules: '*(rw)' } },
  });
  const before = await fa.items('volumes');
  const serials = new Map(before.map((v) => [v.name, v.serial]));
  http1.close();
  await first.stop();

  const saved = JSON.parse(await fs.readFile(first.stateFile, 'utf8')) as {
    arrays: Array<{ volumes?: unknown[] }>;
  };
  expect(saved.arrays[0]!.volumes).toHaveLength(200);

  const second = await startFleet(description, { stateDir: dir });
  try {
    expect(second.caCertPem).toBe(first.caCertPem);
    expect(second.arrays.map((a) => [a.url, a.apiToken])).toEqual(
      first.arrays.map((a) => [a.url, a.apiToken]),
    );
    const http2 = new TestHttpClient(second.caCertPem);
    const fa2 = await session(second, http2, 0, '2.56');
    const fb2 = await session(second, http2, 1, '2.28');
    const after = await fa2.items('volumes');
    expect(after).toHaveLength(200);
    expect(new Map(after.map((v) => [v.name, v.serial]))).toEqual(serials);
    const d7 = (await fa2.items('volumes', 'names=dur-7'))[0]!;
    expect(d7.destroyed).toBe(true);
    expect(d7.time_remaining as number).toBeGreaterThan(86_000_000);
    expect((await fa2.items('volumes', 'names=dur-8'))[0]).toEqual(
      expect.objectContaining({ provisioned: 2 ** 31, qos: { iops_limit: 700 } }),
    );
    expect(await fa2.items('connections')).toEqual([
      expect.objectContaining({
        host: { name: 'dur-host' },
        volume: expect.objectContaining({ name: 'dur-9' }),
      }),
    ]);
    expect(await fa2.items('volumes/tags', 'resource_names=dur-10')).toEqual([
      expect.objectContaining({ key: 'k', value: 'v' }),
    ]);
    expect((await fb2.items('file-systems', 'names=dur-fs'))[0]).toEqual(
      expect.objectContaining({ provisioned: 2 ** 40, nfs: expect.objectContaining({ rules: '*(rw)' }) }),
    );
    // New volumes keep counting serials from where the first run stopped.
    const created = await fa2.call('POST', 'volumes', { query: 'names=dur-new', body: {} });
    const serial = (created.json.items as Array<{ serial: string }>)[0]!.serial;
    expect([...serials.values()]).not.toContain(serial);
    http2.close();
  } finally {
    await second.stop();
  }
});

test('a second simulator cannot open a state directory that is in use', async () => {
  const running = await startFleet(description, { stateDir: dir });
  try {
    const second = startFleet(description, { stateDir: dir });
    await expect(second).rejects.toThrow(/in use/);
    // A lock left by a process that no longer exists is taken over.
    await fs.writeFile(path.join(dir, 'other.lock'), '999999');
    const other = await startFleet({ ...description, name: 'other' }, { stateDir: dir });
    await other.stop();
  } finally {
    await running.stop();
  }
});

test('the state file is always complete JSON while writes are in flight', async () => {
  const fleet = await startFleet(description, { stateDir: dir, stateDebounceMs: 1 });
  const http = new TestHttpClient(fleet.caCertPem);
  try {
    const fa = await session(fleet, http, 0, '2.56');
    await fleet.control.flushState();
    let reads = 0;
    const writer = Promise.all(
      Array.from({ length: 150 }, (_, i) =>
        fa.call('POST', 'volumes', { query: `names=conc-${i}`, body: {} }),
      ),
    );
    const reader = (async () => {
      for (let i = 0; i < 40; i++) {
        JSON.parse(await fs.readFile(fleet.stateFile, 'utf8'));
        reads++;
        await new Promise((r) => setTimeout(r, 2));
      }
    })();
    const [responses] = await Promise.all([writer, reader]);
    expect(responses.every((r) => r.status === 200)).toBe(true);
    expect(reads).toBe(40);
    await fleet.control.flushState();
    const saved = JSON.parse(await fs.readFile(fleet.stateFile, 'utf8')) as {
      arrays: Array<{ volumes: Array<{ name: string }> }>;
    };
    expect(saved.arrays[0]!.volumes.filter((v) => v.name.startsWith('conc-'))).toHaveLength(150);
  } finally {
    http.close();
    await fleet.stop();
  }
});
