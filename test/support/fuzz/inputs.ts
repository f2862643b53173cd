// Fuzzed requests for the provider process. Input `index` of run `seed` is a pure function of the
// two numbers (its own generator is seeded from both), so any failing input is rebuilt from them
// alone: `--seed S --only I` replays it. The mix follows what a hostile or broken host can send:
// schema-shaped values with hostile strings, numbers and refinements, the same bytes truncated or
// bit-flipped, random msgpack of any shape and depth (every extension type, invalid UTF-8, lying
// headers), raw-state JSON, and bytes that are not protobuf at all.

import { Encoder, ExtData } from '@msgpack/msgpack';
import type { CtyType } from '../../../src/provider/cty/types';
import { schemaType } from '../../../src/provider/framework/schema';
import { fleetSchema } from '../../../src/resources/fleet';
import { providerSchema } from '../../../src/resources/provider-schema';
import { volumeSchema } from '../../../src/resources/volume-schema';
import { objectOf } from '../schema-objects';

export interface FuzzInput {
  readonly seed: number;
  readonly index: number;
  /** Which generator made it; reports group by it. */
  readonly kind: string;
  readonly method: string;
  /** A request message, for the typed client. */
  readonly request?: object;
  /** Bytes sent as the request message instead, unparsed. */
  readonly raw?: Uint8Array;
}

/** A small, fast, seedable generator (mulberry32). */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    let z = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return ((z ^ (z >>> 14)) >>> 0) / 4294967296;
  }
  int(max: number): number {
    return Math.floor(this.next() * max);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  bytes(count: number): Uint8Array {
    const out = new Uint8Array(count);
    for (let i = 0; i < count; i++) out[i] = this.int(256);
    return out;
  }
}

