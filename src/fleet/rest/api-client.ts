// Logging in as an API client instead of with an API token: FlashArray and FlashBlade REST 2.x
// exchange a JWT the client signs with its private key for an OAuth 2.0 access token at
// `POST /oauth2/1.0/token` (form-urlencoded grant_type / subject_token / subject_token_type; see
// the specs' `OauthToken200/400/401`). The JWT is RS256 with header `kid` = the client's key id
// and claims `aud` = client id, `iss` = issuer, `sub` = the array user, `iat`/`exp`. The spec
// says milliseconds for those two, but Pure's own clients (py-pure-client's TokenManager, the CBS
// provider) send Unix seconds, which is what arrays are known to accept: seconds it is. Calls
// then send `Authorization: Bearer`.
// node:crypto signs; the key stays a KeyObject, which never prints its material.

import { createSign, randomUUID, type KeyObject } from 'node:crypto';

export const OAUTH_TOKEN_PATH = '/oauth2/1.0/token';
/** How long the identity token is valid; it is exchanged at once, so a short life is enough. */
const SUBJECT_TOKEN_LIFETIME_MS = 5 * 60_000;

export interface ApiClientCredentials {
  /** The API client's id (`aud`). */
  readonly clientId: string;
  /** The id of the client's key pair on the array (`kid`). */
  readonly keyId: string;
  /** The client's issuer as registered on the array (`iss`). */
  readonly issuer: string;
  /** The array user the access token is for (`sub`). */
  readonly user: string;
  readonly privateKey: KeyObject;
}

const base64url = (data: string | Buffer): string => Buffer.from(data).toString('base64url');

/** A signed identity token for one exchange. */
export function subjectToken(client: ApiClientCredentials, nowMs: number): string {
  const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: client.keyId }));
  const claims = base64url(
    JSON.stringify({
      aud: client.clientId,
      sub: client.user,
      iss: client.issuer,
      iat: Math.floor(nowMs / 1000),
      exp: Math.floor((nowMs + SUBJECT_TOKEN_LIFETIME_MS) / 1000),
      jti: randomUUID(),
    }),
  );
  const signer = createSign('RSA-SHA256');
  signer.update(`${header}.${claims}`);
  return `${header}.${claims}.${base64url(signer.sign(client.privateKey))}`;
}

/** The form body of the token request. */
export function tokenRequestBody(jwt: string): string {
  return new URLSearchParams({
    grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
    subject_token: jwt,
    subject_token_type: 'urn:ietf:params:oauth:token-type:jwt',
  }).toString();
}

/** The access token of a 200 answer, or undefined when the body has none. */
export function accessTokenOf(data: unknown): string | undefined {
  if (!data || typeof data !== 'object') return undefined;
  const token = (data as { access_token?: unknown }).access_token;
  return typeof token === 'string' && token !== '' ? token : undefined;
}

/** Why the array refused the exchange, from its OAuth error body (never the token itself). */
export function refusalOf(status: number, data: unknown): string {
  if (data && typeof data === 'object') {
    const { error, error_description: description } = data as {
      error?: unknown;
      error_description?: unknown;
    };
    if (typeof error === 'string') {
      return `the API client was refused (${error}${typeof description === 'string' ? `: ${description.slice(0, 200)}` : ''})`;
    }
  }
  return `the API client was refused (HTTP ${status})`;
}
