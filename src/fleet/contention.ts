// Capacity safety across processes (engineering/fault-safety.md). Each provider process reserves
// only what it places itself, so two runs that read the same telemetry at the same moment could
// together push an array past its capacity threshold. The arrays are the only record they share,
// so after every create the array is read again, fresh: its space report, and the fleet's recent
// creates on it (names, sizes, creation times on the array's clock, marks). If the array is now past
// its threshold, the recent creates are ordered by (creation time, name) — an order every run reads
// the same from the same array — and the newest are the losers, as many as must go for the array to
// fit again. A run whose new volume is among them takes it back (it is empty and in no state yet)
// and places it elsewhere, or fails saying so.

import type { FleetConnection } from './connection';
import { PlacementEngine } from './placement';
import type { PlacementPolicyOverrides, VolumeKind } from './placement';
import type { FleetObject } from './volumes/snapshot';

/** Creates this recent (array clock, before the one being checked) still contend with it, ms. */
export const CONTENTION_WINDOW_MS = 15 * 60_000;

/** One of the fleet's recent creates on the array, as its listing shows it. */
export interface RecentCreate {
  readonly name: string;
  readonly sizeBytes: number;
  /** Array clock, ms since the epoch. */
  readonly createdAtMs: number;
}

/** The array was past its threshold after this run's create, and this create was a loser. */
export class CapacityContendedError extends Error {
  constructor(
    readonly array: string,
    readonly volume: string,
    readonly losers: readonly string[],
  ) {
    super(
      `${array}: after "${volume}" was created, concurrent creates together put the array past its capacity threshold; ` +
        `the newest (${losers.join(', ')}) must go, "${volume}" among them, so it was taken back (it was new and empty)`,
    );
    this.name = 'CapacityContendedError';
  }
}

/** The deterministic order: oldest first, by the array's own clock, then by name. */
export function contentionOrder(creates: readonly RecentCreate[]): RecentCreate[] {
  return [...creates].sort(
    (a, b) => a.createdAtMs - b.createdAtMs || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  );
}

export interface ContentionCheck {
  readonly array: string;
  readonly kind: VolumeKind;
  /** The volume this run just created (full name on the array). */
  readonly volume: string;
  readonly prefix: string;
  /** When the create returned, on this process's clock (Date.now). */
  readonly createdAtMs: number;
  readonly signal?: AbortSignal;
}

/**
 * Reads the array fresh and returns the names of the recent creates that must go for it to fit
 * again (newest first); empty when the array is within its threshold.
 */
export async function contendedLosers(
  connection: FleetConnection,
  policy: PlacementPolicyOverrides,
  check: ContentionCheck,
): Promise<string[]> {
  // A fetch already running may have begun before the create: such a reading, or listing, may
  // not show it, so only one that began after the create is used.
  const opts = check.signal ? { signal: check.signal } : {};
  const readFresh = async () => {
    for (;;) {
      const reading = await connection.telemetry.read(check.array, { maxAgeMs: 0, ...opts });
      if (reading.observedAtMs >= check.createdAtMs) return reading;
    }
  };
  const listFresh = async () => {
    for (;;) {
      const snapshot = await connection.volumes.snapshot(check.prefix, {
        arrays: [check.array],
        maxAgeMs: 0,
        ...opts,
      });
      if ((snapshot.status(check.array)?.observedAtMs ?? Infinity) >= check.createdAtMs) return snapshot;
    }
  };
  const [reading, snapshot] = await Promise.all([readFresh(), listFresh()]);
  if (!reading.reachable) return []; // nothing known; the create stands (it fit when placed)
  const recent: RecentCreate[] = [];
  let mine: RecentCreate | undefined;
  // Every object with the fleet's prefix counts (the listing carries no tags): an unmarked one of
  // that name only makes the view more conservative, the same way for every run.
  for (const object of snapshot.objects(check.array)) {
    const create = recentCreate(object);
    if (!create) continue;
    recent.push(create);
    if (object.name.toLowerCase() === check.volume.toLowerCase()) mine = create;
  }
  if (!mine) return [];
  const since = mine.createdAtMs - CONTENTION_WINDOW_MS;
  const ordered = contentionOrder(recent.filter((r) => r.createdAtMs >= since));

  // A scratch engine that sees only this fresh reading: the same policy, so every run that reads
  // the same array computes the same answer.
  const observedAtMs = reading.candidate.observedAtMs;
  const engine = new PlacementEngine({ policy, clock: () => observedAtMs });
  engine.observe([reading.candidate], observedAtMs);
  const lagMs = engine.policy.telemetryLagMs;
  const losers: string[] = [];
  for (let i = ordered.length; ; i--) {
    if (fits(engine, reading.candidate.id, check.kind)) return losers;
    const newest = ordered[i - 1];
    if (!newest) return losers; // past the threshold without any recent create: not contention
    losers.push(newest.name);
    // Credit it as if deleted after this reading, so the check sees the array without it.
    engine.recordDeletion(
      `contention/${newest.name}`,
      { arrayId: reading.candidate.id, sizeBytes: newest.sizeBytes },
      observedAtMs + lagMs + 1,
    );
  }
}

/** A live object as a contender: its provisioned size (a file system's quota) and creation time. */
function recentCreate(object: FleetObject): RecentCreate | undefined {
  const [destroyed, size, created] =
    object.kind === 'flasharray'
      ? [object.volume.destroyed, object.volume.provisioned, object.volume.created]
      : [object.fileSystem.destroyed, object.fileSystem.provisioned, object.fileSystem.created];
  if (destroyed || typeof size !== 'number' || size <= 0) return undefined; // unlimited: no size to count
  return { name: object.name, sizeBytes: size, createdAtMs: created ?? 0 };
}

function fits(engine: PlacementEngine, arrayId: string, kind: VolumeKind): boolean {
  const probe = engine.chooseAndReserve(
    { key: 'contention/probe', kind, sizeBytes: 1, labelSelector: {}, pinnedArrayId: arrayId },
    { explain: true },
  );
  if (probe.placed) {
    engine.release('contention/probe');
    return true;
  }
  return !probe.explanation.excluded.some((e) => e.arrayId === arrayId && e.reason === 'CAPACITY_HEADROOM');
}