function inputRng(seed: number, index: number): Rng {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  h = Math.imul(h ^ index, 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return new Rng(h ^ (h >>> 16));
}

const SCHEMAS = {
  pure_volume: schemaType(volumeSchema),
  pure_fleet: schemaType(fleetSchema),
} as const;
const PROVIDER_TYPE = schemaType(providerSchema);
const RESOURCE_TYPES = ['pure_volume', 'pure_volume', 'pure_fleet', 'pure_nothing', ''] as const;

/** Long runs of one character after a short valid start: the inputs that were quadratic. */
function hostileString(rng: Rng): string {
  // Mostly short: the long ones cost the fuzzer more to build than the provider to refuse.
  const roll = rng.next();
  const n = roll < 0.05 ? 150_000 : roll < 0.12 ? 20_000 : roll < 0.4 ? 1000 : 10;
  switch (rng.int(12)) {
    case 0:
      return '1' + '0'.repeat(n);
    case 1:
      return '1' + '0'.repeat(n) + '1';
    case 2:
      return '1' + ' '.repeat(n) + 'x';
    case 3:
      return '127.0.0.1:9' + '/'.repeat(n) + 'x';
    case 4:
      return '127.0.0.1:9' + '/'.repeat(n);
    case 5:
      return '0.' + '0'.repeat(n) + '1';
    case 6:
      return rng.pick(['100G', '1.5T', '512', '1e400', '-1', '', ' 1 G ', 'NaN', 'Infinity']);
    case 7:
      return rng.pick(['v1', 'fleet_a', 'a-b', 'fa-1', 'flasharray', 'flashblade', 'delete', 'orphan']);
    case 8:
      return String.fromCharCode(...Array.from({ length: rng.int(40) }, () => rng.int(0x3000)));
    case 9:
      return 'x'.repeat(rng.int(3) === 0 ? n : 50);
    case 10:
      return '\u0000\ud800' + 'e\u0301'.repeat(rng.int(100));
    default:
      return `${rng.int(1e6)}`;
  }
}

const ENDPOINTS = new Set(['endpoint', 'nfs_endpoint']);

/**
 * Endpoints stay on closed loopback ports, hostile only after the address: a fuzzed fleet must
 * fail fast (connection refused), never wait on DNS or an unroutable address.
 */
function endpoint(rng: Rng): string {
  const n = rng.pick([1, 1000, 150_000]);
  const suffix = rng.pick(['', '/'.repeat(n), `${'/'.repeat(n)}x`, ' '.repeat(n), '/api', ':x']);
  return `${rng.pick(['127.0.0.1:9', 'https://127.0.0.1:1', '127.0.0.1'])}${suffix}`;
}

/** Numbers as msgpack can carry them: ints, floats, decimal text (hostile too). */
function wireNumber(rng: Rng): unknown {
  switch (rng.int(8)) {
    case 0:
      return rng.int(2 ** 31) - 2 ** 30;
    case 1:
      return rng.pick([0.1, -0, 1e308, -1e-308, 5e-324, Infinity, -Infinity, NaN, 2 ** 64]);
    case 2:
      return BigInt.asIntN(64, BigInt(rng.int(2 ** 32)) << 31n);
    case 3:
    case 4:
      return rng.int(1000);
    default:
      return hostileString(rng);
  }
}

/**
 * A refinement map as go-cty writes it: small integer keys (which the msgpack library's encoder
 * cannot write for a Map, so the header and keys are written here).
 */
export function refinementBytes(entries: ReadonlyArray<readonly [number, unknown]>): Uint8Array {
  const parts = entries.map(([key, value]) => [Uint8Array.of(key & 0x7f), rawEncoder.encode(value)]).flat();
  const out = new Uint8Array(1 + parts.reduce((n, p) => n + p.length, 0));
  out[0] = 0x80 | Math.min(entries.length, 15);
  let at = 1;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

function refinementPayload(rng: Rng): Uint8Array {
  const entries: Array<[number, unknown]> = [];
  if (rng.chance(0.7)) entries.push([1, rng.chance(0.2)]);
  if (rng.chance(0.3)) entries.push([2, hostileString(rng).slice(0, 300)]);
  if (rng.chance(0.3)) entries.push([3, [wireNumber(rng), rng.chance(0.5)]]);
  if (rng.chance(0.3)) entries.push([4, [wireNumber(rng), rng.chance(0.5)]]);
  const length = rng.pick([0, 1, 3, 100_000, 100_000_000, 4_294_967_295, -1, 2 ** 53]);
  if (rng.chance(0.6)) entries.push([5, length]);
  if (rng.chance(0.6)) entries.push([6, rng.chance(0.7) ? length : rng.int(10)]);
  if (rng.chance(0.1)) entries.push([rng.int(120), rng.int(5)]);
  return refinementBytes(entries);
}

function unknown(rng: Rng): ExtData {
  if (rng.chance(0.5)) return new ExtData(0, Uint8Array.of(0));
  return new ExtData(12, refinementPayload(rng));
}

/** Numbers msgpack carries and cty reads: ints, finite floats, long but valid decimal text. */
function typedNumber(rng: Rng): unknown {
  switch (rng.int(6)) {
    case 0:
      return rng.int(2 ** 31) - 2 ** 30;
    case 1:
      return rng.pick([0.1, -0, 1e308, -1e-308, 5e-324, 2 ** 64]);
    case 2:
      return BigInt.asIntN(64, BigInt(rng.int(2 ** 32)) << 31n);
    case 3:
      return `1${'0'.repeat(rng.pick([1, 10, 100]))}`;
    default:
      return rng.int(1000);
  }
}

/** An unknown whose refinements (if any) are ones go-cty allows on the type. */
function typedUnknown(type: CtyType, rng: Rng): ExtData {
  if (rng.chance(0.5)) return new ExtData(0, Uint8Array.of(0));
  const entries: Array<[number, unknown]> = [[1, false]];
  if (type.kind === 'string' && rng.chance(0.5)) entries.push([2, hostileString(rng).slice(0, 300)]);
  if (type.kind === 'number' && rng.chance(0.5)) entries.push([3, [rng.int(1000), rng.chance(0.5)]]);
  if ((type.kind === 'list' || type.kind === 'set' || type.kind === 'map') && rng.chance(0.5))
    entries.push([5, rng.int(4)]);
  return new ExtData(12, refinementBytes(entries));
}

/**
 * How far a shaped value strays from its type. `hostile`: anywhere (an attribute missing or
 * undeclared, a value of another type, invalid UTF-8, refinements the type cannot carry), each
 * by its own small chance per attribute, so an object of a schema's ~30 attributes almost never
 * decodes whole: in seed 14's first 2,000 inputs one pure_volume configuration of 47 reached the
 * validators with 31 attributes, none with 33 (the chance falls with every attribute added).
 * `typed`: only within the type (hostile strings, big numbers, nulls, unknowns go-cty could
 * send), so the value decodes however many attributes the schema has and reaches the schema's
 * validators and the resource behind them.
 */
type Fidelity = 'hostile' | 'typed';

/** A wire value shaped by the type, hostile where the fidelity lets it be. */
function shaped(type: CtyType, rng: Rng, depth: number, fidelity: Fidelity = 'hostile'): unknown {
  if (rng.chance(0.08)) return null;
  return shapedKnown(type, rng, depth, fidelity);
}

/** `shaped` without the null: a typed collection's elements are never null (cty refuses them). */
function element(type: CtyType, rng: Rng, depth: number, fidelity: Fidelity): unknown {
  return fidelity === 'typed' ? shapedKnown(type, rng, depth, fidelity) : shaped(type, rng, depth, fidelity);
}

function shapedKnown(type: CtyType, rng: Rng, depth: number, fidelity: Fidelity): unknown {
  const typed = fidelity === 'typed';
  if (rng.chance(0.08)) return typed ? typedUnknown(type, rng) : unknown(rng);
  if (!typed && rng.chance(0.02)) return randomWire(rng, depth + 1);
  switch (type.kind) {
    case 'string':
      return !typed && rng.chance(0.05) ? Uint8Array.of(0xff, 0xfe, 0x80) : hostileString(rng);
    case 'number':
      return typed ? typedNumber(rng) : wireNumber(rng);
    case 'bool':
      return rng.chance(0.5);
    case 'dynamic':
      return [new TextEncoder().encode('"string"'), hostileString(rng)];
    case 'list':
    case 'set':
      return Array.from({ length: rng.int(4) }, () => element(type.element, rng, depth + 1, fidelity));
    case 'tuple':
      return type.elements.map((e) => shaped(e, rng, depth + 1, fidelity));
    case 'map': {
      const out: Record<string, unknown> = {};
      for (let i = rng.int(4); i > 0; i--)
        out[hostileString(rng).slice(0, 30)] = element(type.element, rng, depth + 1, fidelity);
      return out;
    }
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [name, attribute] of Object.entries(type.attributes)) {
        if (!typed && rng.chance(0.03)) continue; // a missing attribute
        out[name] =
          ENDPOINTS.has(name) && rng.chance(0.9)
            ? endpoint(rng)
            : shaped(attribute, rng, depth + 1, fidelity);
      }
      if (!typed && rng.chance(0.03)) out[hostileString(rng).slice(0, 20)] = 1; // an undeclared one
      return out;
    }
  }
}

