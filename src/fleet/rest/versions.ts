// REST version negotiation. Arrays list every version they serve at GET /api/api_version (REST 1.x
// beside 2.x; FlashArray under the key `version`, FlashBlade under `versions`); the client uses the
// highest 2.x version both sides know, down to 2.0. String sorting would get 2.9 > 2.10 wrong.

export type ArrayKind = 'flasharray' | 'flashblade';

/** Highest REST version this client was written and tested against, per array kind. */
export const CLIENT_MAX_VERSION: Readonly<Record<ArrayKind, string>> = {
  flasharray: '2.56',
  flashblade: '2.28',
};

/** The key of the version list in GET /api/api_version. */
export const VERSION_LIST_KEY: Readonly<Record<ArrayKind, string>> = {
  flasharray: 'version',
  flashblade: 'versions',
};

const TWO_X = /^2\.(\d{1,3})$/;

/** Numeric comparison of `major.minor` versions: 2.9 < 2.10. */
export function compareVersions(a: string, b: string): number {
  const [am = 0, an = 0] = a.split('.').map(Number);
  const [bm = 0, bn = 0] = b.split('.').map(Number);
  return am !== bm ? am - bm : an - bn;
}

/** The highest 2.x version both sides know, or undefined when there is none. */
export function chooseVersion(offered: readonly string[], clientMax: string): string | undefined {
  return offered
    .filter((v) => TWO_X.test(v) && compareVersions(v, clientMax) <= 0)
    .sort(compareVersions)
    .at(-1);
}

/** True when `version` is at least `minimum` (both `2.x`). */
export function versionAtLeast(version: string, minimum: string): boolean {
  return compareVersions(version, minimum) >= 0;
}

/** The version list out of a GET /api/api_version body; [] when the body has none. */
export function offeredVersions(kind: ArrayKind, body: unknown): string[] {
  if (!body || typeof body !== 'object') return [];
  const list = (body as Record<string, unknown>)[VERSION_LIST_KEY[kind]];
  return Array.isArray(list) ? list.filter((v): v is string => typeof v === 'string') : [];
}
