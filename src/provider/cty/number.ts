// cty numbers are arbitrary-precision. Terraform sends integers as msgpack ints, exactly
// representable fractions as float64 and everything else as a decimal string ("0.1"), so a
// number is kept here as an exact decimal: coefficient × 10^exponent. Sizes are bytes up to
// petabytes; nothing on the way from config to the array may round them.

const TEN = 10n;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

type Infinity = '+inf' | '-inf';

/**
 * Bounds on decimal text, so that no number from the wire costs more than a short scan. cty's
 * numbers carry 512 bits (about 155 significant digits) and the longest exact double has 767, so
 * 1,000 significant digits holds every number Terraform or a double can produce.
 */
const MAX_SIGNIFICANT_DIGITS = 1000;
const MAX_EXPONENT = 100_000;

/** Trailing "0" characters, by a scan from the end (a regex like /0+$/ is quadratic). */
function trailingZeros(digits: string): number {
  let end = digits.length;
  while (end > 0 && digits.charCodeAt(end - 1) === 0x30) end--;
  return digits.length - end;
}

function firstNonZero(digits: string): number {
  let i = 0;
  while (i < digits.length && digits.charCodeAt(i) === 0x30) i++;
  return i;
}

/** Text for a message: quoted, and cut short when it is long. */
function quote(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}

export class CtyNumberError extends Error {}

export class CtyNumber {
  /** Normalised: coefficient has no trailing zeros unless it is 0, and then exponent is 0. */
  private constructor(
    private readonly coefficient: bigint,
    private readonly exponent: number,
    private readonly infinity?: Infinity,
  ) {}

  static readonly ZERO = new CtyNumber(0n, 0);
  static readonly POSITIVE_INFINITY = new CtyNumber(0n, 0, '+inf');
  static readonly NEGATIVE_INFINITY = new CtyNumber(0n, 0, '-inf');

  static of(value: number | bigint | string): CtyNumber {
    if (typeof value === 'bigint') return CtyNumber.normalise(value, 0);
    if (typeof value === 'number') return CtyNumber.fromDouble(value);
    return CtyNumber.parse(value);
  }

  /** The exact decimal value of an IEEE-754 double (every finite double has one). */
  static fromDouble(value: number): CtyNumber {
    if (Number.isNaN(value)) throw new CtyNumberError('NaN is not a cty number');
    if (value === Infinity) return CtyNumber.POSITIVE_INFINITY;
    if (value === -Infinity) return CtyNumber.NEGATIVE_INFINITY;
    if (Number.isInteger(value) && Number.isSafeInteger(value)) return CtyNumber.normalise(BigInt(value), 0);
    const view = new DataView(new ArrayBuffer(8));
    view.setFloat64(0, value);
    const bits = view.getBigUint64(0);
    const negative = bits >> 63n === 1n;
    const biasedExponent = Number((bits >> 52n) & 0x7ffn);
    const fraction = bits & ((1n << 52n) - 1n);
    let mantissa: bigint;
    let binaryExponent: number;
    if (biasedExponent === 0) {
      mantissa = fraction;
      binaryExponent = -1074;
    } else {
      mantissa = fraction | (1n << 52n);
      binaryExponent = biasedExponent - 1075;
    }
    if (negative) mantissa = -mantissa;
    if (binaryExponent >= 0) return CtyNumber.normalise(mantissa << BigInt(binaryExponent), 0);
    // m × 2^-k = m × 5^k × 10^-k
    const k = -binaryExponent;
    return CtyNumber.normalise(mantissa * 5n ** BigInt(k), -k);
  }

  /** Parses decimal text as Terraform and Go's big.Float write it: `-12.5`, `1e+21`, `0.1`, `Inf`. */
  static parse(text: string): CtyNumber {
    const s = text.trim();
    if (/^\+?inf(inity)?$/i.test(s)) return CtyNumber.POSITIVE_INFINITY;
    if (/^-inf(inity)?$/i.test(s)) return CtyNumber.NEGATIVE_INFINITY;
    const match = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(s);
    if (!match || (match[2] === '' && (match[3] ?? '') === '')) {
      throw new CtyNumberError(`${quote(text)} is not a valid number`);
    }
    const [, sign, whole = '', fraction = '', exp = '0'] = match;
    const exponentValue = Number(exp);
    if (!Number.isSafeInteger(exponentValue) || Math.abs(exponentValue) > MAX_EXPONENT) {
      throw new CtyNumberError(`${quote(text)} has an exponent out of range`);
    }
    // Only the significant digits become a bigint: leading and trailing zeros are counted on the
    // text, so "1" followed by 150,000 zeros is a short scan and a one-digit coefficient.
    const digits = whole + fraction;
    const first = firstNonZero(digits);
    if (first === digits.length) return CtyNumber.ZERO;
    const end = digits.length - trailingZeros(digits);
    const exponent = exponentValue - fraction.length + (digits.length - end);
    if (end - first > MAX_SIGNIFICANT_DIGITS) {
      throw new CtyNumberError(
        `${quote(text)} has more than ${MAX_SIGNIFICANT_DIGITS} significant digits, more than any number Terraform can send`,
      );
    }
    if (Math.abs(exponent) > MAX_EXPONENT + MAX_SIGNIFICANT_DIGITS) {
      throw new CtyNumberError(
        `${quote(text)} is out of range: its magnitude is beyond 10^±${MAX_EXPONENT + MAX_SIGNIFICANT_DIGITS}`,
      );
    }
    const coefficient = BigInt(digits.slice(first, end));
    return new CtyNumber(sign === '-' ? -coefficient : coefficient, exponent);
  }

