// Decoding side of DynamicValue.msgpack (see ./msgpack.ts): bytes measured first
// (./wire-limits.ts), then read by @msgpack/msgpack and walked by the type.

import { Decoder } from '@msgpack/msgpack';
import type { ExtensionCodecType } from '@msgpack/msgpack';
import {
  MAX_REFINEMENT_PAYLOAD,
  REFINED_UNKNOWN_EXT,
  RefinementKey,
  canonicalSetElements,
  encodeMsgpack,
  safePrefix,
} from './msgpack-encode';
import { CtyNumber } from './number';
import type { AttributePath } from './path';
import { CtyDecodeError, ROOT_PATH, appendStep } from './path';
import type { CtyType, ObjectType } from './types';
import { attributeNames, typeFromJSON } from './types';
import type { CtyObject, CtyValue, NumberBound, UnknownRefinements } from './value';
import { DynamicValue, UNKNOWN, Unknown, ctyObject, isWhollyKnown } from './value';
import { NUMBER_KEY_TAG, STRING_KEY_TAG, tagOtherKey, taggedStringKeys } from './msgpack-keys';
import { WIRE_LIMITS, checkJSONShape, checkMsgpackShape } from './wire-limits';

const lenientUtf8 = new TextDecoder('utf-8');
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

// ---------------------------------------------------------------------------------------------
// Decoding

/**
 * Decodes `DynamicValue.msgpack` bytes as a value of the given type. Throws only
 * CtyDecodeError, whose path says where in the value the bytes went wrong.
 */
export function decodeMsgpack(bytes: Uint8Array, type: CtyType): CtyValue {
  checkMsgpackShape(bytes);
  const wire = decodeWire(bytes);
  try {
    return readValue(wire, type, ROOT_PATH);
  } catch (error) {
    if (error instanceof CtyDecodeError) throw error;
    // Stack exhaustion on absurdly nested dynamic types, or a bug: still only CtyDecodeError.
    throw new CtyDecodeError(ROOT_PATH, `cannot decode value: ${describeError(error)}`);
  }
}

/** What the byte decoder hands back for an ext: kept raw, since every ext means unknown here. */
class WireExtension {
  constructor(
    readonly type: number,
    readonly data: Uint8Array,
  ) {}
}

type WireMap = Readonly<Record<string, unknown>>;

const keepExtensions: ExtensionCodecType<undefined> = {
  tryToEncode: () => null,
  decode: (data, type) => new WireExtension(type, data.slice()),
};

function decodeWire(bytes: Uint8Array): unknown {
  try {
    return wireDecoder(bytes.length).decode(bytes);
  } catch (error) {
    throw new CtyDecodeError(ROOT_PATH, `invalid msgpack: ${describeError(error)}`);
  }
}

/** The first msgpack item in the bytes; go-cty ignores what follows a refinement map. */
function decodeFirstWireItem(bytes: Uint8Array, path: AttributePath): unknown {
  try {
    for (const item of wireDecoder(bytes.length).decodeMulti(bytes)) return item;
  } catch (error) {
    throw new CtyDecodeError(path, `invalid unknown value refinements: ${describeError(error)}`);
  }
  throw new CtyDecodeError(path, 'invalid unknown value refinements: empty payload');
}

// Every array element, map entry or string byte takes at least one input byte, so no length
// larger than the input can be honest; refusing it early keeps garbage from allocating. The limit
// is the input length rounded up to a power of two (at most twice it), so that one decoder per
// size class serves every request instead of a new one per value.
const wireDecoders = new Map<number, Decoder>();

function wireDecoder(inputLength: number): Decoder {
  const limit = 2 ** Math.ceil(Math.log2(Math.max(inputLength, 16)));
  let decoder = wireDecoders.get(limit);
  if (!decoder) wireDecoders.set(limit, (decoder = newWireDecoder(limit)));
  return decoder;
}

