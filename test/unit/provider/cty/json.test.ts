import fc from 'fast-check';
import { CtyDecodeError, CtyEncodeError, decodeJSON, encodeJSON } from '../../../../src/provider/cty/json';
import { CtyNumber } from '../../../../src/provider/cty/number';
import type { CtyType } from '../../../../src/provider/cty/types';
import { t } from '../../../../src/provider/cty/types';
import type { CtyValue } from '../../../../src/provider/cty/value';
import { DynamicValue, UNKNOWN, Unknown, ctyObject } from '../../../../src/provider/cty/value';
import { JSON_VALUES, sameValue, typeArbitrary, valueArbitrary } from './arbitraries';

const n = (text: string): CtyNumber => CtyNumber.parse(text);

function decodeError(text: string, type: CtyType): CtyDecodeError {
  try {
    decodeJSON(text, type);
  } catch (error) {
    if (error instanceof CtyDecodeError) return error;
    throw new Error(`expected CtyDecodeError, got ${String(error)}`);
  }
  throw new Error('expected decoding to fail');
}

describe('round trips', () => {
  test('property: any wholly known value of any type round-trips, and encoding is canonical', () => {
    fc.assert(
      fc.property(
        typeArbitrary(3).chain((type) => fc.tuple(fc.constant(type), valueArbitrary(type, JSON_VALUES))),
        ([type, value]) => {
          const text = encodeJSON(value, type);
          const decoded = decodeJSON(text, type);
          expect(sameValue(decoded, value, type)).toBe(true);
          expect(encodeJSON(decoded, type)).toBe(text);
        },
      ),
      { numRuns: 400 },
    );
  });

  test('UTF-8 bytes are accepted as well as text', () => {
    expect(decodeJSON(Buffer.from('"caf\u00e9"'), t.string)).toBe('caf\u00e9');
  });

  test.each<[string, CtyValue, CtyType, string]>([
    ['string', 'a"b', t.string, '"a\\"b"'],
    ['number 0.1 exactly', n('0.1'), t.number, '0.1'],
    ['number 10^30 without exponent', n('1e30'), t.number, '1' + '0'.repeat(30)],
    ['number 1e-7 without exponent', n('1e-7'), t.number, '0.0000001'],
    ['bool', false, t.bool, 'false'],
    ['null', null, t.list(t.string), 'null'],
    ['set: sorted, merged', ['b', 'a', 'b'], t.set(t.string), '["a","b"]'],
    [
      'map: sorted keys',
      ctyObject([
        ['z', true],
        ['a', false],
      ]),
      t.map(t.bool),
      '{"a":false,"z":true}',
    ],
    [
      'object: every attribute, sorted, absent ones null',
      ctyObject([['b', 'x']]),
      t.object({ b: t.string, a: t.number }),
      '{"a":null,"b":"x"}',
    ],
    ['tuple', ['x', n('1')], t.tuple([t.string, t.number]), '["x",1]'],
    [
      'dynamic: value before type, as cty writes it',
      new DynamicValue(t.list(t.string), ['a']),
      t.dynamic,
      '{"value":["a"],"type":["list","string"]}',
    ],
    ['dynamic typed null', new DynamicValue(t.string, null), t.dynamic, '{"value":null,"type":"string"}'],
    ['dynamic untyped null', null, t.dynamic, 'null'],
  ])('encodeJSON: %s', (_name, value, type, expected) => {
    expect(encodeJSON(value, type)).toBe(expected);
  });
});

describe('numbers are decoded without float rounding', () => {
  test.each([
    ['a 23-digit integer', '12345678901234567890123', '12345678901234567890123'],
    ['2^64', '18446744073709551616', '18446744073709551616'],
    ['-2^63', '-9223372036854775808', '-9223372036854775808'],
    ['0.1', '0.1', '0.1'],
    ['1e400', '1e400', '1e+400'],
    ['-0.0', '-0.0', '0'],
    ['a number in a string', '"12.50"', '12.5'],
    ['1.7976931348623157e309 (beyond double range)', '1.7976931348623157e309', '17976931348623157e+293'],
  ])('%s', (_name, text, expected) => {
    expect((decodeJSON(text, t.number) as CtyNumber).toString()).toBe(expected);
  });

  test('a string that is not a number is an error', () => {
    expect(decodeError('"twelve"', t.number).message).toMatch(/^a number is required/);
  });
});

