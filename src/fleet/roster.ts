// The fleet's roster: which arrays exist, how to reach them and which business-policy labels
// they carry. Built by the provider from its configuration (and PSO values files); the fleet
// layer only consumes it.

import type { ArrayKind } from './rest/session';

export interface ArrayMember {
  /** Unique within the roster; how state, plans and explanations name the array. */
  readonly name: string;
  readonly kind: ArrayKind;
  /** `host`, `host:port` or URL of the management interface. */
  readonly endpoint: string;
  readonly apiToken: string;
  /** FlashBlade data VIP that clients mount from. */
  readonly nfsEndpoint?: string;
  readonly labels: Readonly<Record<string, string>>;
  /**
   * Volumes (FA) or file systems (FB) this array supports. Purity does not report it over REST;
   * when absent, the approximate per-model table in telemetry/model-defaults.ts applies.
   */
  readonly volumeLimit?: number;
  /**
   * IOPS at which this array is saturated. When absent it is estimated from observed IOPS and load
   * (FlashArray) or taken from the approximate per-model table.
   */
  readonly saturationIops?: number;
  /** Drained by an operator: existing volumes stay, new ones go elsewhere. */
  readonly cordoned?: boolean;
}

export interface FleetRoster {
  readonly arrays: readonly ArrayMember[];
  /** PEM bundle of the CAs that sign the arrays' certificates. */
  readonly caPem?: string;
  readonly insecureSkipVerify?: boolean;
  /** Per-request timeout towards arrays. */
  readonly requestTimeoutMs?: number;
  /** How old a cached telemetry reading or volume listing may be before it is read again, ms. */
  readonly telemetryMaxAgeMs?: number;
  /** How many arrays are read at once. */
  readonly arrayConcurrency?: number;
}

/** PSO's values.yaml `arrays:` section, as PSO 5.x/6.x documented it (keys are case-sensitive). */
export interface PsoArraysSection {
  readonly FlashArrays?: readonly {
    MgmtEndPoint: string;
    APIToken: string;
    Labels?: Record<string, string>;
  }[];
  readonly FlashBlades?: readonly {
    MgmtEndPoint: string;
    APIToken: string;
    /** The PSO CSI chart's spelling; the older Flex chart's `NfsEndPoint` is accepted too. */
    NFSEndPoint?: string;
    NfsEndPoint?: string;
    Labels?: Record<string, string>;
  }[];
}

export class RosterError extends Error {}

const SECTION_KEYS = ['FlashArrays', 'FlashBlades'] as const;
const FLASHARRAY_KEYS = ['MgmtEndPoint', 'APIToken', 'Labels'] as const;
const FLASHBLADE_KEYS = ['MgmtEndPoint', 'APIToken', 'NFSEndPoint', 'NfsEndPoint', 'Labels'] as const;

/** Levenshtein distance, for "did you mean" on keys a few characters long. */
function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j] as number;
      row[j] = Math.min(above + 1, (row[j - 1] as number) + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length] as number;
}

/**
 * A key that is almost one PSO knows (another case, or a letter or two off) is a typo that would
 * otherwise make a required key "missing" or silently drop labels: name the expected spelling.
 * Keys far from every known one are left alone (PSO-derived files carry extra keys, e.g. VLAN).
 */
function checkKeys(object: object, known: readonly string[], where: string): void {
  for (const key of Object.keys(object)) {
    if (known.includes(key)) continue;
    const near = known.find(
      (k) => k.toLowerCase() === key.toLowerCase() || editDistance(k.toLowerCase(), key.toLowerCase()) <= 2,
    );
    if (near) throw new RosterError(`${where}: unknown key "${key}"; the expected spelling is "${near}"`);
  }
}

/** Converts a PSO `arrays:` section; PSO has no array names, so the endpoint names each member. */
export function membersFromPso(section: unknown, source: string): ArrayMember[] {
  if (!section || typeof section !== 'object') throw new RosterError(`${source}: no "arrays:" section`);
  checkKeys(section, SECTION_KEYS, `${source}: arrays`);
  const { FlashArrays = [], FlashBlades = [] } = section as PsoArraysSection;
  if (!Array.isArray(FlashArrays) || !Array.isArray(FlashBlades)) {
    throw new RosterError(`${source}: FlashArrays and FlashBlades must be lists`);
  }
  const labelsOf = (labels: unknown, where: string): Record<string, string> => {
    if (labels === undefined || labels === null) return {};
    if (typeof labels !== 'object' || Array.isArray(labels))
      throw new RosterError(`${where}: Labels must be a map`);
    return Object.fromEntries(Object.entries(labels).map(([k, v]) => [k, String(v)]));
  };
  const required = (value: unknown, key: string, where: string): string => {
    if (typeof value !== 'string' || value.trim() === '')
      throw new RosterError(`${where}: ${key} is required`);
    return value;
  };
  const members: ArrayMember[] = [];
  FlashArrays.forEach((fa, i) => {
    const where = `${source}: arrays.FlashArrays[${i}]`;
    if (fa && typeof fa === 'object') checkKeys(fa, FLASHARRAY_KEYS, where);
    const endpoint = required(fa?.MgmtEndPoint, 'MgmtEndPoint', where);
    members.push({
      name: endpoint,
      kind: 'flasharray',
      endpoint,
      apiToken: required(fa?.APIToken, 'APIToken', where),
      labels: labelsOf(fa?.Labels, where),
    });
  });
  FlashBlades.forEach((fb, i) => {
    const where = `${source}: arrays.FlashBlades[${i}]`;
    if (fb && typeof fb === 'object') checkKeys(fb, FLASHBLADE_KEYS, where);
    const endpoint = required(fb?.MgmtEndPoint, 'MgmtEndPoint', where);
    if (fb?.NFSEndPoint !== undefined && fb.NfsEndPoint !== undefined && fb.NFSEndPoint !== fb.NfsEndPoint)
      throw new RosterError(`${where}: NFSEndPoint and NfsEndPoint disagree; keep NFSEndPoint`);
    members.push({
      name: endpoint,
      kind: 'flashblade',
      endpoint,
      apiToken: required(fb?.APIToken, 'APIToken', where),
      nfsEndpoint: required(
        fb?.NFSEndPoint ?? fb?.NfsEndPoint,
        'NFSEndPoint (or the older NfsEndPoint)',
        where,
      ),
      labels: labelsOf(fb?.Labels, where),
    });
  });
  return members;
}
