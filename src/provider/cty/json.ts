// The JSON form of a cty value, as go-cty's cty/json reads and writes it. Terraform uses it in
// RawState.json (UpgradeResourceState) and a peer may use it in DynamicValue.json. Decoding is
// lenient the way cty/json is: a missing object attribute is null, and primitives convert
// ("12" for a number, 12 for a string, "true" for a bool). JSON cannot carry unknowns.

import { parse as parseLosslessJSON } from 'lossless-json';
import {
  expectArray,
  expectObject,
  expectTuple,
  normalisedMapEntries,
  objectAttributes,
  unwrapMatchingDynamic,
  wrongValue,
} from './conform';
import { mergeSetElements } from './msgpack';
import { CtyNumber } from './number';
import { checkJSONShape, checkValueSize } from './wire-limits';
import { compareUtf8 } from './order';
import type { AttributePath } from './path';
import { CtyDecodeError, CtyEncodeError, ROOT_PATH, appendStep } from './path';
import type { CtyType, ObjectType } from './types';
import { attributeNames, typeFromJSON, typeToJSONString } from './types';
import type { CtyObject, CtyValue } from './value';
import { DynamicValue, Unknown, ctyObject } from './value';

export { CtyDecodeError, CtyEncodeError } from './path';

export interface DecodeJSONOptions {
  /**
   * Drop object attributes the type does not declare, at any depth, instead of failing.
   * UpgradeResourceState needs this when a schema version removed attributes.
   */
  readonly ignoreUnknownAttributes?: boolean;
}

// ---------------------------------------------------------------------------------------------
// Decoding

/** The literal text of a JSON number, kept so no digit is lost to a double. */
class JSONNumberText {
  constructor(readonly text: string) {}
}

type JSONObject = Readonly<Record<string, unknown>>;

const utf8 = new TextDecoder('utf-8');

/** Decodes JSON text (or its UTF-8 bytes) as a value of the given type; throws only CtyDecodeError. */
export function decodeJSON(
  text: string | Uint8Array,
  type: CtyType,
  options: DecodeJSONOptions = {},
): CtyValue {
  // Bytes are measured before they are turned into text.
  if (typeof text !== 'string') checkValueSize(text.length);
  const source = typeof text === 'string' ? text : utf8.decode(text);
  checkJSONShape(source);
  const parsed = parseJSON(source);
  try {
    return readValue(parsed, type, ROOT_PATH, options);
  } catch (error) {
    if (error instanceof CtyDecodeError) throw error;
    throw new CtyDecodeError(ROOT_PATH, `cannot decode value: ${describeError(error)}`);
  }
}

