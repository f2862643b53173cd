// The fleet description: what a YAML file (or a test) says about the arrays to
// simulate, its validation with messages that name the offending path, and
// the defaults that fill in everything left out.
import { createPublicKey } from 'node:crypto';
import YAML from 'yaml';
import type { ApiClientRegistration } from './http/oauth';
import { modelSpec, defaultModel, knownModels, type ArrayType } from './model/models';

export type { ArrayType } from './model/models';

export type LoadProfileKind = 'steady' | 'diurnal' | 'spikes';

/** A load profile as written in a description; either absolute IOPS or a fraction of the model's maximum. */
export interface LoadProfileSpec {
  profile: LoadProfileKind;
  /** Base front-end IOPS. */
  iops?: number;
  /** Base load as a fraction (0–1) of the model's maximum IOPS; ignored when `iops` is given. */
  utilization?: number;
  /** Peak IOPS of the diurnal cycle or of a spike. */
  peakIops?: number;
  peakUtilization?: number;
  /** Length of one diurnal cycle (default 24 h). */
  periodSeconds?: number;
  /** A spike starts every this many seconds (default 600)… */
  spikeEverySeconds?: number;
  /** …and lasts this long (default 60). */
  spikeDurationSeconds?: number;
  /** Fraction of operations that are reads (default 0.7). */
  readRatio?: number;
  /** Average I/O size in bytes (default 32 KiB). */
  ioSize?: number;
}

export interface ArrayDescription {
  name: string;
  type: ArrayType;
  model?: string;
  /** Usable capacity in bytes, or a string such as "150TiB" / "150T" (binary units, as Purity reports). */
  capacity?: number | string;
  labels?: Record<string, string>;
  load?: LoadProfileSpec | LoadProfileKind;
  /** Fraction (0–1) of each volume's provisioned size that holds written data. */
  fillRatio?: number;
  /** Data-reduction ratio applied to written data (≥ 1). */
  dataReductionRatio?: number;
  /** Physical space already used by data outside the simulated objects: bytes, a size string, or a fraction of capacity (0–1). */
  preexistingUsed?: number | string;
  /** Highest REST 2.x version the array advertises, e.g. "2.36". */
  maxApiVersion?: string;
  apiToken?: string;
  port?: number;
  /** Maximum number of volumes (FlashArray) or file systems (FlashBlade), destroyed ones included. */
  volumeLimit?: number;
  /** Eradication delay, in ms or a duration string such as "24h". */
  eradicationDelay?: number | string;
  /** Idle time after which a REST session expires, in ms or a duration string. */
  sessionTimeout?: number | string;
  /** FlashBlade: the data VIP address that NFS mounts use (PSO's NFSEndPoint). */
  nfsEndpoint?: string;
  /** API clients whose JWTs the token endpoint accepts (also registrable through the control API). */
  apiClients?: ApiClientRegistration[];
}

export interface FleetDescription {
  /** Names the state file; defaults to "fleet". */
  name?: string;
  arrays: ArrayDescription[];
  /** Fixed port for the control API; random when absent. */
  controlPort?: number;
}

export interface ResolvedLoadProfile {
  profile: LoadProfileKind;
  iops: number;
  peakIops: number;
  periodSeconds: number;
  spikeEverySeconds: number;
  spikeDurationSeconds: number;
  readRatio: number;
  ioSize: number;
}

/** An array description with every default applied. */
export interface ResolvedArrayConfig {
  name: string;
  type: ArrayType;
  model: string;
  capacity: number;
  labels: Record<string, string>;
  load: ResolvedLoadProfile;
  fillRatio: number;
  dataReductionRatio: number;
  preexistingUsed: number;
  maxApiVersion: string;
  apiToken?: string;
  port?: number;
  volumeLimit: number;
  eradicationDelayMs: number;
  sessionTimeoutMs: number;
  nfsEndpoint?: string;
  apiClients?: ApiClientRegistration[];
  maxIops: number;
}

