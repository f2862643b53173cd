// The deterministic tie-break: highest rounded total, then the highest rendezvous weight of
// (request key, array id), then the smallest array id. No randomness anywhere, so the same readings,
// ledger and request give the same answer whatever order the arrays were observed in.

import type { TieBreak } from './model';
import type { FleetColumns } from './fleet-columns';
import type { Workspace } from './workspace';
import { fnv64Of, rendezvousWeight } from './hash';

/** Code-unit order: the same on every platform and locale. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Highest rendezvous hash among tied slots; equal hashes (never seen) go to the smaller id. */
function rendezvousWinner(fleet: FleetColumns, requestKey: string, slots: Int32Array, count: number): number {
  const key = fnv64Of(requestKey);
  const { ids, idHashHi, idHashLo } = fleet;
  let winner = slots[0]!;
  let winnerHash = rendezvousWeight(key.hi, key.lo, idHashHi[winner]!, idHashLo[winner]!);
  for (let t = 1; t < count; t++) {
    const slot = slots[t]!;
    const hash = rendezvousWeight(key.hi, key.lo, idHashHi[slot]!, idHashLo[slot]!);
    if (hash > winnerHash || (hash === winnerHash && compareStrings(ids[slot]!, ids[winner]!) < 0)) {
      winner = slot;
      winnerHash = hash;
    }
  }
  return winner;
}

/**
 * The winning candidate among the first `count` of the workspace (totals written): highest total
 * rounded at `inverseResolution`, then the rendezvous weight, then the array id.
 */
export function pickWinner(
  work: Workspace,
  requestKey: string,
  count: number,
  inverseResolution: number,
): { winner: number; tieBreak: TieBreak } {
  const totals = work.totals;
  let best = -Infinity;
  let tiedCount = 0;
  for (let j = 0; j < count; j++) {
    const rounded = Math.round(totals[j]! * inverseResolution);
    if (rounded > best) {
      best = rounded;
      work.tied[0] = j;
      tiedCount = 1;
    } else if (rounded === best) {
      work.tied[tiedCount++] = j;
    }
  }
  if (count === 1) return { winner: 0, tieBreak: 'only-candidate' };
  if (tiedCount === 1) return { winner: work.tied[0]!, tieBreak: 'score' };
  const fleet = work.fleet;
  const tiedSlots = new Int32Array(tiedCount);
  for (let t = 0; t < tiedCount; t++) tiedSlots[t] = work.slot[work.tied[t]!]!;
  const winnerSlot = rendezvousWinner(fleet, requestKey, tiedSlots, tiedCount);
  const key = fnv64Of(requestKey);
  const weightOf = (slot: number) =>
    rendezvousWeight(key.hi, key.lo, fleet.idHashHi[slot]!, fleet.idHashLo[slot]!);
  const hashTie = tiedSlots.some((slot) => slot !== winnerSlot && weightOf(slot) === weightOf(winnerSlot));
  return {
    winner: work.tied[tiedSlots.indexOf(winnerSlot)]!,
    tieBreak: hashTie ? 'array-id' : 'rendezvous-hash',
  };
}
