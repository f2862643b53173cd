// One pass of the ranked fast path (explain: false, the apply-time hot path): the best admissible
// array by (rounded total, rendezvous weight, smallest id), visiting arrays best bound first (see
// ranking.ts) and stopping as soon as no remaining bound can reach the best rounded total. With the
// herding guard, arrays at their allowance are skipped, and `guarded` says whether any was. State
// lives in fields: this runs 100,000s of times and allocates nothing.

import type { FilterContext, ProjectedArray } from './filters';
import { DYNAMIC_FILTERS, admitsAll, emptyProjection, projectArray } from './filters';
import type { FleetColumns } from './fleet-columns';
import type { Fnv64State } from './hash';
import { fnv64Initial, fnv64Reset, fnv64Update, rendezvousHigh, rendezvousLow } from './hash';
import type { HerdingGuard } from './herding';
import type { RankedCandidates } from './ranking';
import type { Scoring } from './scoring';
import { compareStrings } from './tie-break';

export class RankedScan {
  /** The best rounded total found (Math.round(total ÷ resolution)), -Infinity if none. */
  best = -Infinity;
  /** Its slot, -1 if no array was admissible. */
  winner = -1;
  /** Whether the last scan skipped an admissible array for the herding guard. */
  guarded = false;
  /** FNV-1a 64 of the request key being scanned (reused, not allocated per decision). */
  private readonly keyHash: Fnv64State = fnv64Initial();
  private readonly projected: ProjectedArray = emptyProjection();

  constructor(
    private readonly fleet: FleetColumns,
    private readonly ranking: RankedCandidates,
    private readonly scoring: Scoring,
    private readonly guard: HerdingGuard,
  ) {}

  /** Hashes the request key once per decision, for every scan of it. */
  begin(requestKey: string): void {
    fnv64Update(fnv64Reset(this.keyHash), requestKey);
  }

  run(ctx: FilterContext, order: Int32Array, density: number, useGuard: boolean): void {
    const ceilingOf = this.ranking.ceiling;
    const scale = this.scoring.inverseResolution;
    const { idHashHi, idHashLo } = this.fleet;
    const keyHi = this.keyHash.hi;
    const keyLo = this.keyHash.lo;
    let best = -Infinity;
    let winner = -1;
    let winnerHigh = -1; // the winner's rendezvous weight, high 32 bits (see rendezvousHigh)
    let skipped = false;
    for (let r = 0; r < order.length; r++) {
      const slot = order[r]!;
      const ceiling = ceilingOf[slot]!;
      if (ceiling < best) break; // nothing further down can reach the best
      // An array whose bound only reaches the best can at most tie; if it would lose the tie-break
      // anyway, its filters and score do not matter. With many near-equal arrays this skips most.
      let high = -1;
      if (ceiling === best) {
        high = rendezvousHigh(keyHi, keyLo, idHashHi[slot]!, idHashLo[slot]!);
        if (high < winnerHigh || (high === winnerHigh && !this.winsExactTie(slot, winner, high))) continue;
      }
      const projected = projectArray(ctx, slot, this.projected);
      if (!admitsAll(DYNAMIC_FILTERS, ctx, slot, projected)) continue;
      if (useGuard && this.guard.atAllowance(slot)) {
        skipped = true;
        continue;
      }
      const rounded = Math.round(this.scoring.totalOf(slot, projected, ctx, density) * scale);
      if (rounded < best) continue;
      if (high < 0) high = rendezvousHigh(keyHi, keyLo, idHashHi[slot]!, idHashLo[slot]!);
      if (
        rounded > best ||
        high > winnerHigh ||
        (high === winnerHigh && this.winsExactTie(slot, winner, high))
      ) {
        best = rounded;
        winner = slot;
        winnerHigh = high;
      }
    }
    this.best = best;
    this.winner = winner;
    this.guarded = skipped;
  }

  /**
   * Equal high halves of the rendezvous weight (one time in 2^32): the low bits decide, then the
   * smaller id, exactly as comparing the full weights would.
   */
  private winsExactTie(slot: number, winner: number, high: number): boolean {
    const { ids, idHashLo } = this.fleet;
    const keyLo = this.keyHash.lo;
    const low = rendezvousLow(keyLo, idHashLo[slot]!, high);
    const winnerLow = rendezvousLow(keyLo, idHashLo[winner]!, high);
    return low > winnerLow || (low === winnerLow && compareStrings(ids[slot]!, ids[winner]!) < 0);
  }
}
