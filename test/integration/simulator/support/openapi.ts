// Validates simulator responses against Pure's official OpenAPI specs, read
// from ../shared/pure-openapi (never copied into the project). Ajv (draft
// 2019-09 mode) compiles the spec's own schemas with its $refs; every object
// position additionally gets `unevaluatedProperties: false`, so a response
// with a field the spec of that version does not define fails too.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2019 from 'ajv/dist/2019';
import type { ValidateFunction } from 'ajv';
import YAML from 'yaml';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..', '..');
export const SPEC_DIR =
  process.env.PURE_OPENAPI_DIR ?? path.resolve(REPO_ROOT, '..', 'shared', 'pure-openapi');

export type SpecName = 'FA2.0' | 'FA2.56' | 'FB2.0' | 'FB2.28';

type Json = Record<string, unknown>;

interface OpenApiDoc {
  paths: Record<string, Record<string, { responses?: Record<string, SpecResponse> }>>;
  components: { schemas: Record<string, Json>; responses?: Record<string, SpecResponse> };
}

/** A response of an operation: inline, or a $ref to components/responses (the OAuth token endpoint). */
interface SpecResponse {
  $ref?: string;
  content?: Record<string, { schema?: Json }>;
}

/** Parsing the big YAML specs takes seconds; a JSON copy keyed by the file's size and mtime is reused. */
function loadSpec(name: SpecName): OpenApiDoc {
  const file = path.join(SPEC_DIR, `${name}.spec.yaml`);
  const st = statSync(file);
  const key = createHash('sha1').update(`${file}:${st.size}:${st.mtimeMs}`).digest('hex').slice(0, 12);
  const cacheDir = path.join(REPO_ROOT, '.cache', 'openapi');
  const cached = path.join(cacheDir, `${name}.${key}.json`);
  if (existsSync(cached)) return JSON.parse(readFileSync(cached, 'utf8')) as OpenApiDoc;
  const doc = YAML.parse(readFileSync(file, 'utf8')) as OpenApiDoc;
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(cached, JSON.stringify(doc));
  return doc;
}

const COMPOSITION = ['allOf', 'oneOf', 'anyOf'] as const;

/** Adds `unevaluatedProperties: false` at every value position (not inside allOf/oneOf/anyOf members). */
function strict(schema: unknown, inComposition: boolean): unknown {
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) return schema;
  const s = schema as Json;
  if (typeof s.$ref === 'string') return inComposition ? s : { allOf: [s], unevaluatedProperties: false };
  const out: Json = { ...s };
  if (s.properties && typeof s.properties === 'object') {
    out.properties = Object.fromEntries(
      Object.entries(s.properties as Json).map(([k, v]) => [k, strict(v, false)]),
    );
  }
  if (s.items) out.items = strict(s.items, false);
  if (s.additionalProperties && typeof s.additionalProperties === 'object') {
    out.additionalProperties = strict(s.additionalProperties, false);
  }
  for (const k of COMPOSITION) {
    if (Array.isArray(s[k])) out[k] = (s[k] as unknown[]).map((x) => strict(x, true));
  }
  const objectLike = s.properties !== undefined || COMPOSITION.some((k) => s[k] !== undefined);
  if (!inComposition && objectLike && s.additionalProperties === undefined) out.unevaluatedProperties = false;
  return out;
}

const INT32 = 2 ** 31;
const INT64 = 2 ** 63;

export interface ValidationOutcome {
  ok: boolean;
  errors: string;
}

export class SpecValidator {
  private readonly ajv: Ajv2019;
  private readonly doc: OpenApiDoc;
  private readonly cache = new Map<string, ValidateFunction>();
  private readonly id: string;

  constructor(readonly name: SpecName) {
    this.doc = loadSpec(name);
    this.id = `urn:pure:${name}`;
    this.ajv = new Ajv2019({ strict: false, allErrors: true, validateFormats: true });
    this.ajv.addFormat('int32', {
      type: 'number',
      validate: (n: number) => Number.isInteger(n) && n >= -INT32 && n < INT32,
    });
    this.ajv.addFormat('int64', {
      type: 'number',
      validate: (n: number) => Number.isInteger(n) && Math.abs(n) <= INT64,
    });
    // The OAuth token response's expires_in.
    this.ajv.addFormat('uint32', {
      type: 'number',
      validate: (n: number) => Number.isInteger(n) && n >= 0 && n < 2 ** 32,
    });
    this.ajv.addFormat('float', { type: 'number', validate: (n: number) => Number.isFinite(n) });
    this.ajv.addFormat('double', { type: 'number', validate: (n: number) => Number.isFinite(n) });
    this.ajv.addFormat('date-time', true);
    this.ajv.addFormat('date', true);
    this.ajv.addFormat('password', true);
    this.ajv.addFormat('binary', true);
    this.ajv.addFormat('byte', true);
    this.ajv.addFormat('uri', true);
    this.ajv.addFormat('email', true);
    const schemas = Object.fromEntries(
      Object.entries(this.doc.components.schemas).map(([k, v]) => [k, strict(v, true)]),
    );
    this.ajv.addSchema({ $id: this.id, components: { schemas } });
  }

