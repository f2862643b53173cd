// The placement engine: filters → scorers → deterministic tie-break → herding guard → reserve, over
// the fleet's latest readings plus the in-process ledger. Each step lives in its own module:
// request.ts (validation), filters/ (PLACEMENT_FILTERS, the one list of hard filters), scorers/ (one
// scorer per file) and scoring.ts (their weighted sum), workspace.ts (the per-decision columns),
// ranking.ts and ranked-scan.ts (the fast path), tie-break.ts, herding.ts, ledger.ts (reservations)
// and explain.ts. This file wires them.
//
// Serialisation: chooseAndReserve is synchronous from reading the ledger to writing it, so in one
// Node process no other caller can interleave between the choice and the reservation; concurrent
// async callers (Terraform's -parallelism) are serialised by the event loop without a mutex.
//
// Two paths, one answer (a property test holds them equal):
//  - exhaustive (explanations, plan-time batches): one pass over the request's static candidates
//    (kind and labels, cached per selector) runs the dynamic filters and writes the projected
//    columns, one loop per scorer, one pass for the best rounded total, rendezvous hashes among ties;
//  - ranked (explain: false, the apply-time hot path): arrays are visited best bound first (see
//    ranking.ts) and the scan stops as soon as no remaining bound can reach the best rounded total.
//    It touches a handful of arrays instead of all of them, through the same filter and scorer
//    objects, over a one-candidate workspace.
// Rejections always go through the exhaustive path, to explain every array.

import type {
  ArrayCandidate,
  PlacementDecision,
  PlacementExplanation,
  PlacementOutcome,
  PlacementRequest,
} from './model';
import { ARRAY_KIND_FOR_VOLUME } from './model';
import type { PlacementPolicy, PlacementPolicyOverrides } from './policy';
import { resolvePlacementPolicy } from './policy';
import type { Scorer } from './scorers';
import { DEFAULT_SCORERS } from './scorers';
import type { FilterContext, ProjectedArray } from './filters';
import { DYNAMIC_FILTERS, STATIC_FILTERS, admitsAll, emptyProjection, projectArray } from './filters';
import { ArrayStatus, FleetColumns, KIND_CODE } from './fleet-columns';
import type { Reservation } from './ledger';
import { PlacementLedger } from './ledger';
import { expectedIops } from './demand';
import { buildExplanation } from './explain';
import { FleetHeadroom } from './headroom';
import { HerdingGuard } from './herding';
import { RankedCandidates } from './ranking';
import { RankedScan } from './ranked-scan';
import { EMPTY_REQUEST, InvalidPlacementRequestError, staticCacheKey, validateRequest } from './request';
import { Scoring } from './scoring';
import { compareStrings, pickWinner } from './tie-break';

export { InvalidPlacementRequestError } from './request';
export { compareStrings } from './tie-break';

export interface PlacementEngineOptions {
  /** Overrides on DEFAULT_PLACEMENT_POLICY; validated (PlacementPolicyError lists every problem). */
  readonly policy?: PlacementPolicyOverrides;
  /** Scorers in use; DEFAULT_SCORERS when omitted. Weights are keyed by their names. */
  readonly scorers?: readonly Scorer[];
  /** ms since the epoch; Date.now when omitted. */
  readonly clock?: () => number;
}

export interface DecideOptions {
  /** Decision time, ms since the epoch; the engine's clock when omitted. */
  readonly nowMs?: number;
  /** Build the explanation for a successful decision (default true; rejections always have one). */
  readonly explain?: boolean;
}

/** A deleted volume, as the caller knows it (see recordDeletion). */
export interface DeletedVolume {
  /** The array it was on. */
  readonly arrayId: string;
  /** Provisioned size, bytes, as placed. */
  readonly sizeBytes: number;
  /** Expected IOPS it was placed with; the policy's per-TiB default when omitted. */
  readonly expectedIops?: number;
}

/**
 * What recordDeletion did: released the volume's reservation (no reading showed it yet), credited
 * the array until a reading no longer shows it, found a reading that already omits it, or did not
 * know the array.
 */
