// Explanations: built off the hot path, from the same filter objects and columns the decision used,
// before the reservation is written (so they describe the state the decision saw).

import type { ExcludedArray, PlacementExplanation, ScoredArray, TieBreak } from './model';
import type { FilterContext } from './filters';
import { emptyProjection, firstFailing, projectArray, telemetryAgeMs } from './filters';
import type { CandidateColumns } from './scorers';
import { fnv64Of, rendezvousWeight } from './hash';

interface ScoredColumns extends CandidateColumns {
  readonly totals: Float64Array;
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

export interface ExplanationInput {
  readonly ctx: FilterContext;
  /** Candidate columns with totals; the first `count` are the scored candidates. */
  readonly columns: ScoredColumns;
  readonly count: number;
  /** Feasible slots the herding guard passed over, with the guard's message for each. */
  readonly guarded: ReadonlyMap<number, string>;
  /** Names of the scorers with weight > 0 and, in the same order, their scores per candidate. */
  readonly scorerNames: readonly string[];
  readonly scoresByScorer: readonly Float64Array[];
  /** Index of the winning candidate; null for a rejection. */
  readonly winner: number | null;
  readonly tieBreak: TieBreak | null;
}

export function buildExplanation(input: ExplanationInput): PlacementExplanation {
  const { ctx, columns, count, guarded, scorerNames, scoresByScorer, winner, tieBreak } = input;
  const { fleet, policy, request } = ctx;
  const inverseResolution = 1 / policy.scoreResolution;
  const key = fnv64Of(request.key);

  const ranked: (ScoredArray & { hash: number })[] = [];
  for (let j = 0; j < count; j++) {
    const slot = columns.slot[j]!;
    const scores: Record<string, number> = {};
    scorerNames.forEach((name, k) => {
      scores[name] = round3(scoresByScorer[k]?.[j] ?? NaN);
    });
    ranked.push({
      arrayId: fleet.ids[slot]!,
      arrayName: fleet.readings[slot]?.name ?? fleet.ids[slot]!,
      scores,
      totalScore: Math.round(columns.totals[j]! * inverseResolution) / inverseResolution,
      projectedCapacityUtilisation: round3(columns.capacityUtilisation[j]!),
      projectedLoad: round3(columns.load[j]!),
      telemetryAgeMs: telemetryAgeMs(ctx, slot),
      hash: rendezvousWeight(key.hi, key.lo, fleet.idHashHi[slot]!, fleet.idHashLo[slot]!),
    });
  }
  const winnerId = winner === null ? null : fleet.ids[columns.slot[winner]!]!;
  ranked.sort(
    (a, b) =>
      Number(b.arrayId === winnerId) - Number(a.arrayId === winnerId) ||
      b.totalScore - a.totalScore ||
      b.hash - a.hash ||
      (a.arrayId < b.arrayId ? -1 : 1),
  );

  const feasible = new Set<number>();
  for (let j = 0; j < count; j++) feasible.add(columns.slot[j]!);
  const excluded: ExcludedArray[] = [];
  for (let slot = 0; slot < fleet.slotCount; slot++) {
    if (fleet.present[slot] !== 1 || feasible.has(slot)) continue;
    const base = {
      arrayId: fleet.ids[slot]!,
      arrayName: fleet.readings[slot]?.name ?? fleet.ids[slot]!,
      telemetryAgeMs: telemetryAgeMs(ctx, slot),
    };
    const guardMessage = guarded.get(slot);
    if (guardMessage !== undefined) {
      excluded.push({ ...base, reason: 'BURST_SPREAD', message: guardMessage });
      continue;
    }
    const projected = projectArray(ctx, slot, emptyProjection());
    const failing = firstFailing(ctx, slot, projected);
    // A slot that passes every filter yet is neither feasible nor guarded cannot happen; say so.
    const { reason, message } = failing?.describe(ctx, slot, projected) ?? {
      reason: 'BURST_SPREAD' as const,
      message: 'passed every filter but was not scored',
    };
    excluded.push({ ...base, reason, message });
  }
  excluded.sort((a, b) => (a.arrayId < b.arrayId ? -1 : a.arrayId > b.arrayId ? 1 : 0));

  return {
    requestKey: request.key,
    decidedAtMs: ctx.nowMs,
    chosenArrayId: winnerId,
    tieBreak,
    weights: policy.weights,
    expectedIops: ctx.iops,
    candidates: ranked.map(({ hash: _hash, ...scored }) => scored),
    excluded,
  };
}

/** A few lines for a diagnostic or a log: the choice, the runner-up, and each exclusion. */
export function formatExplanation(explanation: PlacementExplanation): string {
  const lines: string[] = [];
  const [chosen, ...others] = explanation.candidates;
  if (explanation.chosenArrayId && chosen) {
    const scores = Object.entries(chosen.scores)
      .map(([name, value]) => `${name} ${value.toFixed(1)}`)
      .join(', ');
    lines.push(
      `placed on ${chosen.arrayName} (${chosen.arrayId}): total ${chosen.totalScore.toFixed(1)} [${scores}], ` +
        `decided by ${explanation.tieBreak}, telemetry ${Math.round(chosen.telemetryAgeMs / 1000)} s old`,
    );
    if (others[0]) lines.push(`runner-up ${others[0].arrayName}: total ${others[0].totalScore.toFixed(1)}`);
  } else {
    lines.push(`no array can take "${explanation.requestKey}":`);
  }
  for (const e of explanation.excluded)
    lines.push(`  ${e.arrayName} (${e.arrayId}): ${e.reason}: ${e.message}`);
  return lines.join('\n');
}
