// fast-check generators for cty types and values, and a strict equality that (unlike
// valuesEqual) also compares unknown refinements and dynamic types.

import fc from 'fast-check';
import { CtyNumber } from '../../../../src/provider/cty/number';
import type { CtyType } from '../../../../src/provider/cty/types';
import { t, typeEquals, typeToJSONString } from '../../../../src/provider/cty/types';
import type { CtyValue, NumberBound, UnknownRefinements } from '../../../../src/provider/cty/value';
import { DynamicValue, UNKNOWN, Unknown, ctyObject, isCtyObject } from '../../../../src/provider/cty/value';

export const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
export const fromHex = (text: string): Uint8Array =>
  Uint8Array.from(Buffer.from(text.replace(/\s+/g, ''), 'hex'));

// Names that break naive JS objects, integer-like names that JS reorders, and ordinary ones.
const attributeName = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', '10', '9', 'é', 'size', 'name'),
  fc.stringMatching(/^[a-z_][a-z0-9_]{0,6}$/),
);

export const mapKey = fc
  .oneof(
    fc.constantFrom('__proto__', 'constructor', '', '0', '10', '😀', '\uffff'),
    fc.string({ unit: 'grapheme', maxLength: 5 }),
  )
  .map((k) => k.normalize('NFC'));

const primitiveType = fc.constantFrom<CtyType>(t.string, t.number, t.bool);

/** Any type up to the given nesting depth, `dynamic` included. */
export function typeArbitrary(depth: number): fc.Arbitrary<CtyType> {
  const leaf = fc.oneof(primitiveType, fc.constant(t.dynamic));
  if (depth <= 0) return leaf;
  const inner = typeArbitrary(depth - 1);
  return fc.oneof(
    { weight: 3, arbitrary: leaf },
    { weight: 1, arbitrary: inner.map(t.list) },
    { weight: 1, arbitrary: inner.map(t.set) },
    { weight: 1, arbitrary: inner.map(t.map) },
    {
      weight: 1,
      arbitrary: fc
        .uniqueArray(fc.tuple(attributeName, inner), { maxLength: 4, selector: ([name]) => name })
        .map((entries) => t.object(Object.fromEntries(entries))),
    },
    { weight: 1, arbitrary: fc.array(inner, { maxLength: 3 }).map(t.tuple) },
  );
}

export const finiteNumber: fc.Arbitrary<CtyNumber> = fc.oneof(
  fc.integer().map((n) => CtyNumber.of(n)),
  fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map((n) => CtyNumber.of(n)),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((d) => CtyNumber.fromDouble(d)),
  fc
    .tuple(fc.bigInt({ min: -(10n ** 25n), max: 10n ** 25n }), fc.integer({ min: -40, max: 40 }))
    .map(([c, e]) => CtyNumber.parse(`${c}e${e}`)),
);

export const anyNumber: fc.Arbitrary<CtyNumber> = fc.oneof(
  { weight: 10, arbitrary: finiteNumber },
  { weight: 1, arbitrary: fc.constantFrom(CtyNumber.POSITIVE_INFINITY, CtyNumber.NEGATIVE_INFINITY) },
);

const nfcString = fc.string({ unit: 'grapheme', maxLength: 8 }).map((s) => s.normalize('NFC'));

const bound: fc.Arbitrary<NumberBound> = fc.record({ value: finiteNumber, inclusive: fc.boolean() });

function compact<T extends object>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as T;
}

/**
 * Refinements go-cty would encode for the type, minus the ones that collapse the unknown into
 * a known value (those cannot round-trip as unknowns, by design).
 */
