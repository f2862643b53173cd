// The GET pipeline shared by every collection: names/ids selection, the
// `destroyed` switch, `filter`, `sort`, `offset`, `limit`, continuation
// tokens, totals, and the response envelope of each product family
// (FlashArray has `more_items_remaining` and `total` as a list; FlashBlade has
// neither field and `total` as an object).
import { createHash } from 'node:crypto';
import { PureApiError, badRequest, type PureErrorItem } from '../errors';
import { FilterSyntaxError, evaluateFilter, filterProperties, parseFilter, type FilterNode } from '../filter';
import { atLeast, type ApiVersion } from '../versions';
import type { ApiRequest, ApiResult } from './types';

export type Family = 'flasharray' | 'flashblade';

/** Largest page served; bigger `limit`s are capped, as the spec says the system does. */
export const MAX_PAGE_SIZE = 10_000;

export const LIST_PARAMS = ['filter', 'limit', 'offset', 'sort', 'continuation_token'] as const;

export interface ListSpec<T> {
  family: Family;
  /** What the objects are called in errors, e.g. "Volume". */
  kind: string;
  items: Iterable<T>;
  seq: (item: T) => number;
  serialize: (item: T) => Record<string, unknown>;
  /** The item's JSON text, if the resource caches it; saves re-encoding large pages. */
  serializeJson?: (item: T) => string;
  /** `serialize` returns cached objects already, so no per-request memo is needed. */
  serializeIsCached?: boolean;
  /** Resolves one element of `names`; undefined = does not exist. */
  byName?: (name: string) => T | undefined;
  byId?: (id: string) => T | undefined;
  destroyed?: (item: T) => boolean;
  tags?: (item: T) => Array<{ key: string; value: string }>;
  /** Top-level fields that `filter` and `sort` may name. */
  fields: ReadonlySet<string>;
  /** Aggregate row for `total_only` / `total`. */
  total?: (items: T[]) => Record<string, unknown>;
}

interface TokenPayload {
  a: number;
  h: string;
}

function queryHash(req: ApiRequest): string {
  const parts = ['names', 'ids', 'destroyed', 'filter'].map((k) => `${k}=${req.query.string(k) ?? ''}`);
  return createHash('sha1')
    .update(`${req.resource}|${parts.join('&')}`)
    .digest('hex')
    .slice(0, 12);
}

function encodeToken(p: TokenPayload): string {
  return Buffer.from(JSON.stringify(p)).toString('base64');
}

function decodeToken(token: string): TokenPayload {
  try {
    if (!/^[A-Za-z0-9+/=_-]{1,512}$/.test(token)) throw new Error('shape');
    const p = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as unknown;
    if (
      p !== null &&
      typeof p === 'object' &&
      typeof (p as TokenPayload).a === 'number' &&
      typeof (p as TokenPayload).h === 'string'
    ) {
      return p as TokenPayload;
    }
  } catch {
    // fall through
  }
  throw badRequest('Invalid continuation_token.', 'continuation_token');
}

function parseFilterParam(text: string | undefined, fields: ReadonlySet<string>): FilterNode | undefined {
  if (text === undefined) return undefined;
  let node: FilterNode;
  try {
    node = parseFilter(text);
  } catch (e) {
    if (e instanceof FilterSyntaxError) throw badRequest(`Invalid filter: ${e.message}`, 'filter');
    throw e;
  }
  for (const f of filterProperties(node)) {
    if (!fields.has(f))
      throw badRequest(`Invalid filter: '${f.slice(0, 64)}' is not a field of this resource.`, 'filter');
  }
  return node;
}

interface SortKey {
  path: string[];
  descending: boolean;
}

function parseSort(text: string | undefined, fields: ReadonlySet<string>): SortKey[] | undefined {
  if (text === undefined) return undefined;
  const keys = text.split(',').map((raw) => {
    let s = raw.trim();
    let descending = false;
    if (s.startsWith('-')) {
      descending = true;
      s = s.slice(1);
    } else if (s.endsWith('-')) {
      // py-pure-client's Property.descending() appends the minus sign.
      descending = true;
      s = s.slice(0, -1);
    }
    const path = s.split('.');
    if (!/^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)*$/i.test(s) || !fields.has(path[0] as string)) {
      throw badRequest(`Invalid sort field '${s.slice(0, 64)}'.`, 'sort');
    }
    return { path, descending };
  });
  return keys;
}

function valueAt(obj: Record<string, unknown>, path: string[]): unknown {
  let v: unknown = obj;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[p];
  }
  return v;
}

function compareValues(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === undefined || a === null) return -1;
  if (b === undefined || b === null) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return a ? 1 : -1;
  return String(a).localeCompare(String(b));
}

export function tokensSupported(family: Family, v: ApiVersion): boolean {
  // FlashArray 2.0 has no continuation_token (py-pure-client's 2.1 module is the first with it).
  return family === 'flashblade' || atLeast(v, 2, 1);
}

