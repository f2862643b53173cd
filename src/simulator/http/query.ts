// Typed, strict access to query parameters. Each endpoint declares the
// parameters it accepts; anything else, a repeated parameter, or a value of
// the wrong type is a Pure-shaped 400 naming the parameter.
import { badRequest } from '../errors';

const MAX_LIST_ELEMENTS = 1000;

export class QueryReader {
  private readonly values = new Map<string, string>();

  constructor(rawQuery: string) {
    if (rawQuery.length === 0) return;
    let params: URLSearchParams;
    try {
      params = new URLSearchParams(rawQuery);
    } catch {
      throw badRequest('The query string is malformed.', 'query');
    }
    for (const [k, v] of params) {
      if (this.values.has(k)) throw badRequest(`Query parameter '${k}' is given more than once.`, k);
      this.values.set(k, v);
    }
  }

  /** Rejects any parameter not in `allowed`. */
  restrictTo(allowed: ReadonlySet<string>): void {
    for (const k of this.values.keys()) {
      if (!allowed.has(k)) throw badRequest(`Unsupported query parameter '${k}'.`, k.slice(0, 64));
    }
  }

  has(name: string): boolean {
    return this.values.has(name);
  }

  keys(): string[] {
    return [...this.values.keys()];
  }

  string(name: string): string | undefined {
    return this.values.get(name);
  }

  nonEmptyString(name: string): string | undefined {
    const v = this.values.get(name);
    if (v === undefined) return undefined;
    if (v.length === 0) throw badRequest(`Query parameter '${name}' must not be empty.`, name);
    return v;
  }

  bool(name: string): boolean | undefined {
    const v = this.values.get(name);
    if (v === undefined) return undefined;
    const lower = v.toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
    throw badRequest(`Query parameter '${name}' must be true or false.`, name);
  }

  int(name: string, min: number, max: number): number | undefined {
    const v = this.values.get(name);
    if (v === undefined) return undefined;
    if (!/^-?[0-9]{1,16}$/.test(v)) throw badRequest(`Query parameter '${name}' must be an integer.`, name);
    const n = Number(v);
    if (n < min || n > max)
      throw badRequest(`Query parameter '${name}' must be between ${min} and ${max}.`, name);
    return n;
  }

  /** A comma-separated list (`names=a,b`); empty elements are an error. */
  list(name: string): string[] | undefined {
    const v = this.values.get(name);
    if (v === undefined) return undefined;
    const items = v.split(',').map((s) => s.trim());
    if (items.length > MAX_LIST_ELEMENTS) throw badRequest(`Too many values in '${name}'.`, name);
    if (items.some((s) => s.length === 0))
      throw badRequest(`Query parameter '${name}' has an empty element.`, name);
    return items;
  }
}
