// REST API versions: what each array advertises at /api/api_version and which
// version-dependent behaviour a request path selects.
import type { ArrayType } from './model/models';

export interface ApiVersion {
  text: string;
  major: number;
  minor: number;
}

export function parseApiVersion(text: string): ApiVersion | undefined {
  const m = /^([0-9])\.([0-9]{1,2})$/.exec(text);
  if (!m) return undefined;
  return { text, major: Number(m[1]), minor: Number(m[2]) };
}

/** True when `v` is at least `major.minor`. */
export function atLeast(v: ApiVersion, major: number, minor: number): boolean {
  return v.major > major || (v.major === major && v.minor >= minor);
}

/**
 * The list an array returns from GET /api/api_version: Purity keeps serving the
 * REST 1.x versions beside 2.x, so the list starts at 1.0 (FlashArray 1.0–1.19,
 * FlashBlade 1.0–1.12) and ends at the configured highest 2.x version. Clients
 * must pick a 2.x entry, not blindly the first or a string-sorted maximum.
 */
export function advertisedVersions(type: ArrayType, max2x: string): string[] {
  const highest = parseApiVersion(max2x);
  if (!highest) throw new Error(`bad version ${max2x}`);
  const legacy = type === 'flasharray' ? 19 : 12;
  const out: string[] = [];
  for (let i = 0; i <= legacy; i++) out.push(`1.${i}`);
  for (let i = 0; i <= highest.minor; i++) out.push(`2.${i}`);
  return out;
}

export function supports2x(max2x: string, requested: ApiVersion): boolean {
  const highest = parseApiVersion(max2x) as ApiVersion;
  return requested.major === 2 && requested.minor <= highest.minor;
}
