// POST /oauth2/1.0/token, as FlashArray and FlashBlade REST 2.x define it (FA2.56/FB2.28
// `OauthToken200/400/401`, same in FA2.0/FB2.0): an OAuth 2.0 token exchange. The client sends,
// form-urlencoded, grant_type=urn:ietf:params:oauth:grant-type:token-exchange,
// subject_token_type=urn:ietf:params:oauth:token-type:jwt and subject_token=<JWT> signed (RS256)
// with the private key of an API client registered on the array: header `kid` = the client's key
// id, claims `aud` = its client id, `iss` = its issuer, `sub` = an array user, `iat` and `exp`
// (milliseconds since the epoch per the spec; seconds, as some clients send, are accepted too).
// The answer is an access token the client sends as `Authorization: Bearer <token>`. Like a real
// array's (the spec's example), it is a JWT whose claims are in seconds: Pure's Python client
// decodes `exp` to decide when to exchange again. Its `jti` is a session of the array's session
// table, so it expires and is revoked like a login session; its HMAC keeps forged ones out.
// Errors are OAuth-shaped, not Purity-shaped: 400 {error: "invalid_request"}, 401
// {error: "invalid_client"}.

import {
  createHmac,
  createPublicKey,
  randomBytes,
  timingSafeEqual,
  verify,
  type KeyObject,
} from 'node:crypto';
import type { SessionTable, SimClock } from '../runtime';
import type { ApiResult } from './types';

export const OAUTH_TOKEN_PATH = '/oauth2/1.0/token';
const GRANT_TYPE = 'urn:ietf:params:oauth:grant-type:token-exchange';
const JWT_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:jwt';
const ACCESS_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:access_token';
/** Users the simulated arrays know. */
const ARRAY_USERS = new Set(['pureuser']);

/** An API client as registered on an array (FA `POST /api-clients`, then enabled). */
export interface ApiClientRegistration {
  /** The client id (`aud`). */
  readonly id: string;
  /** The key id (`kid`). */
  readonly keyId: string;
  readonly issuer: string;
  /** PEM of the client's RSA public key. */
  readonly publicKey: string;
  readonly enabled?: boolean;
}

interface RegisteredClient {
  readonly registration: ApiClientRegistration;
  readonly key: KeyObject;
}

export class ApiClientRegistry {
  private readonly byId = new Map<string, RegisteredClient>();

  /** Registers (or replaces) a client; throws for a public key that does not parse. */
  register(registration: ApiClientRegistration): void {
    const key = createPublicKey(registration.publicKey);
    if (key.asymmetricKeyType !== 'rsa') throw new Error('the public key must be an RSA key');
    this.byId.set(registration.id, { registration, key });
  }

  get(id: string): RegisteredClient | undefined {
    return this.byId.get(id);
  }

  get size(): number {
    return this.byId.size;
  }
}

const json = (status: number, body: unknown): ApiResult => ({
  status,
  body,
  headers: { 'content-type': 'application/json' },
});
const invalidRequest = (description: string): ApiResult =>
  json(400, { error: 'invalid_request', error_description: description });
const invalidClient = (description: string): ApiResult =>
  json(401, { error: 'invalid_client', error_description: `Invalid identity: ${description}` });

function decodeSegment(segment: string): unknown {
  return JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
}

/** A time claim in ms: the spec says milliseconds, but a value below 10^11 can only be seconds. */
function claimMs(value: unknown): number | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value)) return undefined;
  return value < 1e11 ? value * 1000 : value;
}

function audiences(aud: unknown): string[] {
  if (typeof aud === 'string') return [aud];
  return Array.isArray(aud) ? aud.filter((a): a is string => typeof a === 'string') : [];
}

