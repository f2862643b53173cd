import { encode as msgpackEncode } from '@msgpack/msgpack';
import fc from 'fast-check';
import {
  CtyDecodeError,
  CtyEncodeError,
  decodeMsgpack,
  encodeMsgpack,
} from '../../../../src/provider/cty/msgpack';
import { CtyNumber } from '../../../../src/provider/cty/number';
import type { CtyType } from '../../../../src/provider/cty/types';
import { t } from '../../../../src/provider/cty/types';
import type { CtyValue } from '../../../../src/provider/cty/value';
import { DynamicValue, UNKNOWN, Unknown, ctyObject } from '../../../../src/provider/cty/value';
import {
  MSGPACK_VALUES,
  fromHex,
  hex,
  sameValue,
  typeArbitrary,
  unknownArbitrary,
  valueArbitrary,
} from './arbitraries';

const n = (text: string): CtyNumber => CtyNumber.parse(text);

function roundTrip(value: CtyValue, type: CtyType): CtyValue {
  return decodeMsgpack(encodeMsgpack(value, type), type);
}

function expectRoundTrip(value: CtyValue, type: CtyType): void {
  const bytes = encodeMsgpack(value, type);
  const decoded = decodeMsgpack(bytes, type);
  expect(sameValue(decoded, value, type)).toBe(true);
  // Canonical: re-encoding the decoded value gives the very same bytes.
  expect(hex(encodeMsgpack(decoded, type))).toBe(hex(bytes));
}

function decodeError(bytes: Uint8Array, type: CtyType): CtyDecodeError {
  try {
    decodeMsgpack(bytes, type);
  } catch (error) {
    if (error instanceof CtyDecodeError) return error;
    throw new Error(`expected CtyDecodeError, got ${String(error)}`);
  }
  throw new Error('expected decoding to fail');
}

function encodeError(value: CtyValue, type: CtyType): CtyEncodeError {
  try {
    encodeMsgpack(value, type);
  } catch (error) {
    if (error instanceof CtyEncodeError) return error;
    throw new Error(`expected CtyEncodeError, got ${String(error)}`);
  }
  throw new Error('expected encoding to fail');
}

