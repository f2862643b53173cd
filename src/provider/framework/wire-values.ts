// Between the wire and the framework's models: DynamicValue bytes ↔ cty values, framework
// diagnostics and paths → tfplugin6's, and a resource's result conformed to its schema type
// before it is encoded (so a resource's bug is reported, never sent to Terraform).

import { decodeJSON } from '../cty/json';
import { decodeMsgpack, encodeMsgpack } from '../cty/msgpack';
import { CtyNumber } from '../cty/number';
import type { AttributePath } from '../cty/path';
import { formatPath } from '../cty/path';
import type { CtyType, ObjectType } from '../cty/types';
import type { CtyObject, CtyValue } from '../cty/value';
import { DynamicValue, Unknown, ctyObject, isCtyObject, isWhollyKnown } from '../cty/value';
import type * as wire from '../protocol/messages';
import type { Diagnostics } from './diagnostics';
import { DiagnosticError } from './diagnostics';
import type { SchemaDefinition } from './schema';

const MSGPACK_NULL = new Uint8Array([0xc0]);

export function toWirePath(path: AttributePath): wire.WireAttributePath {
  return {
    steps: path.map((step) =>
      'attribute' in step
        ? { attribute_name: step.attribute }
        : 'key' in step
          ? { element_key_string: step.key }
          : { element_key_int: step.index },
    ),
  };
}

export function toWireDiagnostics(diags: Diagnostics): wire.Diagnostic[] {
  return diags.all.map((d) => ({
    severity: d.severity === 'error' ? 'ERROR' : 'WARNING',
    summary: d.summary,
    detail: d.detail ?? '',
    ...(d.path && d.path.length > 0 ? { attribute: toWirePath(d.path) } : {}),
  }));
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** A value decoded from Terraform; `undefined` input (field absent) is null. */
export function decodeDynamic(value: wire.DynamicValue | null | undefined, type: CtyType): CtyValue {
  if (!value) return null;
  if (value.msgpack && value.msgpack.length > 0) return decodeMsgpack(value.msgpack, type);
  if (value.json && value.json.length > 0) return decodeJSON(value.json, type);
  return null;
}

/**
 * Two values of one type, the second decoded only if its bytes differ from the first's: for a
 * new resource Terraform's proposed new state is the configuration itself, byte for byte, and
 * decoding it once is half of that request's decoding. Equal bytes give the same (shared) value;
 * the framework and resources treat decoded values as read-only.
 */
export function decodeDynamicPair(
  first: wire.DynamicValue | null | undefined,
  second: wire.DynamicValue | null | undefined,
  type: CtyType,
): [CtyValue, CtyValue] {
  const a = decodeDynamic(first, type);
  const x = first?.msgpack;
  const y = second?.msgpack;
  if (x && y && x.length > 0 && sameBytes(x, y)) return [a, a];
  return [a, decodeDynamic(second, type)];
}

function sameBytes(x: Uint8Array, y: Uint8Array): boolean {
  return Buffer.from(x.buffer, x.byteOffset, x.byteLength).equals(y);
}

export function encodeDynamic(value: CtyValue, type: CtyType): wire.DynamicValue {
  return { msgpack: value === null ? MSGPACK_NULL : encodeMsgpack(value, type) };
}

/**
 * Brings a model a resource returned into the exact shape of its type: absent attributes become
 * null, JavaScript numbers become exact cty numbers. Anything else that does not fit is a bug in
 * the resource, reported as such rather than sent to Terraform.
 */
export function conform(value: unknown, type: CtyType, path: AttributePath): CtyValue {
  if (value === null || value === undefined) return null;
  if (value instanceof Unknown) return value;
  switch (type.kind) {
    case 'number':
      if (typeof value === 'number' || typeof value === 'bigint') return CtyNumber.of(value);
      if (value instanceof CtyNumber) return value;
      break;
    case 'string':
      if (typeof value === 'string') return value;
      break;
    case 'bool':
      if (typeof value === 'boolean') return value;
      break;
    case 'dynamic':
      if (value instanceof DynamicValue) return value;
      break;
    case 'list':
    case 'set':
      if (Array.isArray(value))
        return value.map((v, index) => conform(v, type.element, [...path, { index }]));
      break;
    case 'tuple':
      if (Array.isArray(value) && value.length === type.elements.length) {
        return value.map((v, index) => conform(v, type.elements[index] as CtyType, [...path, { index }]));
      }
      break;
    case 'map':
      if (isCtyObject(value as CtyValue)) {
        return ctyObject(
          Object.entries(value as CtyObject).map(([key, v]) => [
            key,
            conform(v, type.element, [...path, { key }]),
          ]),
        );
      }
      break;
    case 'object':
      if (isCtyObject(value as CtyValue)) {
        const object = value as CtyObject;
        for (const key of Object.keys(object)) {
          if (!(key in type.attributes)) {
            throw new DiagnosticError(
              'Provider bug',
              `the result has an attribute "${key}" the schema does not declare`,
              path,
            );
          }
        }
        return ctyObject(
          Object.entries(type.attributes).map(([name, attributeType]) => [
            name,
            conform(object[name], attributeType, [...path, { attribute: name }]),
          ]),
        );
      }
      break;
  }
  throw new DiagnosticError(
    'Provider bug',
    `the value at ${formatPath(path) || 'the top level'} does not fit the schema type ${type.kind}`,
    path,
  );
}

/** Apply, Read and Import results must be wholly known; an unknown there is the provider's bug. */
export function knownState(value: unknown, type: ObjectType): CtyObject {
  const conformed = conform(value, type, []);
  if (!isWhollyKnown(conformed)) {
    throw new DiagnosticError('Provider bug', 'the resource returned a state with values still unknown');
  }
  return conformed as CtyObject;
}

export function dedupePaths(paths: readonly AttributePath[]): AttributePath[] {
  const seen = new Map<string, AttributePath>();
  for (const p of paths) seen.set(JSON.stringify(p), p);
  return [...seen.values()];
}

/**
 * The configuration Terraform sends for a provider block that is absent: every attribute null,
 * list and set blocks empty, map blocks empty, single blocks null. A null configuration (which
 * Terraform itself never sends) is read as that, so validation reports what a user can act on.
 */
export function emptyConfig(schema: SchemaDefinition): CtyObject {
  return ctyObject([
    ...Object.keys(schema.attributes).map((name): [string, CtyValue] => [name, null]),
    ...Object.entries(schema.blocks).map(([name, block]): [string, CtyValue] => [
      name,
      block.nesting === 'list' || block.nesting === 'set'
        ? []
        : block.nesting === 'map'
          ? ctyObject([])
          : null,
    ]),
  ]);
}
