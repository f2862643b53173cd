// Checks both encoders make before writing a value: that the JavaScript value has the shape
// its cty type asks for. Kept apart so msgpack and JSON report the same errors.

import { compareUtf8 } from './order';
import type { AttributePath } from './path';
import { CtyEncodeError } from './path';
import type { CtyType, ObjectType } from './types';
import { attributeNames, typeEquals, typeFriendlyName } from './types';
import type { CtyObject, CtyValue } from './value';
import { DynamicValue, isCtyObject } from './value';

/** A DynamicValue may stand where its own type is expected; it is written as the bare value. */
export function unwrapMatchingDynamic(value: CtyValue, type: CtyType, path: AttributePath): CtyValue {
  if (!(value instanceof DynamicValue)) return value;
  if (typeEquals(value.type, type)) return value.value;
  throw new CtyEncodeError(
    path,
    `a value of type ${typeFriendlyName(value.type)} cannot stand where ${typeFriendlyName(type)} is required`,
  );
}

export function wrongValue(path: AttributePath, type: CtyType): CtyEncodeError {
  return new CtyEncodeError(
    path,
    `${type.kind === 'object' ? 'an' : 'a'} ${typeFriendlyName(type)} is required`,
  );
}

export function expectArray(value: CtyValue, type: CtyType, path: AttributePath): readonly CtyValue[] {
  if (!Array.isArray(value)) throw wrongValue(path, type);
  return value as readonly CtyValue[];
}

export function expectTuple(
  value: CtyValue,
  type: CtyType & { kind: 'tuple' },
  path: AttributePath,
): readonly CtyValue[] {
  const elements = expectArray(value, type, path);
  if (elements.length !== type.elements.length) {
    throw new CtyEncodeError(path, `a tuple of length ${type.elements.length} is required`);
  }
  return elements;
}

export function expectObject(value: CtyValue, type: CtyType, path: AttributePath): CtyObject {
  if (!isCtyObject(value)) throw wrongValue(path, type);
  return value;
}

/**
 * The attributes of an object value in UTF-8 name order, each with its type. An attribute the
 * JavaScript object leaves out is null; one the type does not declare is an error (a typo).
 */
export function objectAttributes(
  value: CtyObject,
  type: ObjectType,
  path: AttributePath,
): Array<[name: string, value: CtyValue, type: CtyType]> {
  for (const key of Object.keys(value)) {
    if (!Object.hasOwn(type.attributes, key)) {
      throw new CtyEncodeError(path, `unsupported attribute ${JSON.stringify(key)}`);
    }
  }
  return attributeNames(type).map((name) => [
    name,
    Object.hasOwn(value, name) ? (value[name] as CtyValue) : null,
    type.attributes[name] as CtyType,
  ]);
}

/** Map entries with NFC keys (as cty stores them) in UTF-8 key order. */
export function normalisedMapEntries(value: CtyObject, path: AttributePath): Array<[string, CtyValue]> {
  const entries = new Map<string, CtyValue>();
  for (const key of Object.keys(value)) {
    const normalised = key.normalize('NFC');
    if (entries.has(normalised)) {
      throw new CtyEncodeError(
        path,
        `map key ${JSON.stringify(key)} is the same as another after NFC normalisation`,
      );
    }
    entries.set(normalised, value[key] as CtyValue);
  }
  return [...entries].sort(([a], [b]) => compareUtf8(a, b));
}
