// Every endpoint the simulator serves, driven over HTTPS at the lowest and
// highest REST version (and one in between), with every response body —
// successes, 207 partial results and errors — validated against Pure's
// official OpenAPI spec of the version in the request path.
import { startFleet, type RunningFleet } from '../../../src/simulator';
import { TestHttpClient } from './support/http';
import { PureSession } from './support/session';
import { checkResponse } from './support/openapi';

jest.setTimeout(120_000);

let fleet: RunningFleet;
let http: TestHttpClient;

beforeAll(async () => {
  fleet = await startFleet({
    name: 'conformance',
    arrays: [
      { name: 'fa-conf', type: 'flasharray', maxApiVersion: '2.56', capacity: '50TiB' },
      { name: 'fb-conf', type: 'flashblade', maxApiVersion: '2.28', capacity: '100TiB' },
    ],
  });
  http = new TestHttpClient(fleet.caCertPem);
  await fleet.control.setHealth('fa-conf', {
    controllerDown: true,
    degradedHardware: true,
    criticalAlert: 'conformance',
  });
  await fleet.control.setHealth('fb-conf', {
    controllerDown: true,
    degradedHardware: true,
    criticalAlert: 'conformance',
  });
});

afterAll(async () => {
  http?.close();
  await fleet?.stop();
});

function expectSeen(s: PureSession, keys: string[]): void {
  const missing = keys.filter((k) => !s.seen.has(k));
  expect(missing).toEqual([]);
}

