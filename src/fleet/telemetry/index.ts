// Array telemetry for the placement engine: see collector.ts and engineering/fleet.md.
export {
  DEFAULT_ARRAY_CONCURRENCY,
  DEFAULT_TELEMETRY_MAX_AGE_MS,
  TelemetryCollector,
  type ReadOptions,
  type TelemetryCollectorOptions,
  type TelemetrySource,
} from './collector';
export {
  DEFAULT_CANDIDATE_OPTIONS,
  candidateFrom,
  figuresFrom,
  unreachableCandidate,
  type ArrayResponses,
  type ArrayTelemetryFigures,
  type CandidateOptions,
  type CapacityFigures,
  type FlashArrayResponses,
  type FlashBladeResponses,
  type LimitSource,
  type TelemetryReading,
} from './reading';
export {
  estimateLoad,
  flashArrayPerformanceFigures,
  flashBladePerformanceFigures,
  queueShareLoad,
  type LoadEstimate,
  type LoadInputs,
  type LoadMethod,
  type PerformanceFigures,
  type SaturationSource,
} from './load';
export {
  UNKNOWN_MODEL_DEFAULTS,
  modelDefaults,
  modelDefaultsTable,
  type ModelDefaults,
} from './model-defaults';
export {
  alertProblems,
  bladeProblems,
  controllerProblems,
  dedupeProblems,
  hardwareProblems,
  parityProblems,
} from './health';
export { SharedFetchCache, waitWithSignal } from './shared-fetch';
