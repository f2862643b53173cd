// The herding guard: no array takes more of its kind's recent placements than its share of the
// kind's free room plus a margin. Without it, an empty array added to a half-full fleet wins every
// score and takes every placement until it catches up (the herding Cinder's own spec describes:
// "100% of new volumes go to the new backend"); with it, it takes at most its share of the room plus
// 10 points of any 50 consecutive placements of its kind, and the rest goes where the scores say.
//
// It replaces a count cap (⌈burst ÷ eligible⌉ + 1 volumes of a burst per array) that was a proxy for
// the same thing but also held back large arrays, which need a large share of every burst: in the
// benchmark the engine without that cap had a third of its rejections and a lower σ of utilisation.
// The guard is stated in the units that matter (placements against free room) and is generous to an
// array in proportion to the room it has.
//
// The guard only ever narrows the choice: when every feasible array is at its allowance, the best of
// them takes the request (a zone with one array of the kind must still be served). The performance
// side of a burst needs no rule of its own: every reservation carries its expected IOPS, so the
// performance filter already stops a burst before it pushes an array past the threshold.
//
// The window is a function of the sequence of decisions alone; with room shares summed in whole MiB
// (FleetHeadroom), two engines asked the same requests in the same order agree to the last bit.

import { KIND_CODE } from './fleet-columns';

/** Placements of a kind over which the guard counts. */
export const HERDING_WINDOW = 50;
/** Share of the window an array may take above its share of the kind's free room. */
export const HERDING_MARGIN = 0.1;

const KINDS = Object.keys(KIND_CODE).length;

/** The most of any HERDING_WINDOW consecutive placements of its kind an array with this room share takes. */
export function herdingAllowance(roomShare: number): number {
  return Math.floor((roomShare + HERDING_MARGIN) * HERDING_WINDOW + 1e-9);
}

/** The last HERDING_WINDOW placements per array kind, and how many of them each slot took. */
export class RecentPlacements {
  /** Per kind: a ring of the slots placed on, -1 for an empty position. */
  private readonly rings: Int32Array[] = Array.from({ length: KINDS }, () =>
    new Int32Array(HERDING_WINDOW).fill(-1),
  );
  private readonly next = new Int32Array(KINDS);
  /** Per slot: placements on it within its kind's window. */
  private counts = new Int32Array(0);

  /** Placements on `slot` within the window. */
  count(slot: number): number {
    return slot < this.counts.length ? this.counts[slot]! : 0;
  }

  /** A placement of kind `kindCode` went to `slot`; the oldest one of the window drops out. */
  record(kindCode: number, slot: number): void {
    if (slot >= this.counts.length) {
      const grown = new Int32Array(Math.max(16, slot + 1, this.counts.length * 2));
      grown.set(this.counts);
      this.counts = grown;
    }
    const ring = this.rings[kindCode]!;
    const at = this.next[kindCode]!;
    const dropped = ring[at]!;
    if (dropped >= 0) this.counts[dropped] = this.counts[dropped]! - 1;
    ring[at] = slot;
    this.counts[slot] = this.counts[slot]! + 1;
    this.next[kindCode] = (at + 1) % HERDING_WINDOW;
  }
}

/** What the guard needs from the fleet's headroom: an array's share of its kind's free room. */
export interface RoomShares {
  roomShare(slot: number): number;
}

const KIND_NAMES = ['FlashArray', 'FlashBlade'];

/** The guard: recent placements against room shares. */
export class HerdingGuard {
  readonly recent = new RecentPlacements();

  constructor(private readonly rooms: RoomShares) {}

  /** The array took its allowance of its kind's last HERDING_WINDOW placements. */
  atAllowance(slot: number): boolean {
    const taken = this.recent.count(slot);
    // Cheap test first: no allowance is below that of a share of 0.
    return taken >= herdingAllowance(0) && taken >= herdingAllowance(this.rooms.roomShare(slot));
  }

  /** Why the guard passed over the array, for the explanation. */
  message(slot: number, kindCode: number): string {
    const share = this.rooms.roomShare(slot);
    const kind = KIND_NAMES[kindCode] ?? 'array';
    const percent = `${Number((share * 100).toFixed(1))}%`;
    return (
      `took ${this.recent.count(slot)} of the last ${HERDING_WINDOW} ${kind} placements; it holds ` +
      `${percent} of the ${kind}s' free room, so it takes at most ${herdingAllowance(share)} ` +
      `(its share plus 10 points), and the next best array takes this one`
    );
  }
}
