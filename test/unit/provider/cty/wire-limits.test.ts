// What one value from the wire may make the decoders allocate (issue 14): refinements are hints
// and never allocations, sizes, item counts, depth and strings are bounded with a diagnostic that
// names the limit, and decimal text costs a scan of its length, not its square.

import { Encoder, ExtData } from '@msgpack/msgpack';
import { decodeJSON } from '../../../../src/provider/cty/json';
import { CtyDecodeError, decodeMsgpack, encodeMsgpack } from '../../../../src/provider/cty/msgpack';
import { CtyNumber, CtyNumberError } from '../../../../src/provider/cty/number';
import type { CtyType } from '../../../../src/provider/cty/types';
import { t } from '../../../../src/provider/cty/types';
import { Unknown, isUnknown } from '../../../../src/provider/cty/value';
import { refinementBytes } from '../../../support/fuzz/inputs';
import { WIRE_LIMITS, checkJSONShape, checkMsgpackShape } from '../../../../src/provider/cty/wire-limits';

const encoder = new Encoder({ useBigInt64: true, maxDepth: 1000 });

function refined(entries: Array<[number, unknown]>): Uint8Array {
  return encoder.encode(new ExtData(12, refinementBytes(entries)));
}

function decodeError(bytes: Uint8Array, type: CtyType): CtyDecodeError {
  try {
    decodeMsgpack(bytes, type);
  } catch (error) {
    if (error instanceof CtyDecodeError) return error;
    throw error;
  }
  throw new Error('decoded without an error');
}

describe('refinements are hints', () => {
  it.each([4_294_967_295, 100_000_000, WIRE_LIMITS.maxItems + 1, 2 ** 53])(
    'a list refined to a fixed length of %d stays an unknown, its bound dropped',
    (length) => {
      const value = decodeMsgpack(
        refined([
          [1, false],
          [5, length],
          [6, length],
        ]),
        t.list(t.string),
      );
      expect(value).toBeInstanceOf(Unknown);
      expect((value as Unknown).refinements).toEqual({ notNull: true });
    },
  );

  it('a fixed length within the limit still collapses to that many unknowns, as go-cty does', () => {
    const value = decodeMsgpack(
      refined([
        [1, false],
        [5, 3],
        [6, 3],
      ]),
      t.list(t.string),
    );
    expect(Array.isArray(value) && value.length === 3 && value.every(isUnknown)).toBe(true);
  });

  it('keeps bounds within the limit, and re-encodes them', () => {
    const bytes = refined([
      [1, false],
      [5, 2],
      [6, 10],
    ]);
    const value = decodeMsgpack(bytes, t.map(t.string));
    expect((value as Unknown).refinements).toEqual({
      notNull: true,
      lengthLowerBound: 2,
      lengthUpperBound: 10,
    });
    expect(decodeMsgpack(encodeMsgpack(value, t.map(t.string)), t.map(t.string))).toEqual(value);
  });

  it('refuses a negative or fractional length bound', () => {
    expect(decodeError(refined([[5, -1]]), t.list(t.string)).message).toMatch(/whole number/);
    expect(decodeError(refined([[6, 1.5]]), t.list(t.string)).message).toMatch(/whole number/);
  });

  it('shortens a string prefix to what go-cty would send (256 bytes, whole grapheme clusters)', () => {
    const value = decodeMsgpack(refined([[2, 'e\u0301'.repeat(300)]]), t.string) as Unknown;
    const prefix = value.refinements?.stringPrefix ?? '';
    expect(Buffer.byteLength(prefix)).toBeLessThanOrEqual(256);
    expect(prefix.length).toBeGreaterThan(0);
    expect(prefix.normalize('NFC').endsWith('\u00e9')).toBe(true);
  });
});

