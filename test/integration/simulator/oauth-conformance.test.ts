// The OAuth 2.0 token endpoint of the simulated FlashArray and FlashBlade, over HTTPS: every answer
// (200, 400 invalid_request, 401 invalid_client) validated against the official spec of each
// family at its lowest and highest version (the endpoint is unversioned and the same in all four),
// and the access token accepted as `Authorization: Bearer` by a versioned call whose answer is
// checked against the spec too.

import { generateKeyPairSync } from 'node:crypto';
import { subjectToken, tokenRequestBody } from '../../../src/fleet/rest/api-client';
import { startFleet, type RunningFleet } from '../../../src/simulator';
import { TestHttpClient } from './support/http';
import { checkResponse, specValidator, type SpecName } from './support/openapi';

jest.setTimeout(60_000);

let fleet: RunningFleet;
let http: TestHttpClient;
const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const credentials = {
  clientId: 'conf-client',
  keyId: 'conf-key',
  issuer: 'conformance',
  user: 'pureuser',
  privateKey: keys.privateKey,
};

beforeAll(async () => {
  const registration = {
    id: credentials.clientId,
    keyId: credentials.keyId,
    issuer: credentials.issuer,
    publicKey: keys.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
  // The FlashBlade's client comes from the fleet description, the FlashArray's from the control API.
  fleet = await startFleet({
    name: 'oauth-conformance',
    arrays: [
      { name: 'fa-oauth', type: 'flasharray', maxApiVersion: '2.56', capacity: '10TiB' },
      {
        name: 'fb-oauth',
        type: 'flashblade',
        maxApiVersion: '2.28',
        capacity: '10TiB',
        apiClients: [registration],
      },
    ],
  });
  http = new TestHttpClient(fleet.caCertPem);
  await fleet.control.registerApiClient('fa-oauth', registration);
});

afterAll(async () => {
  http?.close();
  await fleet?.stop();
});

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

function expectConforms(specs: readonly SpecName[], status: number, body: unknown): void {
  for (const spec of specs) {
    const v = specValidator(spec);
    const schema = v.responseSchema('/oauth2/1.0/token', 'post', status);
    expect([spec, typeof schema]).toEqual([spec, 'object']);
    const outcome = v.validate(`${spec} token ${status}`, schema as Record<string, unknown>, body);
    expect([spec, outcome.errors]).toEqual([spec, '']);
  }
}

describe.each([
  ['fa-oauth', 'flasharray', ['FA2.0', 'FA2.56'], '2.56'],
  ['fb-oauth', 'flashblade', ['FB2.0', 'FB2.28'], '2.28'],
] as const)('%s token endpoint', (name, family, specs, version) => {
  const url = () => `${fleet.arrays.find((a) => a.name === name)!.url}/oauth2/1.0/token`;

  test('200: an access token, usable as a bearer token', async () => {
    const res = await http.request('POST', url(), {
      rawBody: tokenRequestBody(subjectToken(credentials, Date.now())),
      headers: FORM,
    });
    expect(res.status).toBe(200);
    expectConforms(specs, 200, res.body);
    const token = (res.body as { access_token: string; token_type: string }).access_token;
    expect((res.body as { token_type: string }).token_type).toBe('Bearer');
    const base = fleet.arrays.find((a) => a.name === name)!.url;
    const arrays = await http.request('GET', `${base}/api/${version}/arrays`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(arrays.status).toBe(200);
    expect(checkResponse(family, 'GET', `/api/${version}/arrays`, 200, arrays.body).errors).toBe('');
  });

  test('400 invalid_request: a missing field or an unsupported token type', async () => {
    const missing = await http.request('POST', url(), { rawBody: 'grant_type=x', headers: FORM });
    expect(missing.status).toBe(400);
    expectConforms(specs, 400, missing.body);
    const wrongType = await http.request('POST', url(), {
      rawBody: tokenRequestBody('a.b.c').replace('token-type%3Ajwt', 'token-type%3Asaml2'),
      headers: FORM,
    });
    expect(wrongType.status).toBe(400);
    expect((wrongType.body as { error: string }).error).toBe('invalid_request');
    expectConforms(specs, 400, wrongType.body);
  });

  test('401 invalid_client: a token signed with another key, or expired', async () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const forged = await http.request('POST', url(), {
      rawBody: tokenRequestBody(subjectToken({ ...credentials, privateKey: other }, Date.now())),
      headers: FORM,
    });
    expect(forged.status).toBe(401);
    expect((forged.body as { error: string }).error).toBe('invalid_client');
    expectConforms(specs, 401, forged.body);
    const expired = await http.request('POST', url(), {
      rawBody: tokenRequestBody(subjectToken(credentials, Date.now() - 3_600_000)),
      headers: FORM,
    });
    expect(expired.status).toBe(401);
    expectConforms(specs, 401, expired.body);
    // And a bearer token the array never issued is refused like a bad session.
    const base = fleet.arrays.find((a) => a.name === name)!.url;
    const refused = await http.request('GET', `${base}/api/${version}/arrays`, {
      headers: { authorization: 'Bearer not-a-token' },
    });
    expect(refused.status).toBe(401);
  });
});