export type DeletionOutcome = 'released' | 'credited' | 'already-reflected' | 'unknown-array';

/** The result of a plan-time feasibility check of several requests together. */
export interface BatchFeasibility {
  /** True when every request found an array. */
  readonly feasible: boolean;
  /** One outcome per request, in the order given; rejections say why each array was excluded. */
  readonly outcomes: readonly PlacementOutcome[];
}

type MutableFilterContext = { -readonly [K in keyof FilterContext]: FilterContext[K] };

/** What the decision core hands back before anything is reserved. */
interface Choice {
  readonly outcome: PlacementOutcome;
  readonly slot: number;
  readonly sizeBytes: number;
  readonly physicalBytes: number;
  readonly iops: number;
}

export class PlacementEngine {
  readonly policy: PlacementPolicy;
  readonly scorers: readonly Scorer[];
  private readonly fleet: FleetColumns;
  private readonly ledger = new PlacementLedger();
  private readonly headroom = new FleetHeadroom();
  private readonly guard = new HerdingGuard(this.headroom);
  private readonly scoring: Scoring;
  private readonly ranking: RankedCandidates;
  private readonly scan: RankedScan;
  private readonly clock: () => number;
  /** Scratch projection of the array being examined. */
  private readonly projected: ProjectedArray = emptyProjection();
  private readonly decisionContext: MutableFilterContext;
  private readonly emptyContext: MutableFilterContext;

  constructor(options: PlacementEngineOptions = {}) {
    this.scorers = options.scorers ?? DEFAULT_SCORERS;
    const names = this.scorers.map((s) => s.name);
    if (new Set(names).size !== names.length) throw new Error(`duplicate scorer names: ${names.join(', ')}`);
    this.policy = resolvePlacementPolicy(options.policy, names);
    this.clock = options.clock ?? Date.now;
    this.fleet = new FleetColumns(this.policy);
    const newContext = (): MutableFilterContext => ({
      fleet: this.fleet,
      ledger: this.ledger,
      policy: this.policy,
      nowMs: 0,
      request: EMPTY_REQUEST,
      arrayKindCode: 0,
      sizeBytes: 0,
      iops: 0,
    });
    this.decisionContext = newContext();
    this.emptyContext = newContext();
    this.scoring = new Scoring(this.scorers, this.policy, this.fleet);
    this.ranking = new RankedCandidates(this.scoring.inverseResolution);
    this.scan = new RankedScan(this.fleet, this.ranking, this.scoring, this.guard);
  }

  /** Stores fresh readings and releases the reservations they reflect. Older readings are ignored. */
  observe(readings: readonly ArrayCandidate[], nowMs: number = this.clock()): void {
    const many = readings.length > 8; // re-sorting once beats many single moves
    for (const reading of readings) {
      const slot = this.fleet.upsert(reading);
      if (slot === null) continue;
      this.ledger.ensureSlots(this.fleet.slotCount);
      this.ledger.settle(
        slot,
        reading.observedAtMs,
        nowMs,
        this.policy.telemetryLagMs,
        this.policy.reservationTtlMs,
      );
      this.updateBound(slot, !many);
    }
    if (many) this.ranking.invalidate();
  }

  /** The array left the fleet: forget it and its reservations. */
  removeArray(arrayId: string): void {
    const slot = this.fleet.remove(arrayId);
    if (slot === null) return;
    this.ledger.releaseSlot(slot);
    this.updateBound(slot, false);
  }

  /** The latest reading of every array, in the order they joined. */
  arrays(): ArrayCandidate[] {
    return this.fleet.readings.filter((r): r is ArrayCandidate => r !== undefined);
  }

  reservations(): Reservation[] {
    return this.ledger.list();
  }

