// pure_volume at plan time: the checks that need several attributes at once (kind against the
// kind-only attributes, the size range of that kind, export rules), the kind's defaults, and the
// one place where the configuration becomes a placement request and a create request. The exact
// byte size is parsed here once, stored in the plan's `size_bytes`, and every later step (the
// feasibility check, the create, the resize) uses that number.

import type { FileVolumeDefaults } from './provider-data';
import type { VolumeRequirements } from '../fleet/placer';
import type { VolumeCreateRequest, VolumeSpec } from '../fleet/volumes/backend';
import { CtyNumber } from '../provider/cty/number';
import { UNKNOWN, isUnknown } from '../provider/cty/value';
import type { Diagnostics } from '../provider/framework/diagnostics';
import { exportRuleProblems } from './export-rules';
import { SIZE_RANGES, parseSize, sizeProblem } from './size';
import { validateProtectionConfig } from './volume-protection';
import { qosOf, validateQosConfig } from './volume-qos';
import type { VolumeKindName, VolumePlan, VolumeState } from './volume-state';

/** Attributes that only mean something for one kind, with what they are for. */
export const KIND_ONLY_ATTRIBUTES: Readonly<Record<VolumeKindName, readonly (keyof VolumePlan & string)[]>> =
  {
    file: ['nfs_v3', 'nfs_v4_1', 'export_rules', 'export_policy', 'hard_limit'],
    block: ['hosts', 'host_groups'],
  };

const OTHER: Record<VolumeKindName, VolumeKindName> = { block: 'file', file: 'block' };

export const NFS_DEFAULTS = { nfsV3: true, nfsV41: true, hardLimit: false } as const;

/** The configured kind, undefined while unknown; null configuration means the default, block. */
export function configuredKind(config: VolumePlan): VolumeKindName | undefined {
  const kind = config.kind;
  if (isUnknown(kind)) return undefined;
  return kind === 'file' ? 'file' : 'block';
}

/** Checks of the configuration that span attributes; each diagnostic is on its attribute. */
export function validateVolumeConfig(config: VolumePlan, diags: Diagnostics): void {
  const kind = configuredKind(config);
  if (kind === undefined) return;
  for (const attribute of KIND_ONLY_ATTRIBUTES[OTHER[kind]]) {
    const value = config[attribute];
    if (value === null || value === undefined) continue;
    diags.error(
      `${attribute} is for ${OTHER[kind]} volumes`,
      `This is a ${kind} volume (kind = "${kind}"); ${attribute} applies only to kind = "${OTHER[kind]}". Remove it, or set kind = "${OTHER[kind]}".`,
      [{ attribute }],
    );
  }
  if (typeof config.size === 'string') {
    try {
      const problem = sizeProblem(config.size, parseSize(config.size), SIZE_RANGES[kind]);
      if (problem) diags.error('Invalid volume size', problem, [{ attribute: 'size' }]);
    } catch {
      // Not a size at all: the attribute's own validator says so.
    }
  }
  validateQosConfig(config, kind, diags);
  validateProtectionConfig(config, diags);
  if (kind !== 'file') return;
  if (typeof config.export_rules === 'string') {
    const problems = exportRuleProblems(config.export_rules);
    if (problems.length > 0)
      diags.error('Invalid NFS export rules', problems.join('\n'), [{ attribute: 'export_rules' }]);
  }
  if (config.export_rules !== null && config.export_policy !== null) {
    diags.error(
      'export_rules and export_policy exclude each other',
      'A file system is exported either by its own rules or by an NFS export policy; setting a policy clears the rules. Keep one of the two.',
      [{ attribute: 'export_policy' }],
    );
  }
}

/**
 * The kind's defaults in the plan: what the configuration leaves out is planned as the default,
 * not as whatever the array holds now, so drift in those settings shows as a diff.
 */
