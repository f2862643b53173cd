// DynamicValue.msgpack: the form Terraform always sends values in, as go-cty's cty/msgpack
// writes and reads it. @msgpack/msgpack does the byte-level work; the walk over the value is
// driven by the type, because the same bytes mean different things for different types
// (a string is a number for `number`, an array is a set for `set`, an ext is an unknown of
// whatever type sits there).

import { Decoder, Encoder } from '@msgpack/msgpack';
import type { DecoderOptions, ExtensionCodecType } from '@msgpack/msgpack';
import { CtyNumber } from './number';
import { WIRE_LIMITS, checkJSONShape, checkMsgpackShape } from './wire-limits';
import { compareBytes } from './order';
import type { AttributePath } from './path';
import { CtyDecodeError, CtyEncodeError, ROOT_PATH, appendStep } from './path';
import type { CtyType, ObjectType } from './types';
import { attributeNames, typeFromJSON, typeToJSONString } from './types';
import type { CtyObject, CtyValue, NumberBound, UnknownRefinements } from './value';
import { DynamicValue, UNKNOWN, Unknown, ctyObject, isWhollyKnown } from './value';
import {
  expectArray,
  expectObject,
  expectTuple,
  normalisedMapEntries,
  objectAttributes,
  unwrapMatchingDynamic,
  wrongValue,
} from './conform';

export { CtyDecodeError, CtyEncodeError } from './path';

/** Ext type go-cty uses for an unknown carrying refinements; type 0 (or any short ext) is a plain unknown. */
const REFINED_UNKNOWN_EXT = 0x0c;
/** go-cty refuses refinement payloads above 1 KiB so a peer cannot make it allocate freely. */
const MAX_REFINEMENT_PAYLOAD = 1024;
/** go-cty shortens string prefix refinements above this many bytes before encoding them. */
const MAX_PREFIX_BYTES = 256;

/** Keys of the refinement map inside ext 12. */
const RefinementKey = {
  IsNull: 1,
  StringPrefix: 2,
  NumberLowerBound: 3,
  NumberUpperBound: 4,
  LengthLowerBound: 5,
  LengthUpperBound: 6,
} as const;

const INT32_MIN = -(2n ** 31n);
const UINT32_LIMIT = 2n ** 32n;

const utf8Encoder = new TextEncoder();
const lenientUtf8 = new TextDecoder('utf-8');
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

// ---------------------------------------------------------------------------------------------
// Encoding

/** Encodes a value of the given type as Terraform expects it in `DynamicValue.msgpack`. */
export function encodeMsgpack(value: CtyValue, type: CtyType): Uint8Array {
  const out = new MsgpackWriter();
  writeValue(out, value, type, ROOT_PATH);
  return out.toBytes();
}

// Integers go through one encoder and floats through another so that a double which happens to
// be whole (2^64) is still written as float64, the way go-cty decides it.
const integerEncoder = new Encoder({ useBigInt64: true });
const floatEncoder = new Encoder({ forceIntegerToFloat: true });

/**
 * Writes msgpack into one growing buffer. Strings, binaries, extensions and container headers are
 * written here in the spec's smallest form (as go-cty's encoder and @msgpack/msgpack both pick
 * it); numbers go through the library, whose integer and float choices go-cty's decoder expects.
 * (One buffer instead of one small array per value: plans encode thousands of values per run.)
 */
class MsgpackWriter {
  private bytes = new Uint8Array(256);
  private pos = 0;