function parseJSON(text: string): unknown {
  try {
    return parseLosslessJSON(text, null, {
      parseNumber: (digits) => new JSONNumberText(digits),
      // Go's decoder keeps the last of repeated keys; so does cty.
      onDuplicateKey: ({ newValue }) => newValue,
    });
  } catch (error) {
    throw new CtyDecodeError(ROOT_PATH, `invalid JSON: ${describeError(error)}`);
  }
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function isJSONObject(json: unknown): json is JSONObject {
  return typeof json === 'object' && json !== null && Object.getPrototypeOf(json) === Object.prototype;
}

function readValue(json: unknown, type: CtyType, path: AttributePath, options: DecodeJSONOptions): CtyValue {
  if (json === null) return null;
  switch (type.kind) {
    case 'dynamic':
      return readDynamic(json, path, options);
    case 'string':
      return readString(json, path);
    case 'number':
      return readNumber(json, path);
    case 'bool':
      return readBool(json, path);
    case 'list':
      return readElements(expectJSONArray(json, 'a list', path), type.element, path, options);
    case 'set':
      return mergeSetElements(
        readElements(expectJSONArray(json, 'a set', path), type.element, path, options),
        type.element,
      );
    case 'tuple': {
      const elements = expectJSONArray(json, 'a tuple', path);
      if (elements.length > type.elements.length) {
        throw new CtyDecodeError(path, `too many tuple elements (need ${type.elements.length})`);
      }
      if (elements.length < type.elements.length) {
        throw new CtyDecodeError(path, `not enough tuple elements (need ${type.elements.length})`);
      }
      return elements.map((item, i) =>
        readValue(item, type.elements[i] as CtyType, appendStep(path, { index: i }), options),
      );
    }
    case 'map':
      return readMap(json, type.element, path, options);
    case 'object':
      return readObject(json, type, path, options);
  }
}

function readString(json: unknown, path: AttributePath): string {
  if (typeof json === 'string') return json.normalize('NFC');
  // cty converts: a JSON number keeps its literal text, a bool becomes "true"/"false".
  if (json instanceof JSONNumberText) return json.text;
  if (typeof json === 'boolean') return json ? 'true' : 'false';
  throw new CtyDecodeError(path, 'a string is required');
}

function readNumber(json: unknown, path: AttributePath): CtyNumber {
  const text = json instanceof JSONNumberText ? json.text : typeof json === 'string' ? json : undefined;
  if (text === undefined) throw new CtyDecodeError(path, 'a number is required');
  try {
    return CtyNumber.parse(text);
  } catch {
    throw new CtyDecodeError(path, `a number is required (${JSON.stringify(text.slice(0, 40))} is not one)`);
  }
}

function readBool(json: unknown, path: AttributePath): boolean {
  if (typeof json === 'boolean') return json;
  if (typeof json !== 'string') throw new CtyDecodeError(path, 'a bool is required');
  // cty's string-to-bool conversion.
  if (json === 'true' || json === '1') return true;
  if (json === 'false' || json === '0') return false;
  const lower = json.toLowerCase();
  if (lower === 'true' || lower === 'false') {
    throw new CtyDecodeError(path, `a bool is required; to convert from string, use lowercase "${lower}"`);
  }
  throw new CtyDecodeError(path, 'a bool is required');
}

function expectJSONArray(json: unknown, what: string, path: AttributePath): readonly unknown[] {
  if (!Array.isArray(json)) throw new CtyDecodeError(path, `${what} is required`);
  return json;
}

function readElements(
  json: readonly unknown[],
  element: CtyType,
  path: AttributePath,
  options: DecodeJSONOptions,
): CtyValue[] {
  return json.map((item, i) => readValue(item, element, appendStep(path, { index: i }), options));
}

function readMap(
  json: unknown,
  element: CtyType,
  path: AttributePath,
  options: DecodeJSONOptions,
): CtyObject {
  if (!isJSONObject(json)) throw new CtyDecodeError(path, 'a map is required');
  return ctyObject(
    Object.keys(json).map((key) => {
      const normalised = key.normalize('NFC');
      return [normalised, readValue(json[key], element, appendStep(path, { key: normalised }), options)];
    }),
  );
}

function readObject(
  json: unknown,
  type: ObjectType,
  path: AttributePath,
  options: DecodeJSONOptions,
): CtyObject {
  if (!isJSONObject(json)) throw new CtyDecodeError(path, 'an object is required');
  const given = Object.keys(json);
  if (!options.ignoreUnknownAttributes) {
    const unsupported = given.filter((key) => !Object.hasOwn(type.attributes, key));
    if (unsupported.length > 0) {
      const names = unsupported.map((key) => JSON.stringify(key)).join(', ');
      throw new CtyDecodeError(path, `unsupported attribute${unsupported.length > 1 ? 's' : ''} ${names}`);
    }
  }
  return ctyObject(
    attributeNames(type).map((name) => [
      name,
      Object.hasOwn(json, name)
        ? readValue(
            json[name],
            type.attributes[name] as CtyType,
            appendStep(path, { attribute: name }),
            options,
          )
        : null,
    ]),
  );
}

/** `{"value": ..., "type": ...}`; the type says how to read the value. */
function readDynamic(json: unknown, path: AttributePath, options: DecodeJSONOptions): CtyValue {
  if (!isJSONObject(json)) {
    throw new CtyDecodeError(path, 'a dynamic value must be an object with "type" and "value"');
  }
  for (const key of Object.keys(json)) {
    if (key !== 'type' && key !== 'value') {
      throw new CtyDecodeError(path, `invalid key ${JSON.stringify(key)} in dynamically-typed value`);
    }
  }
  if (!Object.hasOwn(json, 'type')) throw new CtyDecodeError(path, 'missing type in dynamically-typed value');
  if (!Object.hasOwn(json, 'value'))
    throw new CtyDecodeError(path, 'missing value in dynamically-typed value');
  let type: CtyType;
  try {
    type = typeFromJSON(json.type);
  } catch (error) {
    throw new CtyDecodeError(path, `invalid type in dynamic value: ${describeError(error)}`);
  }
  const value = readValue(json.value, type, path, options);
  return type.kind === 'dynamic' ? value : new DynamicValue(type, value);
}

// ---------------------------------------------------------------------------------------------
// Encoding

/**
 * Encodes a wholly known value as cty/json does: every object attribute, keys and set elements
 * in a stable order, numbers as exact decimals. Throws CtyEncodeError for unknowns and infinities.
 */
export function encodeJSON(value: CtyValue, type: CtyType): string {
  return writeValue(value, type, ROOT_PATH);
}

function writeValue(value: CtyValue, type: CtyType, path: AttributePath): string {
  if (type.kind === 'dynamic') return writeDynamic(value, path);
  const unwrapped = unwrapMatchingDynamic(value, type, path);
  if (unwrapped instanceof Unknown) throw notKnown(path);
  if (unwrapped === null || unwrapped === undefined) return 'null';
  switch (type.kind) {
    case 'string':
      if (typeof unwrapped !== 'string') throw wrongValue(path, type);
      return JSON.stringify(unwrapped.normalize('NFC'));
    case 'number':
      if (!(unwrapped instanceof CtyNumber)) throw wrongValue(path, type);
      if (unwrapped.isInfinite()) throw new CtyEncodeError(path, 'cannot serialize infinity as JSON');
      return unwrapped.toPlainString();
    case 'bool':
      if (typeof unwrapped !== 'boolean') throw wrongValue(path, type);
      return unwrapped ? 'true' : 'false';
    case 'list':
      return `[${expectArray(unwrapped, type, path)
        .map((item, i) => writeValue(item, type.element, appendStep(path, { index: i })))
        .join(',')}]`;
    case 'set': {
      // With no unknowns possible, equal elements have equal text: merge them and sort.
      const texts = expectArray(unwrapped, type, path).map((item, i) =>
        writeValue(item, type.element, appendStep(path, { index: i })),
      );
      return `[${[...new Set(texts)].sort(compareUtf8).join(',')}]`;
    }
    case 'tuple':
      return `[${expectTuple(unwrapped, type, path)
        .map((item, i) => writeValue(item, type.elements[i] as CtyType, appendStep(path, { index: i })))
        .join(',')}]`;
    case 'map':
      return `{${normalisedMapEntries(expectObject(unwrapped, type, path), path)
        .map(
          ([key, item]) =>
            `${JSON.stringify(key)}:${writeValue(item, type.element, appendStep(path, { key }))}`,
        )
        .join(',')}}`;
    case 'object':
      return `{${objectAttributes(expectObject(unwrapped, type, path), type, path)
        .map(
          ([name, item, itemType]) =>
            `${JSON.stringify(name)}:${writeValue(item, itemType, appendStep(path, { attribute: name }))}`,
        )
        .join(',')}}`;
  }
}

function notKnown(path: AttributePath): CtyEncodeError {
  return new CtyEncodeError(path, 'value is not known; JSON cannot carry unknown values');
}

/** Untyped null is `null`; a typed value is `{"value":...,"type":...}`, in cty's key order. */
function writeDynamic(value: CtyValue, path: AttributePath): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof Unknown) throw notKnown(path);
  if (!(value instanceof DynamicValue)) {
    throw new CtyEncodeError(path, 'a DynamicValue (value with its type) is required for type dynamic');
  }
  if (value.type.kind === 'dynamic') return writeDynamic(value.value, path);
  return `{"value":${writeValue(value.value, value.type, path)},"type":${typeToJSONString(value.type)}}`;
}