describe('wire sizes are bounded with a diagnostic naming the limit', () => {
  it('refuses nesting deeper than the limit, and accepts it at the limit', () => {
    const nested = (depth: number): Uint8Array => Uint8Array.from([...new Array(depth).fill(0x91), 0xc0]);
    expect(() => checkMsgpackShape(nested(WIRE_LIMITS.maxDepth))).not.toThrow();
    expect(() => checkMsgpackShape(nested(WIRE_LIMITS.maxDepth + 1))).toThrow(/nests deeper than 64 levels/);
    expect(decodeError(nested(1_000_000), t.list(t.string)).message).toMatch(/nests deeper/);
  });

  it('refuses more items than the limit', () => {
    const many = encoder.encode(new Array(WIRE_LIMITS.maxItems + 1).fill(null));
    expect(decodeError(many, t.list(t.string)).message).toMatch(/more than 250000 items/);
    const enough = encoder.encode(new Array(WIRE_LIMITS.maxItems - 1).fill(null));
    expect(() => checkMsgpackShape(enough)).not.toThrow();
  });

  it('refuses a string past the limit, and a value past the size limit', () => {
    expect(decodeError(encoder.encode('x'.repeat(WIRE_LIMITS.maxStringBytes + 1)), t.string).message).toMatch(
      /string of 1048577 bytes/,
    );
    expect(() => checkMsgpackShape(new Uint8Array(WIRE_LIMITS.maxValueBytes + 1))).toThrow(/above the limit/);
  });

  it.each([
    ['an array of 2^32-1', 'dd ff ff ff ff'],
    ['a map of 2^32-1', 'df ff ff ff ff c0'],
    ['a str32 of 4 GiB', 'db ff ff ff ff 41'],
    ['an ext32 of 2 GiB', 'c9 7f ff ff ff 0c'],
    ['a fixarray with one of its three items', '93 c0'],
  ])('refuses %s before allocating', (_name, hex) => {
    const bytes = Uint8Array.from(hex.split(' ').map((h) => parseInt(h, 16)));
    expect(decodeError(bytes, t.list(t.string)).message).toMatch(/^(invalid msgpack|value refused)/);
  });

  it('bounds the type JSON of a dynamic value, and raw-state JSON, the same way', () => {
    const deepType = encoder.encode([
      new TextEncoder().encode(`${'["list",'.repeat(100)}"string"${']'.repeat(100)}`),
      null,
    ]);
    expect(decodeError(deepType, t.dynamic).message).toMatch(/nests deeper/);
    expect(() => checkJSONShape('['.repeat(65))).toThrow(/nests deeper/);
    expect(() => checkJSONShape('['.repeat(64))).not.toThrow();
    expect(() => decodeJSON('['.repeat(100_000), t.list(t.string))).toThrow(/nests deeper/);
    // Brackets inside strings are text, not nesting.
    expect(() => checkJSONShape(`["${'['.repeat(1000)}"]`)).not.toThrow();
  });
});

describe('decimal text is scanned, never parsed quadratically', () => {
  it('reads "1" followed by many zeros as a one-digit coefficient', () => {
    expect(CtyNumber.parse(`1${'0'.repeat(40)}`).toString()).toBe('1e+40');
    expect(CtyNumber.parse(`0.${'0'.repeat(20)}1`).equals(CtyNumber.parse('1e-21'))).toBe(true);
    expect(CtyNumber.parse(`00012.3400`).toString()).toBe('12.34');
  });

  it('refuses more significant digits than any cty number or double has, with a short message', () => {
    const error = (() => {
      try {
        CtyNumber.parse(`1${'0'.repeat(150_000)}1`);
      } catch (e) {
        return e as Error;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(CtyNumberError);
    expect(error?.message).toMatch(/more than 1000 significant digits/);
    expect(error?.message.length).toBeLessThan(200);
    // The longest exact double (767 significant digits) still parses.
    const tiny = CtyNumber.fromDouble(5e-324);
    expect(CtyNumber.parse(tiny.toPlainString()).equals(tiny)).toBe(true);
  });

  it('refuses a magnitude past the exponent range, however it is written', () => {
    expect(() => CtyNumber.parse(`1${'0'.repeat(150_000)}`)).toThrow(/out of range/);
    expect(() => CtyNumber.parse('1e+100001')).toThrow(/out of range/);
    expect(CtyNumber.parse('1e+100000').toString()).toBe('1e+100000');
  });

  it('costs about the same per character for long and short text (a ratio, not a time)', () => {
    const time = (text: string): number => {
      let best = Infinity;
      for (let i = 0; i < 5; i++) {
        const started = performance.now();
        for (let j = 0; j < 10; j++) {
          try {
            CtyNumber.parse(text);
          } catch {
            // refused: what matters is how long it took
          }
        }
        best = Math.min(best, performance.now() - started);
      }
      return best;
    };
    const short = time(`1${'0'.repeat(1500)}1`);
    const long = time(`1${'0'.repeat(150_000)}1`);
    // 100 times the text; quadratic work would be 10,000 times the time.
    expect(long).toBeLessThan(Math.max(short, 0.05) * 100 * 10);
  });
});
