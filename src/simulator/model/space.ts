// Space model. A volume (or file system) holds `written` logical bytes. As on a real array, a new
// object is empty (0 written; creating it moves no physical space): data arrives only through the
// control API's `write` (a byte count) or `fill` (the array's fillRatio of its provisioned size).
// Written data is reduced by the array's data-reduction ratio (DRR):
//   virtual = written                unique = ⌈written / DRR⌉
// At array level a baseline of pre-existing physical data P₀ (workloads the
// simulator does not model as objects) adds P₀ physical, P₀·DRR virtual and
// P₀·DRR/f provisioned, f the array's written fraction (its fillRatio, 0.6 when
// not given): thin-provisioned as field arrays are, where provisioned sizes add
// up to several times usable and a fraction of that is written. Destroyed objects keep their physical space until
// eradicated, as on a real array, but no longer count as provisioned.
//   total_physical = unique + shared + snapshots + system     system = 0.3 % of capacity
//   data_reduction = virtual / unique         total_reduction = total_provisioned / unique
//   thin_provisioning = 1 − virtual / total_provisioned

export const SECTOR = 512;

export interface SpaceSettings {
  fillRatio: number;
  dataReductionRatio: number;
}

export interface ObjectSpace {
  provisioned: number;
  virtual: number;
  unique: number;
  dataReduction: number;
  thinProvisioning: number;
  totalReduction: number;
}

/** Written bytes of an object: what was written into it (null: nothing yet), within its size. */
export function writtenBytes(provisioned: number, explicit: number | null): number {
  const w = explicit ?? 0;
  return Math.max(0, Math.floor(Math.min(w, provisioned > 0 ? provisioned : w) / SECTOR) * SECTOR);
}

/** What `fill` writes into an object: its array's fillRatio of its provisioned size. */
export function filledBytes(provisioned: number, settings: SpaceSettings): number {
  return writtenBytes(provisioned, provisioned * settings.fillRatio);
}

export function objectSpace(provisioned: number, written: number, settings: SpaceSettings): ObjectSpace {
  const unique = Math.ceil(written / settings.dataReductionRatio);
  return {
    provisioned,
    virtual: written,
    unique,
    dataReduction: unique > 0 ? round3(written / unique) : 1,
    thinProvisioning: provisioned > 0 ? round3(Math.min(1, Math.max(0, 1 - written / provisioned))) : 0,
    totalReduction: unique > 0 ? round3(Math.min(provisioned / unique, 1e9)) : 1,
  };
}

export interface ArraySpaceInput {
  capacity: number;
  preexistingUsed: number;
  dataReductionRatio: number;
  /** Written ÷ provisioned of the pre-existing data (default BASELINE_THIN). */
  baselineWrittenFraction?: number;
  objects: Array<{ provisioned: number; space: ObjectSpace; destroyed: boolean }>;
}

export interface ArraySpaceFigures {
  capacity: number;
  system: number;
  unique: number;
  shared: number;
  snapshots: number;
  virtual: number;
  totalPhysical: number;
  totalProvisioned: number;
  dataReduction: number;
  totalReduction: number;
  thinProvisioning: number;
  destroyedPhysical: number;
  destroyedVirtual: number;
  available: number;
}

export const SYSTEM_FRACTION = 0.003;
export const BASELINE_THIN = 0.6;

export function arraySpace(input: ArraySpaceInput): ArraySpaceFigures {
  const system = Math.round(input.capacity * SYSTEM_FRACTION);
  let unique = input.preexistingUsed;
  let virtual = Math.round(input.preexistingUsed * input.dataReductionRatio);
  const written = input.baselineWrittenFraction ?? BASELINE_THIN;
  let provisioned = Math.round(virtual / (written > 0 ? written : BASELINE_THIN));
  let destroyedPhysical = 0;
  let destroyedVirtual = 0;
  for (const o of input.objects) {
    unique += o.space.unique;
    if (o.destroyed) {
      destroyedPhysical += o.space.unique;
      destroyedVirtual += o.space.virtual;
    } else {
      virtual += o.space.virtual;
      provisioned += o.provisioned;
    }
  }
  const totalPhysical = unique + system;
  return {
    capacity: input.capacity,
    system,
    unique,
    shared: 0,
    snapshots: 0,
    virtual,
    totalPhysical,
    totalProvisioned: provisioned,
    dataReduction: unique > 0 ? round3((virtual + destroyedVirtual) / unique) : 1,
    totalReduction: unique > 0 ? round3(Math.min(provisioned / unique, 1e9)) : 1,
    thinProvisioning: provisioned > 0 ? round3(Math.min(1, Math.max(0, 1 - virtual / provisioned))) : 0,
    destroyedPhysical,
    destroyedVirtual,
    available: Math.max(0, input.capacity - totalPhysical),
  };
}

function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}
