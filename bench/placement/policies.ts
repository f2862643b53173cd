// The policies under test: the engine (with and without its ledger) and the baselines of
// placement-anchors.md. Every baseline sees the same telemetry the engine sees (readings refreshed
// every 30–60 s) and measures capacity with the same formulas (src/fleet/placement/demand.ts); they
// differ in how they choose and in what they count between readings:
//
//  random        uniform among arrays feasible on the last readings; counts nothing in flight
//  round-robin   next feasible array after the last one chosen (id order); counts nothing
//  cinder        Cinder's defaults: AZ + capability (kind) + CapacityFilter, no performance filter;
//                CapacityWeigher = most absolute free space, winner takes all, ties to the first
//                array; consume_from_volume charges the choice until the array's next report
//  trident       matching pools (kind, labels, health) shuffled, then the first whose live capacity
//                check passes (Trident checks aggregate usage at create time); no performance view
//  k8s-least-allocated  kube-scheduler NodeResourcesFit filter (capacity and load) and LeastAllocated
//                score: integer mean of (1 − u')·100 and (1 − load')·100; random among ties; assumed
//                (in-flight) requests count until a reading shows them, as the scheduler cache does
//  engine        PlacementEngine, defaults, explain: false (the apply-time path)
//  engine-no-ledger  the same engine releasing every reservation at once (ablation)
//  engine-no-spread  the engine with its herding guard (spreadConcurrentPlacements) off (ablation)
//  engine-old-capacity  the engine under the capacity rule it replaced: every provisioned byte counted
//                as written, baseline max(physical used, provisioned ÷ DRR) (readings rewritten so,
//                expectedFillRatio 1); identical to the engine on the fully written fleets

import type {
  ArrayCandidate,
  PlacementEngineOptions,
  PlacementPolicy,
  PlacementPolicyOverrides,
  PlacementRequest,
} from '../../src/fleet/placement';
import {
  ARRAY_KIND_FOR_VOLUME,
  DEFAULT_PLACEMENT_POLICY,
  DEFAULT_SCORERS,
  PlacementEngine,
  baselineLoad,
  baselinePhysicalBytes,
  expectedIops,
  physicalBytesPerProvisionedByte,
} from '../../src/fleet/placement';
import type { Random } from './prng';
import { RawBottleneckScorer, ZoneReserveCapacityScorer } from './variants';

export interface SimPolicy {
  readonly name: string;
  observe(readings: readonly ArrayCandidate[], nowMs: number): void;
  /**
   * Decides the same request independently, without side effects: another random stream, arrays
   * presented in reverse order, a separately built engine. Called just before choose().
   */
  probe(request: PlacementRequest, nowMs: number): string | null;
  /** Chooses an array id, or null to reject, and records whatever the policy records. */
  choose(request: PlacementRequest, nowMs: number): string | null;
  /** How many arrays the policy held eligible (passing all its filters) at its last choose(). */
  eligibleAtLastChoice(): number;
  created(key: string, arrayId: string, nowMs: number): void;
  createFailed(key: string, arrayId: string, nowMs: number): void;
  deleted(key: string, arrayId: string, nowMs: number): void;
}

/** Creates one policy instance per run; `liveFits` is the truth check Trident makes at create. */
export type PolicyFactory = (rng: Random, liveFits: LiveCapacityCheck) => SimPolicy;
export type LiveCapacityCheck = (arrayId: string, request: PlacementRequest) => boolean;

// ---------------------------------------------------------------------------------------------
// The engine

class EnginePolicy implements SimPolicy {
  private readonly engine: PlacementEngine;
  private readonly shadow: PlacementEngine;
  private shadowChoice: string | null = null;
  /** Arrays feasible in the engine's view at the last probe: scored, or skipped by burst spreading. */
  private shadowEligible = 0;
  /** Placed requests by key, to tell the engine what a deleted volume was. */
  private readonly placed = new Map<string, PlacementRequest>();

  constructor(
    readonly name: string,
    private readonly keepLedger: boolean,
    overrides: PlacementPolicyOverrides = {},
    private readonly view: (reading: ArrayCandidate) => ArrayCandidate = (r) => r,
    options: Omit<PlacementEngineOptions, 'policy'> = {},
  ) {
    this.engine = new PlacementEngine({ ...options, policy: overrides });
    this.shadow = new PlacementEngine({ ...options, policy: overrides });
  }

  observe(fresh: readonly ArrayCandidate[], nowMs: number): void {
    const readings = fresh.map(this.view);
    this.engine.observe(readings, nowMs);
    this.shadow.observe([...readings].reverse(), nowMs);
  }