/** Any msgpack value: deep nesting, every extension type, big and lying sizes. */
function randomWire(rng: Rng, depth: number): unknown {
  const roll = rng.int(depth > 6 ? 6 : 10);
  switch (roll) {
    case 0:
      return null;
    case 1:
      return rng.int(2 ** 32) - 2 ** 31;
    case 2:
      return hostileString(rng);
    case 3:
      return rng.bytes(rng.int(64));
    case 4:
      return new ExtData(rng.int(256) - 128, rng.bytes(rng.pick([0, 1, 2, 4, 8, 16, 3, 300, 2000])));
    case 5:
      return rng.next() * 1e10;
    case 6: {
      // A chain of nested arrays, far deeper than any schema.
      let value: unknown = 0;
      for (let i = rng.pick([10, 70, 1000]); i > 0; i--) value = [value];
      return value;
    }
    case 7:
      return Array.from({ length: rng.int(5) }, () => randomWire(rng, depth + 1));
    default: {
      const out: Record<string, unknown> = {};
      for (let i = rng.int(5); i > 0; i--) out[hostileString(rng).slice(0, 12)] = randomWire(rng, depth + 1);
      return out;
    }
  }
}

const rawEncoder = new Encoder({ useBigInt64: true, ignoreUndefined: true, maxDepth: 5000 });