  /**
   * Chooses an array for the request and reserves its demand there, atomically (synchronous). Throws
   * InvalidPlacementRequestError for a malformed request and an Error when the key is already
   * reserved; "nothing fits" is an outcome, not an exception.
   */
  chooseAndReserve(request: PlacementRequest, options: DecideOptions = {}): PlacementOutcome {
    validateRequest(request);
    if (this.ledger.has(request.key)) {
      throw new Error(`"${request.key}" already holds a reservation; confirm or release it first`);
    }
    const nowMs = options.nowMs ?? this.clock();
    const explain = options.explain ?? true;
    const choice = explain
      ? this.decide(request, this.ledger, nowMs, true, true)
      : this.decideRanked(request, nowMs);
    if (choice.outcome.placed) {
      this.reserveOn(this.ledger, request.key, choice, nowMs);
      this.guard.recent.record(this.fleet.kind[choice.slot]!, choice.slot);
      this.updateBound(choice.slot, true);
    }
    return choice.outcome;
  }

  /** The create succeeded: the reservation now waits for a reading that shows the volume. */
  confirm(requestKey: string, confirmedAtMs: number = this.clock()): boolean {
    return this.ledger.confirm(requestKey, confirmedAtMs);
  }

  /**
   * A volume was deleted. If the ledger still holds its reservation (no reading shows it yet) the
   * reservation is released, as release() does; otherwise the array's latest reading still shows it,
   * and the array is credited its expected physical bytes, IOPS and one volume until a reading that
   * may omit it arrives (observed at or after deletedAtMs − telemetryLagMs). Without this the array
   * looks fuller than it is for up to a refresh, which near full can turn a feasible array away.
   */
  recordDeletion(
    requestKey: string,
    volume: DeletedVolume,
    deletedAtMs: number = this.clock(),
  ): DeletionOutcome {
    if (!Number.isFinite(volume.sizeBytes) || volume.sizeBytes <= 0) {
      throw new InvalidPlacementRequestError(requestKey, 'sizeBytes', 'must be a finite number of bytes > 0');
    }
    if (this.release(requestKey)) return 'released';
    const slot = this.fleet.slotById.get(volume.arrayId);
    if (slot === undefined || this.fleet.present[slot] !== 1) return 'unknown-array';
    // A reading that may already omit the volume (see DeletionCredit) is trusted as it is.
    if (this.fleet.observedAtMs[slot]! >= deletedAtMs - this.policy.telemetryLagMs)
      return 'already-reflected';
    const iops =
      volume.expectedIops ??
      expectedIops(
        { key: requestKey, kind: 'block', sizeBytes: volume.sizeBytes, labelSelector: {} },
        this.policy,
      );
    this.ledger.ensureSlots(this.fleet.slotCount);
    this.ledger.credit({
      key: requestKey,
      slot,
      physicalBytes: volume.sizeBytes * this.fleet.physicalPerProvisionedByte[slot]!,
      iops,
      deletedAtMs,
    });
    this.updateBound(slot, true);
    return 'credited';
  }

  /** The create failed or the volume was deleted before any reading showed it. */
  release(requestKey: string): boolean {
    const released = this.ledger.release(requestKey);
    if (released) this.updateBound(released.slot, true);
    return released !== undefined;
  }

  /**
   * Plan-time check: would these requests fit together, on top of what is already reserved? Runs
   * the same engine on a scratch copy of the ledger (the real one is untouched), largest request
   * first (then by key) because first-fit-decreasing packs best; outcomes come back in input order.
   * The herding guard is left out: it never decides whether a request fits, only where it goes.
   */
  checkBatch(requests: readonly PlacementRequest[], options: { nowMs?: number } = {}): BatchFeasibility {
    const nowMs = options.nowMs ?? this.clock();
    requests.forEach(validateRequest);
    const keys = new Set<string>();
    for (const r of requests) {
      if (keys.has(r.key)) throw new Error(`batch holds "${r.key}" twice`);
      keys.add(r.key);
    }
    const scratch = this.ledger.clone();
    const order = requests
      .map((request, index) => ({ request, index }))
      .sort(
        (a, b) => b.request.sizeBytes - a.request.sizeBytes || compareStrings(a.request.key, b.request.key),
      );
    const outcomes: PlacementOutcome[] = new Array<PlacementOutcome>(requests.length);
    for (const { request, index } of order) {
      scratch.release(request.key); // already being created: count it once, as this request
      const choice = this.decide(request, scratch, nowMs, true, false);
      if (choice.outcome.placed) this.reserveOn(scratch, request.key, choice, nowMs);
      outcomes[index] = choice.outcome;
    }
    return { feasible: outcomes.every((o) => o.placed), outcomes };
  }