  probe(request: PlacementRequest, nowMs: number): string | null {
    // The shadow takes the exhaustive path (explanations on) over arrays it met in reverse order.
    const outcome = this.shadow.chooseAndReserve(request, { nowMs, explain: true });
    this.shadowChoice = outcome.placed ? outcome.arrayId : null;
    const explanation = outcome.explanation;
    this.shadowEligible = explanation
      ? explanation.candidates.length + explanation.excluded.filter((e) => e.reason === 'BURST_SPREAD').length
      : 0;
    return this.shadowChoice;
  }

  eligibleAtLastChoice(): number {
    return this.shadowEligible; // the shadow decides on the same state just before the engine
  }

  choose(request: PlacementRequest, nowMs: number): string | null {
    const outcome = this.engine.chooseAndReserve(request, { nowMs, explain: false });
    const chosen = outcome.placed ? outcome.arrayId : null;
    if (chosen !== this.shadowChoice) this.resyncShadow(request, chosen, nowMs);
    if (chosen !== null) this.placed.set(request.key, request);
    if (chosen !== null && !this.keepLedger) {
      this.engine.release(request.key);
      this.shadow.release(request.key);
    }
    return chosen;
  }

  created(key: string, _arrayId: string, nowMs: number): void {
    this.engine.confirm(key, nowMs);
    this.shadow.confirm(key, nowMs);
  }

  createFailed(key: string): void {
    this.placed.delete(key);
    this.engine.release(key);
    this.shadow.release(key);
  }

  deleted(key: string, arrayId: string, nowMs: number): void {
    const request = this.placed.get(key);
    this.placed.delete(key);
    if (!request) return;
    // The provider deletes the volume itself, so it can tell the engine, as it would in production.
    const volume = { arrayId, sizeBytes: request.sizeBytes, expectedIops: request.expectedIops };
    this.engine.recordDeletion(key, volume, nowMs);
    this.shadow.recordDeletion(key, volume, nowMs);
  }

  /** Keeps the shadow's ledger equal to the engine's after a disagreement (counted by the caller). */
  private resyncShadow(request: PlacementRequest, chosen: string | null, nowMs: number): void {
    this.shadow.release(request.key);
    if (chosen !== null)
      this.shadow.chooseAndReserve({ ...request, pinnedArrayId: chosen }, { nowMs, explain: false });
  }
}

export const enginePolicy: PolicyFactory = () => new EnginePolicy('engine', true);
export const engineWithoutLedgerPolicy: PolicyFactory = () => new EnginePolicy('engine-no-ledger', false);
export const engineWithoutSpreadPolicy: PolicyFactory = () =>
  new EnginePolicy('engine-no-spread', true, { spreadConcurrentPlacements: false });
export const engineRawBottleneckPolicy: PolicyFactory = () =>
  new EnginePolicy('engine-raw-bottleneck', true, {}, undefined, {
    scorers: DEFAULT_SCORERS.map((s) => (s.name === 'bottleneck' ? RawBottleneckScorer : s)),
  });
export const engineZoneReservePolicy: PolicyFactory = () =>
  new EnginePolicy('engine-zone-reserve', true, {}, undefined, {
    scorers: DEFAULT_SCORERS.map((s) => (s.name === 'capacity' ? ZoneReserveCapacityScorer : s)),
  });

/** The capacity rule before the thin-provisioning model: max(physical, provisioned ÷ DRR), fill 1. */
function asFullyWritten(reading: ArrayCandidate): ArrayCandidate {
  const { physicalUsedBytes, provisionedBytes, dataReductionRatio } = reading.capacity;
  const drr = Number.isFinite(dataReductionRatio)
    ? Math.min(Math.max(dataReductionRatio, 1), DEFAULT_PLACEMENT_POLICY.maxDataReductionRatio)
    : DEFAULT_PLACEMENT_POLICY.defaultDataReductionRatio;
  return {
    ...reading,
    capacity: {
      ...reading.capacity,
      physicalUsedBytes: Math.max(physicalUsedBytes, provisionedBytes / drr),
      writtenBytes: provisionedBytes,
    },
  };
}
export const engineOldCapacityPolicy: PolicyFactory = () =>
  new EnginePolicy('engine-old-capacity', true, { expectedFillRatio: 1 }, asFullyWritten);

// ---------------------------------------------------------------------------------------------
// The baselines' shared view: last readings plus optional in-flight accounting

type Accounting = 'none' | 'until-next-report' | 'until-reflected';

interface InFlight {
  readonly arrayId: string;
  readonly provisionedBytes: number;
  readonly iops: number;
  readonly chargedAtMs: number;
  createdAtMs: number | null;
}

interface Projection {
  readonly reading: ArrayCandidate;
  /** Physical utilisation after the request, in-flight included. */
  readonly capacityUtilisation: number;
  readonly load: number;
  /** (usable − used) × DRR before the request: Cinder's thin virtual free space with MOSR = DRR. */
  readonly freeEffectiveBytes: number;
}

