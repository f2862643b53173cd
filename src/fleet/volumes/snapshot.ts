// A fleet's objects as last read from every array: the volumes (FlashArray) and file systems
// (FlashBlade) whose names start with the fleet's prefix. Terraform refreshes each pure_volume on
// its own; serving those reads from one snapshot makes refreshing N volumes on M arrays cost
// O(M × pages) REST calls instead of O(N). Each array's read status is kept beside its objects, so
// "the array could not be read" is never mistaken for "the volume is gone".

import type { FlashArrayVolume } from '../clients/flasharray';
import type { FlashBladeFileSystem } from '../clients/flashblade';
import type { FlashBladeQosPolicy } from '../clients/flashblade-qos';
import type { Ownership } from '../ownership';
import type { ArrayKind } from '../rest/versions';

export type FleetObject = (
  | { readonly kind: 'flasharray'; readonly name: string; readonly volume: FlashArrayVolume }
  | {
      readonly kind: 'flashblade';
      readonly name: string;
      readonly fileSystem: FlashBladeFileSystem;
      /** The QoS policy the file system is attached to, read with the listing (REST 2.17+). */
      readonly qosPolicy?: FlashBladeQosPolicy;
    }
) & {
  /** Whose it is (ownership.ts); undefined when the array's marks could not be read. */
  readonly ownership?: Ownership;
};

/** How one array's listing went. */
export type ArrayListingStatus =
  | {
      readonly state: 'read';
      /** Collector clock when the first page was requested, ms. */
      readonly observedAtMs: number;
      readonly objectCount: number;
      /**
       * REST requests sent to the array while the listing ran: its pages, any login and retries,
       * and anything else the process sent to that array meanwhile.
       */
      readonly requestsSent: number;
    }
  | {
      readonly state: 'unreadable';
      readonly observedAtMs: number;
      /** The error's class name, e.g. ArrayUnreachableError. */
      readonly error: string;
      readonly reason: string;
      /** True when the array could not be reached at all (as opposed to answering with an error). */
      readonly unreachable: boolean;
    };

/** One array's part of a snapshot. */
export interface ArrayListing {
  readonly array: string;
  readonly kind: ArrayKind;
  readonly status: ArrayListingStatus;
  /** By lower-cased name (Purity names are case-insensitive); empty when unreadable. */
  readonly objects: ReadonlyMap<string, FleetObject>;
}

export type LookupResult =
  | { readonly state: 'found'; readonly object: FleetObject }
  /** The array was read and has no object by that name (destroyed ones are still "found"). */
  | { readonly state: 'absent'; readonly observedAtMs: number }
  /** The array could not be read: nothing is known about the object. */
  | { readonly state: 'unknown'; readonly reason: string; readonly unreachable: boolean }
  /** The array is not in the snapshot (not in the roster, or not asked for). */
  | { readonly state: 'not-listed' };

export const nameKey = (name: string): string => name.toLowerCase();

export class FleetVolumeSnapshot {
  private readonly byArray: ReadonlyMap<string, ArrayListing>;

  constructor(
    /** The name prefix every listed object starts with, e.g. "prod-". */
    readonly prefix: string,
    listings: readonly ArrayListing[],
  ) {
    this.byArray = new Map(listings.map((l) => [l.array, l]));
  }

  /** Roster names of the arrays in the snapshot. */
  get arrays(): string[] {
    return [...this.byArray.keys()];
  }

  listing(array: string): ArrayListing | undefined {
    return this.byArray.get(array);
  }

  status(array: string): ArrayListingStatus | undefined {
    return this.byArray.get(array)?.status;
  }

  /** The object named `name` (the full name on the array, prefix included) on `array`. */
  lookup(array: string, name: string): LookupResult {
    const listing = this.byArray.get(array);
    if (!listing) return { state: 'not-listed' };
    if (listing.status.state === 'unreadable')
      return { state: 'unknown', reason: listing.status.reason, unreachable: listing.status.unreachable };
    const object = listing.objects.get(nameKey(name));
    return object
      ? { state: 'found', object }
      : { state: 'absent', observedAtMs: listing.status.observedAtMs };
  }

  /** Every array that holds an object by that name (for imports, and to detect duplicates). */
  findEverywhere(name: string): { readonly array: string; readonly object: FleetObject }[] {
    const out: { array: string; object: FleetObject }[] = [];
    for (const listing of this.byArray.values()) {
      const object = listing.objects.get(nameKey(name));
      if (object) out.push({ array: listing.array, object });
    }
    return out;
  }

  /** The objects read from one array. */
  objects(array: string): FleetObject[] {
    return [...(this.byArray.get(array)?.objects.values() ?? [])];
  }

  /** Arrays that could not be read. */
  unreadableArrays(): string[] {
    return [...this.byArray.values()].filter((l) => l.status.state === 'unreadable').map((l) => l.array);
  }

  /** Total objects across the arrays that were read. */
  get objectCount(): number {
    let n = 0;
    for (const l of this.byArray.values()) n += l.objects.size;
    return n;
  }
}
