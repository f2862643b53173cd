// The placement engine: pure computation over telemetry readings, no I/O and no Terraform.
// See engineering/placement.md.

export type {
  ArrayCandidate,
  ArrayKind,
  ExcludedArray,
  ExclusionReason,
  HealthProblem,
  PlacementDecision,
  PlacementExplanation,
  PlacementOutcome,
  PlacementRejection,
  PlacementRequest,
  ScoredArray,
  TieBreak,
  VolumeKind,
} from './model';
export { ARRAY_KIND_FOR_VOLUME } from './model';
export type { PlacementPolicy, PlacementPolicyOverrides, PolicyIssue } from './policy';
export {
  DEFAULT_PLACEMENT_POLICY,
  DEFAULT_SCORER_WEIGHTS,
  PlacementPolicyError,
  resolvePlacementPolicy,
} from './policy';
export type {
  BatchFeasibility,
  DecideOptions,
  DeletedVolume,
  DeletionOutcome,
  PlacementEngineOptions,
} from './engine';
export { InvalidPlacementRequestError, PlacementEngine } from './engine';
export type { DeletionCredit, Reservation } from './ledger';
export { PlacementLedger } from './ledger';
export type { CandidateColumns, Scorer } from './scorers';
export {
  BottleneckScorer,
  CapacityScorer,
  DEFAULT_SCORERS,
  FitScorer,
  LatencyScorer,
  ObjectCountScorer,
  PerformanceScorer,
} from './scorers';
export type { FilterContext, PlacementFilter } from './filters';
export { PLACEMENT_FILTERS } from './filters';
export { formatExplanation } from './explain';
export type { PlaceVolumeOptions, PlacedVolume } from './place-volume';
export { PlacementFailedError, placeVolume } from './place-volume';
export {
  assumedDataReductionRatio,
  baselineLoad,
  baselinePhysicalBytes,
  expectedIops,
  physicalBytesPerProvisionedByte,
} from './demand';
export { fnv1a64Hex, rendezvousScore, rendezvousWeight } from './hash';