abstract class BaselinePolicy implements SimPolicy {
  protected readonly readings = new Map<string, ArrayCandidate>();
  protected ids: string[] = [];
  private readonly inFlight = new Map<string, InFlight>();
  protected readonly policy: PlacementPolicy = DEFAULT_PLACEMENT_POLICY;
  private lastEligible = 0;
  private readonly probeRng: Random;

  constructor(
    readonly name: string,
    protected readonly rng: Random,
    private readonly accounting: Accounting,
    private readonly performanceAware: boolean,
  ) {
    this.probeRng = rng.fork();
  }

  /** Chooses among `candidates` (feasible, in the order given); pure but for the rng. */
  protected abstract select(request: PlacementRequest, candidates: Projection[], rng: Random): string | null;

  /** Called with the committed choice (e.g. to move a cursor). */
  protected committed(_arrayId: string): void {}

  observe(readings: readonly ArrayCandidate[], nowMs: number): void {
    for (const reading of readings) {
      if (!this.readings.has(reading.id)) this.ids = [...this.ids, reading.id].sort();
      this.readings.set(reading.id, reading);
      for (const [key, charge] of this.inFlight) {
        if (charge.arrayId !== reading.id) continue;
        const reflected =
          this.accounting === 'until-next-report'
            ? reading.observedAtMs > charge.chargedAtMs
            : charge.createdAtMs !== null && reading.observedAtMs >= charge.createdAtMs;
        if (reflected) this.inFlight.delete(key);
      }
    }
    void nowMs;
  }

  probe(request: PlacementRequest, nowMs: number): string | null {
    return this.select(request, this.candidates(request, nowMs).reverse(), this.probeRng);
  }

  eligibleAtLastChoice(): number {
    return this.lastEligible;
  }

  choose(request: PlacementRequest, nowMs: number): string | null {
    const candidates = this.candidates(request, nowMs);
    this.lastEligible = candidates.length;
    const chosen = this.select(request, candidates, this.rng);
    if (chosen === null) return null;
    this.committed(chosen);
    if (this.accounting !== 'none') {
      this.inFlight.set(request.key, {
        arrayId: chosen,
        provisionedBytes: request.sizeBytes,
        iops: expectedIops(request, this.policy),
        chargedAtMs: nowMs,
        createdAtMs: null,
      });
    }
    return chosen;
  }

  created(key: string, _arrayId: string, nowMs: number): void {
    const charge = this.inFlight.get(key);
    if (charge) charge.createdAtMs = nowMs;
  }

  createFailed(key: string): void {
    this.inFlight.delete(key);
  }

  deleted(key: string): void {
    this.inFlight.delete(key);
  }

  /** Arrays passing the policy's filters on its view, in id order. */
  protected candidates(request: PlacementRequest, nowMs: number): Projection[] {
    const wantedKind = ARRAY_KIND_FOR_VOLUME[request.kind];
    const iops = expectedIops(request, this.policy);
    const excluded = request.excludedArrayIds ?? [];
    const chargedBytes = new Map<string, number>();
    const chargedIops = new Map<string, number>();
    for (const charge of this.inFlight.values()) {
      const reading = this.readings.get(charge.arrayId);
      if (!reading) continue;
      const bytes = charge.provisionedBytes * physicalBytesPerProvisionedByte(reading, this.policy);
      chargedBytes.set(charge.arrayId, (chargedBytes.get(charge.arrayId) ?? 0) + bytes);
      chargedIops.set(charge.arrayId, (chargedIops.get(charge.arrayId) ?? 0) + charge.iops);
    }
    const result: Projection[] = [];
    for (const id of this.ids) {
      const reading = this.readings.get(id)!;
      if (reading.kind !== wantedKind || excluded.includes(id)) continue;
      if (!Object.entries(request.labelSelector).every(([k, v]) => reading.labels[k] === v)) continue;
      if (!reading.health.reachable || nowMs - reading.observedAtMs > this.policy.maxTelemetryAgeMs) continue;
      const usedBefore = baselinePhysicalBytes(reading) + (chargedBytes.get(id) ?? 0);
      const demand = request.sizeBytes * physicalBytesPerProvisionedByte(reading, this.policy);
      const capacityUtilisation = (usedBefore + demand) / reading.capacity.usableBytes;
      const loadAfter =
        baselineLoad(reading) + ((chargedIops.get(id) ?? 0) + iops) / reading.performance.saturationIops;
      if (capacityUtilisation > this.policy.capacityThreshold) continue;
      if (this.performanceAware && loadAfter > this.policy.performanceThreshold) continue;
      const drr = request.sizeBytes / Math.max(demand, 1e-9);
      result.push({
        reading,
        capacityUtilisation,
        load: loadAfter,
        freeEffectiveBytes: (reading.capacity.usableBytes - usedBefore) * drr,
      });
    }
    return result;
  }
}

