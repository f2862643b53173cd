// Public API of the simulated Pure fleet (FlashArray and FlashBlade REST 2.x).
// Used in-process by tests and by the CLI (src/simulator/cli.ts).
export { startFleet, psoValues, type RunningArray, type RunningFleet, type StartFleetOptions } from './fleet';
export {
  demoFleet,
  loadFleetDescription,
  validateFleetDescription,
  resolveArray,
  parseSize,
  parseDuration,
  FleetDescriptionError,
  HIGHEST_API_VERSION,
  type ArrayDescription,
  type ArrayType,
  type FleetDescription,
  type LoadProfileKind,
  type LoadProfileSpec,
  type ResolvedArrayConfig,
  type ResolvedLoadProfile,
} from './description';
export { SimulatorControlClient, SimulatorControlError } from './control/client';
export type {
  CapacityPatchInput,
  ChangeResult,
  CountersByArray,
  FleetInfo,
  FleetMember,
  HealthPatch,
} from './control/types';
export type { ArraySummary, HealthState, OutOfBandAction, OutOfBandChange } from './array-base';
export type { EndpointCounts, FaultSettings } from './runtime';
export type { ApiClientRegistration } from './http/oauth';
export { CONTROL_PREFIX } from './control/types';