  /** The exhaustive path: every static candidate filtered, every feasible one scored. */
  private decide(
    request: PlacementRequest,
    ledger: PlacementLedger,
    nowMs: number,
    explain: boolean,
    guard: boolean,
  ): Choice {
    const fleet = this.fleet;
    const scoring = this.scoring;
    const work = scoring.work;
    ledger.ensureSlots(fleet.slotCount);
    work.ensure(fleet.slotCount);
    const ctx = this.context(request, ledger, nowMs);
    const staticSlots = this.staticSlots(ctx, staticCacheKey(request));
    // The real ledger's headroom, also for a plan-time batch on a scratch ledger: fit's reference
    // density then ignores the batch's own reservations, a second-order effect on a reference value.
    work.fleetHeadroomDensity = this.headroom.density(ctx.arrayKindCode);

    let count = 0;
    for (let i = 0; i < staticSlots.length; i++) {
      const slot = staticSlots[i]!;
      const projected = projectArray(ctx, slot, this.projected);
      if (!admitsAll(DYNAMIC_FILTERS, ctx, slot, projected)) continue;
      work.set(count, slot, projected, ctx);
      count++;
    }
    if (count === 0) {
      const explanation = buildExplanation({
        ctx,
        columns: work,
        count: 0,
        guarded: new Map(),
        scorerNames: [],
        scoresByScorer: [],
        winner: null,
        tieBreak: null,
      });
      return {
        outcome: { placed: false, requestKey: request.key, explanation },
        slot: -1,
        sizeBytes: request.sizeBytes,
        physicalBytes: 0,
        iops: 0,
      };
    }

    const scoresByScorer = scoring.scoreAll(count, explain);
    let { winner, tieBreak } = pickWinner(work, request.key, count, scoring.inverseResolution);
    // The herding guard: a winner at its allowance hands the request to the best array that is not,
    // if there is one.
    const guarded = new Map<number, string>();
    if (guard && this.policy.spreadConcurrentPlacements && this.guard.atAllowance(work.slot[winner]!)) {
      let kept = 0;
      for (let j = 0; j < count; j++) {
        const slot = work.slot[j]!;
        if (this.guard.atAllowance(slot)) {
          guarded.set(slot, explain ? this.guard.message(slot, fleet.kind[slot]!) : '');
          continue;
        }
        if (kept !== j) {
          work.move(j, kept);
          for (const scores of scoresByScorer) scores[kept] = scores[j]!;
        }
        kept++;
      }
      if (kept > 0) {
        count = kept;
        ({ winner, tieBreak } = pickWinner(work, request.key, count, scoring.inverseResolution));
      } else {
        guarded.clear(); // every feasible array is at its allowance: the guard steps aside
      }
    }

    const slot = work.slot[winner]!;
    const physicalBytes = request.sizeBytes * fleet.physicalPerProvisionedByte[slot]!;
    const explanation = explain
      ? buildExplanation({
          ctx,
          columns: work,
          count,
          guarded,
          scorerNames: scoring.scorerNames(),
          scoresByScorer,
          winner,
          tieBreak,
        })
      : undefined;
    const decision: PlacementDecision = {
      placed: true,
      requestKey: request.key,
      arrayId: fleet.ids[slot]!,
      arrayName: fleet.readings[slot]?.name ?? fleet.ids[slot]!,
      totalScore: scoring.roundedTotal(winner),
      reservation: { physicalBytes, iops: ctx.iops },
      ...(explanation ? { explanation } : {}),
    };
    return { outcome: decision, slot, sizeBytes: request.sizeBytes, physicalBytes, iops: ctx.iops };
  }