  hasPath(p: string, method: string): boolean {
    return this.doc.paths[p]?.[method.toLowerCase()] !== undefined;
  }

  /** The JSON response schema the spec gives for (path, method, status), or 'no-content', or undefined. */
  responseSchema(p: string, method: string, status: number): Json | 'no-content' | undefined {
    const op = this.doc.paths[p]?.[method.toLowerCase()];
    if (!op?.responses) return undefined;
    let resp = op.responses[String(status)];
    if (resp?.$ref) resp = this.doc.components.responses?.[resp.$ref.replace('#/components/responses/', '')];
    if (!resp) return undefined;
    const schema = resp.content?.['application/json']?.schema;
    return schema ?? 'no-content';
  }

  private compile(key: string, schema: Json): ValidateFunction {
    let v = this.cache.get(key);
    if (!v) {
      const rewritten = JSON.parse(
        JSON.stringify(strict(schema, false)).replace(/"#\/components\//g, `"${this.id}#/components/`),
      ) as Json;
      v = this.ajv.compile(rewritten);
      this.cache.set(key, v);
    }
    return v;
  }

  validate(key: string, schema: Json, body: unknown): ValidationOutcome {
    const fn = this.compile(key, schema);
    const ok = fn(body) as boolean;
    return { ok, errors: ok ? '' : this.ajv.errorsText(fn.errors, { separator: '\n' }) };
  }

  /** Pure's error envelope: `{errors:[{context,message,...}]}` with the spec's own error item schema. */
  errorSchema(): Json {
    const item = this.doc.components.schemas._errorcontextresponseErrors
      ? '_errorcontextresponseErrors'
      : '_errorContextResponseErrors';
    if (this.doc.components.schemas[item]) {
      return {
        type: 'object',
        required: ['errors'],
        properties: {
          errors: { type: 'array', minItems: 1, items: { $ref: `#/components/schemas/${item}` } },
        },
      };
    }
    // FA 2.0 declares no error item; the shape clients parse is the same.
    return {
      type: 'object',
      required: ['errors'],
      properties: {
        errors: {
          type: 'array',
          minItems: 1,
          items: {
            type: 'object',
            required: ['message'],
            properties: { context: { type: 'string' }, message: { type: 'string' } },
          },
        },
      },
    };
  }
}

const validators = new Map<SpecName, SpecValidator>();
export function specValidator(name: SpecName): SpecValidator {
  let v = validators.get(name);
  if (!v) {
    v = new SpecValidator(name);
    validators.set(name, v);
  }
  return v;
}

export const GATEWAY_ERROR_SCHEMA: Json = {
  type: 'object',
  required: ['message'],
  properties: { message: { type: 'string' } },
};

/**
 * Checks one response against the spec of the version in its path: FA 2.0
 * paths against FA2.0, other FA versions against FA2.56 (the simulator serves
 * the 2.56 shape there), FB 2.0 against FB2.0, other FB versions against FB2.28.
 */
export function checkResponse(
  family: 'flasharray' | 'flashblade',
  method: string,
  urlPath: string,
  status: number,
  body: unknown,
): ValidationOutcome & { spec: SpecName; specPath: string } {
  const m = /^\/api\/(?:([0-9]+\.[0-9]+)\/)?(.*)$/.exec(urlPath);
  if (!m) throw new Error(`not an API path: ${urlPath}`);
  const version = m[1];
  const rest = m[2] as string;
  const highest = family === 'flasharray' ? '2.56' : '2.28';
  const specName =
    `${family === 'flasharray' ? 'FA' : 'FB'}${version === '2.0' ? '2.0' : highest}` as SpecName;
  const v = specValidator(specName);
  const specPath =
    version === undefined ? `/api/${rest}` : `/api/${version === '2.0' ? '2.0' : highest}/${rest}`;
  if (status === 429)
    return { ...v.validate('gateway', GATEWAY_ERROR_SCHEMA, body), spec: specName, specPath };
  if (status >= 400) return { ...v.validate('error', v.errorSchema(), body), spec: specName, specPath };
  const schema = v.responseSchema(specPath, method, status);
  if (schema === undefined) {
    return {
      ok: false,
      errors: `the spec has no ${method} ${specPath} response ${status}`,
      spec: specName,
      specPath,
    };
  }
  if (schema === 'no-content') {
    return {
      ok: body === undefined,
      errors: body === undefined ? '' : 'expected an empty body',
      spec: specName,
      specPath,
    };
  }
  return { ...v.validate(`${method} ${specPath} ${status}`, schema, body), spec: specName, specPath };
}