export function listItems<T>(req: ApiRequest, spec: ListSpec<T>): ApiResult {
  const q = req.query;
  const version = req.version as ApiVersion;
  const names = q.list('names');
  const ids = q.list('ids');
  if (names && ids) throw badRequest('The names and ids parameters cannot be used together.', 'names');
  const destroyed = q.bool('destroyed');
  const allowErrors = q.bool('allow_errors') ?? false;
  const filter = parseFilterParam(q.string('filter'), spec.fields);
  const sort = parseSort(q.string('sort'), spec.fields);
  const requestedLimit = q.int('limit', 0, 2 ** 31 - 1);
  const limit = requestedLimit === undefined ? undefined : Math.min(requestedLimit, MAX_PAGE_SIZE);
  const offset = q.int('offset', 0, 2 ** 31 - 1) ?? 0;
  const tokenText = q.string('continuation_token');
  const token = tokenText !== undefined && tokenText !== '' ? decodeToken(tokenText) : undefined;
  if (token && token.h !== queryHash(req)) {
    throw badRequest('The continuation_token does not belong to this query.', 'continuation_token');
  }
  const wantTotalCount = q.bool('total_item_count') ?? false;
  const totalOnly = q.bool('total_only') ?? false;

  const errors: PureErrorItem[] = [];
  let selected: T[];
  const lookup = names ? spec.byName : ids ? spec.byId : undefined;
  const keys = names ?? ids;
  if (keys && lookup) {
    selected = [];
    const seen = new Set<T>();
    for (const key of keys) {
      const item = lookup(key);
      let problem: string | undefined;
      if (!item) problem = `${spec.kind} does not exist.`;
      else if (destroyed === true && spec.destroyed && !spec.destroyed(item))
        problem = `${spec.kind} is not destroyed.`;
      else if (destroyed === false && spec.destroyed && spec.destroyed(item))
        problem = `${spec.kind} has been destroyed.`;
      if (problem) {
        errors.push({ context: key, message: problem });
      } else if (item && !seen.has(item)) {
        seen.add(item);
        selected.push(item);
      }
    }
    if (errors.length > 0 && !allowErrors) throw new PureApiError(400, errors);
  } else {
    selected = [];
    for (const item of spec.items) {
      if (destroyed !== undefined && spec.destroyed && spec.destroyed(item) !== destroyed) continue;
      selected.push(item);
    }
  }

  const serialized = new Map<T, Record<string, unknown>>();
  const ser = spec.serializeIsCached
    ? spec.serialize
    : (item: T): Record<string, unknown> => {
        let s = serialized.get(item);
        if (!s) {
          s = spec.serialize(item);
          serialized.set(item, s);
        }
        return s;
      };
  if (filter) {
    const tagsOf = spec.tags;
    selected = selected.filter((item) =>
      evaluateFilter(filter, ser(item), tagsOf ? { tags: () => tagsOf(item) } : {}),
    );
  }
  if (sort) {
    selected.sort((a, b) => {
      for (const k of sort) {
        const c = compareValues(valueAt(ser(a), k.path), valueAt(ser(b), k.path));
        if (c !== 0) return k.descending ? -c : c;
      }
      return spec.seq(a) - spec.seq(b);
    });
  }
  const totalCount = selected.length;
  let start = offset;
  if (token && !sort) {
    const idx = selected.findIndex((i) => spec.seq(i) > token.a);
    start = idx < 0 ? selected.length : idx;
  }
  const end = limit === undefined ? selected.length : Math.min(selected.length, start + limit);
  const page = totalOnly ? [] : selected.slice(start, end);
  const more = !totalOnly && end < selected.length;

  const body: Record<string, unknown> = {};
  let continuation: string | undefined;
  if (
    more &&
    !sort &&
    limit !== undefined &&
    limit > 0 &&
    tokensSupported(spec.family, version) &&
    page.length > 0
  ) {
    continuation = encodeToken({ a: spec.seq(page[page.length - 1] as T), h: queryHash(req) });
    body.continuation_token = continuation;
  }
  if (spec.family === 'flasharray') body.more_items_remaining = more;
  if (spec.family === 'flashblade' || wantTotalCount || limit === 0) body.total_item_count = totalCount;
  if (errors.length > 0) body.errors = errors;
  if (totalOnly && spec.total) {
    const row = spec.total(selected);
    body.total = spec.family === 'flasharray' ? [row] : row;
  }
  const headers = continuation ? { 'x-next-token': continuation } : undefined;
  const status = errors.length > 0 ? 207 : 200;
  if (spec.serializeJson && page.length > 0) {
    // Splice the cached item texts into the envelope instead of encoding them again.
    const json = spec.serializeJson;
    const head = JSON.stringify({ ...body, items: [] });
    const at = head.indexOf('"items":[]') + '"items":['.length;
    return {
      status,
      headers,
      body: `${head.slice(0, at)}${page.map((i) => json(i)).join(',')}${head.slice(at)}`,
    };
  }
  body.items = page.map(ser);
  return { status, body, headers };
}

/** Resolves `names` or `ids` for a write (PATCH/DELETE): exactly one of them, every element must exist. */
export function resolveTargets<T>(
  req: ApiRequest,
  kind: string,
  byName: (n: string) => T | undefined,
  byId: ((id: string) => T | undefined) | undefined,
): T[] {
  const names = req.query.list('names');
  const ids = byId ? req.query.list('ids') : undefined;
  if (names && ids) throw badRequest('The names and ids parameters cannot be used together.', 'names');
  if (!names && !ids)
    throw badRequest(byId ? 'Either names or ids is required.' : 'names is required.', 'names');
  const out: T[] = [];
  const errors: PureErrorItem[] = [];
  for (const key of (names ?? ids) as string[]) {
    const item = names ? byName(key) : (byId as (id: string) => T | undefined)(key);
    if (!item) errors.push({ context: key, message: `${kind} does not exist.` });
    else if (!out.includes(item)) out.push(item);
  }
  if (errors.length > 0) throw new PureApiError(400, errors);
  return out;
}
