// Volume sizes as people write them: "100G", "1.5T", "512M", or plain bytes "1073741824".
// Units are binary (K = 1024), as Purity's CLI and PSO use them. Parsing is exact: decimal
// fractions are allowed only when they come out to whole bytes.

const UNITS: Record<string, bigint> = {
  '': 1n,
  K: 1024n,
  M: 1024n ** 2n,
  G: 1024n ** 3n,
  T: 1024n ** 4n,
  P: 1024n ** 5n,
};

/** FlashArray limits: sizes are multiples of 512 bytes, from 1 MiB up to 4 PiB. */
export const FLASHARRAY_MIN_BYTES = 1024n ** 2n;
export const FLASHARRAY_MAX_BYTES = 4n * 1024n ** 5n;

/**
 * FlashBlade quotas: the spec (FB 2.x `FileSystemPost.provisioned`) allows any int64 byte count,
 * with 0 or "" meaning unlimited. The provider accepts whole bytes from 1 MiB (a smaller quota
 * cannot hold a file system's own metadata) to 8 PiB, the largest size that stays exact as a JSON
 * number on the way to the array.
 */
export const FLASHBLADE_MIN_BYTES = 1024n ** 2n;
export const FLASHBLADE_MAX_BYTES = 8n * 1024n ** 5n;

/** What each kind of volume may be, and how the plan says it. */
export interface SizeRange {
  readonly min: bigint;
  readonly max: bigint;
  /** Sizes must be a multiple of this many bytes. */
  readonly multiple: bigint;
  readonly what: string;
}

export const SIZE_RANGES: Readonly<Record<'block' | 'file', SizeRange>> = {
  block: { min: FLASHARRAY_MIN_BYTES, max: FLASHARRAY_MAX_BYTES, multiple: 512n, what: 'FlashArray volume' },
  file: {
    min: FLASHBLADE_MIN_BYTES,
    max: FLASHBLADE_MAX_BYTES,
    multiple: 1n,
    what: 'FlashBlade file system',
  },
};

/** Why `bytes` is not a size of that range, or undefined when it is one. */
export function sizeProblem(text: string, bytes: bigint, range: SizeRange): string | undefined {
  if (bytes < range.min || bytes > range.max)
    return `${text} is outside the ${range.what} range ${formatSize(range.min)} to ${formatSize(range.max)}.`;
  if (bytes % range.multiple !== 0n)
    return `${text} (${bytes} bytes) is not a multiple of ${range.multiple} bytes, as a ${range.what} must be.`;
  return undefined;
}

export class SizeError extends Error {}

const SIZE_PATTERN = /^\s*(\d+)(?:\.(\d+))?\s*([KMGTP]?)(?:i?B)?\s*$/i;

export function parseSize(text: string): bigint {
  const match = SIZE_PATTERN.exec(text);
  if (!match) {
    throw new SizeError(
      `"${text}" is not a size; write a whole number of bytes or a number with a unit K, M, G, T or P (binary: 1G = 1024^3 bytes), e.g. "100G"`,
    );
  }
  const [, whole = '0', fraction = '', unitLetter = ''] = match;
  const unit = UNITS[unitLetter.toUpperCase()] as bigint;
  const scale = 10n ** BigInt(fraction.length);
  const numerator = (BigInt(whole) * scale + BigInt(fraction || '0')) * unit;
  if (numerator % scale !== 0n) throw new SizeError(`"${text}" is not a whole number of bytes`);
  return numerator / scale;
}

/** The shortest exact way to write `bytes` with a binary unit ("100G"), else plain bytes. */
export function formatSize(bytes: bigint): string {
  for (const letter of ['P', 'T', 'G', 'M', 'K']) {
    const unit = UNITS[letter] as bigint;
    if (bytes >= unit && bytes % unit === 0n) return `${bytes / unit}${letter}`;
  }
  return bytes.toString();
}