  private static normalise(coefficient: bigint, exponent: number): CtyNumber {
    if (coefficient === 0n) return CtyNumber.ZERO;
    // Count trailing zeros on the decimal text: dividing by ten once per zero is quadratic for
    // inputs like "1" followed by thousands of zeros.
    const digits = coefficient.toString();
    const zeros = trailingZeros(digits);
    if (zeros === 0) return new CtyNumber(coefficient, exponent);
    return new CtyNumber(coefficient / TEN ** BigInt(zeros), exponent + zeros);
  }

  isInfinite(): boolean {
    return this.infinity !== undefined;
  }

  isInteger(): boolean {
    return this.infinity === undefined && this.exponent >= 0;
  }

  /** Exact integer value; throws for fractions and infinities. */
  toBigInt(): bigint {
    if (!this.isInteger()) throw new CtyNumberError(`${this.toString()} is not a whole number`);
    return this.coefficient * TEN ** BigInt(this.exponent);
  }

  /** Exact integer as a JS number; throws when it is not a whole number within ±2^53. */
  toSafeInteger(): number {
    const value = this.toBigInt();
    if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
      throw new CtyNumberError(`${this.toString()} is too large to handle exactly`);
    }
    return Number(value);
  }

  /** Nearest double; may round. Use for ratios and weights, never for sizes. */
  toNumber(): number {
    if (this.infinity === '+inf') return Infinity;
    if (this.infinity === '-inf') return -Infinity;
    return Number(this.toString());
  }

  fitsInt64(): boolean {
    // 2^63 has 19 digits; skip building huge powers of ten for numbers like 1e+100000.
    if (!this.isInteger() || this.exponent > 19) return false;
    const v = this.toBigInt();
    return v >= INT64_MIN && v <= INT64_MAX;
  }

  /** True when some double holds exactly this value, so it can travel as msgpack float64. */
  isExactDouble(): boolean {
    if (this.infinity) return true;
    const d = this.toNumber();
    return Number.isFinite(d) && CtyNumber.fromDouble(d).equals(this);
  }

  compare(other: CtyNumber): -1 | 0 | 1 {
    const rank = (n: CtyNumber): number => (n.infinity === '+inf' ? 1 : n.infinity === '-inf' ? -1 : 0);
    if (this.infinity || other.infinity) {
      const d = rank(this) - rank(other);
      if (d !== 0) return d < 0 ? -1 : 1;
      if (this.infinity && other.infinity) return 0;
      return this.infinity ? (rank(this) > 0 ? 1 : -1) : rank(other) > 0 ? -1 : 1;
    }
    const e = Math.min(this.exponent, other.exponent);
    const a = this.coefficient * TEN ** BigInt(this.exponent - e);
    const b = other.coefficient * TEN ** BigInt(other.exponent - e);
    return a < b ? -1 : a > b ? 1 : 0;
  }

  equals(other: CtyNumber): boolean {
    return (
      this.infinity === other.infinity &&
      this.coefficient === other.coefficient &&
      this.exponent === other.exponent
    );
  }

  /** Plain decimal text (no exponent for moderate magnitudes), parseable by Go's big.ParseFloat. */
  toString(): string {
    if (this.infinity === '+inf') return '+Inf';
    if (this.infinity === '-inf') return '-Inf';
    const negative = this.coefficient < 0n;
    const digits = (negative ? -this.coefficient : this.coefficient).toString();
    const sign = negative ? '-' : '';
    if (this.exponent >= 0) {
      return this.exponent <= 30
        ? sign + digits + '0'.repeat(this.exponent)
        : `${sign}${digits}e+${this.exponent}`;
    }
    const point = digits.length + this.exponent;
    if (point > 0) return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
    if (point > -30) return `${sign}0.${'0'.repeat(-point)}${digits}`;
    return `${sign}${digits}e${this.exponent}`;
  }

  /**
   * Decimal text without an exponent, as Go's `big.Float.Text('f', -1)` writes it. go-cty uses
   * that form for numbers in msgpack strings and in JSON, so this is what goes on the wire.
   * Infinities have no such form and are written `+Inf`/`-Inf`.
   */
  toPlainString(): string {
    if (this.infinity) return this.toString();
    const negative = this.coefficient < 0n;
    const digits = (negative ? -this.coefficient : this.coefficient).toString();
    const sign = negative ? '-' : '';
    if (this.exponent >= 0) return sign + digits + '0'.repeat(this.exponent);
    const point = digits.length + this.exponent;
    if (point > 0) return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
    return `${sign}0.${'0'.repeat(-point)}${digits}`;
  }

  toJSON(): string {
    return this.toString();
  }
}
