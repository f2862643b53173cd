// The placement engine: filters → scorers → deterministic tie-break → reserve, over the fleet's
// latest readings plus the in-process ledger.
//
// Serialisation: chooseAndReserve is synchronous from reading the ledger to writing it, so in one
// Node process no other caller can interleave between the choice and the reservation; concurrent
// async callers (Terraform's -parallelism) are serialised by the event loop without a mutex.
//
// Two paths, one answer (a property test holds them equal):
//  - exhaustive (explanations, plan-time batches): one pass over the request's static candidates
//    (kind and labels, cached per selector) runs the dynamic filters and writes the projected
//    columns, one loop per scorer, one pass for the best rounded total, rendezvous hashes among ties;
//  - ranked (explain: false, the apply-time hot path): each array keeps its score with no request,
//    an upper bound of its score for any request (scorers never rise as the request grows); arrays
//    are kept sorted by that bound per candidate list, so a decision scores arrays best-bound first
//    and stops as soon as no remaining bound can reach the best rounded total. It touches a handful
//    of arrays instead of all of them; the reserved array is re-sorted by a binary-search move.
// Rejections always go through the exhaustive path, to explain every array.

import type {
  ArrayCandidate,
  PlacementDecision,
  PlacementExplanation,
  PlacementOutcome,
  PlacementRequest,
  TieBreak,
} from './model';
import { ARRAY_KIND_FOR_VOLUME } from './model';
import type { PlacementPolicy, PlacementPolicyOverrides } from './policy';
import { resolvePlacementPolicy } from './policy';
import type { CandidateColumns, Scorer } from './scorers';
import type { BuiltInShares } from './scorers';
import {
  BUILT_IN_SCORERS,
  DEFAULT_SCORERS,
  builtInTotal,
  fitScore,
  latencyScore,
  relativeDensityOf,
} from './scorers';
import type { FilterContext, ProjectedArray } from './filters';
import {
  CallerExclusionFilter,
  CapacityHeadroomFilter,
  HealthFilter,
  KindFilter,
  LabelFilter,
  LatencyFilter,
  ObjectLimitFilter,
  PerformanceHeadroomFilter,
  PinnedFilter,
  StaleTelemetryFilter,
  emptyProjection,
  projectArray,
} from './filters';
import { ArrayStatus, FleetColumns, KIND_CODE } from './fleet-columns';
import type { Reservation } from './ledger';
import { PlacementLedger } from './ledger';
import { expectedIops } from './demand';
import type { Fnv64State } from './hash';
import {
  fnv64Initial,
  fnv64Of,
  fnv64Reset,
  fnv64Update,
  rendezvousHigh,
  rendezvousLow,
  rendezvousWeight,
} from './hash';
import { buildExplanation } from './explain';
import { FleetHeadroom } from './headroom';
import { BurstSizeEstimate, SizeDistribution, bucketFloorBytes, sizeBucket } from './size-distribution';

/** Requests of a kind over which its size distribution is learned (decay 1 − 1 ÷ this per request). */
const SIZE_HORIZON_REQUESTS = 1_000;
/** Bursts over which the typical burst size is learned. */
const BURST_HORIZON = 100;

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

export class InvalidPlacementRequestError extends Error {
  constructor(
    readonly requestKey: string,
    readonly field: string,
    detail: string,
  ) {
    super(`invalid placement request "${requestKey}": ${field} ${detail}`);
    this.name = 'InvalidPlacementRequestError';
  }
}

type MutableFilterContext = { -readonly [K in keyof FilterContext]: FilterContext[K] };

/** Burst spreading's figures for one decision (see burstSpreading). */
interface BurstSpreading {
  /** ⌈K ÷ E⌉ + 1: no array may hold more of the creates in flight on the candidates. */
  readonly limit: number;
  /** Average provisioned size of the creates in flight on the candidates, bytes. */
  readonly averageInFlightSizeBytes: number;
}

/**
 * Distribution-aware slots' figures for one decision (see slotThreshold): the burst as the engine
 * expects it to end, from what is in flight now and the burst size it learned.
 */
interface SlotPlan {
  /** Creates expected in the burst: max(learned typical burst, K). */
  readonly burstSize: number;
  /** Creates expected from this one on, this one included: burstSize − K + 1. */
  readonly remaining: number;
  /** ⌈burstSize ÷ E⌉ + 1: what one array may hold by the end of the burst. */
  readonly finalLimit: number;
  /** The request's size bucket and its kind's learned size distribution. */
  readonly requestBucket: number;
  readonly sizes: SizeDistribution;
  /** The ledger the decision reads (the real one, or a plan-time scratch copy). */
  readonly ledger: PlacementLedger;
}

/** What the decision core hands back before anything is reserved. */
interface Choice {
  readonly outcome: PlacementOutcome;
  readonly slot: number;
  readonly sizeBytes: number;
  readonly physicalBytes: number;
  readonly iops: number;
}

/** The per-decision working set: candidate columns plus totals, grown as the fleet grows. */
class Workspace implements CandidateColumns {
  /** A workspace of one candidate, for scoring a single array. */
  static single(fleet: FleetColumns, policy: PlacementPolicy): Workspace {
    const work = new Workspace(fleet, policy);
    work.ensure(1);
    return work;
  }

