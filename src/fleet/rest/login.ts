// How a session logs in, one class per credential: an API token (POST login with the `api-token`
// header, answered with an `x-auth-token` session; FlashBlade's login is unversioned) or an API
// client (a JWT exchanged for an OAuth 2.0 access token, api-client.ts, sent as
// `Authorization: Bearer`). The session keeps the transport, retries and the re-login on 401;
// these only say what to send and how to read the answer. A refusal is an AuthenticationError.

import type { AxiosResponse } from 'axios';
import {
  OAUTH_TOKEN_PATH,
  accessTokenOf,
  refusalOf,
  subjectToken,
  tokenRequestBody,
  type ApiClientCredentials,
} from './api-client';
import { AuthenticationError } from './errors';
import { Secret } from './secret';
import type { ArrayKind } from './versions';

/** What a login needs from its session. */
export interface LoginTransport {
  readonly arrayName: string;
  readonly kind: ArrayKind;
  /** One logical, retry-safe POST (repeating a login only opens another session). */
  post(url: string, headers: Record<string, string>, data?: string): Promise<AxiosResponse>;
  /** The error for an answer that is neither a session nor a refusal. */
  apiError(url: string, response: AxiosResponse): Error;
  /** Removes credentials from text that came from outside. */
  scrub(text: string): string;
  now(): number;
}

export interface LoginMethod {
  /** Logs in at the negotiated version; resolves to the credential of the session. */
  login(version: string, transport: LoginTransport): Promise<Secret>;
  /** The headers an authenticated call carries. */
  authHeaders(session: Secret): Record<string, string>;
  /** The logout request's path, or undefined when the credential has none. */
  logoutPath(kind: ArrayKind, version: string): string | undefined;
  /** The long-lived secret to scrub from messages, if it is a string. */
  readonly secret: Secret | undefined;
}

const REFUSED = new Set([401, 403]);

export class ApiTokenLogin implements LoginMethod {
  constructor(readonly secret: Secret) {}

  async login(version: string, t: LoginTransport): Promise<Secret> {
    // FlashBlade's login is unversioned; FlashArray's lives under the version.
    const path = t.kind === 'flashblade' ? '/api/login' : `/api/${version}/login`;
    const response = await t.post(path, { 'api-token': this.secret.reveal() });
    const header: unknown = response.headers['x-auth-token'];
    const token = Array.isArray(header) ? header[0] : header;
    if (response.status === 200 && typeof token === 'string' && token !== '') return new Secret(token);
    if (response.status === 200 || REFUSED.has(response.status)) {
      throw new AuthenticationError(
        t.arrayName,
        response.status === 200 ? 'the array returned no session token' : 'the API token was refused',
      );
    }
    throw t.apiError(path, response);
  }

  authHeaders(session: Secret): Record<string, string> {
    return { 'x-auth-token': session.reveal() };
  }

  logoutPath(kind: ArrayKind, version: string): string {
    return kind === 'flashblade' ? '/api/logout' : `/api/${version}/logout`;
  }
}

export class ApiClientLogin implements LoginMethod {
  readonly secret = undefined;

  constructor(private readonly client: ApiClientCredentials) {}

  async login(_version: string, t: LoginTransport): Promise<Secret> {
    const response = await t.post(
      OAUTH_TOKEN_PATH,
      { 'content-type': 'application/x-www-form-urlencoded' },
      tokenRequestBody(subjectToken(this.client, t.now())),
    );
    const token = response.status === 200 ? accessTokenOf(response.data) : undefined;
    if (token) return new Secret(token);
    // 400 invalid_request and 401 invalid_client are the spec's refusals.
    if (response.status === 200 || response.status === 400 || REFUSED.has(response.status)) {
      throw new AuthenticationError(
        t.arrayName,
        response.status === 200
          ? 'the array returned no access token'
          : t.scrub(refusalOf(response.status, response.data)),
      );
    }
    throw t.apiError(OAUTH_TOKEN_PATH, response);
  }

  authHeaders(session: Secret): Record<string, string> {
    return { authorization: `Bearer ${session.reveal()}` };
  }

  /** An access token has no logout; it expires on the array. */
  logoutPath(): undefined {
    return undefined;
  }
}