/** Each API client needs its ids, its issuer and an RSA public key in PEM. */
function checkApiClients(problems: string[], p: string, clients: unknown): void {
  if (clients === undefined) return;
  if (!Array.isArray(clients)) {
    problems.push(`${p}: must be a list`);
    return;
  }
  clients.forEach((c: unknown, i) => {
    const where = `${p}[${i}]`;
    if (!c || typeof c !== 'object') return void problems.push(`${where}: must be a mapping`);
    const client = c as Record<string, unknown>;
    for (const key of ['id', 'keyId', 'issuer', 'publicKey']) {
      if (typeof client[key] !== 'string' || client[key] === '')
        problems.push(`${where}.${key}: must be a non-empty string`);
    }
    if (client.enabled !== undefined && typeof client.enabled !== 'boolean')
      problems.push(`${where}.enabled: must be true or false`);
    if (typeof client.publicKey === 'string' && client.publicKey !== '') {
      try {
        if (createPublicKey(client.publicKey).asymmetricKeyType !== 'rsa')
          problems.push(`${where}.publicKey: must be an RSA key (the arrays verify RS256)`);
      } catch {
        problems.push(`${where}.publicKey: not a PEM public key`);
      }
    }
  });
}

export class FleetDescriptionError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid fleet description:\n  - ${problems.join('\n  - ')}`);
  }
}

const SIZE_UNITS: Record<string, number> = {
  '': 1,
  K: 2 ** 10,
  M: 2 ** 20,
  G: 2 ** 30,
  T: 2 ** 40,
  P: 2 ** 50,
};
const DURATION_UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

export function parseSize(value: number | string): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? Math.round(value) : undefined;
  const m = /^\s*([0-9]+(?:\.[0-9]+)?)\s*([KMGTP]?)(?:i?B)?\s*$/i.exec(value);
  if (!m) return undefined;
  const unit = SIZE_UNITS[(m[2] ?? '').toUpperCase()];
  return unit === undefined ? undefined : Math.round(Number(m[1]) * unit);
}

export function parseDuration(value: number | string): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? Math.round(value) : undefined;
  const m = /^\s*([0-9]+(?:\.[0-9]+)?)\s*(ms|s|m|h|d)\s*$/.exec(value);
  if (!m) return undefined;
  return Math.round(Number(m[1]) * (DURATION_UNITS[m[2] as string] as number));
}

export function compareVersions(a: string, b: string): number {
  const [am, an] = a.split('.').map(Number) as [number, number];
  const [bm, bn] = b.split('.').map(Number) as [number, number];
  return am !== bm ? am - bm : an - bn;
}

/** Highest REST versions whose official specs the simulator follows. */
export const HIGHEST_API_VERSION: Record<ArrayType, string> = { flasharray: '2.56', flashblade: '2.28' };

const ARRAY_NAME = /^[A-Za-z0-9]([A-Za-z0-9-]{0,54}[A-Za-z0-9])?$/;
const KNOWN_ARRAY_KEYS = new Set([
  'name',
  'type',
  'model',
  'capacity',
  'labels',
  'load',
  'fillRatio',
  'dataReductionRatio',
  'preexistingUsed',
  'maxApiVersion',
  'apiToken',
  'port',
  'volumeLimit',
  'eradicationDelay',
  'sessionTimeout',
  'nfsEndpoint',
  'apiClients',
]);
const KNOWN_LOAD_KEYS = new Set([
  'profile',
  'iops',
  'utilization',
  'peakIops',
  'peakUtilization',
  'periodSeconds',
  'spikeEverySeconds',
  'spikeDurationSeconds',
  'readRatio',
  'ioSize',
]);

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function checkNumber(
  problems: string[],
  path: string,
  v: unknown,
  min: number,
  max: number,
  integer = false,
): number | undefined {
  if (v === undefined) return undefined;
  if (
    typeof v !== 'number' ||
    !Number.isFinite(v) ||
    v < min ||
    v > max ||
    (integer && !Number.isInteger(v))
  ) {
    problems.push(`${path}: must be ${integer ? 'an integer' : 'a number'} between ${min} and ${max}`);
    return undefined;
  }
  return v;
}

function validateLoad(problems: string[], path: string, v: unknown): void {
  if (v === undefined) return;
  if (typeof v === 'string') {
    if (!['steady', 'diurnal', 'spikes'].includes(v))
      problems.push(`${path}: must be steady, diurnal or spikes`);
    return;
  }
  if (!isRecord(v)) {
    problems.push(`${path}: must be a profile name or a mapping`);
    return;
  }
  for (const k of Object.keys(v)) if (!KNOWN_LOAD_KEYS.has(k)) problems.push(`${path}.${k}: unknown setting`);
  if (!['steady', 'diurnal', 'spikes'].includes(v.profile as string)) {
    problems.push(`${path}.profile: must be steady, diurnal or spikes`);
  }
  checkNumber(problems, `${path}.iops`, v.iops, 0, 1e9);
  checkNumber(problems, `${path}.peakIops`, v.peakIops, 0, 1e9);
  checkNumber(problems, `${path}.utilization`, v.utilization, 0, 1);
  checkNumber(problems, `${path}.peakUtilization`, v.peakUtilization, 0, 1);
  checkNumber(problems, `${path}.periodSeconds`, v.periodSeconds, 1, 1e9);
  checkNumber(problems, `${path}.spikeEverySeconds`, v.spikeEverySeconds, 1, 1e9);
  checkNumber(problems, `${path}.spikeDurationSeconds`, v.spikeDurationSeconds, 0, 1e9);
  checkNumber(problems, `${path}.readRatio`, v.readRatio, 0, 1);
  checkNumber(problems, `${path}.ioSize`, v.ioSize, 512, 16 * 2 ** 20);
}

/** Checks a parsed description and returns every problem found, each prefixed with its path. */
export function validateFleetDescription(input: unknown): string[] {
  const problems: string[] = [];
  if (!isRecord(input)) return ['the description must be a mapping with an `arrays` list'];
  for (const k of Object.keys(input)) {
    if (!['name', 'arrays', 'controlPort'].includes(k)) problems.push(`${k}: unknown setting`);
  }
  if (
    input.name !== undefined &&
    (typeof input.name !== 'string' || !/^[A-Za-z0-9_.-]{1,64}$/.test(input.name))
  ) {
    problems.push('name: must be 1–64 letters, digits, ".", "_" or "-"');
  }
  checkNumber(problems, 'controlPort', input.controlPort, 0, 65535, true);
  if (!Array.isArray(input.arrays) || input.arrays.length === 0) {
    problems.push('arrays: must be a non-empty list');
    return problems;
  }
  const names = new Set<string>();
  const ports = new Set<number>();
  input.arrays.forEach((a: unknown, i: number) => {
    const p = `arrays[${i}]`;
    if (!isRecord(a)) {
      problems.push(`${p}: must be a mapping`);
      return;
    }
    for (const k of Object.keys(a)) if (!KNOWN_ARRAY_KEYS.has(k)) problems.push(`${p}.${k}: unknown setting`);
    if (typeof a.name !== 'string' || !ARRAY_NAME.test(a.name) || !/[A-Za-z]/.test(a.name)) {
      problems.push(
        `${p}.name: must be 1–56 letters, digits or "-", start and end with a letter or digit, and contain a letter`,
      );
    } else if (names.has(a.name.toLowerCase())) {
      problems.push(`${p}.name: "${a.name}" is used twice`);
    } else {
      names.add(a.name.toLowerCase());
    }
    if (a.type !== 'flasharray' && a.type !== 'flashblade') {
      problems.push(`${p}.type: must be flasharray or flashblade`);
      return;
    }
    const type: ArrayType = a.type;
    if (a.model !== undefined && (typeof a.model !== 'string' || !modelSpec(type, a.model))) {
      problems.push(`${p}.model: unknown ${type} model (known: ${knownModels(type).join(', ')})`);
    }
    if (a.capacity !== undefined) {
      const c =
        typeof a.capacity === 'number' || typeof a.capacity === 'string' ? parseSize(a.capacity) : undefined;
      if (c === undefined || c < 2 ** 30)
        problems.push(`${p}.capacity: must be a size of at least 1GiB, e.g. "100TiB"`);
    }
    if (a.labels !== undefined) {
      if (!isRecord(a.labels)) problems.push(`${p}.labels: must be a mapping of strings`);
      else
        for (const [k, v] of Object.entries(a.labels)) {
          if (typeof v !== 'string') problems.push(`${p}.labels.${k}: must be a string`);
        }
    }
    validateLoad(problems, `${p}.load`, a.load);
    checkNumber(problems, `${p}.fillRatio`, a.fillRatio, 0, 1);
    checkNumber(problems, `${p}.dataReductionRatio`, a.dataReductionRatio, 1, 100);
    if (a.preexistingUsed !== undefined) {
      const ok =
        (typeof a.preexistingUsed === 'number' && a.preexistingUsed >= 0) ||
        (typeof a.preexistingUsed === 'string' && parseSize(a.preexistingUsed) !== undefined);
      if (!ok)
        problems.push(`${p}.preexistingUsed: must be a fraction of capacity (0–1), bytes or a size string`);
    }
    if (a.maxApiVersion !== undefined) {
      const highest = HIGHEST_API_VERSION[type];
      if (
        typeof a.maxApiVersion !== 'string' ||
        !/^2\.[0-9]{1,2}$/.test(a.maxApiVersion) ||
        compareVersions(a.maxApiVersion, highest) > 0
      ) {
        problems.push(`${p}.maxApiVersion: must be a version from 2.0 to ${highest}, quoted (e.g. "2.36")`);
      }
    }
    if (
      a.apiToken !== undefined &&
      (typeof a.apiToken !== 'string' || !/^[A-Za-z0-9-]{8,128}$/.test(a.apiToken))
    ) {
      problems.push(`${p}.apiToken: must be 8–128 letters, digits or "-"`);
    }
    checkApiClients(problems, `${p}.apiClients`, a.apiClients);
    const port = checkNumber(problems, `${p}.port`, a.port, 1, 65535, true);
    if (port !== undefined) {
      if (ports.has(port)) problems.push(`${p}.port: ${port} is used twice`);
      ports.add(port);
    }
    checkNumber(problems, `${p}.volumeLimit`, a.volumeLimit, 1, 10_000_000, true);
    for (const key of ['eradicationDelay', 'sessionTimeout'] as const) {
      const v = a[key];
      if (
        v !== undefined &&
        ((typeof v !== 'number' && typeof v !== 'string') || parseDuration(v) === undefined)
      ) {
        problems.push(`${p}.${key}: must be milliseconds or a duration such as "24h", "30m", "90s"`);
      }
    }
    if (a.nfsEndpoint !== undefined) {
      if (type !== 'flashblade') problems.push(`${p}.nfsEndpoint: only a flashblade has an NFS endpoint`);
      else if (typeof a.nfsEndpoint !== 'string' || !/^[A-Za-z0-9.:-]{1,253}$/.test(a.nfsEndpoint)) {
        problems.push(`${p}.nfsEndpoint: must be an IP address or host name`);
      }
    }
  });
  return problems;
}

/** Parses and validates YAML text; throws FleetDescriptionError listing every problem. */
export function loadFleetDescription(yamlText: string): FleetDescription {
  let parsed: unknown;
  try {
    parsed = YAML.parse(yamlText);
  } catch (e) {
    throw new FleetDescriptionError([`not valid YAML: ${(e as Error).message}`]);
  }
  const problems = validateFleetDescription(parsed);
  if (problems.length > 0) throw new FleetDescriptionError(problems);
  return parsed as FleetDescription;
}

export function resolveLoad(
  spec: LoadProfileSpec | LoadProfileKind | undefined,
  maxIops: number,
): ResolvedLoadProfile {
  const s: LoadProfileSpec = typeof spec === 'string' ? { profile: spec } : (spec ?? { profile: 'steady' });
  const iops = s.iops ?? (s.utilization ?? 0.2) * maxIops;
  const peak =
    s.peakIops ??
    (s.peakUtilization !== undefined ? s.peakUtilization * maxIops : Math.min(maxIops, iops * 3));
  return {
    profile: s.profile,
    iops,
    peakIops: Math.max(iops, peak),
    periodSeconds: s.periodSeconds ?? 86_400,
    spikeEverySeconds: s.spikeEverySeconds ?? 600,
    spikeDurationSeconds: s.spikeDurationSeconds ?? 60,
    readRatio: s.readRatio ?? 0.7,
    ioSize: s.ioSize ?? 32 * 1024,
  };
}

export function resolveArray(a: ArrayDescription): ResolvedArrayConfig {
  const model = a.model ?? defaultModel(a.type);
  const spec = modelSpec(a.type, model);
  if (!spec) throw new FleetDescriptionError([`${a.name}: unknown model ${model}`]);
  const capacity = a.capacity !== undefined ? (parseSize(a.capacity) as number) : spec.capacity;
  let preexisting = 0;
  if (typeof a.preexistingUsed === 'number') {
    preexisting =
      a.preexistingUsed <= 1 ? Math.round(a.preexistingUsed * capacity) : Math.round(a.preexistingUsed);
  } else if (typeof a.preexistingUsed === 'string') {
    preexisting = parseSize(a.preexistingUsed) ?? 0;
  }
  return {
    name: a.name,
    type: a.type,
    model: spec.name,
    capacity,
    labels: { ...(a.labels ?? {}) },
    load: resolveLoad(a.load, spec.maxIops),
    fillRatio: a.fillRatio ?? 0.4,
    dataReductionRatio: a.dataReductionRatio ?? (a.type === 'flasharray' ? 4 : 2),
    preexistingUsed: preexisting,
    maxApiVersion: a.maxApiVersion ?? HIGHEST_API_VERSION[a.type],
    apiToken: a.apiToken,
    port: a.port,
    volumeLimit: a.volumeLimit ?? spec.objectLimit,
    eradicationDelayMs:
      a.eradicationDelay !== undefined ? (parseDuration(a.eradicationDelay) as number) : 86_400_000,
    sessionTimeoutMs:
      a.sessionTimeout !== undefined ? (parseDuration(a.sessionTimeout) as number) : 1_800_000,
    nfsEndpoint: a.nfsEndpoint,
    ...(a.apiClients ? { apiClients: a.apiClients.map((c) => ({ ...c })) } : {}),
    maxIops: spec.maxIops,
  };
}

const ZONE = 'topology.purestorage.com/zone';
const REGION = 'topology.purestorage.com/region';

/**
 * Three FlashArrays across two zones and one FlashBlade, with different models, loads and API
 * versions, thin-provisioned the way field arrays are: provisioned sizes add up to 3–6 × usable,
 * 20–35% of that is written, and data reduction is 3–5:1 (fa-zone-a-2: 55% full, 500 TiB usable,
 * 6.4 × usable provisioned).
 */
export function demoFleet(): FleetDescription {
  return {
    name: 'demo',
    arrays: [
      {
        name: 'fa-zone-a-1',
        type: 'flasharray',
        model: 'FA-X70R4',
        capacity: '150TiB',
        labels: { [ZONE]: 'zone-a', [REGION]: 'region-1' },
        load: { profile: 'diurnal', utilization: 0.25, peakUtilization: 0.7 },
        fillRatio: 0.25,
        dataReductionRatio: 4.2,
        preexistingUsed: 0.3,
        maxApiVersion: '2.56',
      },
      {
        name: 'fa-zone-a-2',
        type: 'flasharray',
        model: 'FA-C60R4',
        capacity: '500TiB',
        labels: { [ZONE]: 'zone-a', [REGION]: 'region-1' },
        load: { profile: 'steady', utilization: 0.35 },
        fillRatio: 0.3,
        dataReductionRatio: 3.5,
        preexistingUsed: 0.55,
        maxApiVersion: '2.36',
      },
      {
        name: 'fa-zone-b-1',
        type: 'flasharray',
        model: 'FA-X50R4',
        capacity: '60TiB',
        labels: { [ZONE]: 'zone-b', [REGION]: 'region-1' },
        load: { profile: 'spikes', utilization: 0.2, peakUtilization: 0.9, spikeEverySeconds: 900 },
        fillRatio: 0.2,
        dataReductionRatio: 5,
        preexistingUsed: 0.2,
        maxApiVersion: '2.17',
      },
      {
        name: 'fb-zone-b-1',
        type: 'flashblade',
        model: 'FB-S200',
        capacity: '200TiB',
        labels: { [ZONE]: 'zone-b', [REGION]: 'region-1' },
        load: { profile: 'steady', utilization: 0.3 },
        fillRatio: 0.35,
        dataReductionRatio: 3,
        preexistingUsed: 0.4,
        maxApiVersion: '2.28',
      },
    ],
  };
}
