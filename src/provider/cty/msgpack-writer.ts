// The byte writer under ./msgpack-encode.ts: one growing buffer, each msgpack item in the spec's
// smallest form, numbers through @msgpack/msgpack so go-cty's decoder reads them as it expects.

import { Encoder } from '@msgpack/msgpack';

const INT32_MIN = -(2n ** 31n);
const UINT32_LIMIT = 2n ** 32n;

const utf8Encoder = new TextEncoder();

// Integers go through one encoder and floats through another so that a double which happens to
// be whole (2^64) is still written as float64, the way go-cty decides it.
const integerEncoder = new Encoder({ useBigInt64: true });
const floatEncoder = new Encoder({ forceIntegerToFloat: true });

/**
 * Writes msgpack into one growing buffer. Strings, binaries, extensions and container headers are
 * written here in the spec's smallest form (as go-cty's encoder and @msgpack/msgpack both pick
 * it); numbers go through the library, whose integer and float choices go-cty's decoder expects.
 * (One buffer instead of one small array per value: plans encode thousands of values per run.)
 */
export class MsgpackWriter {
  private bytes = new Uint8Array(256);
  private pos = 0;

  private reserve(count: number): void {
    if (this.pos + count <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.pos + count));
    grown.set(this.bytes.subarray(0, this.pos));
    this.bytes = grown;
  }

  private byte(value: number): void {
    this.reserve(1);
    this.bytes[this.pos++] = value;
  }

  /** A type code followed by a big-endian unsigned length of 1, 2 or 4 bytes. */
  private sized(code: number, length: number, width: 1 | 2 | 4): void {
    this.reserve(1 + width);
    this.bytes[this.pos++] = code;
    for (let shift = (width - 1) * 8; shift >= 0; shift -= 8)
      this.bytes[this.pos++] = (length >>> shift) & 0xff;
  }

  raw(bytes: Uint8Array): void {
    this.reserve(bytes.length);
    this.bytes.set(bytes, this.pos);
    this.pos += bytes.length;
  }

  nil(): void {
    this.byte(0xc0);
  }

  bool(value: boolean): void {
    this.byte(value ? 0xc3 : 0xc2);
  }

  /** The smallest msgpack int that holds the value, as go-cty's EncodeInt picks it. */
  integer(value: bigint): void {
    // The library writes a bigint as a full 8-byte int64/uint64 and a small number compactly.
    const compact = value >= INT32_MIN && value < UINT32_LIMIT;
    this.raw(integerEncoder.encode(compact ? Number(value) : value));
  }

  float64(value: number): void {
    this.raw(floatEncoder.encode(value));
  }

  string(value: string): void {
    if (value.length < 32 && this.shortAscii(value)) return;
    const length = Buffer.byteLength(value, 'utf8');
    if (length < 32) this.byte(0xa0 | length);
    else if (length <= 0xff) this.sized(0xd9, length, 1);
    else if (length <= 0xffff) this.sized(0xda, length, 2);
    else this.sized(0xdb, length, 4);
    this.reserve(length);
    utf8Encoder.encodeInto(value, this.bytes.subarray(this.pos, this.pos + length));
    this.pos += length;
  }

  /**
   * A fixstr of ASCII characters, written byte by byte: attribute names and most values are short
   * ASCII, and for them this spares two calls into C++ (byte length, encodeInto) and a subarray.
   * Writes nothing and answers false at the first other character; UTF-8 of ASCII is itself.
   */
  private shortAscii(value: string): boolean {
    const length = value.length;
    for (let i = 0; i < length; i += 1) if (value.charCodeAt(i) > 0x7f) return false;
    this.reserve(1 + length);
    const bytes = this.bytes;
    bytes[this.pos++] = 0xa0 | length;
    for (let i = 0; i < length; i += 1) bytes[this.pos++] = value.charCodeAt(i);
    return true;
  }

  binary(value: Uint8Array): void {
    const length = value.length;
    if (length <= 0xff) this.sized(0xc4, length, 1);
    else if (length <= 0xffff) this.sized(0xc5, length, 2);
    else this.sized(0xc6, length, 4);
    this.raw(value);
  }

  extension(type: number, payload: Uint8Array): void {
    const length = payload.length;
    const fixed = FIXEXT_CODES.get(length);
    if (fixed !== undefined) this.byte(fixed);
    else if (length <= 0xff) this.sized(0xc7, length, 1);
    else if (length <= 0xffff) this.sized(0xc8, length, 2);
    else this.sized(0xc9, length, 4);
    this.byte(type & 0xff);
    this.raw(payload);
  }

  arrayHeader(count: number): void {
    this.containerHeader(count, 0x90, 0xdc, 0xdd);
  }

  mapHeader(count: number): void {
    this.containerHeader(count, 0x80, 0xde, 0xdf);
  }

  /** fix / 16-bit / 32-bit header of an array or map (msgpack spec). */
  private containerHeader(count: number, fixBase: number, code16: number, code32: number): void {
    if (count < 16) this.byte(fixBase | count);
    else if (count <= 0xffff) this.sized(code16, count, 2);
    else this.sized(code32, count, 4);
  }

  toBytes(): Uint8Array {
    return this.bytes.slice(0, this.pos);
  }
}

/** fixext 1, 2, 4, 8 and 16: payload sizes with a one-byte code of their own. */
const FIXEXT_CODES = new Map([
  [1, 0xd4],
  [2, 0xd5],
  [4, 0xd6],
  [8, 0xd7],
  [16, 0xd8],
]);
