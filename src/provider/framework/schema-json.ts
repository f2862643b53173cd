// The provider's schema as `terraform providers schema -json` prints it, from the same
// GetProviderSchema response Terraform receives over gRPC (wire-schema.ts stays the one place
// that turns framework schemas into wire schemas). The mapping follows Terraform's
// internal/command/jsonprovider: Go structs in field order, maps with sorted keys, `omitempty` on
// everything but `version` and `description_kind`, and Go's HTML-safe string escaping, so the
// output is byte-for-byte what Terraform prints (checked by test/e2e/schema-json.test.ts).

import type {
  GetProviderSchemaResponse,
  StringKind,
  WireSchema,
  WireSchemaAttribute,
  WireSchemaBlock,
  WireSchemaNestedBlock,
  WireSchemaObject,
} from '../protocol/messages';

/** A JSON value in the order it is to be printed; `undefined` members are left out (omitempty). */
type Json = string | number | boolean | null | readonly Json[] | { readonly [key: string]: Json | undefined };

const omitFalse = (v: boolean | undefined): true | undefined => (v === true ? true : undefined);
const omitZero = (v: number | undefined): number | undefined => (v ? v : undefined);
const omitBlank = (v: string | undefined): string | undefined => (v ? v : undefined);

function kind(k: StringKind | undefined): string {
  return k === 'MARKDOWN' ? 'markdown' : 'plain';
}

/** Go marshals maps with sorted keys; cty type JSON is made of such maps and arrays. */
function sortedKeys(value: unknown): Json {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(record)
        .sort()
        .map((k) => [k, sortedKeys(record[k])]),
    );
  }
  return value as Json;
}

function byName<T>(items: readonly T[], name: (t: T) => string, map: (t: T) => Json): Json | undefined {
  if (items.length === 0) return undefined;
  return Object.fromEntries(
    [...items]
      .sort((a, b) => (name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0))
      .map((t) => [name(t), map(t)]),
  );
}

function nestedType(o: WireSchemaObject): Json {
  return {
    attributes: byName(o.attributes, (a) => a.name, attribute),
    nesting_mode: o.nesting.toLowerCase(),
  };
}

function attribute(a: WireSchemaAttribute): Json {
  return {
    type:
      a.type && a.type.length > 0 ? sortedKeys(JSON.parse(Buffer.from(a.type).toString('utf8'))) : undefined,
    nested_type: a.nested_type ? nestedType(a.nested_type) : undefined,
    description: omitBlank(a.description),
    description_kind: kind(a.description_kind),
    deprecated: omitFalse(a.deprecated),
    required: omitFalse(a.required),
    optional: omitFalse(a.optional),
    computed: omitFalse(a.computed),
    sensitive: omitFalse(a.sensitive),
  };
}

function blockType(b: WireSchemaNestedBlock): Json {
  return {
    nesting_mode: b.nesting.toLowerCase(),
    block: block(b.block),
    min_items: omitZero(b.min_items),
    max_items: omitZero(b.max_items),
  };
}

function block(b: WireSchemaBlock): Json {
  return {
    attributes: byName(b.attributes, (a) => a.name, attribute),
    block_types: byName(b.block_types, (t) => t.type_name, blockType),
    description: omitBlank(b.description),
    description_kind: kind(b.description_kind),
    deprecated: omitFalse(b.deprecated),
  };
}

function schema(s: WireSchema): Json {
  return { version: s.version, block: block(s.block) };
}

function schemaMap(schemas: Record<string, WireSchema> | undefined): Json | undefined {
  const entries = Object.entries(schemas ?? {});
  return byName(
    entries,
    ([name]) => name,
    ([, s]) => schema(s),
  );
}

/** JSON.stringify plus what Go's encoder adds: `<`, `>`, `&`, U+2028 and U+2029 as \u escapes. */
function goJson(value: Json): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * The document `terraform providers schema -json` prints for a configuration that uses only this
 * provider, keyed by `address` (e.g. `registry.terraform.io/pure-fleet/pure`), newline-terminated.
 */
export function providersSchemaJson(response: GetProviderSchemaResponse, address: string): string {
  const provider: Json = {
    provider: schema(response.provider),
    resource_schemas: schemaMap(response.resource_schemas),
    data_source_schemas: schemaMap(response.data_source_schemas),
  };
  return `${goJson({ format_version: '1.0', provider_schemas: { [address]: provider } })}\n`;
}