// Hex written by hand from the msgpack spec, so these anchor the format independently of the
// library: fixstr a0+len, fixmap 80+n, fixarray 90+n, bin8 c4, fixext1 d4, fixext4 d6,
// fixext8 d7, fixext16 d8, ext8 c7 len type, float64 cb, uint8 cc, uint16 cd, uint32 ce,
// uint64 cf, int8 d0, int16 d1, int32 d2, int64 d3, str8 d9.
describe('encodeMsgpack produces the bytes the msgpack spec and go-cty prescribe', () => {
  const STRING_TYPE_JSON = '22 73 74 72 69 6e 67 22'; // "string"
  const cases: Array<[string, CtyValue, CtyType, string]> = [
    ['null', null, t.string, 'c0'],
    ['plain unknown', UNKNOWN, t.string, 'd4 00 00'],
    ['plain unknown of an object', UNKNOWN, t.object({ a: t.string }), 'd4 00 00'],
    ['"hi"', 'hi', t.string, 'a2 68 69'],
    ['empty string', '', t.string, 'a0'],
    ['true', true, t.bool, 'c3'],
    ['false', false, t.bool, 'c2'],
    ['0', n('0'), t.number, '00'],
    ['127', n('127'), t.number, '7f'],
    ['128', n('128'), t.number, 'cc 80'],
    ['256', n('256'), t.number, 'cd 01 00'],
    ['65536', n('65536'), t.number, 'ce 00 01 00 00'],
    ['2^32-1', n('4294967295'), t.number, 'ce ff ff ff ff'],
    ['2^32', n('4294967296'), t.number, 'cf 00 00 00 01 00 00 00 00'],
    ['-1', n('-1'), t.number, 'ff'],
    ['-32', n('-32'), t.number, 'e0'],
    ['-33', n('-33'), t.number, 'd0 df'],
    ['-129', n('-129'), t.number, 'd1 ff 7f'],
    ['-2^31', n('-2147483648'), t.number, 'd2 80 00 00 00'],
    ['-2^31-1', n('-2147483649'), t.number, 'd3 ff ff ff ff 7f ff ff ff'],
    ['2^63-1', n('9223372036854775807'), t.number, 'cf 7f ff ff ff ff ff ff ff'],
    ['-2^63', n('-9223372036854775808'), t.number, 'd3 80 00 00 00 00 00 00 00'],
    ['2^63 (not int64, exact double)', n('9223372036854775808'), t.number, 'cb 43 e0 00 00 00 00 00 00'],
    ['2^64 (exact double)', n('18446744073709551616'), t.number, 'cb 43 f0 00 00 00 00 00 00'],
    ['1.5', n('1.5'), t.number, 'cb 3f f8 00 00 00 00 00 00'],
    ['2^-30', CtyNumber.fromDouble(2 ** -30), t.number, 'cb 3e 10 00 00 00 00 00 00'],
    ['+Inf', CtyNumber.POSITIVE_INFINITY, t.number, 'cb 7f f0 00 00 00 00 00 00'],
    ['-Inf', CtyNumber.NEGATIVE_INFINITY, t.number, 'cb ff f0 00 00 00 00 00 00'],
    ['0.1 as the string "0.1"', n('0.1'), t.number, 'a3 30 2e 31'],
    ['-12.345 as a string', n('-12.345'), t.number, 'a7 2d 31 32 2e 33 34 35'],
    ['10^30 as a 31-digit string', n('1e30'), t.number, 'bf 31' + ' 30'.repeat(30)],
    ['1e-30 as a plain decimal in a str8', n('1e-30'), t.number, 'd9 20 30 2e' + ' 30'.repeat(29) + ' 31'],
    ['list of strings', ['a', 'b'], t.list(t.string), '92 a1 61 a1 62'],
    ['empty list', [], t.list(t.string), '90'],
    ['set: sorted, duplicates merged', ['b', 'a', 'b'], t.set(t.string), '92 a1 61 a1 62'],
    ['tuple', ['x', true], t.tuple([t.string, t.bool]), '92 a1 78 c3'],
    [
      'map: keys sorted',
      ctyObject([
        ['z', n('1')],
        ['a', n('2')],
      ]),
      t.map(t.number),
      '82 a1 61 02 a1 7a 01',
    ],
    [
      'object: every attribute, keys sorted',
      ctyObject([
        ['b', 'x'],
        ['a', n('1')],
      ]),
      t.object({ b: t.string, a: t.number }),
      '82 a1 61 01 a1 62 a1 78',
    ],
    [
      'object: absent attribute written as nil',
      ctyObject([['b', 'x']]),
      t.object({ b: t.string, a: t.number }),
      '82 a1 61 c0 a1 62 a1 78',
    ],
    [
      'object with an unknown attribute',
      ctyObject([
        ['id', UNKNOWN],
        ['size', n('10')],
      ]),
      t.object({ id: t.string, size: t.number }),
      '82 a2 69 64 d4 00 00 a4 73 69 7a 65 0a',
    ],
    [
      'object attributes in byte order ("B" < "a", "10" < "9")',
      ctyObject([
        ['9', true],
        ['10', true],
        ['a', true],
        ['B', true],
      ]),
      t.object({ '9': t.bool, '10': t.bool, a: t.bool, B: t.bool }),
      '84 a2 31 30 c3 a1 39 c3 a1 42 c3 a1 61 c3',
    ],
    [
      'dynamic string: [bin(type JSON), value]',
      new DynamicValue(t.string, 'hi'),
      t.dynamic,
      `92 c4 08 ${STRING_TYPE_JSON} a2 68 69`,
    ],
    [
      'dynamic list(number)',
      new DynamicValue(t.list(t.number), [n('1')]),
      t.dynamic,
      '92 c4 11 5b 22 6c 69 73 74 22 2c 22 6e 75 6d 62 65 72 22 5d 91 01',
    ],
    ['dynamic typed null', new DynamicValue(t.string, null), t.dynamic, `92 c4 08 ${STRING_TYPE_JSON} c0`],
    [
      'dynamic typed unknown',
      new DynamicValue(t.string, UNKNOWN),
      t.dynamic,
      `92 c4 08 ${STRING_TYPE_JSON} d4 00 00`,
    ],
    ['dynamic untyped null', null, t.dynamic, 'c0'],
    ['dynamic untyped unknown', UNKNOWN, t.dynamic, 'd4 00 00'],
    ['refined string: not null', new Unknown({ notNull: true }), t.string, 'c7 03 0c 81 01 c2'],
    [
      'refined string: not null, prefix "abc" (fixext 8)',
      new Unknown({ notNull: true, stringPrefix: 'abc' }),
      t.string,
      'd7 0c 82 01 c2 02 a3 61 62 63',
    ],
    [
      'refined string: not null, prefix "hello-world" (fixext 16)',
      new Unknown({ notNull: true, stringPrefix: 'hello-world' }),
      t.string,
      'd8 0c 82 01 c2 02 ab 68 65 6c 6c 6f 2d 77 6f 72 6c 64',
    ],
    [
      'refined number: lower bound 0 inclusive',
      new Unknown({ numberLowerBound: { value: n('0'), inclusive: true } }),
      t.number,
      'c7 05 0c 81 03 92 00 c3',
    ],
    [
      'refined number: not null, [0, 0.5)',
      new Unknown({
        notNull: true,
        numberLowerBound: { value: n('0'), inclusive: true },
        numberUpperBound: { value: n('0.5'), inclusive: false },
      }),
      t.number,
      'c7 13 0c 83 01 c2 03 92 00 c3 04 92 cb 3f e0 00 00 00 00 00 00 c2',
    ],
    [
      'refined list: not null, length 1..5',
      new Unknown({ notNull: true, lengthLowerBound: 1, lengthUpperBound: 5 }),
      t.list(t.string),
      'c7 07 0c 83 01 c2 05 01 06 05',
    ],
    [
      'refined set: length at most 200 (fixext 4)',
      new Unknown({ lengthUpperBound: 200 }),
      t.set(t.string),
      'd6 0c 81 06 cc c8',
    ],
  ];

  test.each(cases)('%s', (_name, value, type, expected) => {
    expect(hex(encodeMsgpack(value, type))).toBe(expected.replace(/ /g, ''));
  });

  test.each(cases)('%s decodes back from the same bytes', (_name, value, type, expected) => {
    const decoded = decodeMsgpack(fromHex(expected), type);
    // Sets merge duplicates and an absent attribute comes back as null: compare by re-encoding.
    expect(hex(encodeMsgpack(decoded, type))).toBe(expected.replace(/ /g, ''));
    if (_name.startsWith('set') || _name.includes('absent')) return;
    expect(sameValue(decoded, value, type)).toBe(true);
  });
});

