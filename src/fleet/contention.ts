// Capacity safety across processes (engineering/fault-safety.md §4). Each provider process reserves
// only what it places itself, so two runs that read the same telemetry at the same moment could
// together push an array past its capacity threshold. The arrays are the only record they share,
// so after every create the array is read again, fresh: its space report, and the fleet's recent
// creates on it (names, sizes, creation times on the array's clock, what each holds so far). A new
// volume is empty, so the space report alone does not show the creates: each is charged what the
// capacity model expects it to hold and the array does not show yet (recent-creates.ts). If the array
// so projected is past its threshold, the recent creates are ordered by (creation time, name) — an
// order every run reads the same from the same array — and the newest are the losers, as many as
// must go for the array to fit again. A run whose new volume is among them takes it back (it is
// empty and in no state yet) and places it elsewhere, or fails saying so.

import type { TelemetryReading } from './telemetry';
import type { FleetVolumeSnapshot, SnapshotOptions } from './volumes';
import { PlacementEngine } from './placement';
import type { ArrayCandidate, PlacementPolicyOverrides, VolumeKind } from './placement';
import { chargeCreates, recentCreate, RECENT_CREATE_WINDOW_MS, type RecentCreate } from './recent-creates';

/** Creates this recent (array clock, before the one being checked) still contend with it, ms. */
export const CONTENTION_WINDOW_MS = RECENT_CREATE_WINDOW_MS;

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
export function contentionOrder<T extends Pick<RecentCreate, 'name' | 'createdAtMs'>>(
  creates: readonly T[],
): T[] {
  return [...creates].sort(
    (a, b) => a.createdAtMs - b.createdAtMs || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  );
}

/** What the check reads from the fleet connection: one array's telemetry and listing, fresh. */
export interface ContentionSource {
  readonly telemetry: {
    read(
      array: string,
      options: { readonly maxAgeMs: number; readonly signal?: AbortSignal },
    ): Promise<TelemetryReading>;
  };
  readonly volumes: { snapshot(prefix: string, options: SnapshotOptions): Promise<FleetVolumeSnapshot> };
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
  connection: ContentionSource,
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
  return losersOf(
    reading.candidate,
    contentionOrder(recent.filter((r) => r.createdAtMs >= since)),
    policy,
    check.kind,
  );
}

/**
 * The newest of `ordered` (oldest first) that must go for the array to fit, newest first. Keeping
 * the oldest k, the array holds what it shows without any of them, plus each kept one's larger of
 * expected and reported physical bytes: physical used + Σ max(0, expected − reported) when all are
 * kept; a loser, taken back, frees whatever it holds.
 */
export function losersOf(
  reading: ArrayCandidate,
  ordered: readonly RecentCreate[],
  policy: PlacementPolicyOverrides,
  kind: VolumeKind,
): string[] {
  // A scratch engine per projection that sees only this reading: the same policy, so every run that
  // reads the same array computes the same answer.
  const resolved = new PlacementEngine({ policy }).policy;
  const { before, charges } = chargeCreates(reading, ordered, resolved);
  const held = charges.map((c) => Math.max(c.expectedBytes, c.create.physicalBytes));
  let kept = before.capacity.physicalUsedBytes;
  for (const bytes of held) kept += bytes;
  const losers: string[] = [];
  for (let i = ordered.length; ; i--) {
    if (fits(policy, { ...before, capacity: { ...before.capacity, physicalUsedBytes: kept } }, kind))
      return losers;
    const newest = ordered[i - 1];
    if (!newest) return losers; // past the threshold without any recent create: not contention
    losers.push(newest.name);
    kept -= held[i - 1]!;
  }
}

function fits(policy: PlacementPolicyOverrides, reading: ArrayCandidate, kind: VolumeKind): boolean {
  const engine = new PlacementEngine({ policy, clock: () => reading.observedAtMs });
  engine.observe([reading], reading.observedAtMs);
  const probe = engine.chooseAndReserve(
    { key: 'contention/probe', kind, sizeBytes: 1, labelSelector: {}, pinnedArrayId: reading.id },
    { explain: true },
  );
  if (probe.placed) return true;
  return !probe.explanation.excluded.some(
    (e) => e.arrayId === reading.id && e.reason === 'CAPACITY_HEADROOM',
  );
}
