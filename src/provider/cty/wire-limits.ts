// How much one value from the other side may make the decoders allocate. gRPC lets a message
// reach 256 MiB, and a byte of msgpack can become a JavaScript array of 30 bytes or more (and
// 10^n digits of a number, or a million nested arrays), so the bytes are measured before anything
// is built from them: one linear pass over the msgpack or JSON text, allocating nothing but a
// counter per open container, refuses values past these limits with a diagnostic that names the
// limit. The limits sit far above anything the provider's schemas can legitimately hold (a
// provider configuration of a thousand arrays is a few hundred KiB and a few tens of thousands of
// items, nested four deep).

import { CtyDecodeError, ROOT_PATH } from './path';

export const WIRE_LIMITS = {
  /** Encoded size of one DynamicValue (msgpack or JSON). */
  maxValueBytes: 16 * 1024 * 1024,
  /** Bytes of one string or binary inside it. */
  maxStringBytes: 1024 * 1024,
  /** Values in it, containers and scalars together (each element of a collection counts). */
  maxItems: 250_000,
  /** Containers inside containers (an object holding a list of objects is 3 deep). */
  maxDepth: 64,
} as const;

function refuse(reason: string): CtyDecodeError {
  return new CtyDecodeError(ROOT_PATH, `value refused: ${reason}`);
}

function malformed(reason: string): CtyDecodeError {
  return new CtyDecodeError(ROOT_PATH, `invalid msgpack: ${reason}`);
}

/** Refuses a value whose encoded form alone is past the limit. */
export function checkValueSize(byteLength: number): void {
  if (byteLength > WIRE_LIMITS.maxValueBytes) {
    throw refuse(
      `it is ${byteLength} bytes, above the limit of ${WIRE_LIMITS.maxValueBytes} bytes for one value`,
    );
  }
}

/** Counts items and open containers, refusing past the limits. */
class ShapeBudget {
  private items = 0;
  /** Children still to come in each open container, innermost last. */
  private readonly open: number[] = [];

  item(): void {
    if (++this.items > WIRE_LIMITS.maxItems) {
      throw refuse(`it holds more than ${WIRE_LIMITS.maxItems} items`);
    }
  }

  enter(children: number): void {
    if (children === 0) return;
    if (this.open.length >= WIRE_LIMITS.maxDepth) {
      throw refuse(`it nests deeper than ${WIRE_LIMITS.maxDepth} levels`);
    }
    this.open.push(children);
  }

  /** One child of the innermost container is complete; closes every container it completes. */
  childDone(): void {
    while (this.open.length > 0) {
      const last = this.open.length - 1;
      const left = (this.open[last] as number) - 1;
      if (left > 0) {
        this.open[last] = left;
        return;
      }
      this.open.pop();
    }
  }

  get depth(): number {
    return this.open.length;
  }

  string(length: number): void {
    if (length > WIRE_LIMITS.maxStringBytes) {
      throw refuse(`a string of ${length} bytes is above the limit of ${WIRE_LIMITS.maxStringBytes}`);
    }
  }
}

/**
 * Walks the first msgpack item of `bytes` header by header (the spec's formats; no value is
 * built) and throws CtyDecodeError when it is too big, too deep or runs past the end. Malformed
 * bytes it cannot classify are left for the decoder proper to report.
 */
export function checkMsgpackShape(bytes: Uint8Array): void {
  checkValueSize(bytes.length);
  const budget = new ShapeBudget();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = 0;
  const need = (count: number): void => {
    if (pos + count > bytes.length) throw malformed('the bytes end in the middle of an item');
  };
  const uint = (width: 1 | 2 | 4): number => {
    need(width);
    const value = width === 1 ? view.getUint8(pos) : width === 2 ? view.getUint16(pos) : view.getUint32(pos);
    pos += width;
    return value;
  };
  const skip = (count: number): void => {
    need(count);
    pos += count;
  };
  const stringOf = (length: number): void => {
    budget.string(length);
    skip(length);
  };
  do {
    need(1);
    const code = bytes[pos++] as number;
    budget.item();
    let children = 0;
    if (code <= 0x7f || code >= 0xe0 || code === 0xc0 || code === 0xc2 || code === 0xc3) {
      // fixint, nil, bool: the code is the value
    } else if (code <= 0x8f) children = 2 * (code & 0x0f);
    else if (code <= 0x9f) children = code & 0x0f;
    else if (code <= 0xbf) stringOf(code & 0x1f);
    else if (code === 0xc4 || code === 0xd9) stringOf(uint(1));
    else if (code === 0xc5 || code === 0xda) stringOf(uint(2));
    else if (code === 0xc6 || code === 0xdb) stringOf(uint(4));
    else if (code >= 0xc7 && code <= 0xc9) {
      const length = uint(code === 0xc7 ? 1 : code === 0xc8 ? 2 : 4);
      stringOf(length + 1); // the type byte, then the payload
    } else if (code === 0xca) skip(4);
    else if (code === 0xcb) skip(8);
    else if (code >= 0xcc && code <= 0xd3) skip(2 ** ((code - 0xcc) % 4));
    else if (code >= 0xd4 && code <= 0xd8) skip(1 + 2 ** (code - 0xd4));
    else if (code === 0xdc) children = uint(2);
    else if (code === 0xdd) children = uint(4);
    else if (code === 0xde) children = 2 * uint(2);
    else if (code === 0xdf) children = 2 * uint(4);
    else return; // 0xc1, never used: the decoder reports it
    // Every child takes at least one byte, so a count past the end is a lie told in a header.
    if (children > bytes.length - pos) throw malformed('a collection header claims more items than follow');
    if (children > 0) budget.enter(children);
    else budget.childDone();
  } while (budget.depth > 0);
}

/**
 * The same limits for JSON text: one pass over the characters, strings skipped, containers and
 * values counted. Malformed JSON is left for the parser to report.
 */
export function checkJSONShape(text: string): void {
  checkValueSize(text.length);
  let items = 0;
  let depth = 0;
  const count = (): void => {
    if (++items > WIRE_LIMITS.maxItems) throw refuse(`it holds more than ${WIRE_LIMITS.maxItems} items`);
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      const start = i;
      for (i++; i < text.length; i++) {
        const s = text.charCodeAt(i);
        if (s === 0x5c /* \ */) i++;
        else if (s === 0x22) break;
      }
      if (i - start > WIRE_LIMITS.maxStringBytes) {
        throw refuse(
          `a string of ${i - start} characters is above the limit of ${WIRE_LIMITS.maxStringBytes}`,
        );
      }
    } else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      count();
      if (++depth > WIRE_LIMITS.maxDepth) throw refuse(`it nests deeper than ${WIRE_LIMITS.maxDepth} levels`);
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) {
      depth--;
    } else if (c === 0x2c /* , */ || c === 0x3a /* : */) {
      count();
    }
  }
}
