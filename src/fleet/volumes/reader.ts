// Reads a fleet's objects from every array into a FleetVolumeSnapshot: per array, one paginated
// listing filtered on the array (`filter=name='<prefix>*'`, continuation tokens, offsets on
// FlashArray REST 2.0), arrays concurrently with a bound. Cost: for M arrays holding n_i of the
// fleet's objects, Σ ceil(max(n_i, 1) / pageSize) GETs, plus one version query and one login per
// array the first time the process talks to it — independent of how many volumes are refreshed.
// Listings are cached per (prefix, array) for maxAgeMs like telemetry; a caller that changed an
// array invalidates that array's listing so its next read sees the change.

import type { FlashArrayClient } from '../clients/flasharray';
import type { FlashBladeClient } from '../clients/flashblade';
import { readAttachedQosPolicies } from './flashblade-qos';
import type { FleetLogger } from '../log';
import { quietFleetLogger } from '../log';
import { Semaphore, mapWithConcurrency } from '../rest/concurrency';
import { isUnreachable } from '../rest/errors';
import type { ArrayMember } from '../roster';
import { SharedFetchCache, waitWithSignal } from '../telemetry/shared-fetch';
import { FleetVolumeSnapshot, nameKey, type ArrayListing, type FleetObject } from './snapshot';

/** What the reader needs from the fleet connection. */
export interface VolumeSource {
  readonly members: readonly ArrayMember[];
  member(name: string): ArrayMember;
  flashArray(name: string): FlashArrayClient;
  flashBlade(name: string): FlashBladeClient;
  requestCount?(name: string): number;
}

export interface FleetVolumeReaderOptions {
  /** How old a listing may be before it is read again, ms (default 30,000). */
  readonly maxAgeMs?: number;
  /** Arrays listed at once (default 8). */
  readonly concurrency?: number;
  /** Objects per page (default 500). */
  readonly pageSize?: number;
  readonly now?: () => number;
  readonly logger?: FleetLogger;
}

export interface SnapshotOptions {
  /** Only these arrays (roster names); default every member. */
  readonly arrays?: readonly string[];
  readonly maxAgeMs?: number;
  readonly signal?: AbortSignal;
}

export const DEFAULT_PAGE_SIZE = 500;

export class FleetVolumeReader {
  private readonly cache: SharedFetchCache<ArrayListing>;
  private readonly limiter: Semaphore;
  private readonly now: () => number;
  private readonly logger: FleetLogger;
  readonly maxAgeMs: number;
  readonly pageSize: number;

  constructor(
    private readonly source: VolumeSource,
    options: FleetVolumeReaderOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.logger = options.logger ?? quietFleetLogger;
    this.maxAgeMs = options.maxAgeMs ?? 30_000;
    this.pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
    this.limiter = new Semaphore(options.concurrency ?? 8);
    this.cache = new SharedFetchCache((l) => l.status.observedAtMs, this.now);
  }

  /** Listings started since the reader was made (cache misses). */
  get listingsStarted(): number {
    return this.cache.fetchesStarted;
  }

  get peakConcurrency(): number {
    return this.limiter.peak;
  }

  /** The fleet's objects on every array (or those named), each array's listing fresh within max age. */
  async snapshot(prefix: string, options: SnapshotOptions = {}): Promise<FleetVolumeSnapshot> {
    if (prefix === '')
      throw new RangeError('a fleet prefix is required: an empty one would list every volume');
    const names = options.arrays ?? this.source.members.map((m) => m.name);
    const maxAgeMs = options.maxAgeMs ?? this.maxAgeMs;
    if (!options.signal?.aborted) {
      // Every listing cached and fresh (the common case within a plan): no promises, no listeners.
      const cached = this.cache.freshValues(
        names.map((name) => cacheKey(prefix, this.source.member(name).name)),
        maxAgeMs,
      );
      if (cached) return new FleetVolumeSnapshot(prefix, cached);
    }
    const listings = mapWithConcurrency(names, this.limiter.limit, (name) => {
      const member = this.source.member(name);
      return this.cache.get(cacheKey(prefix, member.name), maxAgeMs, () =>
        this.limiter.run(() => this.list(prefix, member)),
      );
    });
    return new FleetVolumeSnapshot(prefix, await waitWithSignal(listings, options.signal));
  }

  /**
   * Forgets listings after the caller changed an array (create, destroy, resize…), so the next
   * snapshot reads it again. Without `array`, every array; without `prefix`, every prefix.
   */
  invalidate(array?: string, prefix?: string): void {
    for (const key of this.cache.keys()) {
      const [p, a] = splitKey(key);
      // Listings still running are detached too: their result may predate the caller's change.
      if ((array === undefined || a === array) && (prefix === undefined || p === prefix))
        this.cache.invalidate(key);
    }
  }

  private async list(prefix: string, member: ArrayMember): Promise<ArrayListing> {
    const before = this.source.requestCount?.(member.name) ?? 0;
    const observedAtMs = this.now();
    try {
      const objects = new Map<string, FleetObject>();
      if (member.kind === 'flasharray') {
        const volumes = await this.source
          .flashArray(member.name)
          .listVolumesWithPrefix(prefix, undefined, this.pageSize);
        for (const volume of volumes)
          objects.set(nameKey(volume.name), { kind: 'flasharray', name: volume.name, volume });
      } else {
        const client = this.source.flashBlade(member.name);
        const fileSystems = await client.listFileSystemsWithPrefix(prefix, undefined, this.pageSize);
        // Only when a file system has a QoS policy: one more listing, none for the others.
        const policies = await readAttachedQosPolicies(client.session, prefix, fileSystems, this.pageSize);
        for (const fileSystem of fileSystems) {
          const qosPolicy = policies.get(nameKey(fileSystem.qos_policy?.name ?? ''));
          objects.set(nameKey(fileSystem.name), {
            kind: 'flashblade',
            name: fileSystem.name,
            fileSystem,
            ...(qosPolicy ? { qosPolicy } : {}),
          });
        }
      }
      const requestsSent = (this.source.requestCount?.(member.name) ?? 0) - before;
      this.logger.debug('listed fleet objects', {
        array: member.name,
        prefix,
        objects: objects.size,
        requests: requestsSent,
      });
      return {
        array: member.name,
        kind: member.kind,
        status: { state: 'read', observedAtMs, objectCount: objects.size, requestsSent },
        objects,
      };
    } catch (err) {
      const error = err instanceof Error ? err.name : 'Error';
      const reason = err instanceof Error ? err.message : String(err);
      this.logger.warn('could not list the fleet objects of an array', { array: member.name, error, reason });
      return {
        array: member.name,
        kind: member.kind,
        status: { state: 'unreadable', observedAtMs, error, reason, unreachable: isUnreachable(err) },
        objects: new Map(),
      };
    }
  }
}

const SEPARATOR = '\u0000';
const cacheKey = (prefix: string, array: string): string => `${prefix}${SEPARATOR}${array}`;
const splitKey = (key: string): [string, string] => {
  const at = key.indexOf(SEPARATOR);
  return [key.slice(0, at), key.slice(at + 1)];
};