  private reserve(count: number): void {
    if (this.pos + count <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.pos + count));
    grown.set(this.bytes.subarray(0, this.pos));
    this.bytes = grown;
  }

  private byte(value: number): void {
    this.reserve(1);
    this.bytes[this.pos++] = value;
  }

  /** A type code followed by a big-endian unsigned length of 1, 2 or 4 bytes. */
  private sized(code: number, length: number, width: 1 | 2 | 4): void {
    this.reserve(1 + width);
    this.bytes[this.pos++] = code;
    for (let shift = (width - 1) * 8; shift >= 0; shift -= 8)
      this.bytes[this.pos++] = (length >>> shift) & 0xff;
  }

  raw(bytes: Uint8Array): void {
    this.reserve(bytes.length);
    this.bytes.set(bytes, this.pos);
    this.pos += bytes.length;
  }

  nil(): void {
    this.byte(0xc0);
  }

  bool(value: boolean): void {
    this.byte(value ? 0xc3 : 0xc2);
  }

  /** The smallest msgpack int that holds the value, as go-cty's EncodeInt picks it. */
  integer(value: bigint): void {
    // The library writes a bigint as a full 8-byte int64/uint64 and a small number compactly.
    const compact = value >= INT32_MIN && value < UINT32_LIMIT;
    this.raw(integerEncoder.encode(compact ? Number(value) : value));
  }

  float64(value: number): void {
    this.raw(floatEncoder.encode(value));
  }

  string(value: string): void {
    const length = Buffer.byteLength(value, 'utf8');
    if (length < 32) this.byte(0xa0 | length);
    else if (length <= 0xff) this.sized(0xd9, length, 1);
    else if (length <= 0xffff) this.sized(0xda, length, 2);
    else this.sized(0xdb, length, 4);
    this.reserve(length);
    utf8Encoder.encodeInto(value, this.bytes.subarray(this.pos, this.pos + length));
    this.pos += length;
  }

  binary(value: Uint8Array): void {
    const length = value.length;
    if (length <= 0xff) this.sized(0xc4, length, 1);
    else if (length <= 0xffff) this.sized(0xc5, length, 2);
    else this.sized(0xc6, length, 4);
    this.raw(value);
  }

  extension(type: number, payload: Uint8Array): void {
    const length = payload.length;
    const fixed = FIXEXT_CODES.get(length);
    if (fixed !== undefined) this.byte(fixed);
    else if (length <= 0xff) this.sized(0xc7, length, 1);
    else if (length <= 0xffff) this.sized(0xc8, length, 2);
    else this.sized(0xc9, length, 4);
    this.byte(type & 0xff);
    this.raw(payload);
  }

  arrayHeader(count: number): void {
    this.containerHeader(count, 0x90, 0xdc, 0xdd);
  }

  mapHeader(count: number): void {
    this.containerHeader(count, 0x80, 0xde, 0xdf);
  }

  /** fix / 16-bit / 32-bit header of an array or map (msgpack spec). */
  private containerHeader(count: number, fixBase: number, code16: number, code32: number): void {
    if (count < 16) this.byte(fixBase | count);
    else if (count <= 0xffff) this.sized(code16, count, 2);
    else this.sized(code32, count, 4);
  }

  toBytes(): Uint8Array {
    return this.bytes.slice(0, this.pos);
  }
}

/** fixext 1, 2, 4, 8 and 16: payload sizes with a one-byte code of their own. */
const FIXEXT_CODES = new Map([
  [1, 0xd4],
  [2, 0xd5],
  [4, 0xd6],
  [8, 0xd7],
  [16, 0xd8],
]);

function writeValue(out: MsgpackWriter, value: CtyValue, type: CtyType, path: AttributePath): void {
  if (type.kind === 'dynamic') {
    writeDynamic(out, value, path);
    return;
  }
  const unwrapped = unwrapMatchingDynamic(value, type, path);
  if (unwrapped instanceof Unknown) {
    writeUnknown(out, unwrapped.refinements, type);
    return;
  }
  if (unwrapped === null || unwrapped === undefined) {
    out.nil();
    return;
  }
  switch (type.kind) {
    case 'string':
      if (typeof unwrapped !== 'string') throw wrongValue(path, type);
      out.string(unwrapped.normalize('NFC'));
      return;
    case 'number':
      if (!(unwrapped instanceof CtyNumber)) throw wrongValue(path, type);
      writeNumber(out, unwrapped);
      return;
    case 'bool':
      if (typeof unwrapped !== 'boolean') throw wrongValue(path, type);
      out.bool(unwrapped);
      return;
    case 'list':
      writeList(out, expectArray(unwrapped, type, path), type.element, path);
      return;
    case 'set':
      writeSet(out, expectArray(unwrapped, type, path), type.element, path);
      return;
    case 'tuple': {
      const elements = expectTuple(unwrapped, type, path);
      out.arrayHeader(elements.length);
      elements.forEach((element, i) =>
        writeValue(out, element, type.elements[i] as CtyType, appendStep(path, { index: i })),
      );
      return;
    }
    case 'map':
      writeMap(out, expectObject(unwrapped, type, path), type.element, path);
      return;
    case 'object':
      writeObject(out, expectObject(unwrapped, type, path), type, path);
      return;
  }
}

function writeNumber(out: MsgpackWriter, value: CtyNumber): void {
  if (value.isInfinite()) out.float64(value.toNumber());
  else if (value.fitsInt64()) out.integer(value.toBigInt());
  else if (value.isExactDouble()) out.float64(value.toNumber());
  else out.string(value.toPlainString());
}