export function refinementsArbitrary(type: CtyType): fc.Arbitrary<UnknownRefinements> {
  const notNull = fc.constantFrom(undefined, true as const);
  switch (type.kind) {
    case 'dynamic':
      return fc.constant({});
    case 'string':
      return fc
        .record({
          notNull,
          stringPrefix: fc.option(
            nfcString.filter((s) => s !== ''),
            { nil: undefined },
          ),
        })
        .map(compact);
    case 'number':
      return fc
        .record({
          notNull,
          numberLowerBound: fc.option(bound, { nil: undefined }),
          numberUpperBound: fc.option(bound, { nil: undefined }),
        })
        .map(compact)
        .filter(
          (r) =>
            !(
              r.notNull &&
              r.numberLowerBound?.inclusive &&
              r.numberUpperBound?.inclusive &&
              r.numberLowerBound.value.equals(r.numberUpperBound.value)
            ),
        );
    case 'list':
    case 'set':
    case 'map':
      return fc
        .record({
          notNull,
          lengthLowerBound: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
          lengthUpperBound: fc.option(fc.integer({ min: 0, max: 9 }), { nil: undefined }),
        })
        .map(compact)
        .filter((r) => !(r.notNull && (r.lengthLowerBound ?? 0) === r.lengthUpperBound));
    default:
      return fc.record({ notNull }).map(compact);
  }
}

export function unknownArbitrary(type: CtyType): fc.Arbitrary<Unknown> {
  return refinementsArbitrary(type).map((r) => (Object.keys(r).length === 0 ? UNKNOWN : new Unknown(r)));
}

export interface ValueOptions {
  /** Allow unknowns (msgpack) or not (JSON). */
  readonly unknowns: boolean;
  /** Allow ±Inf (msgpack) or not (JSON). */
  readonly infinities: boolean;
  /** How deep a type chosen inside a dynamic value may nest. */
  readonly dynamicDepth: number;
}

export const MSGPACK_VALUES: ValueOptions = { unknowns: true, infinities: true, dynamicDepth: 2 };
export const JSON_VALUES: ValueOptions = { unknowns: false, infinities: false, dynamicDepth: 2 };

/** A value conforming to the type, with null and unknown possible at every depth. */
export function valueArbitrary(type: CtyType, options: ValueOptions): fc.Arbitrary<CtyValue> {
  const known = knownValueArbitrary(type, options);
  const choices: Array<fc.WeightedArbitrary<CtyValue>> = [
    { weight: 6, arbitrary: known },
    { weight: 1, arbitrary: fc.constant(null) },
  ];
  if (options.unknowns) choices.push({ weight: 1, arbitrary: unknownArbitrary(type) });
  return fc.oneof(...choices);
}

function knownValueArbitrary(type: CtyType, options: ValueOptions): fc.Arbitrary<CtyValue> {
  switch (type.kind) {
    case 'string':
      return nfcString;
    case 'number':
      return options.infinities ? anyNumber : finiteNumber;
    case 'bool':
      return fc.boolean();
    case 'list':
      return fc.array(valueArbitrary(type.element, options), { maxLength: 4 });
    case 'set': {
      const element = type.element;
      return fc.uniqueArray(valueArbitrary(element, options), {
        maxLength: 4,
        selector: (v) => identityKey(v, element),
      });
    }
    case 'tuple':
      return fc.tuple(...type.elements.map((e) => valueArbitrary(e, options)));
    case 'map':
      return fc
        .array(fc.tuple(mapKey, valueArbitrary(type.element, options)), { maxLength: 4 })
        .map((entries) => ctyObject(entries));
    case 'object': {
      const names = Object.keys(type.attributes);
      return fc
        .tuple(...names.map((n) => valueArbitrary(type.attributes[n] as CtyType, options)))
        .map((values) => ctyObject(names.map((n, i) => [n, values[i] as CtyValue])));
    }
    case 'dynamic':
      return typeArbitrary(options.dynamicDepth)
        .filter((inner) => inner.kind !== 'dynamic')
        .chain((inner) =>
          valueArbitrary(inner, { ...options, dynamicDepth: options.dynamicDepth - 1 }).map(
            (v) => new DynamicValue(inner, v),
          ),
        );
  }
}

const unknownIdentities = new WeakMap<object, number>();
let nextIdentity = 0;