/** Bytes no encoder writes: headers that claim far more than follows. */
function lyingHeader(rng: Rng): Uint8Array {
  return rng.pick([
    Uint8Array.of(0xdd, 0xff, 0xff, 0xff, 0xff),
    Uint8Array.of(0xdf, 0xff, 0xff, 0xff, 0xff, 0xc0),
    Uint8Array.of(0xdb, 0xff, 0xff, 0xff, 0xff, 0x41),
    Uint8Array.of(0xc9, 0x7f, 0xff, 0xff, 0xff, 0x0c),
    Uint8Array.of(0x91, 0x91, 0x91, 0x91, 0x91, 0x91, 0x91),
    Uint8Array.of(0xc1),
    new Uint8Array(rng.int(2000)).fill(0x91),
  ]);
}

function mutate(bytes: Uint8Array, rng: Rng): Uint8Array {
  const out = Uint8Array.from(bytes);
  switch (rng.int(3)) {
    case 0:
      return out.subarray(0, rng.int(out.length + 1));
    case 1:
      for (let i = 1 + rng.int(4); i > 0 && out.length > 0; i--) {
        const at = rng.int(out.length);
        out[at] = (out[at] as number) ^ (1 << rng.int(8));
      }
      return out;
    default: {
      const at = rng.int(out.length + 1);
      const inserted = rng.bytes(1 + rng.int(8));
      const spliced = new Uint8Array(out.length + inserted.length);
      spliced.set(out.subarray(0, at));
      spliced.set(inserted, at);
      spliced.set(out.subarray(at), at + inserted.length);
      return spliced;
    }
  }
}

/** A DynamicValue for the type: typed, shaped, mutated, random or lying, as msgpack. */
function dynamicValue(type: CtyType, rng: Rng): { kind: string; value: { msgpack: Uint8Array } } {
  const roll = rng.int(10);
  if (roll < 2) {
    return { kind: 'typed', value: { msgpack: rawEncoder.encode(shaped(type, rng, 0, 'typed')) } };
  }
  if (roll < 5) return { kind: 'shaped', value: { msgpack: rawEncoder.encode(shaped(type, rng, 0)) } };
  if (roll < 7) {
    return { kind: 'mutated', value: { msgpack: mutate(rawEncoder.encode(shaped(type, rng, 0)), rng) } };
  }
  if (roll < 9) return { kind: 'random', value: { msgpack: rawEncoder.encode(randomWire(rng, 0)) } };
  return { kind: 'lying-header', value: { msgpack: lyingHeader(rng) } };
}

/** Raw state JSON: shaped (numbers as hostile literals), nested deep, or garbage. */
function rawStateJSON(type: CtyType, rng: Rng): Uint8Array {
  const roll = rng.int(5);
  if (roll === 0) return new TextEncoder().encode('['.repeat(rng.pick([10, 100, 100_000])));
  if (roll === 1) return rng.bytes(rng.int(100));
  const text = JSON.stringify(shaped(type, rng, 0), (_key, value: unknown) =>
    value instanceof ExtData || value instanceof Uint8Array
      ? null
      : typeof value === 'bigint'
        ? Number(value)
        : value,
  );
  // A number literal of the hostile shape, where cty/json reads numbers.
  return new TextEncoder().encode(
    roll === 2 ? text.replace(/"size_bytes":[^,}]*/, `"size_bytes":1${'0'.repeat(150_000)}1`) : text,
  );
}

