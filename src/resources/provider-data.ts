// What the configured `pure` provider hands every resource: the fleet's connection and its
// placer. A module of its own so resources depend on this type, not on the provider that lists
// them (which would make an import cycle).

import type { FleetConnection } from '../fleet/connection';
import type { PlacementPolicyOverrides } from '../fleet/placement';
import type { FleetPlacer } from '../fleet/placer';

export interface PureProviderData {
  readonly fleet: FleetConnection;
  readonly placer: FleetPlacer;
  /** The configuration's placement policy, for engines beside the placer's (previews). */
  readonly policy: PlacementPolicyOverrides;
  /** Provider-level settings every file volume starts from (the default export rules). */
  readonly fileDefaults: FileVolumeDefaults;
}

/** Provider-wide defaults for file volumes (PSO's `flashblade.exportRules`). */
export interface FileVolumeDefaults {
  readonly exportRules?: string;
}
