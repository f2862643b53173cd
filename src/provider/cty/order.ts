// Orderings that make encodings deterministic. Go sorts strings by their UTF-8 bytes; JavaScript's
// default sort compares UTF-16 code units, which disagrees for characters above U+FFFF versus
// U+E000–U+FFFF. Code point order equals UTF-8 byte order, so compare code points.

export function compareUtf8(a: string, b: string): number {
  if (a === b) return 0;
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(i);
    if (ca === cb) continue;
    const pa = a.codePointAt(i) as number;
    const pb = b.codePointAt(i) as number;
    // Only differing code units reach here, so a surrogate pair is compared by its code point.
    return pa < pb ? -1 : 1;
  }
  return a.length - b.length;
}

export function sortedUtf8(names: Iterable<string>): string[] {
  return [...names].sort(compareUtf8);
}

export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const d = (a[i] as number) - (b[i] as number);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}
