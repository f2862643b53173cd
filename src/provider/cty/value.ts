// cty values as plain JavaScript data, interpreted against a CtyType carried alongside (the
// schema). Chosen over a wrapper class per value so resources read `state.name` directly.
//
//   type            JavaScript value
//   string          string
//   number          CtyNumber (exact decimal)
//   bool            boolean
//   list/set/tuple  readonly CtyValue[]      (a set's order carries no meaning)
//   map/object      CtyObject (own enumerable keys only, null prototype when decoded)
//   dynamic         DynamicValue (the concrete type travels with the value)
//   null            null
//   unknown         Unknown (optionally refined)

import { CtyNumber } from './number';
import type { CtyType } from './types';
import { typeEquals } from './types';

export interface NumberBound {
  readonly value: CtyNumber;
  readonly inclusive: boolean;
}

/** Refinements Terraform may attach to an unknown (msgpack ext 12). Kept so they round-trip. */
export interface UnknownRefinements {
  readonly notNull?: boolean;
  readonly stringPrefix?: string;
  readonly numberLowerBound?: NumberBound;
  readonly numberUpperBound?: NumberBound;
  readonly lengthLowerBound?: number;
  readonly lengthUpperBound?: number;
}

export class Unknown {
  constructor(readonly refinements?: UnknownRefinements) {}
  toJSON(): string {
    return '(known after apply)';
  }
}

/** The plain unknown, without refinements. */
export const UNKNOWN = new Unknown();

export class DynamicValue {
  constructor(
    readonly type: CtyType,
    readonly value: CtyValue,
  ) {}
}

export type CtyObject = { readonly [name: string]: CtyValue };

export type CtyValue =
  null | Unknown | string | boolean | CtyNumber | readonly CtyValue[] | CtyObject | DynamicValue;

export function isUnknown(value: CtyValue | undefined): value is Unknown {
  return value instanceof Unknown;
}

export function isKnown(value: CtyValue | undefined): boolean {
  return !(value instanceof Unknown);
}

export function isNull(value: CtyValue | undefined): value is null {
  return value === null || value === undefined;
}

/** A map or object value (not a list, number, unknown or dynamic wrapper). */
export function isCtyObject(value: CtyValue | undefined): value is CtyObject {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof CtyNumber) &&
    !(value instanceof Unknown) &&
    !(value instanceof DynamicValue)
  );
}

export function isCtyList(value: CtyValue | undefined): value is readonly CtyValue[] {
  return Array.isArray(value);
}

/**
 * Builds an object value with a null prototype, so a key like `__proto__` is just a key: with no
 * Object.prototype behind it there is no `__proto__` setter, and assignment makes an own property.
 */
export function ctyObject(entries: Iterable<readonly [string, CtyValue]>): CtyObject {
  const out: Record<string, CtyValue> = Object.create(null) as Record<string, CtyValue>;
  for (const [k, v] of entries) out[k] = v;
  return out;
}

/** A shallow copy of an object value, still with a null prototype. */
export function copyCtyObject(object: CtyObject): Record<string, CtyValue> {
  const out: Record<string, CtyValue> = Object.create(null) as Record<string, CtyValue>;
  for (const k of Object.keys(object)) out[k] = object[k] as CtyValue;
  return out;
}

/** True when no unknown appears anywhere inside the value. */
export function isWhollyKnown(value: CtyValue): boolean {
  if (value instanceof Unknown) return false;
  if (value instanceof DynamicValue) return isWhollyKnown(value.value);
  if (Array.isArray(value)) return value.every(isWhollyKnown);
  if (isCtyObject(value)) return Object.values(value).every(isWhollyKnown);
  return true;
}

/**
 * Deep equality as Terraform means it: unknown equals only unknown, numbers compare exactly,
 * sets compare regardless of order (when the type says set).
 */
export function valuesEqual(a: CtyValue, b: CtyValue, type?: CtyType): boolean {
  if (a === b) return true;
  if (a === null || b === null || a === undefined || b === undefined) return false;
  if (a instanceof Unknown || b instanceof Unknown) {
    return a instanceof Unknown && b instanceof Unknown;
  }
  if (a instanceof CtyNumber || b instanceof CtyNumber) {
    return a instanceof CtyNumber && b instanceof CtyNumber && a.equals(b);
  }
  if (a instanceof DynamicValue || b instanceof DynamicValue) {
    return (
      a instanceof DynamicValue &&
      b instanceof DynamicValue &&
      typeEquals(a.type, b.type) &&
      valuesEqual(a.value, b.value, a.type)
    );
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    const elementType = (i: number): CtyType | undefined =>
      type === undefined
        ? undefined
        : type.kind === 'list' || type.kind === 'set'
          ? type.element
          : type.kind === 'tuple'
            ? type.elements[i]
            : undefined;
    if (type?.kind === 'set') {
      const unmatched = [...(b as CtyValue[])];
      return (a as CtyValue[]).every((x) => {
        const j = unmatched.findIndex((y) => valuesEqual(x, y, elementType(0)));
        if (j < 0) return false;
        unmatched.splice(j, 1);
        return true;
      });
    }
    return (a as CtyValue[]).every((x, i) =>
      valuesEqual(x, (b as CtyValue[])[i] as CtyValue, elementType(i)),
    );
  }
  if (isCtyObject(a) && isCtyObject(b)) {
    const ak = Object.keys(a);
    if (ak.length !== Object.keys(b).length) return false;
    return ak.every((k) => {
      if (!Object.prototype.hasOwnProperty.call(b, k)) return false;
      const attrType =
        type === undefined
          ? undefined
          : type.kind === 'object'
            ? type.attributes[k]
            : type.kind === 'map'
              ? type.element
              : undefined;
      return valuesEqual(a[k] as CtyValue, b[k] as CtyValue, attrType);
    });
  }
  return false;
}
