// Types of the simulator's own control API (paths under /simulator/v1/).
// They are not Pure's: Pure's API lives under /api/ on each array's listener.
import type { OutOfBandChange } from '../array-base';
import type { ArrayType } from '../model/models';
import type { EndpointCounts } from '../runtime';

export const CONTROL_PREFIX = '/simulator/v1';

export interface FleetMember {
  name: string;
  type: ArrayType;
  model: string;
  url: string;
  mgmtEndpoint: string;
  apiToken: string;
  nfsEndpoint?: string;
  labels: Record<string, string>;
  maxApiVersion: string;
}

export interface FleetInfo {
  name: string;
  arrays: FleetMember[];
  clockOffsetMs: number;
  stateFile: string;
}

export interface HealthPatch {
  /** true = fail the default controller (FA CT1, FB blade CH1.FB3); a name fails that one; false/null repairs. */
  controllerDown?: boolean | string | null;
  degradedHardware?: boolean;
  /** true or 'reset' refuses connections; 'timeout' accepts and never answers; false/null restores. */
  unreachable?: boolean | 'reset' | 'timeout' | null;
  /** true or a summary opens a critical alert; false closes the injected ones. */
  criticalAlert?: boolean | string;
}

/** Capacity changes; sizes may be bytes or strings such as "100TiB". */
export interface CapacityPatchInput {
  capacity?: number | string;
  preexistingUsed?: number | string;
  fillRatio?: number;
  dataReductionRatio?: number;
  volumeLimit?: number;
}

export interface CountersByArray {
  arrays: Record<string, EndpointCounts>;
}

export interface ChangeResult {
  array: string;
  change: OutOfBandChange;
  result: unknown;
}
