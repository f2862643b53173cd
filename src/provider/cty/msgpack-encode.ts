// Encoding side of DynamicValue.msgpack (see ./msgpack.ts): values written as go-cty's
// cty/msgpack writes them, and the refinement rules both sides share.

import { MsgpackWriter } from './msgpack-writer';
import { CtyNumber } from './number';
import { compareBytes } from './order';
import type { AttributePath } from './path';
import { CtyEncodeError, ROOT_PATH, appendStep } from './path';
import type { CtyType, ObjectType } from './types';
import { typeToJSONString } from './types';
import type { CtyObject, CtyValue, NumberBound, UnknownRefinements } from './value';
import { DynamicValue, Unknown, isWhollyKnown } from './value';
import {
  expectArray,
  expectObject,
  expectTuple,
  normalisedMapEntries,
  objectAttributes,
  unwrapMatchingDynamic,
  wrongValue,
} from './conform';

/** Ext type go-cty uses for an unknown carrying refinements; type 0 (or any short ext) is a plain unknown. */
export const REFINED_UNKNOWN_EXT = 0x0c;
/** go-cty refuses refinement payloads above 1 KiB so a peer cannot make it allocate freely. */
export const MAX_REFINEMENT_PAYLOAD = 1024;
/** go-cty shortens string prefix refinements above this many bytes before encoding them. */
const MAX_PREFIX_BYTES = 256;

/** Keys of the refinement map inside ext 12. */
export const RefinementKey = {
  IsNull: 1,
  StringPrefix: 2,
  NumberLowerBound: 3,
  NumberUpperBound: 4,
  LengthLowerBound: 5,
  LengthUpperBound: 6,
} as const;

const utf8Encoder = new TextEncoder();

// ---------------------------------------------------------------------------------------------
// Encoding

/** Encodes a value of the given type as Terraform expects it in `DynamicValue.msgpack`. */
export function encodeMsgpack(value: CtyValue, type: CtyType): Uint8Array {
  const out = new MsgpackWriter();
  writeValue(out, value, type, ROOT_PATH);
  return out.toBytes();
}

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

export interface EncodedElement {
  readonly value: CtyValue;
  readonly bytes: Uint8Array;
}

export function canonicalSetElements(elements: readonly EncodedElement[]): EncodedElement[] {
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
export function safePrefix(prefix: string): string {
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