async function exerciseFlashArray(version: string): Promise<PureSession> {
  const array = fleet.arrays[0]!;
  const s = new PureSession(http, array, version);
  await s.login();
  const v20 = version === '2.0';
  const tag = version.replace('.', '-');
  const vol = `conf-${tag}-vol`;
  const gib = 2 ** 30;

  // Volumes: create (one and many), read every way, modify every way, errors.
  expect(
    (await s.call('POST', 'volumes', { query: `names=${vol}`, body: { provisioned: 10 * gib } })).status,
  ).toBe(200);
  expect(
    (
      await s.call('POST', 'volumes', {
        query: `names=${vol}-a,${vol}-b`,
        body: { provisioned: gib, qos: { iops_limit: 1000 } },
      })
    ).status,
  ).toBe(200);
  expect((await s.call('POST', 'volumes', { query: `names=${vol}`, body: {} })).status).toBe(400);
  expect((await s.call('GET', 'volumes')).status).toBe(200);
  expect((await s.call('GET', 'volumes', { query: `names=${vol}&total_item_count=true` })).status).toBe(200);
  expect(
    (
      await s.call('GET', 'volumes', {
        query: `filter=${encodeURIComponent(`name='conf-${tag}-*' and not(destroyed=true)`)}&sort=-provisioned`,
      })
    ).status,
  ).toBe(200);
  expect((await s.call('GET', 'volumes', { query: 'limit=1&offset=1' })).status).toBe(200);
  expect((await s.call('GET', 'volumes', { query: 'total_only=true' })).status).toBe(200);
  expect((await s.call('GET', 'volumes', { query: 'names=nope-missing' })).status).toBe(400);
  if (!v20) {
    const first = await s.call('GET', 'volumes', { query: 'limit=1' });
    expect(first.json.continuation_token).toEqual(expect.any(String));
    const next = await s.call('GET', 'volumes', {
      query: `limit=1&continuation_token=${encodeURIComponent(first.json.continuation_token as string)}`,
    });
    expect(next.status).toBe(200);
    const partial = await s.call('GET', 'volumes', { query: `names=${vol},nope-missing&allow_errors=true` });
    expect(partial.status).toBe(207);
  }
  expect(
    (await s.call('PATCH', 'volumes', { query: `names=${vol}`, body: { provisioned: 20 * gib } })).status,
  ).toBe(200);
  expect(
    (await s.call('PATCH', 'volumes', { query: `names=${vol}`, body: { provisioned: gib } })).status,
  ).toBe(400);
  expect(
    (
      await s.call('PATCH', 'volumes', {
        query: `names=${vol}&truncate=true`,
        body: { provisioned: 5 * gib },
      })
    ).status,
  ).toBe(200);
  expect(
    (
      await s.call('PATCH', 'volumes', {
        query: `names=${vol}`,
        body: { qos: { bandwidth_limit: 10 * 2 ** 20, iops_limit: 500 } },
      })
    ).status,
  ).toBe(200);
  expect(
    (await s.call('PATCH', 'volumes', { query: `names=${vol}`, body: { qos: { iops_limit: '' } } })).status,
  ).toBe(200);
  expect(
    (await s.call('PATCH', 'volumes', { query: `names=${vol}`, body: { name: `${vol}-renamed` } })).status,
  ).toBe(200);
  expect(
    (await s.call('PATCH', 'volumes', { query: `names=${vol}-renamed`, body: { name: vol } })).status,
  ).toBe(200);

  // Hosts and connections.
  const host = `conf-${tag}-host`;
  expect(
    (
      await s.call('POST', 'hosts', {
        query: `names=${host}`,
        body: { iqns: [`iqn.2024-01.com.example:${host}`] },
      })
    ).status,
  ).toBe(200);
  expect((await s.call('POST', 'hosts', { query: `names=${host}`, body: {} })).status).toBe(400);
  expect(
    (await s.call('PATCH', 'hosts', { query: `names=${host}`, body: { personality: 'esxi' } })).status,
  ).toBe(200);
  expect((await s.call('GET', 'hosts')).status).toBe(200);
  expect(
    (await s.call('POST', 'connections', { query: `host_names=${host}&volume_names=${vol}` })).status,
  ).toBe(200);
  expect((await s.call('GET', 'connections', { query: `host_names=${host}` })).status).toBe(200);
  expect((await s.call('GET', 'volumes', { query: `names=${vol}` })).json.items).toEqual([
    expect.objectContaining({ connection_count: 1 }),
  ]);
  expect(
    (await s.call('PATCH', 'volumes', { query: `names=${vol}`, body: { destroyed: true } })).status,
  ).toBe(400);
  expect(
    (await s.call('DELETE', 'connections', { query: `host_names=${host}&volume_names=${vol}` })).status,
  ).toBe(200);
  expect((await s.call('DELETE', 'hosts', { query: `names=${host}` })).status).toBe(200);

  // Destroy, list destroyed, recover, destroy, eradicate.
  expect(
    (await s.call('PATCH', 'volumes', { query: `names=${vol}`, body: { destroyed: true } })).status,
  ).toBe(200);
  const pending = await s.items('volumes', `names=${vol}&destroyed=true`);
  expect(pending[0]).toEqual(
    expect.objectContaining({ destroyed: true, time_remaining: expect.any(Number) }),
  );
  expect(
    (await s.call('PATCH', 'volumes', { query: `names=${vol}`, body: { destroyed: false } })).status,
  ).toBe(200);
  expect((await s.call('DELETE', 'volumes', { query: `names=${vol}` })).status).toBe(400);
  expect(
    (await s.call('PATCH', 'volumes', { query: `names=${vol},${vol}-a,${vol}-b`, body: { destroyed: true } }))
      .status,
  ).toBe(200);
  expect((await s.call('DELETE', 'volumes', { query: `names=${vol},${vol}-a,${vol}-b` })).status).toBe(200);

  if (!v20) {
    // Array-level endpoints appeared in REST 2.2.
    for (const r of [
      'arrays',
      'arrays/space',
      'arrays/performance',
      'controllers',
      'hardware',
      'drives',
      'alerts',
    ]) {
      expect((await s.call('GET', r)).status).toBe(200);
    }
    const now = Date.now();
    expect(
      (
        await s.call('GET', 'arrays/performance', {
          query: `start_time=${now - 600_000}&end_time=${now}&resolution=30000`,
        })
      ).status,
    ).toBe(200);
    expect(
      (await s.call('GET', 'arrays/space', { query: `start_time=${now - 3_600_000}&resolution=300000` }))
        .status,
    ).toBe(200);
    expect((await s.call('GET', 'alerts', { query: "filter=severity='critical'&flagged=true" })).status).toBe(
      200,
    );
    expect((await s.call('GET', 'controllers', { query: 'names=CT1' })).status).toBe(200);

    // Volume tags.
    const tv = `conf-${tag}-tags`;
    expect(
      (
        await s.call('POST', 'volumes', {
          query: `names=${tv}`,
          body: { provisioned: gib, tags: [{ key: 'owner', value: 'fleet-a' }] },
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await s.call('PUT', 'volumes/tags/batch', {
          query: `resource_names=${tv}`,
          body: [{ namespace: 'pure-fleet', key: 'fleet', value: 'f1' }],
        })
      ).status,
    ).toBe(200);
    expect((await s.call('GET', 'volumes/tags', { query: `resource_names=${tv}` })).status).toBe(200);
    // The provider's ownership mark: a create carrying it, then the lookup of one volume's mark.
    const marked = `conf-${tag}-marked`;
    expect(
      (
        await s.call('POST', 'volumes', {
          query: `names=${marked}`,
          body: {
            provisioned: gib,
            tags: [{ namespace: 'terraform-fleet', key: 'resource', value: 'f/v', copyable: false }],
          },
        })
      ).status,
    ).toBe(200);
    const mark = await s.call('GET', 'volumes/tags', {
      query: `resource_names=${marked}&namespaces=terraform-fleet`,
    });
    expect(mark.status).toBe(200);
    expect(mark.json.items).toEqual([
      expect.objectContaining({ key: 'resource', value: 'f/v', copyable: false }),
    ]);
    expect(
      (await s.call('GET', 'volumes', { query: `filter=${encodeURIComponent("tags('fleet','f1')")}` })).json
        .items,
    ).toHaveLength(1);
    expect(
      (
        await s.call('DELETE', 'volumes/tags', {
          query: `resource_names=${tv}&keys=fleet&namespaces=pure-fleet`,
        })
      ).status,
    ).toBe(200);
  } else {
    expect((await s.call('GET', 'arrays')).status).toBe(404);
  }

  // Authentication errors, then logout.
  expect(
    (await s.raw('GET', s.path('volumes'), { headers: { 'x-auth-token': 'not-a-session' } })).status,
  ).toBe(401);
  expect((await s.raw('POST', s.path('logout'), { headers: { 'x-auth-token': s.token } })).status).toBe(200);
  expect((await s.call('GET', 'volumes')).status).toBe(401);
  return s;
}

test('FlashArray 2.0 responses match FA2.0.spec.yaml', async () => {
  const s = await exerciseFlashArray('2.0');
  const p = '/api/2.0';
  expectSeen(s, [
    `POST ${p}/login 200`,
    `POST ${p}/logout 200`,
    `GET ${p}/volumes 200`,
    `POST ${p}/volumes 200`,
    `PATCH ${p}/volumes 200`,
    `DELETE ${p}/volumes 200`,
    `GET ${p}/hosts 200`,
    `POST ${p}/hosts 200`,
    `PATCH ${p}/hosts 200`,
    `DELETE ${p}/hosts 200`,
    `GET ${p}/connections 200`,
    `POST ${p}/connections 200`,
    `DELETE ${p}/connections 200`,
    `GET ${p}/volumes 400`,
    `GET ${p}/volumes 401`,
  ]);
});

test('FlashArray 2.56 responses match FA2.56.spec.yaml', async () => {
  const s = await exerciseFlashArray('2.56');
  const p = '/api/2.56';
  expectSeen(s, [
    `POST ${p}/login 200`,
    `GET ${p}/arrays 200`,
    `GET ${p}/arrays/space 200`,
    `GET ${p}/arrays/performance 200`,
    `GET ${p}/controllers 200`,
    `GET ${p}/hardware 200`,
    `GET ${p}/drives 200`,
    `GET ${p}/alerts 200`,
    `GET ${p}/volumes 200`,
    `GET ${p}/volumes 207`,
    `POST ${p}/volumes 200`,
    `PATCH ${p}/volumes 200`,
    `DELETE ${p}/volumes 200`,
    `GET ${p}/hosts 200`,
    `POST ${p}/hosts 200`,
    `PATCH ${p}/hosts 200`,
    `DELETE ${p}/hosts 200`,
    `GET ${p}/connections 200`,
    `POST ${p}/connections 200`,
    `DELETE ${p}/connections 200`,
    `GET ${p}/volumes/tags 200`,
    `PUT ${p}/volumes/tags/batch 200`,
    `DELETE ${p}/volumes/tags 200`,
  ]);
});

test('an intermediate FlashArray version (2.17) serves shapes valid under FA2.56', async () => {
  const s = await exerciseFlashArray('2.17');
  expect(s.seen.has('GET /api/2.56/volumes 200')).toBe(true);
});

async function exerciseFlashBlade(version: string): Promise<PureSession> {
  const array = fleet.arrays[1]!;
  const s = new PureSession(http, array, version);
  await s.login();
  const modern = version !== '2.0';
  const fs = `conf-fs-${version.replace('.', '-')}`;
  for (const r of [
    'arrays',
    'arrays/space',
    'arrays/performance',
    'blades',
    'hardware',
    'alerts',
    'network-interfaces',
  ]) {
    expect((await s.call('GET', r)).status).toBe(200);
  }
  expect((await s.call('GET', 'arrays/space', { query: 'type=file-system' })).status).toBe(200);
  expect((await s.call('GET', 'arrays/performance', { query: 'protocol=NFS' })).status).toBe(200);
  const nfs = { v3_enabled: true, v4_1_enabled: true, rules: '10.0.0.0/8(rw,no_root_squash) *(ro)' };
  expect(
    (
      await s.call('POST', 'file-systems', {
        query: `names=${fs}`,
        body: { provisioned: 2 ** 40, hard_limit_enabled: true, nfs },
      })
    ).status,
  ).toBe(200);
  expect((await s.call('POST', 'file-systems', { query: `names=${fs}-unlimited` })).status).toBe(200);
  expect((await s.call('POST', 'file-systems', { query: `names=${fs}` })).status).toBe(400);
  expect((await s.call('GET', 'file-systems')).status).toBe(200);
  expect((await s.call('GET', 'file-systems', { query: `names=${fs}` })).status).toBe(200);
  expect((await s.call('GET', 'file-systems', { query: 'total_only=true' })).status).toBe(200);
  expect(
    (
      await s.call('GET', 'file-systems', {
        query: `filter=${encodeURIComponent('nfs.v3_enabled=true')}&limit=1`,
      })
    ).status,
  ).toBe(200);
  expect(
    (
      await s.call('PATCH', 'file-systems', {
        query: `names=${fs}`,
        body: { provisioned: 2 * 2 ** 40, nfs: { rules: '*(rw)' } },
      })
    ).status,
  ).toBe(200);
  expect(
    (await s.call('PATCH', 'file-systems', { query: `names=${fs}`, body: { destroyed: true } })).status,
  ).toBe(400);
  expect(
    (
      await s.call('PATCH', 'file-systems', {
        query: `names=${fs}`,
        body: { destroyed: true, nfs: { v3_enabled: false, v4_1_enabled: false } },
      })
    ).status,
  ).toBe(200);
  expect((await s.call('GET', 'file-systems', { query: 'destroyed=true' })).status).toBe(200);
  expect(
    (await s.call('PATCH', 'file-systems', { query: `names=${fs}`, body: { destroyed: false } })).status,
  ).toBe(200);
  expect(
    (
      await s.call('PATCH', 'file-systems', {
        query: `names=${fs},${fs}-unlimited`,
        body: { destroyed: true },
      })
    ).status,
  ).toBe(200);
  expect((await s.call('DELETE', 'file-systems', { query: `names=${fs},${fs}-unlimited` })).status).toBe(200);
  expect((await s.call('GET', 'file-systems', { query: `names=${fs}` })).status).toBe(400);
  if (modern) {
    const pol = `conf-pol-${version.replace('.', '-')}`;
    expect(
      (
        await s.call('POST', 'nfs-export-policies', {
          query: `names=${pol}`,
          body: { rules: [{ client: '10.1.0.0/16', permission: 'rw', access: 'no-squash' }] },
        })
      ).status,
    ).toBe(200);
    expect((await s.call('GET', 'nfs-export-policies')).status).toBe(200);
    expect(
      (
        await s.call('POST', 'nfs-export-policies/rules', {
          query: `policy_names=${pol}`,
          body: { client: '*', permission: 'ro' },
        })
      ).status,
    ).toBe(200);
    expect((await s.call('GET', 'nfs-export-policies/rules', { query: `policy_names=${pol}` })).status).toBe(
      200,
    );
    // A rule edited in place keeps its id; the policy's version changes.
    const edited = await s.call('PATCH', 'nfs-export-policies/rules', {
      query: `names=${pol}.1`,
      body: { permission: 'ro', anonuid: 65534 },
    });
    expect(edited.status).toBe(200);
    expect((edited.json.items as Record<string, unknown>[])[0]).toMatchObject({
      client: '10.1.0.0/16',
      permission: 'ro',
      anonuid: 65534,
    });
    // Setting a policy on a file system clears its inline rules (FB 2.x `_nfs.export_policy`).
    expect(
      (
        await s.call('POST', 'file-systems', {
          query: `names=${fs}-rules`,
          body: { nfs: { rules: '10.2.0.0/16(rw)' } },
        })
      ).status,
    ).toBe(200);
    const attached = await s.call('PATCH', 'file-systems', {
      query: `names=${fs}-rules`,
      body: { nfs: { export_policy: { name: pol } } },
    });
    expect(attached.status).toBe(200);
    expect((attached.json.items as { nfs?: unknown }[])[0]?.nfs).toMatchObject({
      rules: '',
      export_policy: { name: pol },
    });
    expect(
      (
        await s.call('PATCH', 'file-systems', {
          query: `names=${fs}-rules`,
          body: { nfs: { rules: '*(ro)' } },
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await s.call('PATCH', 'file-systems', {
          query: `names=${fs}-rules`,
          body: { destroyed: true, nfs: { v3_enabled: false, v4_1_enabled: false } },
        })
      ).status,
    ).toBe(200);
    expect((await s.call('DELETE', 'file-systems', { query: `names=${fs}-rules` })).status).toBe(200);
    expect(
      (await s.call('PATCH', 'nfs-export-policies', { query: `names=${pol}`, body: { enabled: false } }))
        .status,
    ).toBe(200);
    expect(
      (
        await s.call('POST', 'file-systems', {
          query: `names=${fs}-pol`,
          body: { nfs: { v4_1_enabled: true, export_policy: { name: pol } } },
        })
      ).status,
    ).toBe(200);
    expect((await s.call('DELETE', 'nfs-export-policies', { query: `names=${pol}` })).status).toBe(400);
    expect(
      (
        await s.call('PATCH', 'file-systems', {
          query: `names=${fs}-pol`,
          body: { destroyed: true, nfs: { v4_1_enabled: false } },
        })
      ).status,
    ).toBe(200);
    expect((await s.call('DELETE', 'file-systems', { query: `names=${fs}-pol` })).status).toBe(200);
    expect((await s.call('DELETE', 'nfs-export-policies/rules', { query: `names=${pol}.2` })).status).toBe(
      200,
    );
    expect((await s.call('DELETE', 'nfs-export-policies', { query: `names=${pol}` })).status).toBe(200);
    expect((await s.call('POST', 'file-systems', { query: `names=${fs}-keep` })).status).toBe(200);
    const partial = await s.call('GET', 'file-systems', {
      query: `names=${fs}-keep,missing-fs&allow_errors=true`,
    });
    expect(partial.status).toBe(207);
    expect(partial.json.errors).toEqual([expect.objectContaining({ context: 'missing-fs' })]);
  } else {
    expect((await s.call('GET', 'nfs-export-policies')).status).toBe(404);
  }
  expect((await s.raw('GET', s.path('file-systems'), { headers: { 'x-auth-token': 'nope' } })).status).toBe(
    401,
  );
  expect((await s.raw('POST', '/api/logout', { headers: { 'x-auth-token': s.token } })).status).toBe(200);
  return s;
}

test('FlashBlade 2.0 responses match FB2.0.spec.yaml', async () => {
  const s = await exerciseFlashBlade('2.0');
  const p = '/api/2.0';
  expectSeen(s, [
    'POST /api/login 200',
    'POST /api/logout 200',
    `GET ${p}/arrays 200`,
    `GET ${p}/arrays/space 200`,
    `GET ${p}/arrays/performance 200`,
    `GET ${p}/blades 200`,
    `GET ${p}/hardware 200`,
    `GET ${p}/alerts 200`,
    `GET ${p}/network-interfaces 200`,
    `GET ${p}/file-systems 200`,
    `POST ${p}/file-systems 200`,
    `PATCH ${p}/file-systems 200`,
    `DELETE ${p}/file-systems 200`,
  ]);
});

test('FlashBlade 2.28 responses match FB2.28.spec.yaml', async () => {
  const s = await exerciseFlashBlade('2.28');
  const p = '/api/2.28';
  expectSeen(s, [
    `GET ${p}/arrays 200`,
    `GET ${p}/arrays/space 200`,
    `GET ${p}/arrays/performance 200`,
    `GET ${p}/blades 200`,
    `GET ${p}/hardware 200`,
    `GET ${p}/alerts 200`,
    `GET ${p}/network-interfaces 200`,
    `GET ${p}/file-systems 200`,
    `POST ${p}/file-systems 200`,
    `PATCH ${p}/file-systems 200`,
    `DELETE ${p}/file-systems 200`,
    `GET ${p}/nfs-export-policies 200`,
    `POST ${p}/nfs-export-policies 200`,
    `PATCH ${p}/nfs-export-policies 200`,
    `DELETE ${p}/nfs-export-policies 200`,
    `GET ${p}/nfs-export-policies/rules 200`,
    `POST ${p}/nfs-export-policies/rules 200`,
    `PATCH ${p}/nfs-export-policies/rules 200`,
    `DELETE ${p}/nfs-export-policies/rules 200`,
  ]);
});

test('the validator is strict: unknown fields, wrong types and missing envelopes fail', () => {
  const vol = { id: 'x', name: 'v', provisioned: 1048576, serial: 'ABC', destroyed: false };
  expect(checkResponse('flasharray', 'GET', '/api/2.56/volumes', 200, { items: [vol] }).ok).toBe(true);
  // FA 2.0 volumes have no continuation_token and no `priority`.
  expect(
    checkResponse('flasharray', 'GET', '/api/2.0/volumes', 200, { items: [vol], continuation_token: 'x' }).ok,
  ).toBe(false);
  expect(
    checkResponse('flasharray', 'GET', '/api/2.0/volumes', 200, { items: [{ ...vol, priority: 0 }] }).ok,
  ).toBe(false);
  expect(
    checkResponse('flasharray', 'GET', '/api/2.56/volumes', 200, { items: [{ ...vol, bogus: 1 }] }).ok,
  ).toBe(false);
  expect(
    checkResponse('flasharray', 'GET', '/api/2.56/volumes', 200, { items: [{ ...vol, provisioned: '1' }] })
      .ok,
  ).toBe(false);
  expect(
    checkResponse('flasharray', 'GET', '/api/2.56/volumes', 200, {
      items: [{ ...vol, space: { total_physical: 1.5 } }],
    }).ok,
  ).toBe(false);
  expect(
    checkResponse('flashblade', 'GET', '/api/2.28/file-systems', 200, {
      items: [],
      more_items_remaining: false,
    }).ok,
  ).toBe(false);
  expect(checkResponse('flasharray', 'GET', '/api/2.56/volumes', 400, { message: 'x' }).ok).toBe(false);
  expect(
    checkResponse('flasharray', 'GET', '/api/2.56/volumes', 400, { errors: [{ context: 'v', message: 'x' }] })
      .ok,
  ).toBe(true);
});

test('api_version lists 1.x and 2.x versions under the key each product uses', async () => {
  const fa = await http.request('GET', `${fleet.arrays[0]!.url}/api/api_version`);
  const fb = await http.request('GET', `${fleet.arrays[1]!.url}/api/api_version`);
  const faVersions = (fa.body as { version: string[] }).version;
  const fbVersions = (fb.body as { versions: string[] }).versions;
  expect(faVersions[0]).toBe('1.0');
  expect(faVersions.at(-1)).toBe('2.56');
  expect(faVersions).toContain('2.0');
  expect(fbVersions.at(-1)).toBe('2.28');
  expect((fb.body as Record<string, unknown>).version).toBeUndefined();
});

test('FlashArray 2.56 host tags, connection batching and CHAP rules match FA2.56.spec.yaml', async () => {
  const s = new PureSession(http, fleet.arrays[0]!, '2.56');
  await s.login();
  const p = '/api/2.56';
  const gib = 2 ** 30;
  const mark = { namespace: 'pure-fleet', key: 'fleet', value: 'f1' };
  expect(
    (
      await s.call('POST', 'hosts', {
        query: 'names=hb-h1',
        body: { iqns: ['iqn.2024-01.com.example:h1'], tags: [mark] },
      })
    ).status,
  ).toBe(200);
  expect(
    (await s.call('POST', 'hosts', { query: 'names=hb-h2', body: { nqns: ['nqn.2024-01.com.example:h2'] } }))
      .status,
  ).toBe(200);
  expect(await s.items('hosts/tags', 'resource_names=hb-h1&namespaces=pure-fleet')).toEqual([
    expect.objectContaining({
      key: 'fleet',
      value: 'f1',
      resource: expect.objectContaining({ name: 'hb-h1' }),
    }),
  ]);
  expect(await s.items('hosts/tags', 'resource_names=hb-h2')).toEqual([]);
  expect(
    (await s.call('PUT', 'hosts/tags/batch', { query: 'resource_names=hb-h2', body: [mark] })).status,
  ).toBe(200);
  expect(await s.items('hosts/tags', 'resource_names=hb-h2&namespaces=pure-fleet')).toHaveLength(1);
  expect(
    (await s.call('DELETE', 'hosts/tags', { query: 'resource_names=hb-h2&keys=fleet&namespaces=pure-fleet' }))
      .status,
  ).toBe(200);

  expect(
    (await s.call('POST', 'volumes', { query: 'names=hb-v1,hb-v2', body: { provisioned: gib } })).status,
  ).toBe(200);
  // Several hosts with several volumes in one request: refused, nothing connected.
  const mixed = await s.call('POST', 'connections', {
    query: 'host_names=hb-h1,hb-h2&volume_names=hb-v1,hb-v2',
  });
  expect(mixed.status).toBe(400);
  expect(await s.items('connections', 'volume_names=hb-v1,hb-v2')).toEqual([]);
  // Several hosts with one volume, and one host with several volumes, are allowed.
  expect(
    (await s.call('POST', 'connections', { query: 'host_names=hb-h1,hb-h2&volume_names=hb-v1' })).status,
  ).toBe(200);
  expect((await s.call('POST', 'connections', { query: 'host_names=hb-h1&volume_names=hb-v2' })).status).toBe(
    200,
  );
  expect(await s.items('connections', 'host_names=hb-h1')).toEqual([
    expect.objectContaining({ lun: 1, volume: expect.objectContaining({ name: 'hb-v1' }) }),
    expect.objectContaining({ lun: 2, volume: expect.objectContaining({ name: 'hb-v2' }) }),
  ]);
  expect(
    (await s.call('DELETE', 'connections', { query: 'host_names=hb-h1,hb-h2&volume_names=hb-v1,hb-v2' }))
      .status,
  ).toBe(400);
  expect(
    (await s.call('DELETE', 'connections', { query: 'host_names=hb-h1,hb-h2&volume_names=hb-v1' })).status,
  ).toBe(200);
  expect(
    (await s.call('DELETE', 'connections', { query: 'host_names=hb-h1&volume_names=hb-v2' })).status,
  ).toBe(200);

  // CHAP secrets: 12 to 255 characters, host and target different.
  const chap = (c: Record<string, string>) =>
    s.call('PATCH', 'hosts', { query: 'names=hb-h1', body: { chap: c } });
  expect((await chap({ host_user: 'u', host_password: 'short' })).status).toBe(400);
  expect((await chap({ host_password: 'x'.repeat(256) })).status).toBe(400);
  expect((await chap({ host_password: 'same-secret-123', target_password: 'same-secret-123' })).status).toBe(
    400,
  );
  expect((await chap({ host_user: 'u', host_password: 'long-enough-secret' })).status).toBe(200);

  for (const h of ['hb-h1', 'hb-h2'])
    expect((await s.call('DELETE', 'hosts', { query: `names=${h}` })).status).toBe(200);
  expectSeen(s, [
    `GET ${p}/hosts/tags 200`,
    `PUT ${p}/hosts/tags/batch 200`,
    `DELETE ${p}/hosts/tags 200`,
    `POST ${p}/connections 400`,
    `DELETE ${p}/connections 400`,
    `PATCH ${p}/hosts 400`,
  ]);
});

test('FlashArray 2.56 protection groups, members and scheduled snapshots match FA2.56.spec.yaml', async () => {
  const s = new PureSession(http, fleet.arrays[0]!, '2.56');
  await s.login();
  const p = '/api/2.56';
  expect(
    (await s.call('POST', 'volumes', { query: 'names=pg-v1', body: { provisioned: 2 ** 30 } })).status,
  ).toBe(200);
  expect((await s.call('POST', 'protection-groups', { query: 'names=pg-hourly' })).status).toBe(200);
  expect((await s.call('POST', 'protection-groups', { query: 'names=pg-hourly' })).status).toBe(400);
  expect(
    (
      await s.call('PATCH', 'protection-groups', {
        query: 'names=pg-hourly',
        body: { snapshot_schedule: { enabled: true, frequency: 60_000 } },
      })
    ).status,
  ).toBe(400);
  expect(
    (
      await s.call('PATCH', 'protection-groups', {
        query: 'names=pg-hourly',
        body: {
          snapshot_schedule: { enabled: true, frequency: 3_600_000 },
          source_retention: { all_for_sec: 7200 },
        },
      })
    ).status,
  ).toBe(200);
  expect(
    (await s.call('POST', 'protection-groups/volumes', { query: 'group_names=pg-hourly&member_names=pg-v1' }))
      .status,
  ).toBe(200);
  expect(await s.items('protection-groups/volumes', 'member_names=pg-v1')).toEqual([
    { group: { name: 'pg-hourly' }, member: { name: 'pg-v1' } },
  ]);
  // Three hours on the fleet's clock: three snapshots taken, the oldest past the two-hour retention.
  await fleet.control.advanceClock(3 * 3_600_000 + 1000);
  await s.login(); // the session expired with the clock
  const snaps = await s.items('protection-group-snapshots', 'source_names=pg-hourly&sort=-created');
  expect(snaps.map((x) => x.name)).toEqual(['pg-hourly.3', 'pg-hourly.2']);
  expect((await s.items('volume-snapshots', 'source_names=pg-v1&sort=-created')).map((x) => x.name)).toEqual([
    'pg-hourly.3.pg-v1',
    'pg-hourly.2.pg-v1',
  ]);
  expect(await s.items('protection-groups', 'names=pg-hourly')).toEqual([
    expect.objectContaining({ volume_count: 1, snapshot_schedule: { enabled: true, frequency: 3_600_000 } }),
  ]);
  expect(
    (
      await s.call('DELETE', 'protection-groups/volumes', {
        query: 'group_names=pg-hourly&member_names=pg-v1',
      })
    ).status,
  ).toBe(200);
  expect((await s.call('DELETE', 'protection-groups', { query: 'names=pg-hourly' })).status).toBe(400);
  expect(
    (await s.call('PATCH', 'protection-groups', { query: 'names=pg-hourly', body: { destroyed: true } }))
      .status,
  ).toBe(200);
  expect((await s.call('DELETE', 'protection-groups', { query: 'names=pg-hourly' })).status).toBe(200);
  expect((await s.call('GET', 'protection-groups', { query: 'names=pg-hourly' })).status).toBe(400);
  expectSeen(s, [
    `GET ${p}/protection-groups 200`,
    `POST ${p}/protection-groups 200`,
    `PATCH ${p}/protection-groups 200`,
    `DELETE ${p}/protection-groups 200`,
    `GET ${p}/protection-groups/volumes 200`,
    `POST ${p}/protection-groups/volumes 200`,
    `DELETE ${p}/protection-groups/volumes 200`,
    `GET ${p}/protection-group-snapshots 200`,
    `GET ${p}/volume-snapshots 200`,
    `PATCH ${p}/protection-groups 400`,
  ]);
});

test.each(['2.0', '2.56'])(
  'FlashArray %s host groups, membership rules and shared connections match the spec',
  async (version) => {
    const s = new PureSession(http, fleet.arrays[0]!, version);
    await s.login();
    const p = `/api/${version}`;
    const v20 = version === '2.0';
    const t = version.replace('.', '-');
    const [g, h1, h2, v1] = ['hg', 'hg-h1', 'hg-h2', 'hg-v1'].map((n) => `${n}-${t}`) as [
      string,
      string,
      string,
      string,
    ];
    const status = async (method: string, resource: string, query: string, body?: unknown): Promise<number> =>
      (await s.call(method, resource, { query, body })).status;
    // FA 2.0 has no POST/DELETE host-groups/hosts: there hosts join and leave with PATCH hosts {host_group}.
    const join = (group: string, host: string): Promise<number> =>
      v20
        ? status('PATCH', 'hosts', `names=${host}`, { host_group: { name: group } })
        : status('POST', 'host-groups/hosts', `group_names=${group}&member_names=${host}`);
    for (const h of [h1, h2])
      expect(await status('POST', 'hosts', `names=${h}`, { iqns: [`iqn.2024-01.com.example:${h}`] })).toBe(
        200,
      );
    expect(await status('POST', 'volumes', `names=${v1}`, { provisioned: 2 ** 30 })).toBe(200);
    expect(await status('POST', 'host-groups', `names=${g}`)).toBe(200);
    // FA 2.0's POST host-groups takes no body; from the tag versions on, the create carries tags.
    const mark = { namespace: 'pure-fleet', key: 'fleet', value: 'f1' };
    expect(await status('POST', 'host-groups', `names=${g}-b`, v20 ? undefined : { tags: [mark] })).toBe(200);
    if (!v20) {
      expect(await s.items('host-groups/tags', `resource_names=${g}-b&namespaces=pure-fleet`)).toEqual([
        expect.objectContaining({
          key: 'fleet',
          value: 'f1',
          resource: expect.objectContaining({ name: `${g}-b` }),
        }),
      ]);
      expect(await s.items('host-groups/tags', `resource_names=${g}`)).toEqual([]);
      expect(await status('PUT', 'host-groups/tags/batch', `resource_names=${g}`, [mark])).toBe(200);
      expect(await s.items('host-groups/tags', `resource_names=${g}&namespaces=pure-fleet`)).toHaveLength(1);
      expect(
        await status('DELETE', 'host-groups/tags', `resource_names=${g}&keys=fleet&namespaces=pure-fleet`),
      ).toBe(200);
      expect(await s.items('host-groups/tags', `resource_names=${g}`)).toEqual([]);
      expect(await status('GET', 'host-groups/tags', 'resource_names=no-such-group')).toBe(400);
    }
    expect(await join(g, h1)).toBe(200);
    // A host is in at most one group.
    expect(await join(`${g}-b`, h1)).toBe(400);
    // A shared connection is seen by the group's hosts; a member cannot also connect it privately.
    expect(await status('POST', 'connections', `host_group_names=${g}&volume_names=${v1}`)).toBe(200);
    expect(await s.items('connections', `host_group_names=${g}`)).toEqual([
      expect.objectContaining({ host_group: { name: g }, lun: 254 }),
    ]);
    expect(await status('POST', 'connections', `host_names=${h1}&volume_names=${v1}`)).toBe(400);
    // A host privately connected to the group's volume cannot join; once disconnected, it can.
    expect(await status('POST', 'connections', `host_names=${h2}&volume_names=${v1}`)).toBe(200);
    expect(await join(g, h2)).toBe(400);
    expect(await status('DELETE', 'connections', `host_names=${h2}&volume_names=${v1}`)).toBe(200);
    expect(await join(g, h2)).toBe(200);
    expect(await s.items('host-groups/hosts', `group_names=${g}`)).toHaveLength(2);
    expect(await s.items('host-groups', `names=${g}`)).toEqual([
      expect.objectContaining({ host_count: 2, connection_count: 1 }),
    ]);
    expect(await s.items('hosts', `names=${h2}`)).toEqual([
      expect.objectContaining({ host_group: { name: g } }),
    ]);
    // Not empty: refused; emptied: deleted.
    expect(await status('DELETE', 'host-groups', `names=${g}`)).toBe(400);
    expect(await status('DELETE', 'connections', `host_group_names=${g}&volume_names=${v1}`)).toBe(200);
    if (v20) {
      for (const h of [h1, h2])
        expect(await status('PATCH', 'hosts', `names=${h}`, { host_group: { name: '' } })).toBe(200);
    } else {
      expect(await status('DELETE', 'host-groups/hosts', `group_names=${g}&member_names=${h1},${h2}`)).toBe(
        200,
      );
    }
    for (const name of [g, `${g}-b`])
      expect(await status('DELETE', 'host-groups', `names=${name}`)).toBe(200);
    for (const h of [h1, h2]) expect(await status('DELETE', 'hosts', `names=${h}`)).toBe(200);
    expectSeen(s, [
      `GET ${p}/host-groups 200`,
      `POST ${p}/host-groups 200`,
      `DELETE ${p}/host-groups 200`,
      `DELETE ${p}/host-groups 400`,
      `GET ${p}/host-groups/hosts 200`,
      `GET ${p}/connections 200`,
      ...(v20
        ? [`PATCH ${p}/hosts 400`]
        : [
            `POST ${p}/host-groups/hosts 200`,
            `POST ${p}/host-groups/hosts 400`,
            `DELETE ${p}/host-groups/hosts 200`,
            `GET ${p}/host-groups/tags 200`,
            `GET ${p}/host-groups/tags 400`,
            `PUT ${p}/host-groups/tags/batch 200`,
            `DELETE ${p}/host-groups/tags 200`,
          ]),
    ]);
  },
);