/**
 * A text that is equal for equal known values and unique per unknown, independent of the
 * codecs under test; used to keep generated sets free of duplicates cty would merge.
 */
export function identityKey(value: CtyValue, type: CtyType): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof Unknown) {
    let id = unknownIdentities.get(value);
    if (id === undefined) {
      id = nextIdentity++;
      unknownIdentities.set(value, id);
    }
    return `?${id}`;
  }
  if (value instanceof DynamicValue)
    return `dyn(${typeToJSONString(value.type)}:${identityKey(value.value, value.type)})`;
  if (value instanceof CtyNumber) return `n${value.toString()}`;
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    const keys = (value as CtyValue[]).map((v, i) =>
      identityKey(
        v,
        type.kind === 'tuple' ? (type.elements[i] as CtyType) : (type as { element: CtyType }).element,
      ),
    );
    return `[${(type.kind === 'set' ? keys.sort() : keys).join(',')}]`;
  }
  if (isCtyObject(value)) {
    return `{${Object.keys(value)
      .sort()
      .map((k) => {
        const attrType =
          type.kind === 'object' ? (type.attributes[k] as CtyType) : (type as { element: CtyType }).element;
        return `${JSON.stringify(k)}:${identityKey(value[k] as CtyValue, attrType)}`;
      })
      .join(',')}}`;
  }
  throw new Error(`not a cty value: ${String(value)}`);
}

function sameRefinements(a: UnknownRefinements | undefined, b: UnknownRefinements | undefined): boolean {
  const x = a ?? {};
  const y = b ?? {};
  const sameBound = (p?: NumberBound, q?: NumberBound): boolean =>
    p === undefined || q === undefined ? p === q : p.inclusive === q.inclusive && p.value.equals(q.value);
  return (
    (x.notNull ?? false) === (y.notNull ?? false) &&
    x.stringPrefix === y.stringPrefix &&
    sameBound(x.numberLowerBound, y.numberLowerBound) &&
    sameBound(x.numberUpperBound, y.numberUpperBound) &&
    x.lengthLowerBound === y.lengthLowerBound &&
    x.lengthUpperBound === y.lengthUpperBound
  );
}

/** Strict structural equality: refinements, dynamic types and exact numbers all count. */
export function sameValue(a: CtyValue, b: CtyValue, type: CtyType): boolean {
  if (a === undefined || b === undefined) return false;
  if (a === null || b === null) return a === b;
  if (a instanceof Unknown || b instanceof Unknown) {
    return a instanceof Unknown && b instanceof Unknown && sameRefinements(a.refinements, b.refinements);
  }
  if (a instanceof DynamicValue || b instanceof DynamicValue) {
    return (
      a instanceof DynamicValue &&
      b instanceof DynamicValue &&
      typeEquals(a.type, b.type) &&
      sameValue(a.value, b.value, a.type)
    );
  }
  if (a instanceof CtyNumber || b instanceof CtyNumber) {
    return a instanceof CtyNumber && b instanceof CtyNumber && a.equals(b);
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    const xs = a as CtyValue[];
    const ys = b as CtyValue[];
    if (type.kind === 'set') {
      const unmatched = [...ys];
      return xs.every((x) => {
        const j = unmatched.findIndex((y) => sameValue(x, y, type.element));
        if (j < 0) return false;
        unmatched.splice(j, 1);
        return true;
      });
    }
    return xs.every((x, i) =>
      sameValue(
        x,
        ys[i] as CtyValue,
        type.kind === 'tuple' ? (type.elements[i] as CtyType) : (type as { element: CtyType }).element,
      ),
    );
  }
  if (isCtyObject(a) && isCtyObject(b)) {
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) return false;
    return keys.every(
      (k) =>
        Object.hasOwn(b, k) &&
        sameValue(
          a[k] as CtyValue,
          b[k] as CtyValue,
          type.kind === 'object' ? (type.attributes[k] as CtyType) : (type as { element: CtyType }).element,
        ),
    );
  }
  return a === b;
}