function writeList(
  out: MsgpackWriter,
  elements: readonly CtyValue[],
  element: CtyType,
  path: AttributePath,
): void {
  out.arrayHeader(elements.length);
  elements.forEach((item, i) => writeValue(out, item, element, appendStep(path, { index: i })));
}

/**
 * Equal known elements are one element (cty merges them), and the order is by encoded bytes so
 * equal sets always produce the same bytes. Elements holding unknowns never merge: cty treats
 * two unknowns as different.
 */
function writeSet(
  out: MsgpackWriter,
  elements: readonly CtyValue[],
  element: CtyType,
  path: AttributePath,
): void {
  const encoded = canonicalSetElements(
    elements.map((item, i) => {
      const itemOut = new MsgpackWriter();
      writeValue(itemOut, item, element, appendStep(path, { index: i }));
      return { value: item, bytes: itemOut.toBytes() };
    }),
  );
  out.arrayHeader(encoded.length);
  for (const item of encoded) out.raw(item.bytes);
}

interface EncodedElement {
  readonly value: CtyValue;
  readonly bytes: Uint8Array;
}

function canonicalSetElements(elements: readonly EncodedElement[]): EncodedElement[] {
  const seen = new Set<string>();
  const kept: EncodedElement[] = [];
  for (const element of elements) {
    if (isWhollyKnown(element.value)) {
      const identity = Buffer.from(element.bytes).toString('latin1');
      if (seen.has(identity)) continue;
      seen.add(identity);
    }
    kept.push(element);
  }
  return kept.sort((a, b) => compareBytes(a.bytes, b.bytes));
}

function writeMap(out: MsgpackWriter, value: CtyObject, element: CtyType, path: AttributePath): void {
  const entries = normalisedMapEntries(value, path);
  out.mapHeader(entries.length);
  for (const [key, item] of entries) {
    out.string(key);
    writeValue(out, item, element, appendStep(path, { key }));
  }
}

function writeObject(out: MsgpackWriter, value: CtyObject, type: ObjectType, path: AttributePath): void {
  const attributes = objectAttributes(value, type, path);
  out.mapHeader(attributes.length);
  for (const [name, item, itemType] of attributes) {
    out.string(name);
    writeValue(out, item, itemType, appendStep(path, { attribute: name }));
  }
}

/**
 * `dynamic`: an untyped null is nil and an untyped unknown a plain unknown; anything with a
 * type travels as [bin(type JSON), value] so the receiver learns the type.
 */
function writeDynamic(out: MsgpackWriter, value: CtyValue, path: AttributePath): void {
  if (value === null || value === undefined) {
    out.nil();
    return;
  }
  if (value instanceof Unknown) {
    // go-cty never refines an unknown of type dynamic, so refinements are dropped here.
    writeUnknown(out, undefined, { kind: 'dynamic' });
    return;
  }
  if (!(value instanceof DynamicValue)) {
    throw new CtyEncodeError(path, 'a DynamicValue (value with its type) is required for type dynamic');
  }
  if (value.type.kind === 'dynamic') {
    writeDynamic(out, value.value, path);
    return;
  }
  out.arrayHeader(2);
  out.binary(utf8Encoder.encode(typeToJSONString(value.type)));
  writeValue(out, value.value, value.type, path);
}

function writeUnknown(out: MsgpackWriter, refinements: UnknownRefinements | undefined, type: CtyType): void {
  const payload = refinements === undefined ? undefined : encodeRefinements(refinements, type);
  if (payload === undefined) out.extension(0, Uint8Array.of(0));
  else out.extension(REFINED_UNKNOWN_EXT, payload);
}

/**
 * Only the refinements that go-cty would keep for this type, in ascending key order; undefined
 * when none remain, so the compact plain form is used.
 */
