// pure_volume's state from what an array reports: the naming rules shared by every step, the
// placement explanation, and the mapping of a backend's view (block or file) onto attributes.

import type { PlacementExplanation } from '../fleet/placement/model';
import { formatExplanation } from '../fleet/placement/explain';
import type { VolumeView } from '../fleet/volumes/backend';
import { CtyNumber } from '../provider/cty/number';
import type { PlanModel, StateModel } from '../provider/framework/schema';
import type { Recorded } from './recorded-state';
import { formatSize, parseSize } from './size';
import { volumeWwn } from './volume-connections';
import { qosState } from './volume-qos';
import type { volumeSchema } from './volume-schema';

export type VolumeState = StateModel<typeof volumeSchema>;
export type VolumePlan = PlanModel<typeof volumeSchema>;
/** A stored volume whose names are recorded: what read, update and delete look it up by. */
export type StoredVolume = Recorded<VolumeState, (typeof STORED_NAMES)[number]>;
export const STORED_NAMES = ['fleet', 'array', 'backend_name'] as const;
/** The state a create starts from: its fleet and name are the configuration's, known. */
export type CreateBase = VolumeState & { fleet: string; name: string };
type PlacementState = NonNullable<VolumeState['placement']>;
export type VolumeKindName = 'block' | 'file';

export function backendName(fleet: string, name: string): string {
  return `${fleet}-${name}`;
}

/** The prefix every volume of a fleet carries on the arrays. */
export function fleetPrefix(fleet: string): string {
  return `${fleet}-`;
}

/** The kind recorded in state; states written before `kind` existed hold block volumes. */
export function recordedKind(state: { kind?: string | null }): VolumeKindName {
  return state.kind === 'file' ? 'file' : 'block';
}

export function placementState(explanation: PlacementExplanation): PlacementState {
  const chosen = explanation.candidates.find((c) => c.arrayId === explanation.chosenArrayId);
  return {
    summary: formatExplanation(explanation).split('\n')[0] ?? '',
    score: chosen ? CtyNumber.of(chosen.totalScore) : null,
    scores: chosen
      ? Object.fromEntries(Object.entries(chosen.scores).map(([k, v]) => [k, CtyNumber.of(v)]))
      : {},
    excluded: explanation.excluded.map((e) => ({ array: e.arrayName, reason: e.reason, message: e.message })),
    telemetry_age_seconds: chosen ? CtyNumber.of(Math.round(chosen.telemetryAgeMs / 1000)) : null,
    decided_at: new Date(explanation.decidedAtMs).toISOString(),
  };
}

/** Placement of a volume Terraform found on an array instead of placing it. */
export function foundPlacement(how: 'imported' | 'adopted'): PlacementState {
  return {
    summary:
      how === 'imported'
        ? 'imported: placed before Terraform managed it'
        : 'adopted: existed on the array before this configuration took it over',
    score: null,
    scores: {},
    excluded: [],
    telemetry_age_seconds: null,
    decided_at: null,
  };
}

/** Where the volume is: the roster name recorded in state, the array's id and its mount path. */
export interface VolumeLocation {
  readonly array: string;
  /** Undefined for an array that reports no identity (FlashArray REST 2.0). */
  readonly arrayId: string | undefined;
  readonly mountPath: string | undefined;
}

/**
 * `base` brought to what the array reports. The configured spelling of the size is kept when it
 * names the same number of bytes; an unlimited file system (no quota, set outside Terraform)
 * keeps the configured size and reports no size_bytes, so the plan sets the quota again.
 */
export function stateFromView(base: VolumeState, location: VolumeLocation, view: VolumeView): VolumeState {
  let size = base.size;
  if (view.sizeBytes !== undefined) {
    const reported = BigInt(view.sizeBytes);
    try {
      if (size === null || parseSize(size) !== reported) size = formatSize(reported);
    } catch {
      size = formatSize(reported);
    }
  }
  const common = {
    ...base,
    // States written before these attributes existed hold null: refresh records what they mean, so
    // upgrading the provider plans no change.
    adopt: base.adopt ?? false,
    kind: view.kind,
    array: location.array,
    array_id: location.arrayId ?? null,
    backend_name: view.name,
    size,
    size_bytes: view.sizeBytes === undefined ? null : CtyNumber.of(view.sizeBytes),
    destroyed: view.destroyed,
  };
  if (view.kind === 'block') {
    return {
      ...common,
      ...qosState(base, view.qos),
      serial: view.serial,
      wwn: volumeWwn(view.serial),
      // Filled in from the array's connections by the caller; none until then.
      connections: Array.isArray(base.connections) ? base.connections : [],
      host_group_connections: Array.isArray(base.host_group_connections) ? base.host_group_connections : [],
      // Likewise protection: the caller reads the group; unknown plan values become "none".
      protection_group: typeof base.protection_group === 'string' ? base.protection_group : null,
      newest_snapshot: typeof base.newest_snapshot === 'string' ? base.newest_snapshot : null,
      nfs_v3: null,
      nfs_v4_1: null,
      export_rules: null,
      export_policy: null,
      hard_limit: null,
      mount_path: null,
    };
  }
  return {
    ...common,
    ...qosState(base, view.qos),
    hosts: null,
    connections: null,
    host_groups: null,
    host_group_connections: null,
    wwn: null,
    // Protection as for block: the caller reads the policy; unknown plan values become "none".
    protection_group: typeof base.protection_group === 'string' ? base.protection_group : null,
    newest_snapshot: typeof base.newest_snapshot === 'string' ? base.newest_snapshot : null,
    serial: null,
    nfs_v3: view.nfsV3,
    nfs_v4_1: view.nfsV41,
    export_rules: view.exportRules,
    export_policy: view.exportPolicy ?? null,
    hard_limit: view.hardLimit,
    mount_path: location.mountPath ?? null,
  };
}