describe('container headers beyond the fix forms', () => {
  test('a list of 16 elements has an array 16 header (dc 00 10)', () => {
    const value = Array.from({ length: 16 }, () => true);
    expect(hex(encodeMsgpack(value, t.list(t.bool)))).toBe('dc0010' + 'c3'.repeat(16));
  });

  test('a map of 16 entries has a map 16 header (de 00 10)', () => {
    const keys = 'abcdefghijklmnop'.split('');
    const value = ctyObject(keys.map((k) => [k, false]));
    expect(hex(encodeMsgpack(value, t.map(t.bool)))).toBe(
      'de0010' + keys.map((k) => `a1${hex(Buffer.from(k))}c2`).join(''),
    );
  });

  test.each([0, 1, 31, 32, 255, 256, 65535, 65536])(
    'a string of %i UTF-8 bytes takes the smallest str form, byte for byte as @msgpack/msgpack writes it',
    (length) => {
      const value = 'é'.repeat(Math.floor(length / 2)) + 'x'.repeat(length % 2);
      expect(Buffer.byteLength(value)).toBe(length);
      const bytes = encodeMsgpack(value, t.string);
      expect(Buffer.from(bytes).equals(Buffer.from(msgpackEncode(value)))).toBe(true);
      expect(decodeMsgpack(bytes, t.string)).toBe(value);
    },
  );

  test('a list of 70000 elements has an array 32 header (dd 00 01 11 70)', () => {
    const bytes = encodeMsgpack(
      Array.from({ length: 70000 }, () => null),
      t.list(t.string),
    );
    expect(hex(bytes.subarray(0, 5))).toBe('dd00011170');
    expect((decodeMsgpack(bytes, t.list(t.string)) as CtyValue[]).length).toBe(70000);
  });
});

test('decodes from a Buffer that is a slice of a larger buffer (as gRPC hands them over)', () => {
  const backing = Buffer.from('ffff' + '82a16101a162a178' + 'ffff', 'hex');
  const slice = backing.subarray(2, backing.length - 2);
  const decoded = decodeMsgpack(slice, t.object({ a: t.number, b: t.string })) as Record<string, CtyValue>;
  expect(decoded.b).toBe('x');
  expect((decoded.a as CtyNumber).toString()).toBe('1');
});

describe('round trips for every type', () => {
  const objectType = t.object({ name: t.string, size: t.number, on: t.bool });
  const nested = t.object({
    volumes: t.list(t.object({ name: t.string, size: t.number, tags: t.map(t.string) })),
    hosts: t.set(t.object({ iqn: t.string, ports: t.tuple([t.number, t.string]) })),
    extra: t.dynamic,
  });
  const known: Array<[string, CtyValue, CtyType]> = [
    ['ascii string', 'pure-array-1', t.string],
    ['unicode string (astral, CJK, RTL)', '😀 日本語 שלום', t.string],
    ['NFC string', 'caf\u00e9', t.string],
    ['integer', n('42'), t.number],
    ['negative decimal', n('-12.345'), t.number],
    ['tiny decimal', n('1e-30'), t.number],
    ['huge decimal', n('1e+400'), t.number],
    ['10^30', n('1e30'), t.number],
    ['2^64', n('18446744073709551616'), t.number],
    ['bool', true, t.bool],
    ['list', ['a', 'b', 'a'], t.list(t.string)],
    ['set', [n('3'), n('1'), n('2')], t.set(t.number)],
    [
      'map',
      ctyObject([
        ['env', 'prod'],
        ['team', 'storage'],
      ]),
      t.map(t.string),
    ],
    [
      'object',
      ctyObject([
        ['name', 'v1'],
        ['size', n('1073741824')],
        ['on', false],
      ]),
      objectType,
    ],
    ['tuple', [n('1'), 'two', false], t.tuple([t.number, t.string, t.bool])],
    ['empty object type', ctyObject([]), t.object({})],
    ['empty tuple type', [], t.tuple([])],
    [
      'nested',
      ctyObject([
        [
          'volumes',
          [
            ctyObject([
              ['name', 'a'],
              ['size', n('1')],
              ['tags', ctyObject([['k', 'v']])],
            ]),
            ctyObject([
              ['name', 'b'],
              ['size', n('0.5')],
              ['tags', ctyObject([])],
            ]),
          ],
        ],
        [
          'hosts',
          [
            ctyObject([
              ['iqn', 'iqn.x'],
              ['ports', [n('3260'), 'tcp']],
            ]),
          ],
        ],
        ['extra', new DynamicValue(t.map(t.list(t.number)), ctyObject([['x', [n('1'), n('2')]]]))],
      ]),
      nested,
    ],
  ];
  test.each(known)('%s', (_name, value, type) => expectRoundTrip(value, type));

  const concreteTypes: Array<[string, CtyType, CtyValue]> = [
    ['string', t.string, 'x'],
    ['number', t.number, n('0.1')],
    ['bool', t.bool, false],
    ['list', t.list(t.string), ['a']],
    ['set', t.set(t.bool), [true, false]],
    ['map', t.map(t.number), ctyObject([['k', n('7')]])],
    ['object', t.object({ a: t.string }), ctyObject([['a', 'b']])],
    ['tuple', t.tuple([t.string, t.number]), ['a', n('1')]],
    ['list of dynamic', t.list(t.dynamic), [new DynamicValue(t.string, 's'), new DynamicValue(t.bool, true)]],
  ];
  test.each(concreteTypes)('dynamic holding a %s', (_name, type, value) => {
    expectRoundTrip(new DynamicValue(type, value), t.dynamic);
    expectRoundTrip(new DynamicValue(type, null), t.dynamic);
    expectRoundTrip(new DynamicValue(type, UNKNOWN), t.dynamic);
  });

  test('null and unknown at the top level of every type', () => {
    for (const [, type] of concreteTypes) {
      expect(roundTrip(null, type)).toBeNull();
      expect(roundTrip(UNKNOWN, type)).toBe(UNKNOWN);
    }
    expect(roundTrip(null, t.dynamic)).toBeNull();
    expect(roundTrip(UNKNOWN, t.dynamic)).toBe(UNKNOWN);
  });

  test('null and unknown inside list, set, map, object, tuple and dynamic', () => {
    const type = t.object({
      list: t.list(t.string),
      set: t.set(t.number),
      map: t.map(t.bool),
      tuple: t.tuple([t.string, t.number]),
      dyn: t.dynamic,
      child: t.object({ leaf: t.string }),
    });
    const value = ctyObject([
      ['list', [null, UNKNOWN, 'x']],
      ['set', [null, UNKNOWN, n('1')]],
      [
        'map',
        ctyObject([
          ['a', null],
          ['b', UNKNOWN],
        ]),
      ],
      ['tuple', [UNKNOWN, null]],
      ['dyn', new DynamicValue(t.list(t.string), [null, UNKNOWN])],
      ['child', ctyObject([['leaf', UNKNOWN]])],
    ]);
    const decoded = roundTrip(value, type) as Record<string, CtyValue>;
    expect(sameValue(decoded, value, type)).toBe(true);
    expect((decoded.list as CtyValue[])[1]).toBeInstanceOf(Unknown);
    expect((decoded.map as Record<string, CtyValue>).a).toBeNull();
    expect(((decoded.dyn as DynamicValue).value as CtyValue[])[0]).toBeNull();
    expect(
      roundTrip(
        ctyObject([
          ['list', UNKNOWN],
          ['set', null],
        ]),
        type,
      ),
    ).toMatchObject({ list: UNKNOWN, set: null });
  });

  test('property: any value of any type round-trips, byte-identically on re-encoding', () => {
    fc.assert(
      fc.property(
        typeArbitrary(3).chain((type) => fc.tuple(fc.constant(type), valueArbitrary(type, MSGPACK_VALUES))),
        ([type, value]) => expectRoundTrip(value, type),
      ),
      { numRuns: 400 },
    );
  });
});

