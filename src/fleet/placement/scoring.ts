// The weighted sum of the scorers in use: over the feasible arrays of a decision (the exhaustive
// path, one loop per scorer over the workspace's columns) or for one array (the ranked path, the same
// scorer objects over a one-candidate workspace), so each scorer's formula exists once.

import type { Scorer } from './scorers';
import type { FilterContext, ProjectedArray } from './filters';
import type { FleetColumns } from './fleet-columns';
import type { PlacementPolicy } from './policy';
import { Workspace } from './workspace';

export class Scoring {
  /** The per-decision candidate columns (exhaustive path). */
  readonly work: Workspace;
  /** A one-candidate workspace (ranked path). */
  private readonly one: Workspace;
  /** Scorers with weight > 0, and their weights ÷ Σ weights. */
  private readonly weighted: readonly { readonly scorer: Scorer; readonly share: number }[];
  /** 1 ÷ the policy's score resolution: totals are compared as Math.round(total × this). */
  readonly inverseResolution: number;

  constructor(scorers: readonly Scorer[], policy: PlacementPolicy, fleet: FleetColumns) {
    const weightSum = scorers.reduce((sum, s) => sum + (policy.weights[s.name] ?? 0), 0);
    this.weighted = scorers
      .map((scorer) => ({ scorer, share: (policy.weights[scorer.name] ?? 0) / weightSum }))
      .filter((w) => w.share > 0);
    this.inverseResolution = 1 / policy.scoreResolution;
    this.work = new Workspace(fleet, policy);
    this.one = Workspace.single(fleet, policy);
  }

  /** Names of the scorers with weight > 0, in the order scoreAll returns their scores. */
  scorerNames(): string[] {
    return this.weighted.map((w) => w.scorer.name);
  }

  /** work.totals[j] = Σ share × score; returns each scorer's scores when an explanation needs them. */
  scoreAll(count: number, keepPerScorer: boolean): Float64Array[] {
    const work = this.work;
    const totals = work.totals;
    totals.fill(0, 0, count);
    const perScorer: Float64Array[] = [];
    for (const { scorer, share } of this.weighted) {
      const scores = keepPerScorer ? new Float64Array(count) : work.scores;
      scorer.score(work, count, scores);
      for (let j = 0; j < count; j++) totals[j] = totals[j]! + share * scores[j]!;
      if (keepPerScorer) perScorer.push(scores);
    }
    return perScorer;
  }

  /** The rounded total of candidate j of the workspace, as reported. */
  roundedTotal(j: number): number {
    return Math.round(this.work.totals[j]! * this.inverseResolution) / this.inverseResolution;
  }

  /**
   * Σ share × score of one projected array. `density` is the fleet's headroom density for the
   * request's kind (see FleetHeadroom).
   */
  totalOf(slot: number, projected: ProjectedArray, ctx: FilterContext, density: number): number {
    const one = this.one;
    one.set(0, slot, projected, ctx);
    one.fleetHeadroomDensity = density;
    const weighted = this.weighted;
    let total = 0;
    for (let k = 0; k < weighted.length; k++) {
      const { scorer, share } = weighted[k]!;
      scorer.score(one, 1, one.scores);
      total += share * one.scores[0]!;
    }
    return total;
  }
}