function encodeRefinements(refinements: UnknownRefinements, type: CtyType): Uint8Array | undefined {
  const entries: Array<[number, (out: MsgpackWriter) => void]> = [];
  if (type.kind === 'dynamic') return undefined;
  if (refinements.notNull === true) entries.push([RefinementKey.IsNull, (out) => out.bool(false)]);
  if (type.kind === 'string' && refinements.stringPrefix) {
    const prefix = safePrefix(refinements.stringPrefix);
    if (prefix !== '') entries.push([RefinementKey.StringPrefix, (out) => out.string(prefix)]);
  }
  if (type.kind === 'number') {
    const lower = refinements.numberLowerBound;
    if (lower && !lower.value.equals(CtyNumber.NEGATIVE_INFINITY)) {
      entries.push([RefinementKey.NumberLowerBound, (out) => writeBound(out, lower)]);
    }
    const upper = refinements.numberUpperBound;
    if (upper && !upper.value.equals(CtyNumber.POSITIVE_INFINITY)) {
      entries.push([RefinementKey.NumberUpperBound, (out) => writeBound(out, upper)]);
    }
  }
  if (type.kind === 'list' || type.kind === 'set' || type.kind === 'map') {
    const lower = refinements.lengthLowerBound;
    if (lower !== undefined && lower !== 0) {
      entries.push([RefinementKey.LengthLowerBound, (out) => out.integer(BigInt(lower))]);
    }
    const upper = refinements.lengthUpperBound;
    if (upper !== undefined) {
      entries.push([RefinementKey.LengthUpperBound, (out) => out.integer(BigInt(upper))]);
    }
  }
  if (entries.length === 0) return undefined;
  const out = new MsgpackWriter();
  out.mapHeader(entries.length);
  for (const [key, write] of entries) {
    out.integer(BigInt(key));
    write(out);
  }
  return out.toBytes();
}

function writeBound(out: MsgpackWriter, bound: NumberBound): void {
  out.arrayHeader(2);
  writeNumber(out, bound.value);
  out.bool(bound.inclusive);
}

/**
 * go-cty caps a prefix at 256 bytes and then drops the last grapheme cluster, because a cut
 * character might combine with what follows (an "e" could become "é") and break the promise.
 * A trailing delimiter such as "-" cannot combine with anything, so it stays.
 */
function safePrefix(prefix: string): string {
  if (utf8Encoder.encode(prefix).length <= MAX_PREFIX_BYTES) return prefix;
  let cut = '';
  let size = 0;
  for (const char of prefix.normalize('NFC')) {
    size += utf8Encoder.encode(char).length;
    if (size > MAX_PREFIX_BYTES - 1) break;
    cut += char;
  }
  const clusters = [...new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(cut)].map(
    (c) => c.segment,
  );
  const last = clusters[clusters.length - 1];
  if (last !== undefined && !CLUSTER_ENDING_DELIMITERS.has(last)) clusters.pop();
  return clusters.join('');
}

/** The single characters go-cty's SafeKnownPrefix trusts to end a grapheme cluster. */
const CLUSTER_ENDING_DELIMITERS = new Set([...'-_:;/\\,.(){}[]|?!~ \t@#$%^&*+"\'']);

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

/**
 * Map keys come back as own properties of plain objects. Tagging each key ("s" for a string,
 * "n" for a number, "!" for anything else) means no key can be `__proto__` or be mistaken for
 * another kind, and the library's own `__proto__` refusal never triggers.
 */
const STRING_KEY_TAG = 's';
const NUMBER_KEY_TAG = 'n';
const OTHER_KEY_TAG = '!';

type WireMap = Readonly<Record<string, unknown>>;

const keepExtensions: ExtensionCodecType<undefined> = {
  tryToEncode: () => null,
  decode: (data, type) => new WireExtension(type, data.slice()),
};

const taggedStringKeys: NonNullable<DecoderOptions['keyDecoder']> = {
  canBeCached: () => true,
  decode: (bytes, offset, length) =>
    STRING_KEY_TAG + lenientUtf8.decode(bytes.subarray(offset, offset + length)),
};

function tagOtherKey(key: unknown): string {
  if (typeof key === 'string') return key; // already tagged by taggedStringKeys
  if (typeof key === 'number' || typeof key === 'bigint') return NUMBER_KEY_TAG + String(key);
  return OTHER_KEY_TAG;
}

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

function readObject(wire: unknown, type: ObjectType, path: AttributePath): CtyObject {
  if (!isWireMap(wire)) throw new CtyDecodeError(path, 'an object is required');
  const names = attributeNames(type);
  // The usual case, every attribute present and nothing else: no intermediate collections.
  // (A decoded map value is never undefined, so undefined means the key is absent.)
  if (Object.keys(wire).length === names.length) {
    const out: Record<string, CtyValue> = Object.create(null) as Record<string, CtyValue>;
    let complete = true;
    for (const name of names) {
      const item = wire[STRING_KEY_TAG + name];
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
