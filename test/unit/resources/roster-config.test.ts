// The roster from array blocks: an API token or an API client per array, the client's private key
// from the block, a file or the environment, and each mistake reported on its own attribute
// without quoting the key.

import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StateModel } from '../../../src/provider/framework/schema';
import type { providerSchema } from '../../../src/resources/provider-schema';
import { RosterConfigError, membersFromBlocks } from '../../../src/resources/roster-config';

type Config = StateModel<typeof providerSchema>;
type Block = NonNullable<Config['array']>[number];
type Client = NonNullable<Block['api_client']>;

const pem = generateKeyPairSync('rsa', { modulusLength: 2048 })
  .privateKey.export({ type: 'pkcs8', format: 'pem' })
  .toString();
const ecPem = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  .privateKey.export({ type: 'pkcs8', format: 'pem' })
  .toString();

const block = (overrides: Partial<Block>): Block => ({
  name: 'fa-1',
  type: 'flasharray',
  endpoint: '127.0.0.1:8443',
  api_token: null,
  nfs_endpoint: null,
  labels: null,
  cordoned: null,
  volume_limit: null,
  saturation_iops: null,
  api_client: null,
  ...overrides,
});
const client = (overrides: Partial<Client> = {}): Client => ({
  client_id: 'c1',
  key_id: 'k1',
  issuer: 'iss',
  user: 'pureuser',
  private_key: null,
  private_key_file: null,
  ...overrides,
});
const config = (...array: Block[]): Config =>
  ({
    array,
    pso_values_file: null,
    ca_file: null,
    default_export_rules: null,
    insecure_skip_tls_verify: null,
    request_timeout_seconds: null,
    placement: null,
  }) as Config;

function failure(fn: () => unknown): RosterConfigError {
  try {
    fn();
  } catch (err) {
    if (err instanceof RosterConfigError) return err;
    throw err;
  }
  throw new Error('expected a RosterConfigError');
}

test('an API token and an API client side by side', () => {
  const members = membersFromBlocks(
    config(block({ api_token: 'tok' }), block({ name: 'fa-2', api_client: client({ private_key: pem }) })),
    {},
  );
  expect(members[0]?.apiToken).toBe('tok');
  expect(members[0]?.apiClient).toBeUndefined();
  expect(members[1]?.apiToken).toBeUndefined();
  expect(members[1]?.apiClient).toMatchObject({
    clientId: 'c1',
    keyId: 'k1',
    issuer: 'iss',
    user: 'pureuser',
  });
  expect(members[1]?.apiClient?.privateKey.asymmetricKeyType).toBe('rsa');
});

test('the private key from a file, else from PURE_API_CLIENT_KEY_<NAME>', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'roster-')), 'key.pem');
  writeFileSync(file, pem);
  const fromFile = membersFromBlocks(config(block({ api_client: client({ private_key_file: file }) })), {});
  expect(fromFile[0]?.apiClient?.privateKey.type).toBe('private');
  const fromEnv = membersFromBlocks(config(block({ name: 'fa.x', api_client: client() })), {
    PURE_API_CLIENT_KEY_FA_X: pem,
  });
  expect(fromEnv[0]?.apiClient?.privateKey.type).toBe('private');
});

test.each([
  [
    'both ways to log in',
    block({ api_token: 't', api_client: client({ private_key: pem }) }),
    'Two ways to log in',
    ['api_client'],
  ],
  ['no key anywhere', block({ api_client: client() }), 'Missing private key', ['api_client', 'private_key']],
  [
    'a key that is not PEM',
    block({ api_client: client({ private_key: 'not a key' }) }),
    'Invalid private key',
    ['api_client', 'private_key'],
  ],
  [
    'a key that is not RSA',
    block({ api_client: client({ private_key: ecPem }) }),
    'Invalid private key',
    ['api_client', 'private_key'],
  ],
  [
    'an unreadable key file',
    block({ api_client: client({ private_key_file: '/nonexistent/key.pem' }) }),
    'Cannot read the private key file',
    ['api_client', 'private_key_file'],
  ],
  ['neither token nor client', block({}), 'Missing API token', ['api_token']],
])('%s is reported on its attribute', (_what, b, summary, attributes) => {
  const err = failure(() => membersFromBlocks(config(block({ name: 'ok', api_token: 't' }), b), {}));
  expect(err.summary).toBe(summary);
  expect(err.path).toEqual([
    { attribute: 'array' },
    { index: 1 },
    ...attributes.map((attribute) => ({ attribute })),
  ]);
  expect(err.message).not.toMatch(/PRIVATE KEY|not a key/);
});
