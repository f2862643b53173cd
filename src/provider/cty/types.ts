// cty types: the type system Terraform uses for every value that crosses the plugin protocol.
// Wire facts: go-cty's type JSON (`"string"`, `["list","string"]`, `["object",{...},["opt"]]`, ...).

import { sortedUtf8 } from './order';

export type PrimitiveKind = 'string' | 'number' | 'bool';

export type CtyType =
  | { readonly kind: PrimitiveKind }
  | { readonly kind: 'dynamic' }
  | { readonly kind: 'list' | 'set' | 'map'; readonly element: CtyType }
  | {
      readonly kind: 'object';
      readonly attributes: Readonly<Record<string, CtyType>>;
      /** Attribute names declared optional in a type constraint; only meaningful for function/variable types. */
      readonly optional?: readonly string[];
    }
  | { readonly kind: 'tuple'; readonly elements: readonly CtyType[] };

export type CollectionType = Extract<CtyType, { kind: 'list' | 'set' | 'map' }>;
export type ObjectType = Extract<CtyType, { kind: 'object' }>;

const attributeNameLists = new WeakMap<ObjectType, readonly string[]>();

/**
 * An object type's attribute names in UTF-8 byte order (the order go-cty and the encoders use),
 * computed once per type object: every decode and encode of the type walks them.
 */
export function attributeNames(type: ObjectType): readonly string[] {
  let names = attributeNameLists.get(type);
  if (!names) attributeNameLists.set(type, (names = sortedUtf8(Object.keys(type.attributes))));
  return names;
}
export type TupleType = Extract<CtyType, { kind: 'tuple' }>;

const STRING: CtyType = Object.freeze({ kind: 'string' });
const NUMBER: CtyType = Object.freeze({ kind: 'number' });
const BOOL: CtyType = Object.freeze({ kind: 'bool' });
const DYNAMIC: CtyType = Object.freeze({ kind: 'dynamic' });

/** Constructors, so call sites read like cty: `t.list(t.string)`. */
export const t = {
  string: STRING,
  number: NUMBER,
  bool: BOOL,
  dynamic: DYNAMIC,
  list: (element: CtyType): CtyType => ({ kind: 'list', element }),
  set: (element: CtyType): CtyType => ({ kind: 'set', element }),
  map: (element: CtyType): CtyType => ({ kind: 'map', element }),
  object: (attributes: Record<string, CtyType>, optional?: readonly string[]): ObjectType =>
    optional && optional.length > 0
      ? { kind: 'object', attributes, optional }
      : { kind: 'object', attributes },
  tuple: (elements: readonly CtyType[]): CtyType => ({ kind: 'tuple', elements }),
} as const;

export function isCollection(type: CtyType): type is CollectionType {
  return type.kind === 'list' || type.kind === 'set' || type.kind === 'map';
}

export function typeEquals(a: CtyType, b: CtyType): boolean {
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'list':
    case 'set':
    case 'map':
      return typeEquals(a.element, (b as CollectionType).element);
    case 'object': {
      const bo = b as ObjectType;
      const ak = Object.keys(a.attributes);
      if (ak.length !== Object.keys(bo.attributes).length) return false;
      // Own properties only: attribute maps may be plain objects, and "constructor" is a fine name.
      return ak.every(
        (k) =>
          Object.hasOwn(bo.attributes, k) &&
          typeEquals(a.attributes[k] as CtyType, bo.attributes[k] as CtyType),
      );
    }
    case 'tuple': {
      const bt = b as TupleType;
      return (
        a.elements.length === bt.elements.length &&
        a.elements.every((e, i) => typeEquals(e, bt.elements[i] as CtyType))
      );
    }
    default:
      return true;
  }
}

/** The JSON form of a type, as Terraform reads it from `Schema.Attribute.type`. */
export type TypeJSON = string | [string, unknown] | [string, unknown, unknown];

