// pure_volume at apply time: the framework hands create and update a configuration and plan typed
// as known, except the computed attributes the plan decides (size_bytes, the file kind's
// defaults). Those, and the values only the skipped validators would have refused (a peer can
// send ApplyResourceChange without a validated plan), are checked here, before anything touches an
// array, and reported on their attribute path: never a throw, never a volume created and then
// dropped because its settings could not be read.

import type { VolumeCreateRequest } from '../fleet/volumes/backend';
import { CtyNumber } from '../provider/cty/number';
import { isUnknown, type CtyValue, type Unknown } from '../provider/cty/value';
import type { Diagnostics } from '../provider/framework/diagnostics';
import type { ApplyPlanModel, KnownConfigModel } from '../provider/framework/schema';
import { specOf, volumeRequest, type VolumeRequest } from './volume-plan';
import { parseDuration } from './volume-protection';
import { qosOf } from './volume-qos';
import type { volumeSchema } from './volume-schema';
import type { CreateBase } from './volume-state';

export type VolumeApplyPlan = ApplyPlanModel<typeof volumeSchema>;
export type VolumeConfig = KnownConfigModel<typeof volumeSchema>;

interface Problem {
  readonly attribute: keyof VolumeApplyPlan & string;
  readonly detail: string;
}

function unplanned(attribute: Problem['attribute'], value: CtyValue): Problem {
  return {
    attribute,
    detail: isUnknown(value) ? 'is still unknown at apply time' : 'was not planned',
  };
}

/** The first planned value a create or update cannot be built from, with why; undefined when none. */
export function applyProblem(plan: VolumeApplyPlan): Problem | undefined {
  if (plan.kind !== null && plan.kind !== 'block' && plan.kind !== 'file')
    return { attribute: 'kind', detail: `is "${plan.kind}", not "block" or "file"` };
  if (!(plan.size_bytes instanceof CtyNumber)) return unplanned('size_bytes', plan.size_bytes);
  for (const attribute of ['snapshot_every', 'snapshot_retention'] as const) {
    const value = plan[attribute];
    if (typeof value === 'string' && !parseDuration(value))
      return { attribute, detail: `"${value}" is not a duration` };
  }
  if (!qosOf(plan)) return { attribute: 'bandwidth_limit', detail: 'is not a size' };
  if (plan.kind === 'file') {
    for (const attribute of ['nfs_v3', 'nfs_v4_1', 'hard_limit'] as const) {
      if (typeof plan[attribute] !== 'boolean') return unplanned(attribute, plan[attribute]);
    }
    if (isUnknown(plan.export_rules)) return unplanned('export_rules', plan.export_rules);
  }
  return undefined;
}

function report(diags: Diagnostics, problem: Problem): void {
  diags.error(
    'Invalid planned value',
    `${problem.attribute} ${problem.detail}; nothing was changed on the fleet. Run terraform plan again.`,
    [{ attribute: problem.attribute }],
  );
}

/** The create's request, or undefined with a diagnostic on the attribute that prevents it. */
export function applyRequest(
  plan: VolumeApplyPlan,
  config: VolumeConfig,
  diags: Diagnostics,
): VolumeRequest | undefined {
  const problem = applyProblem(plan);
  if (problem) {
    report(diags, problem);
    return undefined;
  }
  const request = volumeRequest(plan, config);
  if (!request) diags.error('Invalid planned value', 'The planned volume cannot be built into a request.');
  return request;
}

/** The update's spec and size, or undefined with a diagnostic on the attribute that prevents it. */
export function applySpec(plan: VolumeApplyPlan, diags: Diagnostics): VolumeCreateRequest | undefined {
  const problem = applyProblem(plan);
  if (problem) {
    report(diags, problem);
    return undefined;
  }
  const spec = specOf(plan);
  if (!spec || !(plan.size_bytes instanceof CtyNumber)) {
    diags.error('Invalid planned value', 'The planned volume settings cannot be built into a request.');
    return undefined;
  }
  return { spec, sizeBytes: plan.size_bytes.toNumber() };
}

const orNull = <T extends CtyValue>(value: T | Unknown): T | null => (isUnknown(value) ? null : value);

/**
 * The plan as the state a create starts from: the computed values the plan left unknown are
 * null until the array reports them (stateFromView fills them in, the create its placement).
 */
export function baseState(plan: VolumeApplyPlan, id: string): CreateBase {
  return {
    ...plan,
    id,
    nfs_v3: orNull(plan.nfs_v3),
    nfs_v4_1: orNull(plan.nfs_v4_1),
    export_rules: orNull(plan.export_rules),
    hard_limit: orNull(plan.hard_limit),
    array: orNull(plan.array),
    array_id: orNull(plan.array_id),
    mount_path: orNull(plan.mount_path),
    backend_name: orNull(plan.backend_name),
    serial: orNull(plan.serial),
    size_bytes: orNull(plan.size_bytes),
    // Decided by the create (placement) and read from the array (connections).
    placement: null,
    connections: null,
    host_group_connections: null,
    wwn: orNull(plan.wwn),
    protection_group: orNull(plan.protection_group),
    newest_snapshot: orNull(plan.newest_snapshot),
  };
}
