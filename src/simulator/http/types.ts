import type { IncomingHttpHeaders } from 'node:http';
import type { ApiVersion } from '../versions';
import type { QueryReader } from './query';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface ApiRequest {
  method: HttpMethod;
  path: string;
  /** The version from the path; null for unversioned paths such as FlashBlade's /api/login. */
  version: ApiVersion | null;
  /** The path after /api/<version>/ (or /api/), e.g. `volumes`, `arrays/space`. */
  resource: string;
  query: QueryReader;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body; undefined when the request had none. */
  body: unknown;
  requestId: string;
}

export interface ApiResult {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface RouteDefinition {
  method: HttpMethod;
  resource: string;
  /** Lowest 2.x minor version serving this route (py-pure-client's per-version modules show when each appeared). */
  sinceMinor?: number;
  /** Served without a version in the path (FlashBlade login/logout). */
  unversioned?: boolean;
  auth: boolean;
  /** Query parameters accepted, given the request's version. */
  params: (v: ApiVersion | null) => readonly string[];
  body: 'none' | 'optional' | 'required';
  handle: (req: ApiRequest) => ApiResult;
}