  slot = new Int32Array(0);
  capacityUtilisation = new Float64Array(0);
  load = new Float64Array(0);
  latencyUsec = new Float64Array(0);
  volumeFill = new Float64Array(0);
  requestCapacityShare = new Float64Array(0);
  requestLoad = new Float64Array(0);
  /** Set per decision (the request's kind). */
  fleetHeadroomDensity = 0;
  totals = new Float64Array(0);
  scores = new Float64Array(0);
  tied = new Int32Array(0);

  constructor(
    readonly fleet: FleetColumns,
    readonly policy: PlacementPolicy,
  ) {}

  ensure(length: number): void {
    if (this.slot.length >= length) return;
    const n = Math.max(16, length, this.slot.length * 2);
    this.slot = new Int32Array(n);
    this.capacityUtilisation = new Float64Array(n);
    this.load = new Float64Array(n);
    this.latencyUsec = new Float64Array(n);
    this.volumeFill = new Float64Array(n);
    this.requestCapacityShare = new Float64Array(n);
    this.requestLoad = new Float64Array(n);
    this.totals = new Float64Array(n);
    this.scores = new Float64Array(n);
    this.tied = new Int32Array(n);
  }

  /** Writes candidate j: the array in `slot` as projected after placing the request. */
  set(j: number, slot: number, projected: ProjectedArray, ctx: FilterContext): void {
    const fleet = this.fleet;
    this.slot[j] = slot;
    this.capacityUtilisation[j] = projected.capacityUtilisation;
    this.load[j] = projected.load;
    this.latencyUsec[j] = fleet.latencyUsec[slot]!;
    this.volumeFill[j] = volumeFill(projected.volumeCount, fleet.volumeCap[slot]!);
    this.requestCapacityShare[j] =
      (ctx.sizeBytes * fleet.physicalPerProvisionedByte[slot]!) / fleet.usableBytes[slot]!;
    this.requestLoad[j] = ctx.iops / fleet.saturationIops[slot]!;
  }

  /** Moves candidate `from` to position `to` (compaction). */
  move(from: number, to: number): void {
    this.slot[to] = this.slot[from]!;
    this.capacityUtilisation[to] = this.capacityUtilisation[from]!;
    this.load[to] = this.load[from]!;
    this.latencyUsec[to] = this.latencyUsec[from]!;
    this.volumeFill[to] = this.volumeFill[from]!;
    this.requestCapacityShare[to] = this.requestCapacityShare[from]!;
    this.requestLoad[to] = this.requestLoad[from]!;
  }
}

