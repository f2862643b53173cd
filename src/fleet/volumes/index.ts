// The fleet-wide volume read: see reader.ts and engineering/fleet.md.
export {
  DEFAULT_PAGE_SIZE,
  FleetVolumeReader,
  type FleetVolumeReaderOptions,
  type SnapshotOptions,
  type VolumeSource,
} from './reader';
export {
  FleetVolumeSnapshot,
  nameKey,
  type ArrayListing,
  type ArrayListingStatus,
  type FleetObject,
  type LookupResult,
} from './snapshot';