class RandomPolicy extends BaselinePolicy {
  protected select(_r: PlacementRequest, candidates: Projection[], rng: Random): string | null {
    return candidates.length === 0 ? null : rng.pick(candidates).reading.id;
  }
}

class RoundRobinPolicy extends BaselinePolicy {
  private last = '';

  protected select(_r: PlacementRequest, candidates: Projection[]): string | null {
    if (candidates.length === 0) return null;
    const ids = candidates.map((c) => c.reading.id).sort();
    return ids.find((id) => id > this.last) ?? ids[0]!;
  }

  protected override committed(arrayId: string): void {
    this.last = arrayId;
  }
}

class CinderPolicy extends BaselinePolicy {
  protected select(_r: PlacementRequest, candidates: Projection[]): string | null {
    // Stable sort on weight: ties keep the host manager's order, which is the roster's (id) order.
    const ordered = [...candidates].sort((a, b) =>
      a.reading.id < b.reading.id ? -1 : a.reading.id > b.reading.id ? 1 : 0,
    );
    let best: Projection | null = null;
    for (const c of ordered) if (!best || c.freeEffectiveBytes > best.freeEffectiveBytes) best = c;
    return best?.reading.id ?? null;
  }
}

class TridentPolicy extends BaselinePolicy {
  constructor(
    rng: Random,
    private readonly liveFits: LiveCapacityCheck,
  ) {
    super('trident', rng, 'none', false);
  }

  protected override candidates(request: PlacementRequest, nowMs: number): Projection[] {
    // Trident matches pools on attributes and labels only; capacity is checked live at create time.
    const wantedKind = ARRAY_KIND_FOR_VOLUME[request.kind];
    const excluded = request.excludedArrayIds ?? [];
    return this.ids
      .map((id) => this.readings.get(id)!)
      .filter(
        (r) =>
          r.kind === wantedKind &&
          !excluded.includes(r.id) &&
          r.health.reachable &&
          nowMs - r.observedAtMs <= this.policy.maxTelemetryAgeMs &&
          Object.entries(request.labelSelector).every(([k, v]) => r.labels[k] === v),
      )
      .map((reading) => ({ reading, capacityUtilisation: 0, load: 0, freeEffectiveBytes: 0 }));
  }

  protected select(request: PlacementRequest, candidates: Projection[], rng: Random): string | null {
    const shuffled = rng.shuffle([...candidates].sort((a, b) => (a.reading.id < b.reading.id ? -1 : 1)));
    return shuffled.find((c) => this.liveFits(c.reading.id, request))?.reading.id ?? null;
  }
}

class LeastAllocatedPolicy extends BaselinePolicy {
  protected select(_r: PlacementRequest, candidates: Projection[], rng: Random): string | null {
    let best = -1;
    let chosen: string | null = null;
    let ties = 0;
    for (const c of candidates) {
      const capacity = Math.floor((1 - c.capacityUtilisation) * 100);
      const performance = Math.floor((1 - c.load) * 100);
      const score = Math.floor((capacity + performance) / 2);
      if (score > best) {
        best = score;
        chosen = c.reading.id;
        ties = 1;
      } else if (score === best && rng.next() < 1 / ++ties) {
        chosen = c.reading.id; // reservoir sampling, as selectHost does
      }
    }
    return chosen;
  }
}

export const randomPolicy: PolicyFactory = (rng) => new RandomPolicy('random', rng, 'none', true);
export const roundRobinPolicy: PolicyFactory = (rng) =>
  new RoundRobinPolicy('round-robin', rng, 'none', true);
export const cinderPolicy: PolicyFactory = (rng) =>
  new CinderPolicy('cinder', rng, 'until-next-report', false);
export const tridentPolicy: PolicyFactory = (rng, liveFits) => new TridentPolicy(rng, liveFits);
export const leastAllocatedPolicy: PolicyFactory = (rng) =>
  new LeastAllocatedPolicy('k8s-least-allocated', rng, 'until-reflected', true);

export const POLICIES: readonly { readonly name: string; readonly make: PolicyFactory }[] = [
  { name: 'random', make: randomPolicy },
  { name: 'round-robin', make: roundRobinPolicy },
  { name: 'cinder', make: cinderPolicy },
  { name: 'trident', make: tridentPolicy },
  { name: 'k8s-least-allocated', make: leastAllocatedPolicy },
  { name: 'engine-no-ledger', make: engineWithoutLedgerPolicy },
  { name: 'engine-no-spread', make: engineWithoutSpreadPolicy },
  { name: 'engine-raw-bottleneck', make: engineRawBottleneckPolicy },
  { name: 'engine-zone-reserve', make: engineZoneReservePolicy },
  { name: 'engine-old-capacity', make: engineOldCapacityPolicy },
  { name: 'engine', make: enginePolicy },
];
