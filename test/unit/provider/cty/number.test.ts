import fc from 'fast-check';
import { CtyNumber, CtyNumberError } from '../../../../src/provider/cty/number';
import { finiteNumber } from './arbitraries';

const n = (text: string): CtyNumber => CtyNumber.parse(text);

describe('CtyNumber.parse and formatting', () => {
  test.each([
    ['0', '0', '0'],
    ['-0', '0', '0'],
    ['000123', '123', '123'],
    ['1.50', '1.5', '1.5'],
    ['+7', '7', '7'],
    ['.5', '0.5', '0.5'],
    ['5.', '5', '5'],
    ['1e3', '1000', '1000'],
    ['1E+3', '1000', '1000'],
    ['-12.345', '-12.345', '-12.345'],
    ['123.456e2', '12345.6', '12345.6'],
    ['1e30', '1' + '0'.repeat(30), '1' + '0'.repeat(30)],
    ['1e31', '1e+31', '1' + '0'.repeat(31)],
    ['1e-30', '0.' + '0'.repeat(29) + '1', '0.' + '0'.repeat(29) + '1'],
    ['-1e-31', '-1e-31', '-0.' + '0'.repeat(30) + '1'],
    ['18446744073709551616', '18446744073709551616', '18446744073709551616'],
    ['Inf', '+Inf', '+Inf'],
    ['+inf', '+Inf', '+Inf'],
    ['-Infinity', '-Inf', '-Inf'],
  ])('%s reads as %s (plain: %s)', (input, text, plain) => {
    const value = n(input);
    expect(value.toString()).toBe(text);
    expect(value.toPlainString()).toBe(plain);
    expect(value.toJSON()).toBe(text);
  });

  test.each(['', 'abc', '1.2.3', '--1', '1e', '0x10', '.', 'NaN', '1e999999', '1,5'])(
    'rejects %j',
    (input) => {
      expect(() => n(input)).toThrow(CtyNumberError);
    },
  );

  test('a long run of trailing zeros is normalised quickly and exactly', () => {
    const started = Date.now();
    const value = n('1' + '0'.repeat(20000));
    expect(Date.now() - started).toBeLessThan(1000);
    expect(value.equals(n('1e20000'))).toBe(true);
  });

  test('property: toString and toPlainString both parse back to the same number', () => {
    fc.assert(
      fc.property(finiteNumber, (value) => {
        expect(n(value.toString()).equals(value)).toBe(true);
        expect(n(value.toPlainString()).equals(value)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  test('equal values written differently are equal (normalised form)', () => {
    expect(n('1.0').equals(n('1'))).toBe(true);
    expect(n('100').equals(n('1e2'))).toBe(true);
    expect(n('0.10').equals(n('1e-1'))).toBe(true);
    expect(n('1').equals(n('1.000001'))).toBe(false);
  });
});

describe('CtyNumber.of', () => {
  test('bigint, number and string inputs', () => {
    expect(CtyNumber.of(2n ** 100n).toBigInt()).toBe(2n ** 100n);
    expect(CtyNumber.of(42).toString()).toBe('42');
    expect(CtyNumber.of('0.25').toString()).toBe('0.25');
  });

  test('property: any bigint comes back exactly', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(2n ** 200n), max: 2n ** 200n }), (value) => {
        expect(CtyNumber.of(value).toBigInt()).toBe(value);
      }),
      { numRuns: 300 },
    );
  });
});

describe('CtyNumber.fromDouble is exact', () => {
  test('0.1 as a double is its exact binary value, not 0.1', () => {
    expect(CtyNumber.fromDouble(0.1).toString()).toBe(
      '0.1000000000000000055511151231257827021181583404541015625',
    );
    expect(CtyNumber.fromDouble(0.1).equals(n('0.1'))).toBe(false);
  });

  test('the smallest subnormal is exactly 2^-1074', () => {
    expect(CtyNumber.fromDouble(Number.MIN_VALUE).equals(n(`${5n ** 1074n}e-1074`))).toBe(true);
  });

  test('the largest subnormal is exactly (2^52 - 1) * 2^-1074', () => {
    const largestSubnormal = 2 ** -1022 - 2 ** -1074;
    expect(CtyNumber.fromDouble(largestSubnormal).equals(n(`${(2n ** 52n - 1n) * 5n ** 1074n}e-1074`))).toBe(
      true,
    );
  });

  test('the largest double is exactly (2^53 - 1) * 2^971', () => {
    expect(CtyNumber.fromDouble(Number.MAX_VALUE).toBigInt()).toBe((2n ** 53n - 1n) * 2n ** 971n);
  });

  test('-0 is zero; infinities map to the infinities; NaN is refused', () => {
    expect(CtyNumber.fromDouble(-0).equals(CtyNumber.ZERO)).toBe(true);
    expect(CtyNumber.fromDouble(Infinity).equals(CtyNumber.POSITIVE_INFINITY)).toBe(true);
    expect(CtyNumber.fromDouble(-Infinity).equals(CtyNumber.NEGATIVE_INFINITY)).toBe(true);
    expect(() => CtyNumber.fromDouble(Number.NaN)).toThrow(CtyNumberError);
  });

  test('property: any double converts and converts back to itself, and is an exact double', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true }), (d) => {
        const value = CtyNumber.fromDouble(d);
        expect(Object.is(value.toNumber(), d === 0 ? 0 : d)).toBe(true);
        expect(value.isExactDouble()).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe('CtyNumber predicates and conversions', () => {
  test.each([
    ['0.1', false],
    ['1.5', true],
    [String(2 ** -30), false],
    ['1e400', false],
    ['9007199254740993', false],
    ['9007199254740992', true],
    [(2n ** 1023n).toString(), true],
    [(2n ** 1024n).toString(), false],
    ['1e-400', false],
    ['+Inf', true],
  ])('isExactDouble(%s) is %s', (text, exact) => {
    expect(n(text).isExactDouble()).toBe(exact);
  });

  test('2^-30 is an exact double', () => {
    expect(CtyNumber.fromDouble(2 ** -30).isExactDouble()).toBe(true);
  });

  test.each([
    ['9223372036854775807', true],
    ['-9223372036854775808', true],
    ['9223372036854775808', false],
    ['-9223372036854775809', false],
    ['1.5', false],
    ['1e100000', false],
    ['+Inf', false],
  ])('fitsInt64(%s) is %s', (text, fits) => {
    expect(n(text).fitsInt64()).toBe(fits);
  });

  test('toSafeInteger accepts ±(2^53 - 1)', () => {
    expect(n('9007199254740991').toSafeInteger()).toBe(Number.MAX_SAFE_INTEGER);
    expect(n('-9007199254740991').toSafeInteger()).toBe(Number.MIN_SAFE_INTEGER);
    expect(n('1e3').toSafeInteger()).toBe(1000);
  });

  test.each(['9007199254740992', '-9007199254740992', '1.5', '+Inf', '-Inf', '1e30'])(
    'toSafeInteger(%s) throws',
    (text) => {
      expect(() => n(text).toSafeInteger()).toThrow(CtyNumberError);
    },
  );

  test('toBigInt refuses fractions and infinities and is exact for big integers', () => {
    expect(n('1e30').toBigInt()).toBe(10n ** 30n);
    expect(() => n('0.5').toBigInt()).toThrow(/not a whole number/);
    expect(() => CtyNumber.POSITIVE_INFINITY.toBigInt()).toThrow(CtyNumberError);
  });

  test('isInteger and isInfinite', () => {
    expect(n('10').isInteger()).toBe(true);
    expect(n('10.5').isInteger()).toBe(false);
    expect(CtyNumber.NEGATIVE_INFINITY.isInteger()).toBe(false);
    expect(CtyNumber.NEGATIVE_INFINITY.isInfinite()).toBe(true);
    expect(n('1e400').isInfinite()).toBe(false);
  });
});

describe('CtyNumber.compare', () => {
  test.each([
    ['1', '2', -1],
    ['2', '1', 1],
    ['1.0', '1', 0],
    ['0.1', '0.10000000000000001', -1],
    ['-1e400', '-1e399', -1],
    ['1e-400', '0', 1],
    ['-Inf', '-1e400', -1],
    ['+Inf', '1e400', 1],
    ['+Inf', '+Inf', 0],
    ['-Inf', '-Inf', 0],
    ['-Inf', '+Inf', -1],
    ['5', '-Inf', 1],
    ['5', '+Inf', -1],
  ])('compare(%s, %s) is %i', (a, b, expected) => {
    expect(n(a).compare(n(b))).toBe(expected);
  });

  test('property: agrees with exact comparison of scaled integers', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }),
        fc.integer({ min: -30, max: 30 }),
        fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }),
        fc.integer({ min: -30, max: 30 }),
        (ca, ea, cb, eb) => {
          const scale = (c: bigint, e: number): bigint => c * 10n ** BigInt(e + 30);
          const a = scale(ca, ea);
          const b = scale(cb, eb);
          const expected = a < b ? -1 : a > b ? 1 : 0;
          expect(n(`${ca}e${ea}`).compare(n(`${cb}e${eb}`))).toBe(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});