const RAW_PATHS = [
  '/tfplugin6.Provider/ValidateResourceConfig',
  '/tfplugin6.Provider/PlanResourceChange',
  '/tfplugin6.Provider/ApplyResourceChange',
  '/tfplugin6.Provider/ConfigureProvider',
  '/tfplugin6.Provider/UpgradeResourceState',
];

/** A volume as Terraform plans and stores it: valid names, a size perhaps hostile, the rest known. */
function volumeObject(rng: Rng, stored: boolean): Record<string, unknown> {
  const computed = stored ? undefined : new ExtData(0, Uint8Array.of(0));
  const i = rng.int(1000);
  return {
    // Attributes the fuzz does not vary are null, so the object keeps the schema's shape.
    ...objectOf(volumeSchema),
    name: `v${i}`,
    fleet: 'f',
    size: rng.chance(0.8) ? rng.pick(['1G', '100G', '10T', '1M']) : hostileString(rng),
    array_labels: rng.chance(0.5) ? null : { zone: rng.pick(['a', 'b']) },
    expected_iops: rng.chance(0.5) ? null : rng.int(10_000),
    array: stored ? rng.pick(['fa-1', 'fa-2']) : rng.chance(0.2) ? 'fa-1' : computed,
    deletion_policy: rng.pick(['delete', 'eradicate', 'orphan']),
    destroyed: rng.chance(0.1),
    id: stored ? `f/v${i}` : computed,
    backend_name: stored ? `f-v${i}` : computed,
    serial: stored ? 'ABC123' : computed,
    // Known in most plans, as Terraform sends it once the size is known: an unknown one stops a create
    // at "Invalid planned value" before it reaches the fleet.
    size_bytes: stored || rng.chance(0.8) ? 1073741824 : computed,
    placement: stored
      ? { summary: 's', score: 1, scores: {}, excluded: [], telemetry_age_seconds: 1, decided_at: 'now' }
      : computed,
  };
}

/**
 * What Terraform itself sends in a plan and an apply of pure_volume and pure_fleet, against the
 * fleet the runner configured (arrays refusing connections): these reach the resources and the
 * fleet layer and must come back as clean diagnostics, state kept.
 */
function terraformShaped(base: { seed: number; index: number }, rng: Rng): FuzzInput {
  const volume = (v: Record<string, unknown>) => ({ msgpack: rawEncoder.encode(v) });
  const config = (v: Record<string, unknown>) =>
    volume({ ...v, array: typeof v.array === 'string' ? v.array : null, ...COMPUTED_NULL });
  const planned = volumeObject(rng, false);
  const stored = volumeObject(rng, true);
  switch (rng.int(5)) {
    case 0:
      return {
        ...base,
        kind: 'terraform-create',
        method: 'ApplyResourceChange',
        request: {
          type_name: 'pure_volume',
          prior_state: null,
          planned_state: volume(planned),
          config: config(planned),
        },
      };
    case 1: {
      const update = {
        ...stored,
        size: rng.pick(['2G', '200G', '1G']),
        size_bytes: new ExtData(0, Uint8Array.of(0)),
      };
      return {
        ...base,
        kind: 'terraform-update',
        method: 'ApplyResourceChange',
        request: {
          type_name: 'pure_volume',
          prior_state: volume(stored),
          planned_state: volume(update),
          config: config(update),
        },
      };
    }
    case 2:
      return {
        ...base,
        kind: 'terraform-delete',
        method: 'ApplyResourceChange',
        request: { type_name: 'pure_volume', prior_state: volume(stored), planned_state: null, config: null },
      };
    case 3:
      return {
        ...base,
        kind: 'terraform-plan',
        method: 'PlanResourceChange',
        request: {
          type_name: 'pure_volume',
          prior_state: rng.chance(0.5) ? null : volume(stored),
          proposed_new_state: volume(planned),
          config: config(planned),
        },
      };
    default:
      return {
        ...base,
        kind: 'terraform-read',
        method: 'ReadResource',
        request: { type_name: 'pure_volume', current_state: volume(stored) },
      };
  }
}