  /** The ranked fast path (see the header); falls back to the exhaustive path to explain a rejection. */
  private decideRanked(request: PlacementRequest, nowMs: number): Choice {
    const fleet = this.fleet;
    const ledger = this.ledger;
    const scan = this.scan;
    ledger.ensureSlots(fleet.slotCount);
    this.scoring.work.ensure(fleet.slotCount);
    const ctx = this.context(request, ledger, nowMs);
    const cacheKey = staticCacheKey(request);
    const staticSlots = this.staticSlots(ctx, cacheKey);
    const order = this.ranking.order(cacheKey, staticSlots, fleet.slotCount, fleet.structureVersion);
    const density = this.headroom.density(ctx.arrayKindCode);
    scan.begin(request.key);
    const guard = this.policy.spreadConcurrentPlacements;
    scan.run(ctx, order, density, guard);
    // Every admissible array at its allowance: the guard steps aside, as on the exhaustive path.
    if (scan.winner < 0 && scan.guarded) scan.run(ctx, order, density, false);
    if (scan.winner < 0) return this.decide(request, ledger, nowMs, true, guard);
    const slot = scan.winner;
    const physicalBytes = request.sizeBytes * fleet.physicalPerProvisionedByte[slot]!;
    const decision: PlacementDecision = {
      placed: true,
      requestKey: request.key,
      arrayId: fleet.ids[slot]!,
      arrayName: fleet.readings[slot]?.name ?? fleet.ids[slot]!,
      totalScore: scan.best / this.scoring.inverseResolution,
      reservation: { physicalBytes, iops: ctx.iops },
    };
    return { outcome: decision, slot, sizeBytes: request.sizeBytes, physicalBytes, iops: ctx.iops };
  }

  private staticSlots(ctx: FilterContext, cacheKey: string): Int32Array {
    const cached = this.fleet.cachedCandidates(cacheKey); // the common case allocates no closure
    if (cached) return cached;
    const unused = this.projected; // the static filters do not look at the projection
    return this.fleet.staticCandidates(cacheKey, (slot) => admitsAll(STATIC_FILTERS, ctx, slot, unused));
  }

  /**
   * The filter context of a decision. One object per engine is reused (and one for the empty request
   * of updateBound): nothing keeps a context past the synchronous call that made it, and the hot path
   * then allocates none.
   */
  private context(request: PlacementRequest, ledger: PlacementLedger, nowMs: number): FilterContext {
    const ctx = request === EMPTY_REQUEST ? this.emptyContext : this.decisionContext;
    ctx.ledger = ledger;
    ctx.nowMs = nowMs;
    ctx.request = request;
    ctx.arrayKindCode = KIND_CODE[ARRAY_KIND_FOR_VOLUME[request.kind]];
    ctx.sizeBytes = request.sizeBytes;
    ctx.iops = request === EMPTY_REQUEST ? 0 : expectedIops(request, this.policy);
    return ctx;
  }

  private reserveOn(ledger: PlacementLedger, key: string, choice: Choice, nowMs: number): void {
    ledger.reserve({
      key,
      arrayId: this.fleet.ids[choice.slot]!,
      slot: choice.slot,
      sizeBytes: choice.sizeBytes,
      physicalBytes: choice.physicalBytes,
      iops: choice.iops,
      reservedAtMs: nowMs,
    });
  }

  /**
   * Recomputes a slot's bound and headroom after its reading or reservations changed and, when
   * `resort`, moves it in every ranked list.
   */
  private updateBound(slot: number, resort: boolean): void {
    const fleet = this.fleet;
    this.ranking.grow(fleet.slotCount);
    let value = -1;
    if (fleet.present[slot] === 1 && fleet.status[slot] === ArrayStatus.OK) {
      const empty = this.context(EMPTY_REQUEST, this.ledger, 0);
      const projected = projectArray(empty, slot, this.projected, 0);
      value = this.scoring.totalOf(slot, projected, empty, 0);
      this.headroom.set(
        slot,
        fleet.kind[slot]!,
        (this.policy.capacityThreshold - projected.capacityUtilisation) * fleet.usableBytes[slot]!,
        (this.policy.performanceThreshold - projected.load) * fleet.saturationIops[slot]!,
      );
    } else {
      this.headroom.set(slot, -1, 0, 0);
    }
    this.ranking.setBound(slot, value, resort, fleet.structureVersion);
  }
}

// Re-exported for callers that build explanations of their own.
export type { PlacementExplanation };
