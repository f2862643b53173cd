// The fleet's recent creates on an array, and what the array's space report does not show of them
// yet (engineering/fault-safety.md §4). A new volume or file system is empty on a real array:
// creating it moves the array's physical used not at all, and its data arrives later. So a create
// is charged, on top of the array's physical used, the physical bytes the capacity model expects it
// to hold that its own space figure does not show yet:
//   unreflected = max(0, expected − reported),  expected = size × w ÷ DRR   (placement's model)
// The model's w and DRR are taken from the array as it was before these creates (their provisioned
// sizes, written and physical bytes subtracted), so that a burst of new, empty volumes does not pull
// the array's written fraction down and make each other look smaller; and from that array's figures
// alone (no fleet-wide averages), so that every run that reads the same array charges the same.

import type { ArrayCandidate } from './placement';
import { physicalBytesPerProvisionedByte } from './placement';
import type { PlacementPolicy } from './placement';
import type { FleetObject, FleetVolumeSnapshot } from './volumes/snapshot';

/** How far back a create counts as recent: on the array's clock for the post-create check, ms. */
export const RECENT_CREATE_WINDOW_MS = 15 * 60_000;

/** One of the fleet's recent creates on an array, as its listing shows it. */
export interface RecentCreate {
  readonly name: string;
  /** Provisioned bytes (a file system's quota). */
  readonly sizeBytes: number;
  /** Array clock, ms since the epoch. */
  readonly createdAtMs: number;
  /** Logical bytes written into it so far (`space.virtual`). */
  readonly writtenBytes: number;
  /** Physical bytes it holds so far (`space.unique`; a file system's `space.total_physical`). */
  readonly physicalBytes: number;
}

/** A live, sized object of the listing as a recent create; undefined for unlimited or destroyed ones. */
export function recentCreate(object: FleetObject): RecentCreate | undefined {
  const figures =
    object.kind === 'flasharray'
      ? {
          destroyed: object.volume.destroyed,
          size: object.volume.provisioned,
          created: object.volume.created,
          written: object.volume.space?.virtual,
          physical: object.volume.space?.unique,
        }
      : {
          destroyed: object.fileSystem.destroyed,
          size: object.fileSystem.provisioned,
          created: object.fileSystem.created,
          written: object.fileSystem.space?.virtual,
          physical: object.fileSystem.space?.total_physical ?? object.fileSystem.space?.unique,
        };
  if (figures.destroyed || typeof figures.size !== 'number' || figures.size <= 0) return undefined;
  return {
    name: object.name,
    sizeBytes: figures.size,
    createdAtMs: figures.created ?? 0,
    writtenBytes: nonNegative(figures.written),
    physicalBytes: nonNegative(figures.physical),
  };
}

/** The reading as the array was before `creates`: their sizes, written and physical bytes taken out. */
export function withoutCreates(reading: ArrayCandidate, creates: readonly RecentCreate[]): ArrayCandidate {
  let size = 0;
  let written = 0;
  let physical = 0;
  for (const c of creates) {
    size += c.sizeBytes;
    written += c.writtenBytes;
    physical += c.physicalBytes;
  }
  const { capacity } = reading;
  return {
    ...reading,
    capacity: {
      ...capacity,
      physicalUsedBytes: Math.max(0, capacity.physicalUsedBytes - physical),
      provisionedBytes: Math.max(0, capacity.provisionedBytes - size),
      // Not reported stays not reported (NaN): the model then estimates written from physical.
      ...(capacity.writtenBytes === undefined
        ? {}
        : { writtenBytes: Math.max(0, capacity.writtenBytes - written) }),
    },
  };
}

/** What each create is expected to hold physically, and what the array does not show of it yet. */
export interface CreateCharge {
  readonly create: RecentCreate;
  readonly expectedBytes: number;
  /** max(0, expected − reported physical). */
  readonly unreflectedBytes: number;
}

export interface RecentCreateCharges {
  /** The array before the creates; the model's ratios come from it. */
  readonly before: ArrayCandidate;
  /** Expected physical bytes per provisioned byte (w ÷ DRR of `before`). */
  readonly physicalPerProvisionedByte: number;
  readonly charges: readonly CreateCharge[];
}

/** Charges each create what the capacity model expects of it (see the header). */
export function chargeCreates(
  reading: ArrayCandidate,
  creates: readonly RecentCreate[],
  policy: PlacementPolicy,
): RecentCreateCharges {
  const before = withoutCreates(reading, creates);
  const perByte = physicalBytesPerProvisionedByte(before, policy);
  const charges = creates.map((create) => {
    const expectedBytes = create.sizeBytes * perByte;
    return { create, expectedBytes, unreflectedBytes: Math.max(0, expectedBytes - create.physicalBytes) };
  });
  return { before, physicalPerProvisionedByte: perByte, charges };
}

/**
 * The reading as placement should see it (plan and apply time): the fleet's creates of the last
 * window (by this process's clock against the array's creation times) counted as reserved until
 * the array shows their data, their ratios left out. Stamped with the older of the reading's and the
 * listing's times, so the ledger keeps this process's own reservations that the listing may miss.
 * Unchanged when the listing of that array could not be read or shows no recent create.
 */
export function withRecentCreates(
  reading: ArrayCandidate,
  snapshot: FleetVolumeSnapshot,
  policy: PlacementPolicy,
  nowMs: number,
  /** Creates the caller's ledger still holds once a reading stamped `observedAtMs` settles it. */
  heldElsewhere: (name: string, observedAtMs: number) => boolean = () => false,
): ArrayCandidate {
  const status = snapshot.status(reading.name);
  if (!reading.health.reachable || status?.state !== 'read') return reading;
  const observedAtMs = Math.min(reading.observedAtMs, status.observedAtMs);
  const since = nowMs - RECENT_CREATE_WINDOW_MS;
  const creates: RecentCreate[] = [];
  for (const object of snapshot.objects(reading.name)) {
    const create = recentCreate(object);
    if (create && create.createdAtMs >= since) creates.push(create);
  }
  if (creates.length === 0) return reading;
  const { before, charges } = chargeCreates(reading, creates, policy);
  let unreflected = 0;
  // A create the caller's ledger still holds is charged there; its ratios are left out all the same.
  for (const c of charges) if (!heldElsewhere(c.create.name, observedAtMs)) unreflected += c.unreflectedBytes;
  return {
    ...before,
    observedAtMs,
    capacity: { ...before.capacity, physicalUsedBytes: reading.capacity.physicalUsedBytes + unreflected },
  };
}

function nonNegative(n: number | undefined): number {
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : 0;
}