/** Handles one token request; never throws. */
export function exchangeToken(
  raw: Buffer | undefined,
  contentType: string | undefined,
  clients: ApiClientRegistry,
  sessions: SessionTable,
  clock: SimClock,
): ApiResult {
  if (contentType !== undefined && !/^application\/x-www-form-urlencoded\b/i.test(contentType)) {
    return invalidRequest('The request body must be application/x-www-form-urlencoded.');
  }
  const form = new URLSearchParams(raw?.toString('utf8') ?? '');
  const grantType = form.get('grant_type');
  const tokenType = form.get('subject_token_type');
  const token = form.get('subject_token');
  if (!grantType || !tokenType || !token)
    return invalidRequest('grant_type, subject_token and subject_token_type are required.');
  if (grantType !== GRANT_TYPE) return invalidRequest(`Unsupported grant_type: ${grantType.slice(0, 80)}`);
  if (tokenType !== JWT_TOKEN_TYPE)
    return invalidRequest(`Unsupported subject_token_type: ${tokenType.slice(0, 80)}`);

  const parts = token.split('.');
  if (parts.length !== 3) return invalidClient('JWT validation failed.');
  let header: Record<string, unknown>;
  let claims: Record<string, unknown>;
  try {
    header = decodeSegment(parts[0] as string) as Record<string, unknown>;
    claims = decodeSegment(parts[1] as string) as Record<string, unknown>;
  } catch {
    return invalidClient('JWT validation failed.');
  }
  if (header === null || typeof header !== 'object' || claims === null || typeof claims !== 'object')
    return invalidClient('JWT validation failed.');
  if (header.alg !== 'RS256') return invalidClient('JWT validation failed (the algorithm must be RS256).');
  const client = audiences(claims.aud)
    .map((id) => clients.get(id))
    .find((c) => c !== undefined);
  if (!client || client.registration.enabled === false)
    return invalidClient('unknown or disabled API client.');
  if (header.kid !== client.registration.keyId)
    return invalidClient('the key id does not match the API client.');
  if (claims.iss !== client.registration.issuer)
    return invalidClient('the issuer does not match the API client.');
  const signed = Buffer.from(`${parts[0]}.${parts[1]}`, 'utf8');
  const signature = Buffer.from(parts[2] as string, 'base64url');
  if (!verify('RSA-SHA256', signed, client.key, signature)) return invalidClient('JWT validation failed.');
  const now = clock.now();
  const exp = claimMs(claims.exp);
  const iat = claimMs(claims.iat);
  if (exp === undefined || exp <= now) return invalidClient('the identity token has expired.');
  if (iat !== undefined && iat > now + 5 * 60_000)
    return invalidClient('the identity token is not valid yet.');
  const user = claims.sub;
  if (typeof user !== 'string' || !ARRAY_USERS.has(user)) return invalidClient('no such user on the array.');
  const expiresIn = Math.floor(sessions.idleTimeoutMs / 1000);
  const issuedAt = Math.floor(now / 1000);
  return json(200, {
    access_token: signAccessToken({
      aud: client.registration.id,
      sub: user,
      iss: client.registration.issuer,
      iat: issuedAt,
      exp: issuedAt + expiresIn,
      jti: sessions.create(user),
    }),
    issued_token_type: ACCESS_TOKEN_TYPE,
    token_type: 'Bearer',
    expires_in: expiresIn,
  });
}

/** Signs the simulator's access tokens; per process, as a real array's key is its own. */
const ACCESS_TOKEN_KEY = randomBytes(32);

function mac(data: string): Buffer {
  return createHmac('sha256', ACCESS_TOKEN_KEY).update(data).digest();
}

function signAccessToken(claims: Record<string, unknown>): string {
  const header = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
  const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${header}.${body}.${mac(`${header}.${body}`).toString('base64url')}`;
}

/** The session id (`jti`) of an access token this simulator signed; undefined for anything else. */
export function accessTokenSession(token: string): string | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const expected = mac(`${parts[0]}.${parts[1]}`);
  const given = Buffer.from(parts[2] as string, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  try {
    const jti = (decodeSegment(parts[1] as string) as { jti?: unknown }).jti;
    return typeof jti === 'string' ? jti : undefined;
  } catch {
    return undefined;
  }
}

/** The session an `Authorization: Bearer <access token>` header names, if any. */
export function bearerSession(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  const match = value === undefined ? null : /^Bearer\s+(\S+)$/i.exec(value);
  return match?.[1] === undefined ? undefined : accessTokenSession(match[1]);
}
