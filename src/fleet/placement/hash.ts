// The tie-break's hash: 64-bit FNV-1a over the UTF-8 bytes of each string, combined by XOR and
// finished with murmur3's 32-bit finaliser on each half (each mixed with the other) into a 53-bit
// number.
//
// Why this one: FNV-1a is tiny, fast, stable across platforms and Node versions, and needs no
// crypto. On its own it mixes poorly — "fa-01" and "fa-02" differ only in a few bits — so the
// finaliser spreads every input bit over the whole output. 53 bits keep the result an exact double.
// The 64-bit state is held as two uint32 halves because JS numbers cannot multiply 64-bit integers.

/** FNV-1a 64-bit state: offset basis 0xcbf29ce484222325. */
export interface Fnv64State {
  hi: number;
  lo: number;
}

const FNV_OFFSET_HI = 0xcbf29ce4;
const FNV_OFFSET_LO = 0x84222325;
const TWO_POW_32 = 0x1_0000_0000;

export function fnv64Initial(): Fnv64State {
  return { hi: FNV_OFFSET_HI, lo: FNV_OFFSET_LO };
}

/** Resets `state` to the offset basis (reusing an object on a hot path). */
export function fnv64Reset(state: Fnv64State): Fnv64State {
  state.hi = FNV_OFFSET_HI;
  state.lo = FNV_OFFSET_LO;
  return state;
}

/** state := (state XOR byte) × 0x100000001b3 mod 2^64, where 0x100000001b3 = 2^40 + 0x1b3. */
function absorbByte(state: Fnv64State, byte: number): void {
  const lo = (state.lo ^ byte) >>> 0;
  const loProduct = lo * 0x1b3; // < 2^41: exact
  const carry = Math.floor(loProduct / TWO_POW_32);
  state.hi = (Math.imul(state.hi, 0x1b3) + carry + (lo << 8)) >>> 0; // lo × 2^40 lands in hi as lo << 8
  state.lo = loProduct >>> 0;
}

/** Absorbs the UTF-8 encoding of `text` (lone surrogates as U+FFFD, as TextEncoder does). */
export function fnv64Update(state: Fnv64State, text: string): Fnv64State {
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i);
    if (code < 0x80) {
      absorbByte(state, code);
      continue;
    }
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
        i++;
      } else code = 0xfffd;
    } else if (code >= 0xd800 && code <= 0xdfff) code = 0xfffd;
    if (code < 0x800) {
      absorbByte(state, 0xc0 | (code >> 6));
    } else if (code < 0x10000) {
      absorbByte(state, 0xe0 | (code >> 12));
      absorbByte(state, 0x80 | ((code >> 6) & 0x3f));
    } else {
      absorbByte(state, 0xf0 | (code >> 18));
      absorbByte(state, 0x80 | ((code >> 12) & 0x3f));
      absorbByte(state, 0x80 | ((code >> 6) & 0x3f));
    }
    absorbByte(state, 0x80 | (code & 0x3f));
  }
  return state;
}

/** Plain FNV-1a 64 of a string, as a 16-digit hex string (for tests against published vectors). */
export function fnv1a64Hex(text: string): string {
  const state = fnv64Update(fnv64Initial(), text);
  return state.hi.toString(16).padStart(8, '0') + state.lo.toString(16).padStart(8, '0');
}

/** murmur3's fmix32: a bijection on uint32 in which every input bit flips each output bit ~50%. */
function fmix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Finalises a state into a well-mixed integer in [0, 2^53): a × 2^21 + the top 21 bits of b. */
export function fnv64Finish(state: Fnv64State): number {
  return rendezvousWeight(state.hi, state.lo, 0, 0);
}

/** FNV-1a 64 of a string, unfinalised: the per-string half of a rendezvous weight. */
export function fnv64Of(text: string): Fnv64State {
  return fnv64Update(fnv64Initial(), text);
}

/**
 * Rendezvous (highest-random-weight) weight of an array for a volume:
 *   weight = finish(FNV-1a64(volumeKey) XOR FNV-1a64(arrayId))
 * For a fixed key the finaliser maps distinct ids to unrelated values, so among tied arrays the
 * highest weight is a fair, stable draw: identical requests spread evenly, the same request always
 * lands on the same array, and adding an array takes over only ~1/N of the decisions. Both halves
 * are hashed once (the array's when its reading arrives, the key's once per decision), so breaking a
 * tie costs a few multiplications per tied array.
 */
export function rendezvousWeight(keyHi: number, keyLo: number, arrayHi: number, arrayLo: number): number {
  const high = rendezvousHigh(keyHi, keyLo, arrayHi, arrayLo);
  return high * 0x20_0000 + rendezvousLow(keyLo, arrayLo, high);
}

/**
 * The top 32 bits of rendezvousWeight. Weights compare as (high, low), so comparing highs first and
 * computing the low 21 bits only when highs are equal (one time in 2^32) orders arrays exactly as the
 * full weights do, for half the work: the fast path compares dozens of tied arrays per decision.
 */
export function rendezvousHigh(keyHi: number, keyLo: number, arrayHi: number, arrayLo: number): number {
  const hi = (keyHi ^ arrayHi) >>> 0;
  const lo = (keyLo ^ arrayLo) >>> 0;
  return fmix32(hi ^ Math.imul(lo, 0x9e3779b1));
}

/** The low 21 bits of rendezvousWeight, given its high 32 bits. */
export function rendezvousLow(keyLo: number, arrayLo: number, high: number): number {
  return fmix32(((keyLo ^ arrayLo) >>> 0) ^ high) >>> 11;
}

/** Convenience form of rendezvousWeight for two strings. */
export function rendezvousScore(volumeKey: string, arrayId: string): number {
  const key = fnv64Of(volumeKey);
  const array = fnv64Of(arrayId);
  return rendezvousWeight(key.hi, key.lo, array.hi, array.lo);
}