describe('lenient decoding, as cty/json', () => {
  const type = t.object({ name: t.string, size: t.number, on: t.bool });

  test('missing object attributes are null', () => {
    const decoded = decodeJSON('{"name":"v"}', type) as Record<string, CtyValue>;
    expect(decoded).toEqual(
      ctyObject([
        ['name', 'v'],
        ['on', null],
        ['size', null],
      ]),
    );
    expect(Object.keys(decoded).sort()).toEqual(['name', 'on', 'size']);
  });

  test('a JSON number where a string is expected keeps its literal text', () => {
    expect(decodeJSON('1.50', t.string)).toBe('1.50');
  });

  test('a bool where a string is expected becomes "true"/"false"', () => {
    expect(decodeJSON('true', t.string)).toBe('true');
  });

  test.each([
    ['"true"', true],
    ['"1"', true],
    ['"false"', false],
    ['"0"', false],
  ])('%s where a bool is expected', (text, expected) => {
    expect(decodeJSON(text, t.bool)).toBe(expected);
  });

  test('"True" is refused with a hint to use lowercase', () => {
    expect(decodeError('"True"', t.bool).message).toBe(
      'a bool is required; to convert from string, use lowercase "true"',
    );
  });

  test('strings are normalised to NFC', () => {
    expect(decodeJSON('"e\\u0301"', t.string)).toBe('\u00e9');
  });

  test('a repeated key keeps the last value, as Go does', () => {
    expect(decodeJSON('{"a":1,"a":2}', t.map(t.number))).toEqual(ctyObject([['a', n('2')]]));
  });

  test('set duplicates are merged', () => {
    expect(decodeJSON('[1, 1.0, "1", 2]', t.set(t.number))).toEqual([n('1'), n('2')]);
  });
});

describe('unknown attributes', () => {
  const type = t.object({ name: t.string, disks: t.list(t.object({ size: t.number })) });
  const text = '{"name":"v","legacy":true,"disks":[{"size":1,"old_field":"x"}]}';

  test('are an error by default, naming them', () => {
    const error = decodeError(text, type);
    expect(error.message).toBe('unsupported attribute "legacy"');
    expect(error.path).toEqual([]);
  });

  test('nested ones report the path of their object', () => {
    const error = decodeError('{"name":"v","disks":[{"size":1,"old_field":"x"}]}', type);
    expect(error.message).toBe('.disks[0]: unsupported attribute "old_field"');
  });

  test('are dropped at every depth with ignoreUnknownAttributes', () => {
    const decoded = decodeJSON(text, type, { ignoreUnknownAttributes: true });
    expect(
      sameValue(
        decoded,
        ctyObject([
          ['name', 'v'],
          ['disks', [ctyObject([['size', n('1')]])]],
        ]),
        type,
      ),
    ).toBe(true);
  });
});

describe('dynamic', () => {
  test('a typed value', () => {
    const decoded = decodeJSON('{"type":["map","number"],"value":{"a":1}}', t.dynamic) as DynamicValue;
    expect(decoded).toBeInstanceOf(DynamicValue);
    expect(decoded.type).toEqual(t.map(t.number));
    expect(sameValue(decoded.value, ctyObject([['a', n('1')]]), decoded.type)).toBe(true);
  });

  test('a typed null', () => {
    const decoded = decodeJSON('{"value":null,"type":"string"}', t.dynamic) as DynamicValue;
    expect(decoded.type).toEqual(t.string);
    expect(decoded.value).toBeNull();
  });

  test('an untyped null', () => {
    expect(decodeJSON('null', t.dynamic)).toBeNull();
  });

  test.each([
    ['no type', '{"value":1}', /missing type/],
    ['no value', '{"type":"number"}', /missing value/],
    ['an extra key', '{"type":"number","value":1,"x":2}', /invalid key "x"/],
    ['an invalid type', '{"type":"numbr","value":1}', /invalid type in dynamic value/],
    ['a bare value', '"hi"', /must be an object with "type" and "value"/],
    ['a value that does not fit the type', '{"type":"bool","value":[]}', /a bool is required/],
  ])('rejects %s', (_name, text, message) => {
    expect(decodeError(text, t.dynamic).message).toMatch(message);
  });
});

