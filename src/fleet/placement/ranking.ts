// The ranked fast path's index: each array's total score with no request (an upper bound of its
// total for any request, by the scorer contract), and per candidate list (kind + selector) the
// arrays sorted by that bound, so that a decision visits arrays best bound first and stops as soon
// as no remaining bound can reach the best total found. When one array's bound changes (a reading,
// a reservation) it moves by binary search, only in the lists it belongs to.

export class RankedCandidates {
  /** Per slot: the total score with no request, -1 for an array that cannot take any. */
  private bound: Float64Array = new Float64Array(0);
  /** Per slot: the bound value the lists are currently sorted by. */
  private sortedBound: Float64Array = new Float64Array(0);
  /** Per slot: Math.round(sortedBound ÷ scoreResolution), the scan's ceiling. */
  ceiling: Float64Array = new Float64Array(0);
  /** Sorted static candidates per cache key, with their membership by slot (1 = in the list). */
  private readonly lists = new Map<string, { order: Int32Array; member: Uint8Array }>();
  private version = -1;

  constructor(private readonly inverseResolution: number) {}

  /** Makes room for `slotCount` slots. */
  grow(slotCount: number): void {
    if (this.bound.length >= slotCount) return;
    const length = Math.max(16, slotCount, this.bound.length * 2);
    const widen = (old: Float64Array): Float64Array => {
      const next = new Float64Array(length);
      next.set(old);
      return next;
    };
    this.bound = widen(this.bound);
    this.sortedBound = widen(this.sortedBound);
    this.ceiling = widen(this.ceiling);
  }

  /** Drops every list (they are rebuilt on next use): cheaper than many single moves. */
  invalidate(): void {
    this.lists.clear();
  }

  /**
   * Sets a slot's bound; with `resort`, moves it in every list it belongs to (lists built for
   * another fleet shape, `structureVersion`, are not touched: they are about to be rebuilt).
   */
  setBound(slot: number, value: number, resort: boolean, structureVersion: number): void {
    this.bound[slot] = value;
    if (resort && this.version === structureVersion) {
      for (const list of this.lists.values()) {
        if (list.member[slot] === 1) moveInRanking(list.order, this.sortedBound, slot, value);
      }
    }
    this.sortedBound[slot] = value;
    this.ceiling[slot] = Math.round(value * this.inverseResolution);
  }

  /** The static candidates of cacheKey sorted by bound; rebuilt when the fleet's shape changed. */
  order(cacheKey: string, staticSlots: Int32Array, slotCount: number, structureVersion: number): Int32Array {
    if (this.version !== structureVersion) {
      this.lists.clear();
      this.version = structureVersion;
    }
    let list = this.lists.get(cacheKey);
    if (!list) {
      this.grow(slotCount);
      if (this.lists.size === 0) {
        // every list sorts by the same values
        this.sortedBound.set(this.bound);
        for (let slot = 0; slot < slotCount; slot++) {
          this.ceiling[slot] = Math.round(this.sortedBound[slot]! * this.inverseResolution);
        }
      }
      const bound = this.sortedBound;
      const order = Int32Array.from(staticSlots).sort((a, b) => bound[b]! - bound[a]! || a - b);
      const member = new Uint8Array(slotCount);
      for (let i = 0; i < order.length; i++) member[order[i]!] = 1;
      list = { order, member };
      this.lists.set(cacheKey, list);
    }
    return list.order;
  }
}

/** a comes before b in a ranked list: higher bound first, then lower slot. */
function ranksBefore(a: number, boundA: number, b: number, boundB: number): boolean {
  return boundA > boundB || (boundA === boundB && a < b);
}

/** First index in order[lo, hi) whose element does not rank before (slot, value). */
function rankSearch(
  order: Int32Array,
  sortedBound: Float64Array,
  slot: number,
  value: number,
  lo: number,
  hi: number,
): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const other = order[mid]!;
    if (ranksBefore(other, sortedBound[other]!, slot, value)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Moves `slot` within `order` (sorted by sortedBound desc, slot asc) to where `value` belongs: finds
 * its place by binary search on its old value, then shifts the span between old and new place.
 */
function moveInRanking(order: Int32Array, sortedBound: Float64Array, slot: number, value: number): void {
  const from = rankSearch(order, sortedBound, slot, sortedBound[slot]!, 0, order.length);
  if (order[from] !== slot) return; // not in this list
  const previous = from > 0 ? order[from - 1]! : -1;
  if (previous >= 0 && ranksBefore(slot, value, previous, sortedBound[previous]!)) {
    const to = rankSearch(order, sortedBound, slot, value, 0, from);
    order.copyWithin(to + 1, to, from);
    order[to] = slot;
  } else {
    const to = rankSearch(order, sortedBound, slot, value, from + 1, order.length) - 1;
    order.copyWithin(from, from + 1, to + 1);
    order[to] = slot;
  }
}
