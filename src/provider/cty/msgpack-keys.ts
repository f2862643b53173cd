// Map keys of decoded msgpack (./msgpack-decode.ts): how the byte decoder hands them back, tagged
// by kind, and the cache that makes a schema's attribute names cheap to decode in every request.

import type { DecoderOptions } from '@msgpack/msgpack';

const lenientUtf8 = new TextDecoder('utf-8');

/**
 * Map keys come back as own properties of plain objects. Tagging each key ("s" for a string,
 * "n" for a number, "!" for anything else) means no key can be `__proto__` or be mistaken for
 * another kind, and the library's own `__proto__` refusal never triggers.
 */
export const STRING_KEY_TAG = 's';
export const NUMBER_KEY_TAG = 'n';
const OTHER_KEY_TAG = '!';

function tagStringKey(bytes: Uint8Array, offset: number, length: number): string {
  return STRING_KEY_TAG + lenientUtf8.decode(bytes.subarray(offset, offset + length));
}

/**
 * The tagged keys of short byte sequences seen before: a schema's attribute names come in every
 * request, and decoding each with TextDecoder (a call into C++, a subarray and a concatenation)
 * was most of a request's decode time. A hit returns exactly what tagStringKey gave for the same
 * bytes. Buckets by length hold a bounded number of keys; past that, keys are decoded each time.
 */
class TaggedKeyCache {
  static readonly MAX_KEY_BYTES = 48;
  static readonly MAX_KEYS_PER_LENGTH = 64;
  private readonly buckets: { readonly bytes: Uint8Array; readonly tagged: string }[][] = Array.from(
    { length: TaggedKeyCache.MAX_KEY_BYTES + 1 },
    () => [],
  );

  decode(bytes: Uint8Array, offset: number, length: number): string {
    if (length > TaggedKeyCache.MAX_KEY_BYTES) return tagStringKey(bytes, offset, length);
    const bucket = this.buckets[length] as { readonly bytes: Uint8Array; readonly tagged: string }[];
    search: for (const entry of bucket) {
      for (let i = 0; i < length; i += 1) if (entry.bytes[i] !== bytes[offset + i]) continue search;
      return entry.tagged;
    }
    const tagged = tagStringKey(bytes, offset, length);
    if (bucket.length < TaggedKeyCache.MAX_KEYS_PER_LENGTH)
      bucket.push({ bytes: bytes.slice(offset, offset + length), tagged });
    return tagged;
  }
}

const taggedKeyCache = new TaggedKeyCache();

export const taggedStringKeys: NonNullable<DecoderOptions['keyDecoder']> = {
  canBeCached: () => true,
  decode: (bytes, offset, length) => taggedKeyCache.decode(bytes, offset, length),
};

export function tagOtherKey(key: unknown): string {
  if (typeof key === 'string') return key; // already tagged by taggedStringKeys
  if (typeof key === 'number' || typeof key === 'bigint') return NUMBER_KEY_TAG + String(key);
  return OTHER_KEY_TAG;
}