function newWireDecoder(limit: number): Decoder {
  return new Decoder({
    useBigInt64: true,
    extensionCodec: keepExtensions,
    keyDecoder: taggedStringKeys,
    mapKeyConverter: tagOtherKey,
    maxStrLength: limit,
    maxBinLength: limit,
    maxArrayLength: limit,
    maxMapLength: limit,
    maxExtLength: limit,
  });
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function isWireMap(wire: unknown): wire is WireMap {
  return typeof wire === 'object' && wire !== null && Object.getPrototypeOf(wire) === Object.prototype;
}

/** Map entries with their keys untagged; a non-string key is reported as undefined. */
function wireEntries(map: WireMap): Array<[string | undefined, unknown]> {
  return Object.keys(map).map((tagged) => [
    tagged.startsWith(STRING_KEY_TAG) ? tagged.slice(1) : undefined,
    map[tagged],
  ]);
}

function readValue(wire: unknown, type: CtyType, path: AttributePath): CtyValue {
  if (wire instanceof WireExtension) return readUnknown(wire, type, path);
  if (type.kind === 'dynamic') return readDynamic(wire, path);
  if (wire === null) return null;
  switch (type.kind) {
    case 'string':
      return readString(wire, path);
    case 'number':
      return readNumber(wire, path);
    case 'bool':
      if (typeof wire !== 'boolean') throw new CtyDecodeError(path, 'a bool is required');
      return wire;
    case 'list':
      return readElements(expectWireArray(wire, 'a list', path), type.element, path);
    case 'set':
      return mergeSetElements(
        readElements(expectWireArray(wire, 'a set', path), type.element, path),
        type.element,
      );
    case 'tuple': {
      const elements = expectWireArray(wire, 'a tuple', path);
      if (elements.length !== type.elements.length) {
        throw new CtyDecodeError(
          path,
          `a tuple of length ${type.elements.length} is required (${elements.length} given)`,
        );
      }
      return elements.map((item, i) =>
        readValue(item, type.elements[i] as CtyType, appendStep(path, { index: i })),
      );
    }
    case 'map':
      return readMap(wire, type.element, path);
    case 'object':
      return readObject(wire, type, path);
  }
}

function readString(wire: unknown, path: AttributePath): string {
  // go-cty's DecodeString takes bin as well as str.
  if (typeof wire === 'string') return wire.normalize('NFC');
  if (wire instanceof Uint8Array) return lenientUtf8.decode(wire).normalize('NFC');
  throw new CtyDecodeError(path, 'a string is required');
}

/** int, uint64, float32/64 or decimal text: all exact. */
function readNumber(wire: unknown, path: AttributePath): CtyNumber {
  if (typeof wire === 'bigint') return CtyNumber.of(wire);
  if (typeof wire === 'number' && !Number.isNaN(wire)) return CtyNumber.fromDouble(wire);
  if (typeof wire === 'string' || wire instanceof Uint8Array) {
    const text = typeof wire === 'string' ? wire : lenientUtf8.decode(wire);
    try {
      return CtyNumber.parse(text);
    } catch {
      throw new CtyDecodeError(
        path,
        `a number is required (${JSON.stringify(text.slice(0, 40))} is not one)`,
      );
    }
  }
  throw new CtyDecodeError(path, 'a number is required');
}

function expectWireArray(wire: unknown, what: string, path: AttributePath): readonly unknown[] {
  if (!Array.isArray(wire)) throw new CtyDecodeError(path, `${what} is required`);
  return wire;
}

function readElements(wire: readonly unknown[], element: CtyType, path: AttributePath): CtyValue[] {
  return wire.map((item, i) => readValue(item, element, appendStep(path, { index: i })));
}

/** cty merges equal known set elements; equal means equal canonical bytes here. */
export function mergeSetElements(elements: readonly CtyValue[], element: CtyType): CtyValue[] {
  const encoded = elements.map((value) => ({ value, bytes: encodeMsgpack(value, element) }));
  const kept = new Set(canonicalSetElements(encoded).map((e) => e.value));
  // Keep the order the peer sent; only the duplicates go.
  return elements.filter((value) => kept.delete(value) || !isWhollyKnown(value));
}

function readMap(wire: unknown, element: CtyType, path: AttributePath): CtyObject {
  if (!isWireMap(wire)) throw new CtyDecodeError(path, 'a map is required');
  const entries: Array<[string, CtyValue]> = [];
  for (const [key, item] of wireEntries(wire)) {
    if (key === undefined) throw new CtyDecodeError(path, 'all map keys must be strings');
    const normalised = key.normalize('NFC');
    entries.push([normalised, readValue(item, element, appendStep(path, { key: normalised }))]);
  }
  return ctyObject(entries);
}

const taggedNameLists = new WeakMap<ObjectType, readonly string[]>();

/** An object type's attribute names as the wire map tags them, made (and interned) once per type. */
function taggedAttributeNames(type: ObjectType): readonly string[] {
  let tagged = taggedNameLists.get(type);
  if (!tagged) taggedNameLists.set(type, (tagged = attributeNames(type).map((n) => STRING_KEY_TAG + n)));
  return tagged;
}

function readObject(wire: unknown, type: ObjectType, path: AttributePath): CtyObject {
  if (!isWireMap(wire)) throw new CtyDecodeError(path, 'an object is required');
  const names = attributeNames(type);
  // The usual case, every attribute present and nothing else: no intermediate collections.
  // (A decoded map value is never undefined, so undefined means the key is absent.)
  if (Object.keys(wire).length === names.length) {
    const tagged = taggedAttributeNames(type);
    const out: Record<string, CtyValue> = Object.create(null) as Record<string, CtyValue>;
    let complete = true;
    for (let i = 0; i < names.length; i += 1) {
      const name = names[i] as string;
      const item = wire[tagged[i] as string];
      if (item === undefined) {
        complete = false;
        break;
      }
      out[name] = readValue(item, type.attributes[name] as CtyType, appendStep(path, { attribute: name }));
    }
    if (complete) return out;
  }
  const given = new Map<string, unknown>();
  for (const [key, item] of wireEntries(wire)) {
    if (key === undefined) throw new CtyDecodeError(path, 'all object keys must be strings');
    given.set(key, item);
  }
  const missing = names.filter((name) => !given.has(name));
  const unsupported = [...given.keys()].filter((key) => !Object.hasOwn(type.attributes, key));
  if (missing.length > 0 || unsupported.length > 0) {
    throw new CtyDecodeError(path, describeAttributeMismatch(names.length, given.size, missing, unsupported));
  }
  return ctyObject(
    names.map((name) => [
      name,
      readValue(given.get(name), type.attributes[name] as CtyType, appendStep(path, { attribute: name })),
    ]),
  );
}

function describeAttributeMismatch(
  required: number,
  given: number,
  missing: readonly string[],
  unsupported: readonly string[],
): string {
  const quote = (names: readonly string[]): string => names.map((n) => JSON.stringify(n)).join(', ');
  const parts: string[] = [];
  if (required !== given) parts.push(`an object with ${required} attributes is required (${given} given)`);
  if (missing.length > 0) parts.push(`missing attribute${missing.length > 1 ? 's' : ''} ${quote(missing)}`);
  if (unsupported.length > 0) {
    parts.push(`unsupported attribute${unsupported.length > 1 ? 's' : ''} ${quote(unsupported)}`);
  }
  return parts.join('; ');
}

function readDynamic(wire: unknown, path: AttributePath): CtyValue {
  if (wire === null) return null;
  if (!Array.isArray(wire) || wire.length !== 2) {
    throw new CtyDecodeError(path, 'dynamic value array must have exactly two elements');
  }
  const [typeJSON, inner] = wire as [unknown, unknown];
  const type = readDynamicType(typeJSON, path);
  const value = readValue(inner, type, path);
  // A value declared "dynamic" inside is itself already in its dynamic form.
  return type.kind === 'dynamic' ? value : new DynamicValue(type, value);
}

function readDynamicType(wire: unknown, path: AttributePath): CtyType {
  if (!(wire instanceof Uint8Array) && typeof wire !== 'string') {
    throw new CtyDecodeError(path, 'dynamic value type must be JSON in a msgpack bin');
  }
  try {
    const text = typeof wire === 'string' ? wire : strictUtf8.decode(wire);
    checkJSONShape(text);
    return typeFromJSON(JSON.parse(text));
  } catch (error) {
    throw new CtyDecodeError(path, `invalid type in dynamic value: ${describeError(error)}`);
  }
}

function readUnknown(wire: WireExtension, type: CtyType, path: AttributePath): CtyValue {
  // A one-byte (or empty) ext is the plain unknown. The refinement map only ever travels in
  // ext 12; any other ext is taken as a plain unknown too, since unknown is all ext means here.
  if (wire.data.length <= 1 || wire.type !== REFINED_UNKNOWN_EXT) return UNKNOWN;
  if (wire.data.length > MAX_REFINEMENT_PAYLOAD) {
    throw new CtyDecodeError(path, 'oversize unknown value refinement');
  }
  const payload = decodeFirstWireItem(wire.data, path);
  if (!isWireMap(payload)) throw new CtyDecodeError(path, 'unknown value refinements must be a map');
  // go-cty ignores refinements on dynamic, reserving them for later.
  if (type.kind === 'dynamic') return UNKNOWN;
  const parsed = readRefinements(payload, type, path);
  return refinedUnknown(parsed.refinements, parsed.isNull, type);
}

interface ParsedRefinements {
  refinements: {
    -readonly [K in keyof UnknownRefinements]: UnknownRefinements[K];
  };
  isNull: boolean;
}

function readRefinements(payload: WireMap, type: CtyType, path: AttributePath): ParsedRefinements {
  const parsed: ParsedRefinements = { refinements: {}, isNull: false };
  const fail = (reason: string): CtyDecodeError =>
    new CtyDecodeError(path, `invalid unknown value refinements: ${reason}`);
  for (const tagged of Object.keys(payload)) {
    const item = payload[tagged];
    const key = tagged.startsWith(NUMBER_KEY_TAG) ? Number(tagged.slice(1)) : Number.NaN;
    if (!Number.isInteger(key)) throw fail('keys must be integers');
    switch (key) {
      case RefinementKey.IsNull:
        if (typeof item !== 'boolean') throw fail('the null refinement must be a bool');
        // The wire says "is null": false is the usual "definitely not null".
        if (item) parsed.isNull = true;
        else parsed.refinements.notNull = true;
        break;
      case RefinementKey.StringPrefix:
        if (type.kind !== 'string') throw fail('string prefix refinement for a non-string type');
        if (typeof item !== 'string') throw fail('the string prefix refinement must be a string');
        {
          // Kept no longer than go-cty would have sent it.
          const prefix = safePrefix(item.normalize('NFC'));
          if (prefix !== '') parsed.refinements.stringPrefix = prefix;
        }
        break;
      case RefinementKey.NumberLowerBound:
      case RefinementKey.NumberUpperBound: {
        if (type.kind !== 'number') throw fail('numeric bound refinement for a non-number type');
        const bound = readBound(item, path);
        if (bound === undefined) throw fail('a numeric bound must be a [number, bool] array');
        if (key === RefinementKey.NumberLowerBound) parsed.refinements.numberLowerBound = bound;
        else parsed.refinements.numberUpperBound = bound;
        break;
      }
      case RefinementKey.LengthLowerBound:
      case RefinementKey.LengthUpperBound: {
        if (type.kind !== 'list' && type.kind !== 'set' && type.kind !== 'map') {
          throw fail('length bound refinement for a non-collection type');
        }
        const length = typeof item === 'bigint' ? Number(item) : item;
        if (typeof length !== 'number' || !Number.isInteger(length) || length < 0) {
          throw fail('a length bound must be a whole number');
        }
        // A hint, never an allocation: no collection longer than the decoder accepts can ever
        // arrive, so a bound past that says nothing and is dropped.
        if (length > WIRE_LIMITS.maxItems) break;
        if (key === RefinementKey.LengthLowerBound) parsed.refinements.lengthLowerBound = length;
        else parsed.refinements.lengthUpperBound = length;
        break;
      }
      default:
        // Unknown keys are ignored, as go-cty does, to leave room for future refinements.
        break;
    }
  }
  return parsed;
}

function readBound(wire: unknown, path: AttributePath): NumberBound | undefined {
  if (!Array.isArray(wire) || wire.length !== 2) return undefined;
  const [value, inclusive] = wire as [unknown, unknown];
  if (typeof inclusive !== 'boolean' || value === null || value instanceof WireExtension) return undefined;
  return { value: readNumber(value, path), inclusive };
}

/**
 * The value go-cty's RefinementBuilder produces: refinements that pin the value down collapse
 * it to a known value (a null, a single number, an empty or fixed-length collection).
 */
function refinedUnknown(refinements: UnknownRefinements, isNull: boolean, type: CtyType): CtyValue {
  if (isNull) return null;
  if (refinements.notNull) {
    const lower = refinements.numberLowerBound;
    const upper = refinements.numberUpperBound;
    if (type.kind === 'number' && lower?.inclusive && upper?.inclusive && lower.value.equals(upper.value)) {
      return lower.value;
    }
    const minLength = refinements.lengthLowerBound ?? 0;
    if (minLength === refinements.lengthUpperBound) {
      if (minLength === 0 && type.kind === 'map') return ctyObject([]);
      if (minLength === 0 && (type.kind === 'list' || type.kind === 'set')) return [];
      if (type.kind === 'list') return Array.from({ length: minLength }, () => UNKNOWN);
      if (type.kind === 'set' && minLength === 1) return [UNKNOWN];
    }
  }
  return Object.keys(refinements).length === 0 ? UNKNOWN : new Unknown(Object.freeze(refinements));
}
