import { fnv1a64Hex, rendezvousScore, rendezvousWeight } from '../../../../src/fleet/placement';
import fc from 'fast-check';
import { fnv64Of, rendezvousHigh, rendezvousLow } from '../../../../src/fleet/placement/hash';

describe('FNV-1a 64', () => {
  it('matches the published test vectors', () => {
    expect(fnv1a64Hex('')).toBe('cbf29ce484222325');
    expect(fnv1a64Hex('a')).toBe('af63dc4c8601ec8c');
    expect(fnv1a64Hex('foobar')).toBe('85944171f73967e8');
  });

  it('hashes the UTF-8 bytes of the string (2-, 3- and 4-byte sequences)', () => {
    for (const text of ['zone-é', 'ゾーン', 'zone-😀', 'fleet/vol-1']) {
      expect(fnv1a64Hex(text)).toBe(rawFnv(Buffer.from(text, 'utf8')));
    }
    expect(fnv1a64Hex('\ud800x')).toBe(rawFnv(Buffer.from('\ufffdx', 'utf8'))); // lone surrogate → U+FFFD
  });
});

/** Reference FNV-1a 64 over bytes with BigInt. */
function rawFnv(bytes: Uint8Array): string {
  let h = 0xcbf29ce484222325n;
  for (const b of bytes) h = ((h ^ BigInt(b)) * 0x100000001b3n) & 0xffffffffffffffffn;
  return h.toString(16).padStart(16, '0');
}

describe('rendezvous weight', () => {
  const arrays = Array.from({ length: 10 }, (_, i) => `array-${String(i).padStart(2, '0')}`);
  const winner = (key: string, ids: readonly string[]) =>
    ids.reduce((best, id) => (rendezvousScore(key, id) > rendezvousScore(key, best) ? id : best));

  it('is a deterministic 53-bit integer', () => {
    const w = rendezvousScore('fleet/vol-1', 'array-01');
    expect(w).toBe(rendezvousScore('fleet/vol-1', 'array-01'));
    expect(Number.isSafeInteger(w)).toBe(true);
    const k = fnv64Of('fleet/vol-1');
    const a = fnv64Of('array-01');
    expect(rendezvousWeight(k.hi, k.lo, a.hi, a.lo)).toBe(w);
  });

  it('spreads keys evenly over arrays whose ids differ only in their last characters', () => {
    const counts = new Map<string, number>();
    const keys = 20_000;
    for (let i = 0; i < keys; i++) {
      const w = winner(`fleet/vol-${i}`, arrays);
      counts.set(w, (counts.get(w) ?? 0) + 1);
    }
    expect(counts.size).toBe(10);
    for (const count of counts.values()) expect(Math.abs(count - keys / 10)).toBeLessThan(keys / 10 / 10); // ±10%
  });

  it('moves about 1/(N+1) of the decisions when an array joins, and only to the new array', () => {
    const keys = Array.from({ length: 11_000 }, (_, i) => `fleet/vol-${i}`);
    const grown = [...arrays, 'array-10'];
    let moved = 0;
    for (const key of keys) {
      const before = winner(key, arrays);
      const after = winner(key, grown);
      if (before !== after) {
        moved++;
        expect(after).toBe('array-10');
      }
    }
    expect(moved / keys.length).toBeGreaterThan(0.07);
    expect(moved / keys.length).toBeLessThan(0.11);
  });
});

describe('rendezvous weight halves (the fast path compares the high half first)', () => {
  it('compose into the weight, so comparing (high, low) orders arrays as the weight does', () => {
    const u32 = fc.integer({ min: 0, max: 0xffff_ffff });
    fc.assert(
      fc.property(u32, u32, u32, u32, (keyHi, keyLo, arrayHi, arrayLo) => {
        const high = rendezvousHigh(keyHi, keyLo, arrayHi, arrayLo);
        const low = rendezvousLow(keyLo, arrayLo, high);
        expect(low).toBeLessThan(2 ** 21);
        expect(high * 2 ** 21 + low).toBe(rendezvousWeight(keyHi, keyLo, arrayHi, arrayLo));
      }),
    );
  });
});