export function planKindDefaults(
  plan: VolumePlan,
  config: VolumePlan,
  state: VolumeState | null,
  defaults: FileVolumeDefaults | undefined,
): void {
  const kind = configuredKind(config);
  if (kind === undefined) return;
  if (kind === 'block') {
    plan.nfs_v3 = null;
    plan.nfs_v4_1 = null;
    plan.export_rules = null;
    plan.hard_limit = null;
    plan.mount_path = null;
    return;
  }
  if (config.nfs_v3 === null) plan.nfs_v3 = NFS_DEFAULTS.nfsV3;
  if (config.nfs_v4_1 === null) plan.nfs_v4_1 = NFS_DEFAULTS.nfsV41;
  if (config.hard_limit === null) plan.hard_limit = NFS_DEFAULTS.hardLimit;
  if (config.export_rules === null) {
    // A policy clears inline rules on the array; without a policy, the provider's default rule,
    // else none. Unknown while the provider's configuration is.
    if (config.export_policy !== null) plan.export_rules = isUnknown(config.export_policy) ? UNKNOWN : '';
    else plan.export_rules = defaults ? (defaults.exportRules ?? '') : UNKNOWN;
  }
  plan.mount_path = state?.mount_path ?? UNKNOWN;
}

/** The size in bytes, as parsed once into the plan's size_bytes; undefined while unknown or invalid. */
export function planSizeBytes(plan: VolumePlan): number | undefined {
  if (typeof plan.size !== 'string') return undefined;
  try {
    const bytes = parseSize(plan.size);
    plan.size_bytes = CtyNumber.of(bytes);
    return Number(bytes);
  } catch {
    return undefined; // the size validator reports it
  }
}

/** The kind's spec from a plan whose attributes are known (apply time, or a known plan). */
export function specOf(plan: VolumePlan): VolumeSpec | undefined {
  if (plan.kind !== 'file') {
    if (plan.kind !== 'block' && plan.kind !== null) return undefined;
    const qos = qosOf(plan);
    return qos ? { kind: 'block', qos } : undefined;
  }
  const { nfs_v3: v3, nfs_v4_1: v41, export_rules: rules, export_policy: policy, hard_limit: hard } = plan;
  if (typeof v3 !== 'boolean' || typeof v41 !== 'boolean' || typeof hard !== 'boolean') return undefined;
  if (isUnknown(rules) || isUnknown(policy)) return undefined;
  const qos = qosOf(plan);
  if (!qos) return undefined;
  return {
    kind: 'file',
    qos,
    nfsV3: v3,
    nfsV41: v41,
    exportRules: rules ?? '',
    ...(typeof policy === 'string' ? { exportPolicy: policy } : {}),
    hardLimit: hard,
  };
}

/** A volume to place and create: the placement's needs and what the create sends. */
export interface VolumeRequest {
  readonly requirements: VolumeRequirements;
  readonly create: VolumeCreateRequest;
}

/**
 * The plan as a placement request and a create request, or undefined while any of it is still
 * unknown (plan time). A pinned array comes from the configuration: in the plan, `array` is
 * unknown until placement runs. The size is the plan's size_bytes, never parsed again.
 */
export function volumeRequest(plan: VolumePlan, config: VolumePlan): VolumeRequest | undefined {
  const { fleet, name, size_bytes: sizeBytes, array_labels: labels, expected_iops: iops } = plan;
  const array = config.array;
  if (typeof fleet !== 'string' || typeof name !== 'string' || !(sizeBytes instanceof CtyNumber))
    return undefined;
  if (isUnknown(labels) || isUnknown(iops) || isUnknown(array)) return undefined;
  const spec = specOf(plan);
  if (!spec) return undefined;
  const bytes = sizeBytes.toNumber();
  return {
    requirements: {
      key: `${fleet}/${name}`,
      kind: spec.kind,
      sizeBytes: bytes,
      labelSelector: labels ?? {},
      ...(iops instanceof CtyNumber ? { expectedIops: iops.toNumber() } : {}),
      ...(typeof array === 'string' ? { pinnedArray: array } : {}),
    },
    create: { sizeBytes: bytes, spec },
  };
}