describe('__proto__', () => {
  test('a map key __proto__ is an own property of a null-prototype object', () => {
    const decoded = decodeJSON('{"__proto__":"x","b":"y"}', t.map(t.string));
    expect(Object.getPrototypeOf(decoded)).toBeNull();
    expect(Object.getOwnPropertyDescriptor(decoded, '__proto__')?.value).toBe('x');
    expect(({} as Record<string, unknown>).b).toBeUndefined();
  });

  test('an object attribute __proto__ round-trips', () => {
    const type = t.object(Object.fromEntries([['__proto__', t.string]]));
    const decoded = decodeJSON('{"__proto__":"x"}', type);
    expect(Object.getOwnPropertyDescriptor(decoded, '__proto__')?.value).toBe('x');
    expect(encodeJSON(decoded, type)).toBe('{"__proto__":"x"}');
  });

  test('"constructor" is not an attribute of object{a}', () => {
    expect(decodeError('{"constructor":1}', t.object({ a: t.string })).message).toBe(
      'unsupported attribute "constructor"',
    );
  });
});

describe('decoding errors', () => {
  test.each<[string, string, CtyType, string]>([
    ['too many tuple elements', '[1,2,3]', t.tuple([t.number, t.number]), 'too many tuple elements (need 2)'],
    ['not enough tuple elements', '[1]', t.tuple([t.number, t.number]), 'not enough tuple elements (need 2)'],
    ['list given an object', '{}', t.list(t.string), 'a list is required'],
    ['set given a string', '"a"', t.set(t.string), 'a set is required'],
    ['map given a list', '[]', t.map(t.string), 'a map is required'],
    ['object given a number', '1', t.object({}), 'an object is required'],
    ['string given a list', '[]', t.string, 'a string is required'],
    ['bool given a number', '1', t.bool, 'a bool is required'],
    [
      'wrong type deep inside',
      '{"v":[{"size":1},{"size":[]}]}',
      t.object({ v: t.list(t.object({ size: t.number })) }),
      '.v[1].size: a number is required',
    ],
  ])('%s', (_name, text, type, message) => {
    expect(decodeError(text, type).message).toBe(message);
  });

  test.each([
    ['empty text', ''],
    ['truncated', '{"a":'],
    ['trailing garbage', '1 2'],
    ['single quotes', "{'a':1}"],
    ['NaN', 'NaN'],
  ])('rejects %s as invalid JSON', (_name, text) => {
    expect(decodeError(text, t.map(t.number)).message).toMatch(/^invalid JSON/);
  });

  test('deep nesting is a CtyDecodeError, not a stack overflow escaping', () => {
    const depth = 100000;
    expect(() => decodeJSON('['.repeat(depth) + ']'.repeat(depth), t.list(t.string))).toThrow(CtyDecodeError);
  });

  test('property: arbitrary text only ever gives a value or a CtyDecodeError', () => {
    const jsonish = fc.oneof(fc.string({ maxLength: 40 }), fc.json({ maxDepth: 3 }));
    fc.assert(
      fc.property(jsonish, typeArbitrary(2), fc.boolean(), (text, type, ignoreUnknownAttributes) => {
        try {
          decodeJSON(text, type, { ignoreUnknownAttributes });
        } catch (error) {
          expect(error).toBeInstanceOf(CtyDecodeError);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('encoding errors', () => {
  test('unknowns cannot be written, and the path says where', () => {
    const type = t.object({ a: t.list(t.string) });
    let caught: unknown;
    try {
      encodeJSON(ctyObject([['a', ['x', UNKNOWN]]]), type);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(CtyEncodeError);
    expect((caught as CtyEncodeError).path).toEqual([{ attribute: 'a' }, { index: 1 }]);
    expect((caught as CtyEncodeError).message).toMatch(/^\.a\[1\]: value is not known/);
  });

  test('an unknown at a dynamic position cannot be written', () => {
    expect(() => encodeJSON(new Unknown({ notNull: true }), t.dynamic)).toThrow(CtyEncodeError);
  });

  test('infinity cannot be written', () => {
    expect(() => encodeJSON(CtyNumber.POSITIVE_INFINITY, t.number)).toThrow(/infinity/);
  });

  test('an undeclared attribute is refused', () => {
    expect(() => encodeJSON(ctyObject([['x', 'y']]), t.object({}))).toThrow(/unsupported attribute "x"/);
  });

  test('a value of the wrong JS type is refused', () => {
    expect(() => encodeJSON('yes', t.bool)).toThrow(CtyEncodeError);
  });
});