export class PlacementEngine {
  readonly policy: PlacementPolicy;
  readonly scorers: readonly Scorer[];
  private readonly fleet: FleetColumns;
  private readonly ledger = new PlacementLedger();
  private readonly headroom = new FleetHeadroom();
  private readonly work: Workspace;
  private readonly clock: () => number;
  /** Scorers with weight > 0, and their weights ÷ Σ weights. */
  private readonly weighted: readonly { readonly scorer: Scorer; readonly share: number }[];
  private readonly inverseResolution: number;
  /** Per slot: the total score with no request (an upper bound), -1 for an array that cannot take any. */
  private bound = new Float64Array(0);
  /** Per slot: latencyScore of the array's latency (request-independent), for the fused form. */
  private latencyScores = new Float64Array(0);
  /** Per slot: the bound value the ranked lists are currently sorted by. */
  private rankedBound = new Float64Array(0);
  /** Per slot: Math.round(rankedBound × 1 ÷ scoreResolution), the scan's ceiling. */
  private rankedCeiling = new Float64Array(0);
  /**
   * Static candidates sorted by (rankedBound desc, slot asc), per static cache key, with their
   * membership by slot (1 = in the list), so that a changed array moves only in its own lists.
   */
  private readonly ranked = new Map<string, { order: Int32Array; member: Uint8Array }>();
  private rankedVersion = -1;
  private readonly one: Workspace;
  /** Scratch projection of the array being examined. */
  private readonly projected: ProjectedArray = emptyProjection();
  /** Shares of the built-in scorers when only built-ins are in use (the fused fast form), else null. */
  private readonly builtInShares: BuiltInShares | null;
  private readonly decisionContext: MutableFilterContext;
  private readonly emptyContext: MutableFilterContext;
  /** A second scratch projection, for counting feasible arrays while `projected` is in use. */
  private readonly scratchProjection: ProjectedArray = emptyProjection();
  // Per-decision state of the ranked path (see scanRanked).
  private scanBest = -Infinity;
  private scanWinner = -1;
  /** FNV-1a 64 of the request key being scanned (reused, not allocated per decision). */
  private readonly keyHash: Fnv64State = fnv64Initial();
  private scanBurst: BurstSpreading | null = null;
  private scanBurstKnown = false;
  private scanPlan: SlotPlan | null = null;
  private scanPlanKnown = false;
  /** Per array kind code: the sizes of the requests seen (apply-time decisions only). */
  private readonly sizes: SizeDistribution[] = Object.values(KIND_CODE).map(
    () => new SizeDistribution(SIZE_HORIZON_REQUESTS),
  );
  private readonly bursts = new BurstSizeEstimate(BURST_HORIZON);

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
    this.work = new Workspace(this.fleet, this.policy);
    this.one = Workspace.single(this.fleet, this.policy);
    const weightSum = names.reduce((sum, name) => sum + (this.policy.weights[name] ?? 0), 0);
    this.weighted = this.scorers
      .map((scorer) => ({ scorer, share: (this.policy.weights[scorer.name] ?? 0) / weightSum }))
      .filter((w) => w.share > 0);
    this.inverseResolution = 1 / this.policy.scoreResolution;
    this.builtInShares = this.scorers.every((s) => BUILT_IN_SCORERS.has(s)) ? this.sharesOfBuiltIns() : null;
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
    if (many) this.ranked.clear();
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
    this.bursts.beforeDecision(this.ledger.inFlightTotal);
    const choice = explain
      ? this.decide(request, this.ledger, nowMs, true)
      : this.decideRanked(request, nowMs);
    if (choice.outcome.placed) {
      this.reserveOn(this.ledger, request.key, choice, nowMs);
      this.updateBound(choice.slot, true);
      this.bursts.afterReservation(this.ledger.inFlightTotal);
    }
    // Learned after the decision: a decision knows the requests before it, never its own.
    this.sizes[KIND_CODE[ARRAY_KIND_FOR_VOLUME[request.kind]]]!.add(request.sizeBytes);
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
      const choice = this.decide(request, scratch, nowMs, true);
      if (choice.outcome.placed) this.reserveOn(scratch, request.key, choice, nowMs);
      outcomes[index] = choice.outcome;
    }
    return { feasible: outcomes.every((o) => o.placed), outcomes };
  }

  /** The ranked fast path (see the header); falls back to the exhaustive path to explain a rejection. */
  private decideRanked(request: PlacementRequest, nowMs: number): Choice {
    const fleet = this.fleet;
    const ledger = this.ledger;
    ledger.ensureSlots(fleet.slotCount);
    this.work.ensure(fleet.slotCount);
    const ctx = this.context(request, ledger, nowMs);
    const cacheKey = staticCacheKey(request);
    const staticSlots = this.staticSlots(ctx, cacheKey);
    const order = this.rankedOrder(cacheKey, staticSlots);
    const density = this.headroom.density(ctx.arrayKindCode);
    fnv64Update(fnv64Reset(this.keyHash), request.key);
    this.scanBurst = null;
    this.scanBurstKnown = false;
    this.scanPlan = null;
    this.scanPlanKnown = false;
    this.scanRanked(ctx, order, staticSlots, density, false);
    if (this.scanWinner < 0) return this.decide(request, ledger, nowMs, true);
    // Size-aware spreading and distribution-aware slots: a winner that keeps its slot(s) for a larger
    // volume hands this one to the best array that does not, if any (the same rule as decide's).
    if (this.rankedKeepsSlot(ctx, staticSlots, this.scanWinner)) {
      const { scanBest, scanWinner } = this;
      this.scanRanked(ctx, order, staticSlots, density, true);
      if (this.scanWinner < 0) {
        this.scanBest = scanBest;
        this.scanWinner = scanWinner;
      }
    }
    const slot = this.scanWinner;
    const physicalBytes = request.sizeBytes * fleet.physicalPerProvisionedByte[slot]!;
    const decision: PlacementDecision = {
      placed: true,
      requestKey: request.key,
      arrayId: fleet.ids[slot]!,
      arrayName: fleet.readings[slot]?.name ?? fleet.ids[slot]!,
      totalScore: this.scanBest / this.inverseResolution,
      reservation: { physicalBytes, iops: ctx.iops },
    };
    return { outcome: decision, slot, sizeBytes: request.sizeBytes, physicalBytes, iops: ctx.iops };
  }

  /**
   * One pass of the ranked path: the best admissible array by (rounded total, rendezvous weight,
   * smallest id), visiting arrays best bound first, into scanBest / scanWinner. Skips arrays over the
   * burst-spreading limit and, with `skipKept`, arrays that keep their slot(s) for a larger volume
   * (rankedKeepsSlot) too. State lives in fields: this runs 100,000s of times and allocates nothing.
   */
  private scanRanked(
    ctx: FilterContext,
    order: Int32Array,
    staticSlots: Int32Array,
    density: number,
    skipKept: boolean,
  ): void {
    const ceilingOf = this.rankedCeiling;
    const scale = this.inverseResolution;
    const inFlight = this.ledger.inFlight;
    const { idHashHi, idHashLo } = this.fleet;
    const spread = this.policy.spreadConcurrentPlacements;
    const keyHi = this.keyHash.hi;
    const keyLo = this.keyHash.lo;
    // Size-aware spreading's last slots are skipped too when the request is below the average in flight.
    const skipLastSlots =
      skipKept && this.scanBurst !== null && this.lastSlotRuleApplies(this.scanBurst, ctx.sizeBytes);
    // The limit is ≥ 2, so an array with fewer in flight than this can never be over it.
    const firstCheckedInFlight = skipLastSlots ? 1 : 2;
    let best = -Infinity;
    let winner = -1;
    let winnerHigh = -1; // the winner's rendezvous weight, high 32 bits (see rendezvousHigh)
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
      if (!this.admits(ctx, slot, projected)) continue;
      if (spread && inFlight[slot]! >= firstCheckedInFlight) {
        const burst = this.rankedBurst(ctx, staticSlots);
        if (burst && inFlight[slot]! + 1 > (skipLastSlots ? burst.limit - 1 : burst.limit)) continue;
      }
      if (
        skipKept &&
        this.scanPlan !== null &&
        this.mayKeepSlotsForLarger(slot) &&
        this.keepsSlotsForLarger(this.scanPlan, slot)
      )
        continue;
      const rounded = Math.round(this.totalOf(slot, projected, ctx, density) * scale);
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
    this.scanBest = best;
    this.scanWinner = winner;
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

  /** The burst-spreading figures of the decision being scanned, computed once on first need. */
  private rankedBurst(ctx: FilterContext, staticSlots: Int32Array): BurstSpreading | null {
    if (!this.scanBurstKnown) {
      this.scanBurst = this.burstSpreading(ctx, staticSlots, -1);
      this.scanBurstKnown = true;
    }
    return this.scanBurst;
  }

  /**
   * Whether the ranked winner keeps its slot(s) for a larger volume: size-aware spreading's last slot
   * or distribution-aware slots. Computes (once) what the second scan needs: scanBurst, scanPlan.
   */
  private rankedKeepsSlot(ctx: FilterContext, staticSlots: Int32Array, winner: number): boolean {
    let keeps = false;
    if (this.policy.sizeAwareSpreading && this.ledger.inFlight[winner]! >= 1) {
      const burst = this.rankedBurst(ctx, staticSlots);
      keeps = burst !== null && this.keepsLastSlot(this.ledger, winner, burst, ctx.sizeBytes);
    }
    if (this.mayKeepSlotsForLarger(winner)) {
      if (!this.scanPlanKnown) {
        this.scanPlan = this.slotPlan(ctx, staticSlots, -1);
        this.scanPlanKnown = true;
      }
      if (this.scanPlan !== null && this.keepsSlotsForLarger(this.scanPlan, winner)) keeps = true;
    }
    if (keeps) this.rankedBurst(ctx, staticSlots); // the second scan reads scanBurst
    return keeps;
  }

  /** Every dynamic filter, in PLACEMENT_FILTERS order (kind and labels are in the static list). */
  private admits(ctx: FilterContext, slot: number, projected: ProjectedArray): boolean {
    return (
      PinnedFilter.admits(ctx, slot, projected) &&
      CallerExclusionFilter.admits(ctx, slot, projected) &&
      HealthFilter.admits(ctx, slot, projected) &&
      StaleTelemetryFilter.admits(ctx, slot, projected) &&
      CapacityHeadroomFilter.admits(ctx, slot, projected) &&
      PerformanceHeadroomFilter.admits(ctx, slot, projected) &&
      LatencyFilter.admits(ctx, slot, projected) &&
      ObjectLimitFilter.admits(ctx, slot, projected)
    );
  }

  /**
   * Burst spreading for this decision: K = creates in flight on the request's candidate arrays plus
   * this one, E = feasible arrays, limit ⌈K ÷ E⌉ + 1, and the average size of the creates in flight;
   * null when spreading does not apply (turned off, nothing in flight, or a single feasible array).
   * `feasible` < 0 counts E here, and only up to K: once E ≥ K the limit is 2 whatever E is, so a
   * burst over a large fleet costs a handful of filter checks, not a pass over every array.
   */
  private burstSpreading(
    ctx: FilterContext,
    staticSlots: Int32Array,
    feasible: number,
  ): BurstSpreading | null {
    if (!this.policy.spreadConcurrentPlacements) return null;
    const ledger = ctx.ledger;
    let inFlight = 1;
    let inFlightSizeBytes = 0;
    for (let i = 0; i < staticSlots.length; i++) {
      const slot = staticSlots[i]!;
      inFlight += ledger.inFlight[slot]!;
      inFlightSizeBytes += ledger.inFlightSizeBytes[slot]!;
    }
    if (inFlight <= 1) return null;
    let eligible = feasible;
    if (eligible < 0) {
      eligible = 0;
      const scratch = this.scratchProjection; // this.projected holds the caller's array
      for (let i = 0; i < staticSlots.length && eligible < inFlight; i++) {
        const slot = staticSlots[i]!;
        if (this.admits(ctx, slot, projectArray(ctx, slot, scratch))) eligible++;
      }
    }
    if (eligible <= 1) return null;
    return {
      limit: Math.ceil(inFlight / Math.min(eligible, inFlight)) + 1,
      averageInFlightSizeBytes: inFlightSizeBytes / (inFlight - 1),
    };
  }

  /**
   * Distribution-aware slots for this decision: K = creates in flight on the request's candidates
   * plus this one, the burst expected to reach max(K, the typical burst learned), E = feasible arrays
   * (counted up to that size, as burstSpreading does); null when the rule does not apply (off,
   * nothing learned, a single feasible array).
   */
  private slotPlan(ctx: FilterContext, staticSlots: Int32Array, feasible: number): SlotPlan | null {
    if (!this.policy.spreadConcurrentPlacements || !this.policy.distributionAwareSlots) return null;
    const sizes = this.sizes[ctx.arrayKindCode]!;
    if (!(sizes.size > 0)) return null;
    const ledger = ctx.ledger;
    let k = 1;
    for (let i = 0; i < staticSlots.length; i++) k += ledger.inFlight[staticSlots[i]!]!;
    const burstSize = Math.max(k, this.bursts.typical);
    let eligible = feasible;
    if (eligible < 0) {
      eligible = 0;
      const scratch = this.scratchProjection; // this.projected holds the caller's array
      for (let i = 0; i < staticSlots.length && eligible < burstSize; i++) {
        const slot = staticSlots[i]!;
        if (this.admits(ctx, slot, projectArray(ctx, slot, scratch))) eligible++;
      }
    }
    if (eligible <= 1) return null;
    return {
      burstSize,
      remaining: burstSize - k + 1,
      finalLimit: Math.ceil(burstSize / Math.min(eligible, burstSize)) + 1,
      requestBucket: sizeBucket(ctx.sizeBytes),
      sizes,
      ledger,
    };
  }

  /**
   * A cheap necessary condition for keepsSlotsForLarger, with no plan: an array can only lag if its
   * room share times the creates still to come exceeds 1 (it has at least one slot left).
   */
  private mayKeepSlotsForLarger(slot: number): boolean {
    return (
      this.policy.distributionAwareSlots &&
      this.policy.spreadConcurrentPlacements &&
      this.headroom.roomShare(slot) * Math.max(1, this.bursts.typical) > 1
    );
  }

  /**
   * Distribution-aware slots: the lowest size bucket the array accepts in this burst (0: any). With
   * r of the `remaining` creates of the burst it may still take, and a share s of its kind's room,
   * it should carry s × remaining × the mean size; r volumes of average size carry less when
   * s × remaining > r, so it accepts only volumes above the threshold whose tail mean is
   * s × remaining ÷ r × the mean (or its top r ÷ remaining quantile, if that is lower): the classic
   * online rule of accepting above a quantile of the learned distribution.
   */
  private slotThreshold(plan: SlotPlan, slot: number): number {
    const slots = Math.min(plan.finalLimit - plan.ledger.inFlight[slot]!, plan.remaining);
    if (slots < 1) return 0;
    const need = this.headroom.roomShare(slot) * plan.remaining;
    if (need <= slots) return 0;
    return plan.sizes.thresholdBucket(need / slots, slots / plan.remaining);
  }

  /** Explanations of the candidates that keep their slots for larger volumes (distribution-aware). */
  private keptSlotMessages(plan: SlotPlan, count: number, ctx: FilterContext): Map<number, string> {
    const messages = new Map<number, string>();
    const gib = (bytes: number) => `${Number((bytes / 2 ** 30).toFixed(1))} GiB`;
    for (let j = 0; j < count; j++) {
      const slot = this.work.slot[j]!;
      const threshold = this.mayKeepSlotsForLarger(slot) ? this.slotThreshold(plan, slot) : 0;
      if (plan.requestBucket >= threshold) continue;
      const slots = Math.min(plan.finalLimit - plan.ledger.inFlight[slot]!, plan.remaining);
      messages.set(
        slot,
        `holds ${this.headroom.roomShare(slot).toFixed(2)} of its kind's room, more than its ${slots} ` +
          `remaining slot(s) of a burst of ${plan.burstSize} carry at the average request size ` +
          `(${gib(plan.sizes.meanBytes)}); it keeps them for volumes of at least ` +
          `${gib(bucketFloorBytes(threshold))} (this one is ${gib(ctx.sizeBytes)})`,
      );
    }
    return messages;
  }

  private keepsSlotsForLarger(plan: SlotPlan, slot: number): boolean {
    return plan.requestBucket < this.slotThreshold(plan, slot);
  }

  /** Size-aware spreading applies to this request: on, and it is below the average in flight. */
  private lastSlotRuleApplies(burst: BurstSpreading, sizeBytes: number): boolean {
    return this.policy.sizeAwareSpreading && sizeBytes < burst.averageInFlightSizeBytes;
  }

  /**
   * Size-aware spreading: the array would take its last allowed volume of the burst, and this one is
   * smaller than the average in flight, so the slot is better kept for a larger one.
   */
  private keepsLastSlot(
    ledger: PlacementLedger,
    slot: number,
    burst: BurstSpreading,
    sizeBytes: number,
  ): boolean {
    return (
      this.policy.sizeAwareSpreading &&
      ledger.inFlight[slot]! + 1 >= burst.limit &&
      sizeBytes < burst.averageInFlightSizeBytes
    );
  }

  private sharesOfBuiltIns(): BuiltInShares {
    const shares = { capacity: 0, performance: 0, bottleneck: 0, latency: 0, objects: 0, fit: 0 };
    for (const { scorer, share } of this.weighted) shares[BUILT_IN_SCORERS.get(scorer)!] = share;
    return shares;
  }

  /**
   * Σ share × score of one projected array: fused for the built-ins, else through `one`. `density`
   * is the fleet's headroom density for the request's kind (see FleetHeadroom).
   */
  private totalOf(slot: number, projected: ProjectedArray, ctx: FilterContext, density: number): number {
    const fleet = this.fleet;
    if (this.builtInShares) {
      const shares = this.builtInShares;
      let fit = 100;
      if (shares.fit > 0 && ctx.sizeBytes > 0) {
        const usable = fleet.usableBytes[slot]!;
        const saturation = fleet.saturationIops[slot]!;
        fit = fitScore(
          projected.capacityUtilisation,
          projected.load,
          (ctx.sizeBytes * fleet.physicalPerProvisionedByte[slot]!) / usable,
          ctx.iops / saturation,
          relativeDensityOf(saturation, usable, density),
          this.policy.capacityThreshold,
          this.policy.performanceThreshold,
        );
      }
      return builtInTotal(
        shares,
        projected.capacityUtilisation,
        projected.load,
        this.latencyScores[slot]!,
        volumeFill(projected.volumeCount, fleet.volumeCap[slot]!),
        fit,
      );
    }
    const one = this.one;
    one.set(0, slot, projected, ctx);
    one.fleetHeadroomDensity = density;
    let total = 0;
    for (const { scorer, share } of this.weighted) {
      scorer.score(one, 1, one.scores);
      total += share * one.scores[0]!;
    }
    return total;
  }

  /**
   * Recomputes a slot's bound and headroom after its reading or reservations changed and, when
   * `resort`, moves it in every ranked list.
   */
  private updateBound(slot: number, resort: boolean): void {
    this.growBounds();
    const fleet = this.fleet;
    let value = -1;
    this.latencyScores[slot] = latencyScore(fleet.latencyUsec[slot]!);
    if (fleet.present[slot] === 1 && fleet.status[slot] === ArrayStatus.OK) {
      const empty = this.context(EMPTY_REQUEST, this.ledger, 0);
      const projected = projectArray(empty, slot, this.projected, 0);
      value = this.totalOf(slot, projected, empty, 0);
      const capacityHeadroom =
        (this.policy.capacityThreshold - projected.capacityUtilisation) * fleet.usableBytes[slot]!;
      this.headroom.set(
        slot,
        fleet.kind[slot]!,
        capacityHeadroom,
        (this.policy.performanceThreshold - projected.load) * fleet.saturationIops[slot]!,
        capacityHeadroom / fleet.physicalPerProvisionedByte[slot]!,
      );
    } else {
      this.headroom.set(slot, -1, 0, 0);
    }
    this.bound[slot] = value;
    if (resort && this.rankedVersion === fleet.structureVersion) {
      for (const list of this.ranked.values()) {
        if (list.member[slot] === 1) moveInRanking(list.order, this.rankedBound, slot, value);
      }
    }
    this.rankedBound[slot] = value;
    this.rankedCeiling[slot] = Math.round(value * this.inverseResolution);
  }

  private growBounds(): void {
    const n = this.fleet.slotCount;
    if (this.bound.length >= n) return;
    const length = Math.max(16, n, this.bound.length * 2);
    const bound = new Float64Array(length);
    bound.set(this.bound);
    const ranked = new Float64Array(length);
    ranked.set(this.rankedBound);
    const latency = new Float64Array(length);
    latency.set(this.latencyScores);
    const ceiling = new Float64Array(length);
    ceiling.set(this.rankedCeiling);
    this.bound = bound;
    this.rankedBound = ranked;
    this.latencyScores = latency;
    this.rankedCeiling = ceiling;
  }

  /** The static candidates of cacheKey sorted by bound; rebuilt when the fleet's shape changed. */
  private rankedOrder(cacheKey: string, staticSlots: Int32Array): Int32Array {
    if (this.rankedVersion !== this.fleet.structureVersion) {
      this.ranked.clear();
      this.rankedVersion = this.fleet.structureVersion;
    }
    let list = this.ranked.get(cacheKey);
    if (!list) {
      this.growBounds();
      if (this.ranked.size === 0) {
        // every list sorts by the same values
        this.rankedBound.set(this.bound);
        const scale = this.inverseResolution;
        for (let slot = 0; slot < this.fleet.slotCount; slot++) {
          this.rankedCeiling[slot] = Math.round(this.rankedBound[slot]! * scale);
        }
      }
      const bound = this.rankedBound;
      const order = Int32Array.from(staticSlots).sort((a, b) => bound[b]! - bound[a]! || a - b);
      const member = new Uint8Array(this.fleet.slotCount);
      for (let i = 0; i < order.length; i++) member[order[i]!] = 1;
      list = { order, member };
      this.ranked.set(cacheKey, list);
    }
    return list.order;
  }

  private staticSlots(ctx: FilterContext, cacheKey: string): Int32Array {
    const cached = this.fleet.cachedCandidates(cacheKey); // the common case allocates no closure
    if (cached) return cached;
    const unused = this.projected; // kind and labels do not look at the projection
    return this.fleet.staticCandidates(
      cacheKey,
      (slot) => KindFilter.admits(ctx, slot, unused) && LabelFilter.admits(ctx, slot, unused),
    );
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

  /** Highest rendezvous hash among tied slots; equal hashes (never seen) go to the smaller id. */
  private rendezvousWinner(requestKey: string, slots: Int32Array, count: number): number {
    const key = fnv64Of(requestKey);
    const { ids, idHashHi, idHashLo } = this.fleet;
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

  private decide(
    request: PlacementRequest,
    ledger: PlacementLedger,
    nowMs: number,
    explain: boolean,
  ): Choice {
    const fleet = this.fleet;
    const work = this.work;
    ledger.ensureSlots(fleet.slotCount);
    work.ensure(fleet.slotCount);
    const ctx = this.context(request, ledger, nowMs);
    const staticSlots = this.staticSlots(ctx, staticCacheKey(request));
    // The real ledger's headroom, also for a plan-time batch on a scratch ledger: fit's reference
    // density then ignores the batch's own reservations, a second-order effect on a reference value.
    work.fleetHeadroomDensity = this.headroom.density(ctx.arrayKindCode);

    // Dynamic filters, in PLACEMENT_FILTERS order, writing the projected columns of survivors.
    let feasible = 0;
    for (let i = 0; i < staticSlots.length; i++) {
      const slot = staticSlots[i]!;
      const projected = projectArray(ctx, slot, this.projected);
      if (!this.admits(ctx, slot, projected)) continue;
      work.set(feasible, slot, projected, ctx);
      feasible++;
    }
    if (feasible === 0) {
      const explanation = buildExplanation({
        ctx,
        columns: work,
        count: 0,
        deferredSlots: [],
        savedSlots: [],
        averageInFlightSizeBytes: 0,
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

    const burst = this.burstSpreading(ctx, staticSlots, feasible);
    const deferred = burst ? this.spreadConcurrent(ledger, feasible, burst.limit, explain) : [];
    let count = feasible - deferred.length;
    const scoresByScorer = this.score(count, explain);
    let { winner, tieBreak } = this.pick(request.key, count);
    let saved: number[] = [];
    // Size-aware spreading and distribution-aware slots: a winner that keeps its slot(s) for a larger
    // volume hands this one to the best array that does not, if there is one.
    const lastSlots = burst !== null && this.lastSlotRuleApplies(burst, request.sizeBytes);
    const plan = this.mayKeepSlotsForLarger(work.slot[winner]!)
      ? this.slotPlan(ctx, staticSlots, feasible)
      : null;
    const keeps = (slot: number) =>
      (lastSlots && ledger.inFlight[slot]! + 1 >= burst.limit) ||
      (plan !== null && this.mayKeepSlotsForLarger(slot) && this.keepsSlotsForLarger(plan, slot));
    let keptFor: Map<number, string> | undefined;
    if (keeps(work.slot[winner]!)) {
      let others = 0;
      for (let j = 0; j < count; j++) if (!keeps(work.slot[j]!)) others++;
      if (others > 0) {
        if (explain && plan) keptFor = this.keptSlotMessages(plan, count, ctx);
        saved = this.keepCandidates(count, (j) => !keeps(work.slot[j]!), scoresByScorer);
        count = others;
        ({ winner, tieBreak } = this.pick(request.key, count));
      }
    }

    const slot = work.slot[winner]!;
    const physicalBytes = request.sizeBytes * fleet.physicalPerProvisionedByte[slot]!;
    const totalScore = this.roundedTotal(winner);
    const explanation = explain
      ? buildExplanation({
          ctx,
          columns: work,
          count,
          deferredSlots: deferred,
          savedSlots: saved,
          ...(keptFor ? { savedMessages: keptFor } : {}),
          averageInFlightSizeBytes: burst?.averageInFlightSizeBytes ?? 0,
          scorerNames: this.weighted.map((w) => w.scorer.name),
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
      totalScore,
      reservation: { physicalBytes, iops: ctx.iops },
      ...(explanation ? { explanation } : {}),
    };
    return { outcome: decision, slot, sizeBytes: request.sizeBytes, physicalBytes, iops: ctx.iops };
  }

  /**
   * Burst spreading: with K creates in flight on this request's candidate arrays (this one included)
   * and E feasible arrays, skip arrays already holding ⌈K ÷ E⌉ + 1 or more of them, so no burst puts
   * more than ⌈K ÷ E⌉ + 1 volumes on one array. At least one array always survives: if all E held
   * ⌈K ÷ E⌉ + 1 there would be more than K − 1 in flight. Returns the skipped slots (for the
   * explanation, when asked) after compacting the survivors to the front.
   */
  private spreadConcurrent(
    ledger: PlacementLedger,
    feasible: number,
    limit: number,
    explain: boolean,
  ): number[] {
    const work = this.work;
    const deferred: number[] = [];
    let kept = 0;
    for (let j = 0; j < feasible; j++) {
      const slot = work.slot[j]!;
      if (ledger.inFlight[slot]! + 1 > limit) {
        deferred.push(explain ? slot : -1);
        continue;
      }
      if (kept !== j) work.move(j, kept);
      kept++;
    }
    return deferred;
  }

  /**
   * Keeps the scored candidates for which `keep(j)` holds, compacted to the front with their totals
   * and per-scorer scores; returns the slots dropped.
   */
  private keepCandidates(
    count: number,
    keep: (j: number) => boolean,
    scoresByScorer: readonly Float64Array[],
  ): number[] {
    const work = this.work;
    const dropped: number[] = [];
    let kept = 0;
    for (let j = 0; j < count; j++) {
      if (!keep(j)) {
        dropped.push(work.slot[j]!);
        continue;
      }
      if (kept !== j) {
        work.move(j, kept);
        work.totals[kept] = work.totals[j]!;
        for (const scores of scoresByScorer) scores[kept] = scores[j]!;
      }
      kept++;
    }
    return dropped;
  }

  /** totals[j] = Σ share × score; returns each scorer's scores when an explanation needs them. */
  private score(count: number, keepPerScorer: boolean): Float64Array[] {
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

  private roundedTotal(j: number): number {
    return Math.round(this.work.totals[j]! * this.inverseResolution) / this.inverseResolution;
  }

  /**
   * Highest rounded total; among ties the highest rendezvous hash of (request key, array id); among
   * equal hashes (never seen in practice) the smallest array id.
   */
  private pick(requestKey: string, count: number): { winner: number; tieBreak: TieBreak } {
    const work = this.work;
    const totals = work.totals;
    const scale = this.inverseResolution;
    let best = -Infinity;
    let tiedCount = 0;
    for (let j = 0; j < count; j++) {
      const rounded = Math.round(totals[j]! * scale);
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
    const tiedSlots = new Int32Array(tiedCount);
    for (let t = 0; t < tiedCount; t++) tiedSlots[t] = work.slot[work.tied[t]!]!;
    const winnerSlot = this.rendezvousWinner(requestKey, tiedSlots, tiedCount);
    const key = fnv64Of(requestKey);
    const weightOf = (slot: number) =>
      rendezvousWeight(key.hi, key.lo, this.fleet.idHashHi[slot]!, this.fleet.idHashLo[slot]!);
    const hashTie = tiedSlots.some((slot) => slot !== winnerSlot && weightOf(slot) === weightOf(winnerSlot));
    return {
      winner: work.tied[tiedSlots.indexOf(winnerSlot)]!,
      tieBreak: hashTie ? 'array-id' : 'rendezvous-hash',
    };
  }
}

/** Volumes after placement ÷ usable limit; 0 when the limit is unknown (Infinity). */
function volumeFill(volumeCount: number, volumeCap: number): number {
  return volumeCap === Infinity ? 0 : volumeCount / volumeCap;
}

const EMPTY_REQUEST: PlacementRequest = { key: '(bound)', kind: 'block', sizeBytes: 0, labelSelector: {} };

/** a comes before b in a ranked list: higher bound first, then lower slot. */
function ranksBefore(a: number, boundA: number, b: number, boundB: number): boolean {
  return boundA > boundB || (boundA === boundB && a < b);
}

/** First index in order[lo, hi) whose element does not rank before (slot, value). */
function rankSearch(
  order: Int32Array,
  rankedBound: Float64Array,
  slot: number,
  value: number,
  lo: number,
  hi: number,
): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const other = order[mid]!;
    if (ranksBefore(other, rankedBound[other]!, slot, value)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Moves `slot` within `order` (sorted by rankedBound desc, slot asc) to where `value` belongs: finds
 * its place by binary search on its old value, then shifts the span between old and new place.
 */
function moveInRanking(order: Int32Array, rankedBound: Float64Array, slot: number, value: number): void {
  const from = rankSearch(order, rankedBound, slot, rankedBound[slot]!, 0, order.length);
  if (order[from] !== slot) return; // not in this list
  const previous = from > 0 ? order[from - 1]! : -1;
  if (previous >= 0 && ranksBefore(slot, value, previous, rankedBound[previous]!)) {
    const to = rankSearch(order, rankedBound, slot, value, 0, from);
    order.copyWithin(to + 1, to, from);
    order[to] = slot;
  } else {
    const to = rankSearch(order, rankedBound, slot, value, from + 1, order.length) - 1;
    order.copyWithin(from, from + 1, to + 1);
    order[to] = slot;
  }
}

/** Code-unit order: the same on every platform and locale. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function staticCacheKey(request: PlacementRequest): string {
  // The common selectors ({} or one label) without allocating an array of keys.
  let only: string | undefined;
  let count = 0;
  for (const k in request.labelSelector) {
    if (!Object.prototype.hasOwnProperty.call(request.labelSelector, k)) continue;
    only = k;
    if (++count > 1) break;
  }
  if (count === 0) return request.kind;
  if (count === 1) return `${request.kind}\u0000${only!}\u0001${request.labelSelector[only!]}`;
  const keys = Object.keys(request.labelSelector);
  keys.sort();
  let key = request.kind;
  for (const k of keys) key += `\u0000${k}\u0001${request.labelSelector[k]}`;
  return key;
}

function validateRequest(request: PlacementRequest): void {
  const fail = (field: string, detail: string): never => {
    throw new InvalidPlacementRequestError(String(request.key), field, detail);
  };
  if (typeof request.key !== 'string' || request.key.length === 0) fail('key', 'must be a non-empty string');
  if (request.kind !== 'block' && request.kind !== 'file')
    fail('kind', `must be "block" or "file", got ${String(request.kind)}`);
  if (
    typeof request.sizeBytes !== 'number' ||
    !Number.isFinite(request.sizeBytes) ||
    request.sizeBytes <= 0
  ) {
    fail('sizeBytes', `must be a finite number of bytes > 0, got ${String(request.sizeBytes)}`);
  }
  if (typeof request.labelSelector !== 'object' || request.labelSelector === null)
    fail('labelSelector', 'must be an object');
  for (const k in request.labelSelector) {
    if (!Object.prototype.hasOwnProperty.call(request.labelSelector, k)) continue;
    if (typeof request.labelSelector[k] !== 'string') fail(`labelSelector.${k}`, 'must be a string');
  }
  const iops = request.expectedIops;
  if (iops !== undefined && (typeof iops !== 'number' || !Number.isFinite(iops) || iops < 0)) {
    fail('expectedIops', `must be a finite number >= 0, got ${String(iops)}`);
  }
}

// Re-exported for callers that build explanations of their own.
export type { PlacementExplanation };
