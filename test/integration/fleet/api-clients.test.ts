// API clients beside API tokens, over real HTTPS against the simulator: a fleet whose FlashArray
// and FlashBlade log in as API clients (a JWT signed with the client's private key exchanged for an
// OAuth 2.0 access token) and whose other FlashArray uses an API token reads its telemetry and
// creates a volume; a key the array does not know, a wrong key id or a wrong user is refused as an
// authentication failure naming the array, without the key or the tokens in any message or log.

import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { inspect } from 'node:util';
import { FleetConnection } from '../../../src/fleet/connection';
import type { ApiClientCredentials } from '../../../src/fleet/rest/api-client';
import { AuthenticationError } from '../../../src/fleet/rest/errors';
import { startFleet, type RunningFleet } from '../../../src/simulator';
import { CapturingLogger, memberOf } from './support';

jest.setTimeout(60_000);

let fleet: RunningFleet;
const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;

const client = (name: string, privateKey: KeyObject = keys.privateKey): ApiClientCredentials => ({
  clientId: `client-${name}`,
  keyId: `key-${name}`,
  issuer: 'terraform-provider-pure',
  user: 'pureuser',
  privateKey,
});

beforeAll(async () => {
  fleet = await startFleet({
    name: 'oauth',
    arrays: [
      { name: 'fa-client', type: 'flasharray', capacity: '10TiB' },
      { name: 'fb-client', type: 'flashblade', capacity: '10TiB' },
      { name: 'fa-token', type: 'flasharray', capacity: '10TiB' },
    ],
  });
  const publicKey = keys.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  for (const name of ['fa-client', 'fb-client']) {
    const c = client(name);
    await fleet.control.registerApiClient(name, {
      id: c.clientId,
      keyId: c.keyId,
      issuer: c.issuer,
      publicKey,
    });
  }
});

afterAll(async () => {
  await fleet?.stop();
});

function connection(members: ReturnType<typeof memberOf>[], logger = new CapturingLogger()) {
  return new FleetConnection({ arrays: members, caPem: fleet.caCertPem }, logger);
}

const asClient = (name: string, credentials: ApiClientCredentials = client(name)) => {
  const { apiToken: _token, ...member } = memberOf(fleet, name);
  return { ...member, apiClient: credentials };
};

test('a fleet mixing API clients and an API token reads telemetry and creates a volume', async () => {
  const logger = new CapturingLogger();
  const conn = connection(
    [asClient('fa-client'), asClient('fb-client'), memberOf(fleet, 'fa-token')],
    logger,
  );
  try {
    expect(await conn.checkMembers()).toEqual([]);
    const readings = await conn.telemetry.readAll();
    expect(readings.map((r) => [r.member, r.reachable])).toEqual([
      ['fa-client', true],
      ['fb-client', true],
      ['fa-token', true],
    ]);
    const created = await conn.flashArray('fa-client').createVolumeWithOutcome('oauth-v1', 2 ** 30);
    expect(created.volume.name).toBe('oauth-v1');
    // The API clients exchanged a token (and never used the api-token login); the other array
    // logged in with its token.
    const endpoints = async (name: string) => (await fleet.control.counters(name)).endpoints;
    for (const name of ['fa-client', 'fb-client']) {
      const counts = await endpoints(name);
      expect(counts['POST /oauth2/1.0/token']?.byStatus).toEqual({ '200': 1 });
      expect(Object.keys(counts).filter((k) => k.endsWith('/login'))).toEqual([]);
    }
    expect((await endpoints('fa-token'))['POST /oauth2/1.0/token']).toBeUndefined();
    const seen = logger.lines.join('\n') + inspect(conn, { depth: 6 });
    expect(seen).not.toMatch(/BEGIN (RSA )?PRIVATE KEY/);
  } finally {
    await conn.close();
  }
});

test('an access token that expired on the array is exchanged again, once', async () => {
  const conn = connection([asClient('fa-client')]);
  try {
    await conn.flashArray('fa-client').getArray();
    await fleet.control.expireSessions('fa-client');
    await conn.flashArray('fa-client').getArray();
    expect(conn.session('fa-client').loginCount).toBe(2);
  } finally {
    await conn.close();
  }
});

test.each([
  [
    'a key the array does not know',
    client('fa-client', stranger),
    /invalid_client: Invalid identity: JWT validation failed/,
  ],
  ['a wrong key id', { ...client('fa-client'), keyId: 'other' }, /key id does not match/],
  ['a user the array does not have', { ...client('fa-client'), user: 'nobody' }, /no such user/],
  [
    'a client id the array does not know',
    { ...client('fa-client'), clientId: 'nope' },
    /unknown or disabled/,
  ],
])('%s is refused as an authentication failure naming the array', async (_what, credentials, why) => {
  const conn = connection([asClient('fa-client', credentials), memberOf(fleet, 'fa-token')]);
  try {
    const problems = await conn.checkMembers();
    expect(problems).toEqual([
      { array: 'fa-client', cause: 'credentials', message: expect.stringMatching(why) },
    ]);
    await expect(conn.flashArray('fa-client').getArray()).rejects.toBeInstanceOf(AuthenticationError);
  } finally {
    await conn.close();
  }
});