/** Attributes only the provider sets: null in a configuration. */
const COMPUTED_NULL = Object.fromEntries(
  Object.entries(volumeSchema.attributes)
    .filter(([, a]) => a.computed && !a.optional && !a.required && a.default === undefined)
    .map(([name]) => [name, null]),
);

export function fuzzInput(seed: number, index: number): FuzzInput {
  const rng = inputRng(seed, index);
  const base = { seed, index };
  const typeName = rng.pick(RESOURCE_TYPES);
  const type: CtyType = typeName in SCHEMAS ? SCHEMAS[typeName as keyof typeof SCHEMAS] : SCHEMAS.pure_volume;
  const value = (): { kind: string; value: { msgpack: Uint8Array } } => dynamicValue(type, rng);
  switch (rng.int(14)) {
    case 12:
    case 13:
      return terraformShaped(base, rng);
    case 0: {
      const config = dynamicValue(PROVIDER_TYPE, rng);
      return {
        ...base,
        kind: config.kind,
        method: 'ValidateProviderConfig',
        request: { config: config.value },
      };
    }
    case 1: {
      // Absent config, as the fuzz that found the null-config TypeErrors sent it.
      return { ...base, kind: 'null', method: 'ValidateProviderConfig', request: { config: null } };
    }
    case 2:
    case 3: {
      const config = value();
      return {
        ...base,
        kind: config.kind,
        method: 'ValidateResourceConfig',
        request: { type_name: typeName, config: config.value },
      };
    }
    case 4:
    case 5: {
      const [prior, proposed, config] = [value(), value(), value()];
      return {
        ...base,
        kind: proposed.kind,
        method: 'PlanResourceChange',
        request: {
          type_name: typeName,
          prior_state: rng.chance(0.4) ? null : prior.value,
          proposed_new_state: proposed.value,
          config: config.value,
        },
      };
    }
    case 6: {
      const [prior, planned, config] = [value(), value(), value()];
      return {
        ...base,
        kind: planned.kind,
        method: 'ApplyResourceChange',
        request: {
          type_name: typeName,
          prior_state: rng.chance(0.5) ? null : prior.value,
          planned_state: rng.chance(0.2) ? null : planned.value,
          config: config.value,
        },
      };
    }
    case 7: {
      const state = value();
      return {
        ...base,
        kind: state.kind,
        method: 'ReadResource',
        request: { type_name: typeName, current_state: state.value },
      };
    }
    case 8:
      return {
        ...base,
        kind: 'raw-state',
        method: 'UpgradeResourceState',
        request: {
          type_name: typeName,
          version: rng.pick([0, 0, 1, -1, 2 ** 31 - 1]),
          raw_state: { json: rawStateJSON(type, rng) },
        },
      };
    case 9: {
      const config = dynamicValue(PROVIDER_TYPE, rng);
      return {
        ...base,
        kind: config.kind,
        method: 'ConfigureProvider',
        request: { terraform_version: '1.11.4', config: config.value },
      };
    }
    case 10:
      return {
        ...base,
        kind: 'import-id',
        method: 'ImportResourceState',
        request: { type_name: typeName, id: hostileString(rng).slice(0, rng.chance(0.5) ? 100 : 200_000) },
      };
    default:
      return {
        ...base,
        kind: 'not-protobuf',
        method: rng.pick(RAW_PATHS),
        raw: rng.chance(0.5) ? rng.bytes(rng.int(200)) : lyingHeader(rng),
      };
  }
}
