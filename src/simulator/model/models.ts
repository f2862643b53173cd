// Per-model figures the simulator needs. They are illustrative round numbers in
// the range Pure publishes for each family, not datasheet values: usable
// capacity is a default only (descriptions override it), `maxIops` scales the
// load model, `objectLimit` caps volumes (FA) or file systems (FB).

export type ArrayType = 'flasharray' | 'flashblade';

export interface ModelSpec {
  type: ArrayType;
  name: string;
  capacity: number;
  maxIops: number;
  objectLimit: number;
  /** Service latency of a read at zero load, microseconds. */
  baseReadUsec: number;
  baseWriteUsec: number;
  /** Purity version string reported by `arrays`. */
  purityVersion: string;
}

const TiB = 2 ** 40;

const MODELS: ModelSpec[] = [
  {
    type: 'flasharray',
    name: 'FA-X20R4',
    capacity: 20 * TiB,
    maxIops: 150_000,
    objectLimit: 5_000,
    baseReadUsec: 200,
    baseWriteUsec: 250,
    purityVersion: '6.5.8',
  },
  {
    type: 'flasharray',
    name: 'FA-X50R4',
    capacity: 60 * TiB,
    maxIops: 250_000,
    objectLimit: 10_000,
    baseReadUsec: 180,
    baseWriteUsec: 220,
    purityVersion: '6.5.8',
  },
  {
    type: 'flasharray',
    name: 'FA-X70R4',
    capacity: 150 * TiB,
    maxIops: 400_000,
    objectLimit: 10_000,
    baseReadUsec: 160,
    baseWriteUsec: 200,
    purityVersion: '6.7.2',
  },
  {
    type: 'flasharray',
    name: 'FA-X90R4',
    capacity: 300 * TiB,
    maxIops: 600_000,
    objectLimit: 20_000,
    baseReadUsec: 150,
    baseWriteUsec: 190,
    purityVersion: '6.7.2',
  },
  {
    type: 'flasharray',
    name: 'FA-C60R4',
    capacity: 500 * TiB,
    maxIops: 150_000,
    objectLimit: 10_000,
    baseReadUsec: 900,
    baseWriteUsec: 600,
    purityVersion: '6.6.10',
  },
  {
    type: 'flasharray',
    name: 'FA-XL170',
    capacity: 1024 * TiB,
    maxIops: 900_000,
    objectLimit: 20_000,
    baseReadUsec: 150,
    baseWriteUsec: 180,
    purityVersion: '6.7.2',
  },
  {
    type: 'flashblade',
    name: 'FB-S200',
    capacity: 200 * TiB,
    maxIops: 300_000,
    objectLimit: 5_000,
    baseReadUsec: 900,
    baseWriteUsec: 1_200,
    purityVersion: '4.5.6',
  },
  {
    type: 'flashblade',
    name: 'FB-S500',
    capacity: 500 * TiB,
    maxIops: 600_000,
    objectLimit: 5_000,
    baseReadUsec: 700,
    baseWriteUsec: 1_000,
    purityVersion: '4.5.6',
  },
  {
    type: 'flashblade',
    name: 'FB-E',
    capacity: 2048 * TiB,
    maxIops: 250_000,
    objectLimit: 5_000,
    baseReadUsec: 2_000,
    baseWriteUsec: 2_500,
    purityVersion: '4.5.6',
  },
];

export function modelSpec(type: ArrayType, name: string): ModelSpec | undefined {
  return MODELS.find((m) => m.type === type && m.name.toLowerCase() === name.toLowerCase());
}

export function knownModels(type: ArrayType): string[] {
  return MODELS.filter((m) => m.type === type).map((m) => m.name);
}

export function defaultModel(type: ArrayType): string {
  return type === 'flasharray' ? 'FA-X70R4' : 'FB-S200';
}