describe('strings', () => {
  test('decoding normalises to NFC (e + combining acute becomes é)', () => {
    expect(decodeMsgpack(fromHex('a3 65 cc 81'), t.string)).toBe('\u00e9');
  });

  test('map keys are normalised to NFC too', () => {
    const decoded = decodeMsgpack(fromHex('81 a3 65 cc 81 c3'), t.map(t.bool)) as Record<string, CtyValue>;
    expect(Object.keys(decoded)).toEqual(['\u00e9']);
  });

  test('encoding writes NFC, so a decomposed string encodes like its composed form', () => {
    expect(hex(encodeMsgpack('e\u0301', t.string))).toBe(hex(encodeMsgpack('\u00e9', t.string)));
  });

  test('a bin is accepted where a string is expected, as go-cty does', () => {
    expect(decodeMsgpack(fromHex('c4 02 68 69'), t.string)).toBe('hi');
  });
});

describe('numbers are exact', () => {
  const decodeNumber = (hexText: string): string =>
    (decodeMsgpack(fromHex(hexText), t.number) as CtyNumber).toString();

  test.each([
    ['positive fixint', '05', '5'],
    ['negative fixint', 'fb', '-5'],
    ['uint64 max', 'cf ff ff ff ff ff ff ff ff', '18446744073709551615'],
    ['uint64 above 2^53', 'cf 00 20 00 00 00 00 00 01', '9007199254740993'],
    ['int64 min', 'd3 80 00 00 00 00 00 00 00', '-9223372036854775808'],
    ['int64 below -2^53', 'd3 ff df ff ff ff ff ff ff', '-9007199254740993'],
    ['float32 1.5', 'ca 3f c0 00 00', '1.5'],
    [
      'float64 0.1 is the exact binary value',
      'cb 3f b9 99 99 99 99 99 9a',
      '0.1000000000000000055511151231257827021181583404541015625',
    ],
    ['string "0.1"', 'a3 30 2e 31', '0.1'],
    ['string "1e+400"', 'a6 31 65 2b 34 30 30', '1e+400'],
    ['string with 30 digits', 'be' + ' 39'.repeat(30), '9'.repeat(30)],
    ['float64 +Inf', 'cb 7f f0 00 00 00 00 00 00', '+Inf'],
  ])('decodes %s', (_name, hexText, expected) => {
    expect(decodeNumber(hexText)).toBe(expected);
  });

  test.each([
    ['2^63-1', n('9223372036854775807')],
    ['-2^63', n('-9223372036854775808')],
    ['2^64', n('18446744073709551616')],
    ['10^30', n('1e30')],
    ['0.1', n('0.1')],
    ['-12.345', n('-12.345')],
    ['1e-30', n('1e-30')],
    ['1.5', n('1.5')],
    ['2^-30', CtyNumber.fromDouble(2 ** -30)],
    ['2^-1074, the smallest subnormal double', CtyNumber.fromDouble(Number.MIN_VALUE)],
    ['the largest double', CtyNumber.fromDouble(Number.MAX_VALUE)],
  ])('%s round-trips exactly', (_name, value) => {
    const back = roundTrip(value, t.number) as CtyNumber;
    expect(back.equals(value)).toBe(true);
  });

  test('a number that is neither int64 nor a double travels as its plain decimal text', () => {
    const bytes = encodeMsgpack(n('1e30'), t.number);
    expect(Buffer.from(bytes.subarray(1)).toString()).toBe('1' + '0'.repeat(30));
  });

  test('the exact subnormal double 2^-1074 travels as float64', () => {
    expect(hex(encodeMsgpack(CtyNumber.fromDouble(Number.MIN_VALUE), t.number))).toBe('cb0000000000000001');
  });

  test('NaN on the wire is rejected', () => {
    expect(decodeError(fromHex('cb 7f f8 00 00 00 00 00 00'), t.number).message).toBe('a number is required');
  });

  test('a string that is not a number is rejected', () => {
    expect(decodeError(fromHex('a3 61 62 63'), t.number).message).toMatch(/^a number is required/);
  });

  test('property: any number round-trips exactly', () => {
    fc.assert(
      fc.property(valueArbitrary(t.number, MSGPACK_VALUES), (value) => {
        expect(sameValue(roundTrip(value, t.number), value, t.number)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('refined unknowns', () => {
  test('property: refinements round-trip, and the bytes are identical after a second trip', () => {
    const refinable = fc.constantFrom<CtyType>(
      t.string,
      t.number,
      t.bool,
      t.list(t.string),
      t.set(t.number),
      t.map(t.bool),
      t.object({ a: t.string }),
      t.tuple([t.string]),
    );
    fc.assert(
      fc.property(
        refinable.chain((type) => fc.tuple(fc.constant(type), unknownArbitrary(type))),
        ([type, unknown]) => {
          const bytes = encodeMsgpack(unknown, type);
          const decoded = decodeMsgpack(bytes, type);
          expect(decoded).toBeInstanceOf(Unknown);
          expect(sameValue(decoded, unknown, type)).toBe(true);
          expect(hex(encodeMsgpack(decoded, type))).toBe(hex(bytes));
        },
      ),
      { numRuns: 300 },
    );
  });

  test('decoded refinements carry the exact values', () => {
    const decoded = decodeMsgpack(
      fromHex('c7 13 0c 83 01 c2 03 92 00 c3 04 92 cb 3f e0 00 00 00 00 00 00 c2'),
      t.number,
    ) as Unknown;
    expect(decoded.refinements?.notNull).toBe(true);
    expect(decoded.refinements?.numberLowerBound?.value.toString()).toBe('0');
    expect(decoded.refinements?.numberLowerBound?.inclusive).toBe(true);
    expect(decoded.refinements?.numberUpperBound?.value.toString()).toBe('0.5');
    expect(decoded.refinements?.numberUpperBound?.inclusive).toBe(false);
  });

  test('number bounds may travel as decimal strings', () => {
    // {3: ["0.1", true]}
    const decoded = decodeMsgpack(fromHex('c7 08 0c 81 03 92 a3 30 2e 31 c3'), t.number) as Unknown;
    expect(decoded.refinements?.numberLowerBound?.value.toString()).toBe('0.1');
  });

  test.each([
    ['ext type 0 with one arbitrary byte', 'd4 00 ff'],
    ['ext type 12 with one byte (too short for a map)', 'd4 0c 00'],
    ['an unrelated ext type with a payload', 'c7 03 05 01 02 03'],
    ['a negative ext type (timestamp)', 'd6 ff 00 00 00 00'],
    ['ext 12 with only an unknown future key', 'c7 03 0c 81 09 c3'],
  ])('%s decodes as a plain unknown', (_name, hexText) => {
    expect(decodeMsgpack(fromHex(hexText), t.string)).toBe(UNKNOWN);
  });

  test('refinements on an unknown of type dynamic are ignored', () => {
    expect(decodeMsgpack(fromHex('c7 03 0c 81 01 c2'), t.dynamic)).toBe(UNKNOWN);
  });

  test('refinements on a dynamic unknown are dropped when encoding (cty never refines dynamic)', () => {
    expect(hex(encodeMsgpack(new Unknown({ notNull: true }), t.dynamic))).toBe('d40000');
  });

  test('refinements that do not apply to the type are not written', () => {
    expect(hex(encodeMsgpack(new Unknown({ stringPrefix: 'x', lengthLowerBound: 2 }), t.number))).toBe(
      'd40000',
    );
  });

  test('a typed unknown inside dynamic keeps its refinements', () => {
    const value = new DynamicValue(t.string, new Unknown({ notNull: true, stringPrefix: 'vol-' }));
    expectRoundTrip(value, t.dynamic);
  });

  describe('refinements that pin the value down collapse to it, as go-cty does', () => {
    test('"is null" makes it null', () => {
      expect(decodeMsgpack(fromHex('c7 03 0c 81 01 c3'), t.string)).toBeNull();
    });
    test('a not-null number with equal inclusive bounds is that number', () => {
      // {1: false, 3: [5, true], 4: [5, true]}
      const value = decodeMsgpack(fromHex('c7 0b 0c 83 01 c2 03 92 05 c3 04 92 05 c3'), t.number);
      expect(value).toBeInstanceOf(CtyNumber);
      expect((value as CtyNumber).toString()).toBe('5');
    });
    test('a not-null list of exactly two elements is a list of two unknowns', () => {
      // {1: false, 5: 2, 6: 2}
      const value = decodeMsgpack(fromHex('c7 07 0c 83 01 c2 05 02 06 02'), t.list(t.string));
      expect(value).toEqual([UNKNOWN, UNKNOWN]);
    });
    test('a not-null set of exactly one element is a set of one unknown', () => {
      const value = decodeMsgpack(fromHex('c7 07 0c 83 01 c2 05 01 06 01'), t.set(t.string));
      expect(value).toEqual([UNKNOWN]);
    });
    test('a not-null map of length zero is an empty map', () => {
      // {1: false, 6: 0}
      const value = decodeMsgpack(fromHex('c7 05 0c 82 01 c2 06 00'), t.map(t.string));
      expect(Object.keys(value as object)).toEqual([]);
      expect(value).not.toBeInstanceOf(Unknown);
    });
  });

  test('a long prefix is cut to at most 255 bytes and loses its last character, as go-cty does', () => {
    const decoded = roundTrip(new Unknown({ stringPrefix: 'a'.repeat(1024) }), t.string) as Unknown;
    expect(decoded.refinements?.stringPrefix).toBe('a'.repeat(254));
  });

  test('a long prefix ending in a delimiter after the cut keeps the delimiter', () => {
    const decoded = roundTrip(new Unknown({ stringPrefix: 'c'.repeat(254) + '-xyz' }), t.string) as Unknown;
    expect(decoded.refinements?.stringPrefix).toBe('c'.repeat(254) + '-');
  });

  test('a prefix of exactly 256 bytes is kept whole', () => {
    const prefix = 'c'.repeat(255) + '-';
    expect(
      (roundTrip(new Unknown({ stringPrefix: prefix }), t.string) as Unknown).refinements?.stringPrefix,
    ).toBe(prefix);
  });

  test.each([
    [
      'a string prefix for a number',
      'c7 04 0c 81 02 a1 61',
      t.number,
      /string prefix refinement for a non-string type/,
    ],
    ['a numeric bound for a string', 'c7 05 0c 81 03 92 00 c3', t.string, /numeric bound refinement/],
    ['a length bound for a string', 'c7 03 0c 81 05 01', t.string, /length bound refinement/],
    ['a payload that is not a map', 'c7 04 0c 93 01 02 03', t.string, /must be a map/],
    ['a string key', 'c7 04 0c 81 a1 31 c2', t.string, /keys must be integers/],
    ['a non-bool null refinement', 'c7 03 0c 81 01 01', t.string, /must be a bool/],
    ['a malformed number bound', 'c7 04 0c 81 03 91 00', t.number, /\[number, bool\]/],
    ['a truncated payload', 'c7 03 0c 82 01 c2', t.string, /invalid unknown value refinements/],
  ])('rejects %s', (_name, hexText, type, message) => {
    expect(decodeError(fromHex(hexText), type).message).toMatch(message);
  });

  test('rejects refinement payloads over 1 KiB', () => {
    const payload = Buffer.concat([fromHex('81 02 da 04 00'), Buffer.alloc(1024, 0x61)]);
    const bytes = Buffer.concat([
      fromHex('c8'),
      Buffer.from([payload.length >> 8, payload.length & 0xff, 0x0c]),
      payload,
    ]);
    expect(decodeError(bytes, t.string).message).toMatch(/oversize/);
  });
});

describe('dynamic', () => {
  test('a type inside is decoded into a DynamicValue of that type', () => {
    const decoded = decodeMsgpack(fromHex('92 c4 08 22 73 74 72 69 6e 67 22 a2 68 69'), t.dynamic);
    expect(decoded).toBeInstanceOf(DynamicValue);
    expect((decoded as DynamicValue).type).toEqual(t.string);
    expect((decoded as DynamicValue).value).toBe('hi');
  });

  test('the type may also arrive as a str, as go-cty accepts', () => {
    const decoded = decodeMsgpack(
      fromHex('92 a8 22 73 74 72 69 6e 67 22 a2 68 69'),
      t.dynamic,
    ) as DynamicValue;
    expect(decoded.value).toBe('hi');
  });

  test('a refined unknown at a dynamic position is a plain unknown', () => {
    expect(decodeMsgpack(fromHex('d6 0c 81 06 cc c8'), t.dynamic)).toBe(UNKNOWN);
  });

  test('a DynamicValue whose type is dynamic is written as its inner value', () => {
    expect(hex(encodeMsgpack(new DynamicValue(t.dynamic, null), t.dynamic))).toBe('c0');
  });

  test('a DynamicValue may stand where its own concrete type is expected', () => {
    expect(hex(encodeMsgpack(new DynamicValue(t.string, 'hi'), t.string))).toBe('a26869');
  });

  test.each([
    ['a three-element array', '93 c4 08 22 73 74 72 69 6e 67 22 a2 68 69 c0', /exactly two elements/],
    ['a bare string', 'a2 68 69', /exactly two elements/],
    ['an invalid type name', '92 c4 05 22 73 74 72 22 c0', /invalid type in dynamic value/],
    ['type bytes that are not JSON', '92 c4 02 7b 7b c0', /invalid type in dynamic value/],
    ['type bytes that are not UTF-8', '92 c4 02 ff fe c0', /invalid type in dynamic value/],
    ['a type that is a number', '92 01 c0', /type must be JSON/],
  ])('rejects %s', (_name, hexText, message) => {
    expect(decodeError(fromHex(hexText), t.dynamic).message).toMatch(message);
  });
});

describe('sets', () => {
  test('duplicates on the wire are merged', () => {
    expect(decodeMsgpack(fromHex('93 a1 61 a1 62 a1 61'), t.set(t.string))).toEqual(['a', 'b']);
  });

  test('numbers equal in value but written differently (int, float, string) are one element', () => {
    const decoded = decodeMsgpack(
      fromHex('93 01 cb 3f f0 00 00 00 00 00 00 a1 31'),
      t.set(t.number),
    ) as CtyNumber[];
    expect(decoded).toHaveLength(1);
    expect(decoded[0]?.toString()).toBe('1');
  });

  test('unknowns are never merged, not even with each other', () => {
    expect(decodeMsgpack(fromHex('92 d4 00 00 d4 00 00'), t.set(t.string))).toEqual([UNKNOWN, UNKNOWN]);
  });

  test('objects holding unknowns are not merged', () => {
    const type = t.set(t.object({ id: t.string }));
    const value = [ctyObject([['id', UNKNOWN]]), ctyObject([['id', UNKNOWN]])];
    expect(roundTrip(value, type)).toHaveLength(2);
  });

  test('equal known elements given twice are written once', () => {
    const type = t.set(t.object({ a: t.number }));
    const bytes = encodeMsgpack([ctyObject([['a', n('1')]]), ctyObject([['a', n('1.0')]])], type);
    expect(hex(bytes)).toBe('9181a16101');
  });

  test('property: any permutation of a set encodes to the same bytes', () => {
    const type = t.set(t.object({ name: t.string, size: t.number }));
    fc.assert(
      fc.property(
        valueArbitrary(type, { ...MSGPACK_VALUES, unknowns: false }).filter(Array.isArray),
        fc.infiniteStream(fc.nat()),
        (value, randoms) => {
          const shuffled = [...(value as CtyValue[])].sort(() => (randoms.next().value % 3) - 1);
          expect(hex(encodeMsgpack(shuffled, type))).toBe(hex(encodeMsgpack(value, type)));
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('__proto__ and other prototype names are plain keys', () => {
  test('a map key "__proto__" decodes to an own property of a null-prototype object', () => {
    // {"__proto__": "x"}
    const decoded = decodeMsgpack(fromHex('81 a9 5f 5f 70 72 6f 74 6f 5f 5f a1 78'), t.map(t.string));
    expect(Object.getPrototypeOf(decoded)).toBeNull();
    expect(Object.keys(decoded as object)).toEqual(['__proto__']);
    expect(Object.getOwnPropertyDescriptor(decoded, '__proto__')?.value).toBe('x');
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  test('an object type with attributes __proto__ and constructor round-trips', () => {
    const type = t.object(
      Object.fromEntries([
        ['__proto__', t.string],
        ['constructor', t.number],
      ]),
    );
    const value = ctyObject([
      ['__proto__', 'p'],
      ['constructor', n('1')],
    ]);
    expectRoundTrip(value, type);
  });

  test('"constructor" on the wire is not found through the prototype of the attribute map', () => {
    // {"constructor": "x"} against object{a: string}
    const error = decodeError(
      fromHex('81 ab 63 6f 6e 73 74 72 75 63 74 6f 72 a1 78'),
      t.object({ a: t.string }),
    );
    expect(error.message).toMatch(/unsupported attribute "constructor"/);
  });

  test('a map value with a __proto__ key encodes that key', () => {
    const value = ctyObject([['__proto__', 'x']]);
    expect(hex(encodeMsgpack(value, t.map(t.string)))).toBe('81a95f5f70726f746f5f5fa178');
  });
});

describe('decoding errors', () => {
  const objectAB = t.object({ a: t.number, b: t.string });

  test('too few attributes: count and the missing name', () => {
    const error = decodeError(fromHex('81 a1 61 01'), objectAB);
    expect(error.message).toBe('an object with 2 attributes is required (1 given); missing attribute "b"');
    expect(error.path).toEqual([]);
  });

  test('too many attributes: count and the unsupported name', () => {
    const error = decodeError(fromHex('83 a1 61 01 a1 62 a1 78 a1 63 c0'), objectAB);
    expect(error.message).toBe(
      'an object with 2 attributes is required (3 given); unsupported attribute "c"',
    );
  });

  test('an empty map is not an object with attributes (go-cty lets this through; it is a bug there)', () => {
    expect(decodeError(fromHex('80'), objectAB).message).toMatch(/2 attributes is required \(0 given\)/);
  });

  test('right count, wrong name', () => {
    const error = decodeError(fromHex('82 a1 61 01 a1 63 c0'), objectAB);
    expect(error.message).toBe('missing attribute "b"; unsupported attribute "c"');
  });

  test('a wrong wire type deep inside names the path', () => {
    const type = t.object({ volumes: t.list(t.object({ size: t.number })) });
    // {volumes: [{size: 1}, {size: 2}, {size: true}]}
    const bytes = fromHex(
      '81 a7 76 6f 6c 75 6d 65 73 93 81 a4 73 69 7a 65 01 81 a4 73 69 7a 65 02 81 a4 73 69 7a 65 c3',
    );
    const error = decodeError(bytes, type);
    expect(error.message).toBe('.volumes[2].size: a number is required');
    expect(error.path).toEqual([{ attribute: 'volumes' }, { index: 2 }, { attribute: 'size' }]);
  });

  test('a map key path is reported as a key step', () => {
    const error = decodeError(fromHex('81 a3 65 6e 76 01'), t.map(t.string));
    expect(error.path).toEqual([{ key: 'env' }]);
    expect(error.message).toBe('["env"]: a string is required');
  });

  test.each([
    ['bool given a string', 'a1 61', t.bool, 'a bool is required'],
    ['string given a number', '01', t.string, 'a string is required'],
    ['list given a map', '80', t.list(t.string), 'a list is required'],
    ['set given a string', 'a1 61', t.set(t.string), 'a set is required'],
    ['map given an array', '90', t.map(t.string), 'a map is required'],
    ['object given an array', '90', t.object({}), 'an object is required'],
    [
      'tuple of the wrong length',
      '91 01',
      t.tuple([t.number, t.number]),
      'a tuple of length 2 is required (1 given)',
    ],
    ['map with an integer key', '81 01 01', t.map(t.number), 'all map keys must be strings'],
    ['object with an integer key', '81 01 01', t.object({ a: t.number }), 'all object keys must be strings'],
  ])('%s', (_name, hexText, type, message) => {
    expect(decodeError(fromHex(hexText), type).message).toBe(message);
  });

  test.each([
    ['empty input', ''],
    ['a truncated str', 'a5 68 69'],
    ['a truncated array', '92 01'],
    ['trailing bytes', '01 02'],
    ['the never-used byte c1', 'c1'],
    ['an array claiming 2^32-1 elements', 'dd ff ff ff ff'],
  ])('rejects %s as invalid msgpack', (_name, hexText) => {
    expect(decodeError(fromHex(hexText), t.list(t.number)).message).toMatch(/^invalid msgpack/);
  });

  test('every truncation of a valid encoding is a CtyDecodeError', () => {
    const type = t.object({ a: t.list(t.string), b: t.dynamic, c: t.number });
    const bytes = encodeMsgpack(
      ctyObject([
        ['a', ['x', 'yy']],
        ['b', new DynamicValue(t.string, 'z')],
        ['c', n('0.1')],
      ]),
      type,
    );
    for (let end = 0; end < bytes.length; end++) {
      expect(() => decodeMsgpack(bytes.subarray(0, end), type)).toThrow(CtyDecodeError);
    }
  });
});

describe('fuzzing: the decoder only ever throws CtyDecodeError and never hangs', () => {
  function decodeOrExplain(bytes: Uint8Array, type: CtyType): void {
    const started = Date.now();
    try {
      decodeMsgpack(bytes, type);
    } catch (error) {
      if (!(error instanceof CtyDecodeError)) throw error;
      expect(Array.isArray(error.path)).toBe(true);
    }
    expect(Date.now() - started).toBeLessThan(1000);
  }

  test('random bytes against random types', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), typeArbitrary(2), (bytes, type) =>
        decodeOrExplain(bytes, type),
      ),
      { numRuns: 500 },
    );
  });

  test('valid encodings with bytes overwritten, inserted or dropped', () => {
    fc.assert(
      fc.property(
        typeArbitrary(2).chain((type) => fc.tuple(fc.constant(type), valueArbitrary(type, MSGPACK_VALUES))),
        fc.nat(),
        fc.integer({ min: 0, max: 255 }),
        fc.constantFrom('overwrite', 'insert', 'drop'),
        ([type, value], position, byte, mutation) => {
          const bytes = [...encodeMsgpack(value, type)];
          const at = position % (bytes.length + 1);
          if (mutation === 'overwrite') bytes[Math.min(at, bytes.length - 1)] = byte;
          else if (mutation === 'insert') bytes.splice(at, 0, byte);
          else bytes.splice(at, 1);
          decodeOrExplain(Uint8Array.from(bytes), type);
        },
      ),
      { numRuns: 500 },
    );
  });

  test('deeply nested dynamic types are an error, not a stack overflow escaping', () => {
    const depth = 20000;
    const typeJSON = Buffer.from('["list",'.repeat(depth) + '"string"' + ']'.repeat(depth));
    const header = Buffer.from([0x92, 0xc6, ...[24, 16, 8, 0].map((s) => (typeJSON.length >>> s) & 0xff)]);
    const bytes = Buffer.concat([header, typeJSON, Buffer.from([0xc0])]);
    expect(() => decodeMsgpack(bytes, t.dynamic)).toThrow(CtyDecodeError);
  });
});

describe('encoding errors', () => {
  test('a value of the wrong JS type names the path', () => {
    const type = t.object({ volumes: t.list(t.object({ size: t.number })) });
    const value = ctyObject([['volumes', [ctyObject([['size', 'ten' as unknown as CtyNumber]])]]]);
    const error = encodeError(value, type);
    expect(error.message).toBe('.volumes[0].size: a number is required');
    expect(error.path).toEqual([{ attribute: 'volumes' }, { index: 0 }, { attribute: 'size' }]);
  });

  test('an attribute the type does not declare is refused', () => {
    expect(
      encodeError(
        ctyObject([
          ['a', 'x'],
          ['typo', 'y'],
        ]),
        t.object({ a: t.string }),
      ).message,
    ).toMatch(/unsupported attribute "typo"/);
  });

  test('a tuple of the wrong length is refused', () => {
    expect(encodeError(['a'], t.tuple([t.string, t.string])).message).toBe('a tuple of length 2 is required');
  });

  test('a bare value at a dynamic position is refused (its type would be lost)', () => {
    expect(encodeError('hi', t.dynamic).message).toMatch(/DynamicValue/);
  });

  test('a DynamicValue of another type is refused', () => {
    expect(encodeError(new DynamicValue(t.number, n('1')), t.string).message).toMatch(
      /cannot stand where string/,
    );
  });

  test('a JS number is not a cty number', () => {
    expect(encodeError(1 as unknown as CtyNumber, t.number).message).toBe('a number is required');
  });

  test('map keys that collide after NFC normalisation are refused', () => {
    const value = ctyObject([
      ['\u00e9', 'a'],
      ['e\u0301', 'b'],
    ]);
    expect(encodeError(value, t.map(t.string)).message).toMatch(/NFC/);
  });
});

describe('map keys seen before decode as they did the first time', () => {
  const mapBytes = (keys: Uint8Array[]): Uint8Array =>
    Buffer.concat([
      Buffer.from([0xde, keys.length >> 8, keys.length & 0xff]),
      ...keys.flatMap((k) => [Buffer.from([0xa0 | k.length]), Buffer.from(k), Buffer.from([0xc3])]),
    ]);

  test('the same keys, again and again, with invalid UTF-8 and non-ASCII among them', () => {
    const keys = [Buffer.from('name'), Buffer.from('größe'), Buffer.from([0x61, 0xff, 0x62])];
    const expected = ctyObject([
      ['name', true],
      ['größe', true],
      ['a\ufffdb', true],
    ]);
    for (let i = 0; i < 3; i += 1) expect(decodeMsgpack(mapBytes(keys), t.map(t.bool))).toEqual(expected);
  });

  test('more keys of one length than the cache keeps still decode exactly', () => {
    const keys = Array.from({ length: 150 }, (_, i) => Buffer.from(`k${String(i).padStart(3, '0')}`));
    const expected = ctyObject(keys.map((k) => [k.toString('utf8'), true]));
    for (let i = 0; i < 2; i += 1) expect(decodeMsgpack(mapBytes(keys), t.map(t.bool))).toEqual(expected);
  });

  test('an object type decodes every attribute by its name, however often it comes', () => {
    const type = t.object({ alpha: t.string, beta: t.bool, gamma: t.number });
    const value = ctyObject([
      ['alpha', 'a'],
      ['beta', false],
      ['gamma', n('3')],
    ]);
    for (let i = 0; i < 3; i += 1) expectRoundTrip(value, type);
  });
});

test('short ASCII strings, and those just past it, encode as the generic encoder writes them', () => {
  for (const text of [
    '',
    'a',
    'x'.repeat(31),
    'x'.repeat(32),
    `${'x'.repeat(30)}é`,
    'größe',
    '\u007f',
    '\u0080',
    'a😀',
  ]) {
    expect(hex(encodeMsgpack(text, t.string))).toBe(hex(msgpackEncode(text)));
    expect(decodeMsgpack(encodeMsgpack(text, t.string), t.string)).toBe(text);
  }
});