export function typeToJSON(type: CtyType): TypeJSON {
  switch (type.kind) {
    case 'string':
    case 'number':
    case 'bool':
    case 'dynamic':
      return type.kind;
    case 'list':
    case 'set':
    case 'map':
      return [type.kind, typeToJSON(type.element)];
    case 'object': {
      // Null prototype and defineProperty: an attribute may be called `__proto__`.
      const attrs = Object.create(null) as Record<string, TypeJSON>;
      for (const name of sortedUtf8(Object.keys(type.attributes))) {
        Object.defineProperty(attrs, name, {
          value: typeToJSON(type.attributes[name] as CtyType),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return type.optional && type.optional.length > 0
        ? ['object', attrs, sortedUtf8(new Set(type.optional))]
        : ['object', attrs];
    }
    case 'tuple':
      return ['tuple', type.elements.map(typeToJSON)];
  }
}

/**
 * The type JSON text exactly as go-cty's `Type.MarshalJSON` writes it: no whitespace, object
 * attributes in UTF-8 byte order. It travels inside msgpack dynamic values, so it must be the
 * same bytes for equal types (JSON.stringify would put integer-like attribute names first).
 */
export function typeToJSONString(type: CtyType): string {
  switch (type.kind) {
    case 'string':
    case 'number':
    case 'bool':
    case 'dynamic':
      return `"${type.kind}"`;
    case 'list':
    case 'set':
    case 'map':
      return `["${type.kind}",${typeToJSONString(type.element)}]`;
    case 'object': {
      const attrs = sortedUtf8(Object.keys(type.attributes))
        .map((name) => `${goJSONString(name)}:${typeToJSONString(type.attributes[name] as CtyType)}`)
        .join(',');
      const optional =
        type.optional && type.optional.length > 0
          ? `,[${sortedUtf8(new Set(type.optional)).map(goJSONString).join(',')}]`
          : '';
      return `["object",{${attrs}}${optional}]`;
    }
    case 'tuple':
      return `["tuple",[${type.elements.map(typeToJSONString).join(',')}]]`;
  }
}

/** Go's encoding/json escapes HTML-significant characters and the JS line separators. */
function goJSONString(text: string): string {
  return JSON.stringify(text).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

export class CtyTypeError extends Error {}

/** A piece of JSON from the peer, as a message quotes it: at most 60 characters. */
function excerpt(json: unknown): string {
  const text = JSON.stringify(json) ?? String(json);
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

export function typeFromJSON(json: unknown): CtyType {
  if (typeof json === 'string') {
    switch (json) {
      case 'string':
        return STRING;
      case 'number':
        return NUMBER;
      case 'bool':
        return BOOL;
      case 'dynamic':
        return DYNAMIC;
      default:
        throw new CtyTypeError(`invalid primitive type name ${excerpt(json)}`);
    }
  }
  if (!Array.isArray(json) || json.length < 2 || typeof json[0] !== 'string') {
    throw new CtyTypeError(`invalid type specification ${excerpt(json)}`);
  }
  const [kind, arg, extra] = json as [string, unknown, unknown];
  switch (kind) {
    case 'list':
    case 'set':
    case 'map':
      if (json.length !== 2) throw new CtyTypeError(`${kind} type takes exactly one element type`);
      return { kind, element: typeFromJSON(arg) };
    case 'object': {
      if (arg === null || typeof arg !== 'object' || Array.isArray(arg) || json.length > 3) {
        throw new CtyTypeError('object type needs a map of attribute types');
      }
      const attributes: Record<string, CtyType> = Object.create(null) as Record<string, CtyType>;
      for (const [name, value] of Object.entries(arg as Record<string, unknown>)) {
        attributes[name] = typeFromJSON(value);
      }
      if (extra === undefined) return { kind: 'object', attributes };
      if (
        !Array.isArray(extra) ||
        !extra.every((n): n is string => typeof n === 'string' && n in attributes)
      ) {
        throw new CtyTypeError('object optional attributes must name declared attributes');
      }
      return { kind: 'object', attributes, optional: extra };
    }
    case 'tuple':
      if (!Array.isArray(arg) || json.length !== 2)
        throw new CtyTypeError('tuple type needs a list of element types');
      return { kind: 'tuple', elements: arg.map(typeFromJSON) };
    default:
      throw new CtyTypeError(`invalid type kind ${excerpt(kind)}`);
  }
}

/** Human-readable form for diagnostics: `list of string`, `object`. */
export function typeFriendlyName(type: CtyType): string {
  switch (type.kind) {
    case 'list':
    case 'set':
    case 'map':
      return `${type.kind} of ${typeFriendlyName(type.element)}`;
    default:
      return type.kind;
  }
}
