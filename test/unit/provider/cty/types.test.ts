import fc from 'fast-check';
import type { CtyType } from '../../../../src/provider/cty/types';
import {
  CtyTypeError,
  t,
  typeEquals,
  typeFriendlyName,
  typeFromJSON,
  typeToJSON,
  typeToJSONString,
} from '../../../../src/provider/cty/types';
import { typeArbitrary } from './arbitraries';

describe('typeToJSON / typeFromJSON', () => {
  test('property: every type survives JSON text and back', () => {
    fc.assert(
      fc.property(typeArbitrary(4), (type) => {
        const back = typeFromJSON(JSON.parse(JSON.stringify(typeToJSON(type))));
        expect(typeEquals(back, type)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  test('property: typeToJSONString is canonical and parses back to an equal type', () => {
    fc.assert(
      fc.property(typeArbitrary(4), (type) => {
        const text = typeToJSONString(type);
        const back = typeFromJSON(JSON.parse(text));
        expect(typeEquals(back, type)).toBe(true);
        expect(typeToJSONString(back)).toBe(text);
      }),
      { numRuns: 300 },
    );
  });

  test.each<[string, CtyType, string]>([
    ['primitives', t.string, '"string"'],
    ['dynamic', t.dynamic, '"dynamic"'],
    ['collections', t.map(t.set(t.list(t.bool))), '["map",["set",["list","bool"]]]'],
    [
      'object with sorted attributes',
      t.object({ b: t.string, a: t.number }),
      '["object",{"a":"number","b":"string"}]',
    ],
    [
      'object with optional attributes',
      t.object({ a: t.string, b: t.number }, ['b']),
      '["object",{"a":"string","b":"number"},["b"]]',
    ],
    ['tuple', t.tuple([t.string, t.dynamic]), '["tuple",["string","dynamic"]]'],
    ['empty object', t.object({}), '["object",{}]'],
    [
      'integer-like names in byte order, not JS key order',
      t.object({ '9': t.bool, '10': t.bool }),
      '["object",{"10":"bool","9":"bool"}]',
    ],
    [
      'Go-style escaping of HTML characters',
      t.object({ 'a<b>&': t.bool }),
      '["object",{"a\\u003cb\\u003e\\u0026":"bool"}]',
    ],
  ])('typeToJSONString: %s', (_name, type, expected) => {
    expect(typeToJSONString(type)).toBe(expected);
  });

  test('typeToJSON sorts attributes and optional names', () => {
    expect(typeToJSON(t.object({ z: t.string, a: t.bool }, ['z', 'a']))).toEqual([
      'object',
      { a: 'bool', z: 'string' },
      ['a', 'z'],
    ]);
  });

  test('an attribute named __proto__ is an ordinary attribute in and out', () => {
    const type = t.object(Object.fromEntries([['__proto__', t.string]]));
    const json = typeToJSON(type) as [string, Record<string, unknown>];
    expect(Object.getOwnPropertyDescriptor(json[1], '__proto__')?.value).toBe('string');
    expect(typeToJSONString(type)).toBe('["object",{"__proto__":"string"}]');
    const back = typeFromJSON(JSON.parse('["object",{"__proto__":"number"}]'));
    expect(
      back.kind === 'object' && Object.getOwnPropertyDescriptor(back.attributes, '__proto__')?.value,
    ).toEqual(t.number);
  });

  test.each<[string, unknown]>([
    ['an unknown primitive name', 'strin'],
    ['a number', 42],
    ['null', null],
    ['a list type without element type', ['list']],
    ['a list type with two element types', ['list', 'string', 'number']],
    ['an unknown kind', ['vector', 'string']],
    ['an object type with an array of attributes', ['object', []]],
    ['an object type with a null attribute map', ['object', null]],
    ['an optional attribute that is not declared', ['object', { a: 'string' }, ['b']]],
    ['optional names that are not a list', ['object', { a: 'string' }, 'a']],
    ['an object type with a fourth element', ['object', { a: 'string' }, [], 1]],
    ['a tuple type with a non-list', ['tuple', 'string']],
    ['a tuple with an invalid element', ['tuple', ['string', 'nope']]],
    ['a nested invalid type', ['map', ['list', 'strin']]],
    ['a non-string kind', [1, 'string']],
  ])('typeFromJSON rejects %s', (_name, json) => {
    expect(() => typeFromJSON(json)).toThrow(CtyTypeError);
  });

  test('typeFromJSON reads optional attributes', () => {
    const type = typeFromJSON(['object', { a: 'string', b: 'number' }, ['b']]);
    expect(type).toEqual({ kind: 'object', attributes: { a: t.string, b: t.number }, optional: ['b'] });
  });
});

describe('typeEquals', () => {
  test.each<[string, CtyType, CtyType, boolean]>([
    ['same primitive', t.string, t.string, true],
    ['different primitives', t.string, t.number, false],
    ['list vs set', t.list(t.string), t.set(t.string), false],
    ['nested equal', t.map(t.list(t.bool)), t.map(t.list(t.bool)), true],
    [
      'object attribute order does not matter',
      t.object({ a: t.string, b: t.bool }),
      t.object({ b: t.bool, a: t.string }),
      true,
    ],
    ['object attribute types differ', t.object({ a: t.string }), t.object({ a: t.number }), false],
    ['object attribute names differ', t.object({ a: t.string }), t.object({ b: t.string }), false],
    [
      'object vs one with an inherited name',
      t.object({ constructor: t.string }),
      t.object({ a: t.string }),
      false,
    ],
    ['tuple lengths differ', t.tuple([t.string]), t.tuple([t.string, t.string]), false],
    ['tuples equal', t.tuple([t.string, t.dynamic]), t.tuple([t.string, t.dynamic]), true],
  ])('%s', (_name, a, b, expected) => {
    expect(typeEquals(a, b)).toBe(expected);
    expect(typeEquals(b, a)).toBe(expected);
  });
});

test('typeFriendlyName', () => {
  expect(typeFriendlyName(t.list(t.map(t.string)))).toBe('list of map of string');
  expect(typeFriendlyName(t.object({}))).toBe('object');
});
