// A small validator for request bodies. The simulator must not depend on the
// OpenAPI files at run time, so each endpoint states its body shape here (the
// facts come from the specs: field names, types, ranges). Unknown fields,
// wrong types and out-of-range numbers become Pure-shaped 400s that name the
// field in `context`.
import { badRequest } from '../errors';

export type FieldSchema =
  | { type: 'boolean' }
  | { type: 'integer'; min?: number; max?: number }
  | { type: 'number'; min?: number; max?: number }
  | { type: 'string'; maxLength?: number; pattern?: RegExp; enum?: readonly string[]; patternHint?: string }
  | { type: 'emptyString' }
  | { type: 'oneOf'; options: FieldSchema[]; hint: string }
  | { type: 'object'; properties: Record<string, FieldSchema>; required?: readonly string[] }
  | { type: 'array'; items: FieldSchema; maxItems?: number; minItems?: number };

export function obj(properties: Record<string, FieldSchema>, required?: readonly string[]): FieldSchema {
  return { type: 'object', properties, required };
}

export const BOOL: FieldSchema = { type: 'boolean' };
export const STR: FieldSchema = { type: 'string', maxLength: 4096 };
export const REFERENCE: FieldSchema = obj({ id: STR, name: STR, resource_type: STR });

function describe(s: FieldSchema): string {
  switch (s.type) {
    case 'boolean':
      return 'true or false';
    case 'integer':
      return s.min !== undefined && s.max !== undefined
        ? `an integer from ${s.min} to ${s.max}`
        : s.min !== undefined
          ? `an integer of at least ${s.min}`
          : 'an integer';
    case 'number':
      return 'a number';
    case 'string':
      return s.enum ? `one of ${s.enum.join(', ')}` : (s.patternHint ?? 'a string');
    case 'emptyString':
      return 'an empty string';
    case 'oneOf':
      return s.hint;
    case 'object':
      return 'an object';
    case 'array':
      return 'a list';
  }
}

function fail(path: string, s: FieldSchema): never {
  const where = path || 'body';
  throw badRequest(`Invalid value for '${where}': expected ${describe(s)}.`, where);
}

function matches(value: unknown, s: FieldSchema, path: string): void {
  switch (s.type) {
    case 'boolean':
      if (typeof value !== 'boolean') fail(path, s);
      return;
    case 'integer':
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) fail(path, s);
      if ((s.min !== undefined && value < s.min) || (s.max !== undefined && value > s.max)) fail(path, s);
      return;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) fail(path, s);
      if ((s.min !== undefined && value < s.min) || (s.max !== undefined && value > s.max)) fail(path, s);
      return;
    case 'string':
      if (typeof value !== 'string') fail(path, s);
      if (s.maxLength !== undefined && value.length > s.maxLength) fail(path, s);
      if (s.enum && !s.enum.includes(value)) fail(path, s);
      if (s.pattern && !s.pattern.test(value)) fail(path, s);
      return;
    case 'emptyString':
      if (value !== '') fail(path, s);
      return;
    case 'oneOf':
      for (const option of s.options) {
        try {
          matches(value, option, path);
          return;
        } catch {
          // try the next option
        }
      }
      fail(path, s);
      return;
    case 'object': {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) fail(path, s);
      const rec = value as Record<string, unknown>;
      for (const [k, v] of Object.entries(rec)) {
        const child = s.properties[k];
        const childPath = path ? `${path}.${k}` : k;
        if (!child) throw badRequest(`Unknown field '${childPath.slice(0, 128)}'.`, childPath.slice(0, 128));
        if (v === null) throw badRequest(`Invalid value for '${childPath}': null is not allowed.`, childPath);
        matches(v, child, childPath);
      }
      for (const r of s.required ?? []) {
        if (rec[r] === undefined) {
          const childPath = path ? `${path}.${r}` : r;
          throw badRequest(`Missing required field '${childPath}'.`, childPath);
        }
      }
      return;
    }
    case 'array': {
      if (!Array.isArray(value)) fail(path, s);
      if (s.maxItems !== undefined && value.length > s.maxItems) {
        throw badRequest(`Too many elements in '${path}' (at most ${s.maxItems}).`, path);
      }
      if (s.minItems !== undefined && value.length < s.minItems) {
        throw badRequest(`Too few elements in '${path}' (at least ${s.minItems}).`, path);
      }
      value.forEach((v, i) => matches(v, s.items, `${path}[${i}]`));
      return;
    }
  }
}

/** Validates a parsed JSON body against `schema`; `undefined` (no body) is validated as `{}` when allowed. */
export function validateBody<T>(body: unknown, schema: FieldSchema): T {
  matches(body, schema, '');
  return body as T;
}
