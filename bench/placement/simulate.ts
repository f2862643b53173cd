// The discrete-event simulation of one policy on one workload and one seed.
//
// Time advances from event to event: bursts of creates, create completions, deletes, and each
// array's telemetry refresh every 30–60 s. The request stream, the fleet and the refresh times
// depend only on the seed, never on the policy, so every policy meets the same requests.
//
// Offered load = (foreign data on healthy arrays + provisioned size of every live request, placed or
// rejected, less what sits on a failed array) ÷ (capacity threshold × effective capacity of the
// healthy arrays). 100% is the most any policy could accept; the run stops when it is reached.
//
// A placement that leaves its array above the capacity or the performance threshold (or outside the
// selector) is a constraint violation: as much a failed placement as a rejection, so the checkpoints
// carry both, attributed to the offered load at which the create was decided.

import type { ArrayKind, PlacementRequest, VolumeKind } from '../../src/fleet/placement';
import { ARRAY_KIND_FOR_VOLUME, DEFAULT_PLACEMENT_POLICY } from '../../src/fleet/placement';
import type { SimArray } from './fleet';
import {
  DEFAULT_SHAPE,
  TIB,
  capacityUtilisation,
  effectiveCapacityBytes,
  load,
  makeArray,
  makeFleet,
  readArray,
} from './fleet';
import type { PolicyFactory } from './policies';
import { Random } from './prng';
import { percentile, stdDev } from './stats';

export interface Workload {
  readonly name: string;
  /** Add an empty FlashArray (4× the smallest) when offered load reaches 50%. */
  readonly growth: boolean;
  /** One FlashArray becomes unreachable when offered load reaches 40%, for the rest of the run. */
  readonly failure: boolean;
  /** Share of bursts pinned to one zone by a label selector. */
  readonly pinnedShare: number;
  /** The thin-provisioned fleet (fleet.ts) instead of fully written volumes. */
  readonly thin: boolean;
}

export const WORKLOADS: readonly Workload[] = [
  { name: 'heterogeneous', growth: false, failure: false, pinnedShare: 0, thin: false },
  { name: 'growth', growth: true, failure: false, pinnedShare: 0, thin: false },
  { name: 'failure', growth: false, failure: true, pinnedShare: 0, thin: false },
  { name: 'zones', growth: false, failure: false, pinnedShare: 0.3, thin: false },
  { name: 'combined', growth: true, failure: true, pinnedShare: 0.3, thin: false },
  // Thin-provisioned as field arrays are (fleet.ts), with an empty array joining at 50%.
  { name: 'thin', growth: true, failure: false, pinnedShare: 0, thin: true },
];

export const CHECKPOINTS = [0.5, 0.7, 0.9, 1.0] as const;
export const BURST_SIZE = 10;
/** Mean pause between the end of one burst's creates and the next burst. */
const MEAN_BURST_GAP_MS = 15_000;
const MAX_CREATE_LATENCY_MS = 5_000;
const DELETE_SHARE = 0.25;
const MEAN_LIFETIME_MS = 3_600_000;
const GROWTH_FOLLOW_UP = 50;
/** Median request size per kind (lognormal, σ = 1, clipped to 1 GiB..32 TiB). */
const MEDIAN_BYTES: Readonly<Record<VolumeKind, number>> = { block: 1 * TIB, file: 2 * TIB };

/** Performance-density classes, IOPS per TiB provisioned: cold, warm, hot. */
const DENSITY_CLASSES = [
  { iopsPerTib: 50, share: 0.5 },
  { iopsPerTib: 200, share: 0.35 },
  { iopsPerTib: 800, share: 0.15 },
];

export interface Checkpoint {
  readonly offeredLoad: number;
  readonly rejections: number;
  /** Constraint violations of the creates decided before this checkpoint. */
  readonly violations: number;
  /** Rejections ÷ requests so far. */
  readonly rejectionRate: number;
  /** Σ used ÷ Σ effective capacity over healthy arrays (truth): the lower bound on max utilisation. */
  readonly fleetUtilisation: number;
  /** Population standard deviation of healthy arrays' capacity utilisation. */
  readonly capacityUtilisationStdDev: number;
  /** Capacity utilisation of each healthy array (id → utilisation), for per-seed inspection. */
  readonly capacityUtilisationByArray: Readonly<Record<string, number>>;
  /** max capacity utilisation ÷ fleet utilisation. */
  readonly maxCapacityOverLowerBound: number;
  /** max load ÷ IOPS-weighted mean load. */
  readonly maxLoadOverLowerBound: number;
}

export interface RunResult {
  readonly requests: number;
  readonly decisions: number;
  readonly checkpoints: readonly (Checkpoint | null)[];
  /** Fleet utilisation at the first rejection (or at the end if none). */
  readonly utilisationAtFirstRejection: number;
  readonly rejectedAtAll: boolean;
  /** Mean over bursts of (most volumes of the burst on one array ÷ burst size). */
  readonly meanBurstMaxShare: number;
  readonly worstBurstMaxShare: number;
  /**
   * Bursts in which some decision put more than ⌈burst ÷ E⌉ + 1 of the burst's volumes on one array,
   * E = arrays eligible for that request at that decision (truth, counting the creates this policy
   * has in flight): the burst target as the engine's rule states it.
   */
  readonly burstBoundBreachesAtDecision: number;
  /** The same with E = the arrays the policy itself held eligible at that decision (its own view). */
  readonly burstBoundBreachesInPolicyView: number;
  /** Bursts that put more than ⌈burst ÷ E⌉ + 1 volumes on one array, E counted when the burst started. */
  readonly burstBoundViolations: number;
  /**
   * The same, counting only bursts that ended below 90% offered load: near full, arrays fill up
   * during a burst, so the E measured at its start overstates the arrays that could take it.
   */
  readonly burstBoundViolationsBelow90: number;
  /** Share of the first 50 block placements after the new array joined that went to it; null if none. */
  readonly newArrayShare: number | null;
  /** The new array's share of the FlashArrays' free room when it joined; null if none joined. */
  readonly newArrayRoomShare: number | null;
  readonly capacityOvercommits: number;
  readonly performanceOverloads: number;
  readonly selectorViolations: number;
  /** Retries after a create failed (array down). */
  readonly fallbackRetries: number;
  /** Decisions where an independent re-evaluation agreed ÷ decisions. */
  readonly determinism: number;
  /**
   * Upper bound on the fleet utilisation at the first rejection for any policy, even one that knows
   * the future: the utilisation when the live demand first cannot be held below the threshold by any
   * fractional assignment (zone-pinned demand by the arrays of its zones, all demand of a kind by the
   * kind's arrays). The request stream does not depend on the policy, so neither does this bound.
   */
  readonly oracleUtilisationAtFirstRejection: number;
  readonly decisionP50Us: number;
  readonly decisionP99Us: number;
}

interface Live {
  readonly request: PlacementRequest;
  arrayId: string | null;
  completed: boolean;
  /** Checkpoints already recorded when the create was decided: its violations count from the next. */
  readonly stage: number;
}

interface Event {
  readonly atMs: number;
  readonly seq: number;
  readonly run: () => void;
}

/** A binary min-heap of events by (time, sequence). */
class EventQueue {
  private readonly heap: Event[] = [];
  private seq = 0;

  get size(): number {
    return this.heap.length;
  }

  /** Time of the next event; Infinity when none. */
  nextAtMs(): number {
    return this.heap[0]?.atMs ?? Infinity;
  }

  push(atMs: number, run: () => void): void {
    const heap = this.heap;
    heap.push({ atMs, seq: this.seq++, run });
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!earlier(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  pop(): Event {
    const heap = this.heap;
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && earlier(heap[l]!, heap[m]!)) m = l;
        if (r < heap.length && earlier(heap[r]!, heap[m]!)) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m]!, heap[i]!];
        i = m;
      }
    }
    return top;
  }
}

function earlier(a: Event, b: Event): boolean {
  return a.atMs < b.atMs || (a.atMs === b.atMs && a.seq < b.seq);
}

export function simulate(makePolicy: PolicyFactory, workload: Workload, seed: number): RunResult {
  const threshold = DEFAULT_PLACEMENT_POLICY.capacityThreshold;
  const perfThreshold = DEFAULT_PLACEMENT_POLICY.performanceThreshold;
  const root = new Random(seed);
  const fleetRng = root.fork();
  const workloadRng = root.fork();
  const telemetryRng = root.fork();
  const policyRng = root.fork();
  const eventRng = root.fork(); // failure and growth draws: apart from the request stream
  const events = new EventQueue();

  const arrays = makeFleet(fleetRng, DEFAULT_SHAPE, threshold, workload.thin);
  const byId = new Map(arrays.map((a) => [a.id, a]));
  const liveFits = (arrayId: string, request: PlacementRequest) => {
    const array = byId.get(arrayId);
    return !!array && array.healthy && capacityUtilisation(array, request.sizeBytes) <= threshold;
  };
  const policy = makePolicy(policyRng, liveFits);

  // Telemetry: every array read at t = 0, then every 30–60 s.
  const refresh = (array: SimArray, atMs: number) => {
    policy.observe([readArray(array, atMs)], atMs);
    events.push(atMs + telemetryRng.uniform(30_000, 60_000), () => refresh(array, nowMs));
  };
  let nowMs = 0;
  policy.observe(
    arrays.map((a) => readArray(a, 0)),
    0,
  );
  for (const array of arrays) events.push(telemetryRng.uniform(30_000, 60_000), () => refresh(array, nowMs));

  // Demand mix follows capacity so that a perfect policy could fill every array to the threshold.
  const available = (a: SimArray) => threshold * effectiveCapacityBytes(a) - a.foreignProvisionedBytes;
  const availableOf = (kind: ArrayKind, zone?: string) =>
    arrays.filter((a) => a.kind === kind && (!zone || a.zone === zone)).reduce((s, a) => s + available(a), 0);
  // Each burst is of the kind whose requested bytes so far are the smallest share of its room, so
  // demand tracks capacity per kind and a perfect policy could fill both kinds to the threshold.
  const room = { block: availableOf('flasharray'), file: availableOf('flashblade') };
  const requestedBytes = { block: 0, file: 0 };
  // IOPS densities are scaled per kind so that, filled to the capacity threshold, each kind would use
  // at most 60% of its performance headroom: performance binds on some arrays, never on the fleet,
  // so every rejection is one a better placement could have avoided.
  const meanDensity = DENSITY_CLASSES.reduce((s, d) => s + d.share * d.iopsPerTib, 0);
  const densityScale = (kind: ArrayKind) => {
    const members = arrays.filter((a) => a.kind === kind);
    const iopsRoom = members.reduce(
      (s, a) => s + Math.max(0, perfThreshold - a.foreignLoad) * a.saturationIops,
      0,
    );
    const demandAtFull = (members.reduce((s, a) => s + available(a), 0) / TIB) * meanDensity;
    return Math.min(1, (0.6 * iopsRoom) / demandAtFull);
  };
  const iopsScale = { block: densityScale('flasharray'), file: densityScale('flashblade') };

  const live = new Map<string, Live>();
  let liveRequestedBytes = 0;
  let requests = 0; // requests drawn so far (keys), including any not placed when the run stops
  let decisions = 0;
  let agreed = 0;
  let rejections = 0;
  let firstRejectionUtilisation: number | null = null;
  let capacityOvercommits = 0;
  let performanceOverloads = 0;
  let selectorViolations = 0;
  /** Constraint violations by the stage (checkpoints recorded) at which their create was decided. */
  const violationsByStage = CHECKPOINTS.map(() => 0).concat([0]);
  let stage = 0;
  let fallbackRetries = 0;
  const decisionTimesUs: number[] = [];
  const burstShares: number[] = [];
  let burstBoundViolations = 0;
  let burstBoundViolationsBelow90 = 0;
  let burstBoundBreachesAtDecision = 0;
  let burstBoundBreachesInPolicyView = 0;
  // Creates decided but not completed, per array: committed, so they count against eligibility.
  const pendingBytes = new Map<string, number>();
  const pendingIops = new Map<string, number>();
  const addPending = (arrayId: string, request: PlacementRequest, sign: 1 | -1) => {
    pendingBytes.set(arrayId, (pendingBytes.get(arrayId) ?? 0) + sign * request.sizeBytes);
    pendingIops.set(arrayId, (pendingIops.get(arrayId) ?? 0) + sign * (request.expectedIops ?? 0));
  };
  const eligibleNow = (request: PlacementRequest) => {
    const kind = request.kind === 'block' ? 'flasharray' : 'flashblade';
    const zone = request.labelSelector.zone;
    return arrays.filter(
      (a) =>
        a.kind === kind &&
        a.healthy &&
        (zone === undefined || a.zone === zone) &&
        capacityUtilisation(a, (pendingBytes.get(a.id) ?? 0) + request.sizeBytes) <= threshold &&
        load(a, (pendingIops.get(a.id) ?? 0) + (request.expectedIops ?? 0)) <= perfThreshold,
    ).length;
  };
  // The oracle's view: zone-pinned and unpinned live demand per kind, provisioned bytes.
  const pinnedDemand = new Map<string, number>(); // `${kind}/${zone}`
  const allDemand = { flasharray: 0, flashblade: 0 };
  let oracleUtilisation: number | null = null;
  const checkpoints: (Checkpoint | null)[] = CHECKPOINTS.map(() => null);
  let newArray: SimArray | null = null;
  let newArrayPlacements = 0;
  let newArrayRoomShare: number | null = null;
  let blockPlacementsSinceGrowth = 0;
  let failed = false;
  let done = false;

  const healthy = () => arrays.filter((a) => a.healthy);
  const fleetUtilisation = () => {
    const h = healthy();
    const used = h.reduce((s, a) => s + a.foreignProvisionedBytes + a.fleetProvisionedBytes, 0);
    return used / h.reduce((s, a) => s + effectiveCapacityBytes(a), 0);
  };
  const offeredLoad = () => {
    const h = healthy();
    let onFailed = 0;
    if (failed) {
      for (const entry of live.values()) {
        if (entry.arrayId !== null && !byId.get(entry.arrayId)!.healthy) onFailed += entry.request.sizeBytes;
      }
    }
    const foreign = h.reduce((s, a) => s + a.foreignProvisionedBytes, 0);
    return (
      (foreign + liveRequestedBytes - onFailed) /
      (threshold * h.reduce((s, a) => s + effectiveCapacityBytes(a), 0))
    );
  };

  const recordCheckpoints = () => {
    const offered = offeredLoad();
    CHECKPOINTS.forEach((level, i) => {
      if (checkpoints[i] !== null || offered < level) return;
      const h = healthy();
      const utilisations = h.map((a) => capacityUtilisation(a));
      const lowerBound = fleetUtilisation();
      const loads = h.map((a) => load(a));
      const loadLowerBound =
        h.reduce((s, a) => s + load(a) * a.saturationIops, 0) / h.reduce((s, a) => s + a.saturationIops, 0);
      checkpoints[i] = {
        offeredLoad: offered,
        rejections,
        rejectionRate: rejections / Math.max(1, requests),
        fleetUtilisation: lowerBound,
        capacityUtilisationStdDev: stdDev(utilisations),
        capacityUtilisationByArray: Object.fromEntries(h.map((a, k) => [a.id, utilisations[k]!])),
        maxCapacityOverLowerBound: Math.max(...utilisations) / lowerBound,
        maxLoadOverLowerBound: Math.max(...loads) / loadLowerBound,
        violations: 0, // filled in at the end: creates decided before now may complete later
      };
      stage = i + 1;
    });
    if (offered >= 1) done = true;
    if (workload.failure && !failed && offered >= 0.4) failArray();
    if (workload.growth && !newArray && offered >= 0.5) addArray();
  };

  const failArray = () => {
    failed = true;
    const candidates = arrays.filter((a) => a.kind === 'flasharray');
    eventRng.pick(candidates).healthy = false; // seen by policies at its next refresh
  };

  const addArray = () => {
    const zone = eventRng.pick(DEFAULT_SHAPE.zones);
    newArray = makeArray(fleetRng, 'flasharray', 'fa-new', zone, threshold, {
      capacityMultiple: 4,
      empty: true,
      thin: workload.thin,
    });
    arrays.push(newArray);
    // Its share of the FlashArrays' free room (physical bytes below the threshold) as it joins.
    const roomOf = (a: SimArray) => Math.max(0, (threshold - capacityUtilisation(a)) * a.usableBytes);
    const blockRoom = arrays
      .filter((a) => a.healthy && a.kind === 'flasharray')
      .reduce((t, a) => t + roomOf(a), 0);
    newArrayRoomShare = blockRoom > 0 ? roomOf(newArray) / blockRoom : null;
    byId.set(newArray.id, newArray);
    // Demand keeps tracking each kind's room: without this, block bursts stay calibrated to the room
    // before growth, file systems are over-requested, and FlashBlades fill before offered load can
    // reach 100% (no policy could then reach it). A failure needs nothing: losing an array and the
    // volumes on it, filled like the rest, leaves requested ÷ room unchanged.
    room.block += available(newArray);
    refresh(newArray, nowMs);
  };

  const complete = (key: string, array: SimArray) => {
    const entry = live.get(key);
    if (!entry) return;
    entry.completed = true;
    addPending(array.id, entry.request, -1);
    array.fleetProvisionedBytes += entry.request.sizeBytes;
    array.fleetIops += entry.request.expectedIops ?? 0;
    array.fleetVolumes += 1;
    const overCapacity = capacityUtilisation(array) > threshold + 1e-9;
    const overLoad = load(array) > perfThreshold + 1e-9;
    if (overCapacity) capacityOvercommits++;
    if (overLoad) performanceOverloads++;
    if (overCapacity || overLoad) violationsByStage[entry.stage]!++;
    policy.created(key, array.id, nowMs);
  };

  const remove = (key: string) => {
    const entry = live.get(key);
    if (!entry) return;
    live.delete(key);
    liveRequestedBytes -= entry.request.sizeBytes;
    addDemand(entry.request, -1);
    if (entry.arrayId === null) return;
    const array = byId.get(entry.arrayId)!;
    if (entry.completed) {
      array.fleetProvisionedBytes -= entry.request.sizeBytes;
      array.fleetIops -= entry.request.expectedIops ?? 0;
      array.fleetVolumes -= 1;
    }
    policy.deleted(key, entry.arrayId, nowMs);
  };

  /** Tries up to 3 arrays, as Cinder's scheduler_max_attempts; returns the array or null. */
  const place = (request: PlacementRequest, createLatencyMs: number): SimArray | null => {
    const tried: string[] = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      const attemptRequest = tried.length === 0 ? request : { ...request, excludedArrayIds: [...tried] };
      const probed = policy.probe(attemptRequest, nowMs);
      const started = process.hrtime.bigint();
      const chosen = policy.choose(attemptRequest, nowMs);
      decisionTimesUs.push(Number(process.hrtime.bigint() - started) / 1000);
      decisions++;
      if (probed === chosen) agreed++;
      if (chosen === null) return null;
      const array = byId.get(chosen)!;
      const wantedKind = request.kind === 'block' ? 'flasharray' : 'flashblade';
      const zone = request.labelSelector.zone;
      if (array.kind !== wantedKind || (zone !== undefined && array.zone !== zone)) {
        selectorViolations++;
        violationsByStage[stage]!++;
      }
      if (!array.healthy) {
        policy.createFailed(request.key, chosen, nowMs);
        tried.push(chosen);
        fallbackRetries++;
        continue;
      }
      addPending(array.id, request, 1);
      events.push(nowMs + createLatencyMs, () => complete(request.key, array));
      return array;
    }
    return null;
  };

  const addDemand = (request: PlacementRequest, sign: 1 | -1) => {
    const kind = ARRAY_KIND_FOR_VOLUME[request.kind];
    allDemand[kind] += sign * request.sizeBytes;
    const zone = request.labelSelector.zone;
    if (zone !== undefined) {
      const key = `${kind}/${zone}`;
      pinnedDemand.set(key, (pinnedDemand.get(key) ?? 0) + sign * request.sizeBytes);
    }
  };
  /**
   * Could a clairvoyant policy still hold every live request plus this one below the threshold?
   * Fractional Hall's condition per kind: for every set of zones, the demand pinned to them fits the
   * arrays of the kind in them, and all demand of the kind fits all its arrays. A failed array keeps
   * its room here: a policy that loses it also loses the volumes on it, so counting it alive can only
   * make the bound more generous, never less.
   */
  const oracleCanHold = (request: PlacementRequest): boolean => {
    const kind = ARRAY_KIND_FOR_VOLUME[request.kind];
    const zones = DEFAULT_SHAPE.zones;
    const room = (zoneSet: readonly string[]) =>
      arrays.filter((a) => a.kind === kind && zoneSet.includes(a.zone)).reduce((s, a) => s + available(a), 0);
    const extraZone = request.labelSelector.zone;
    for (let mask = 1; mask < 1 << zones.length; mask++) {
      const zoneSet = zones.filter((_, i) => (mask >> i) & 1);
      let pinned = zoneSet.reduce((s, z) => s + (pinnedDemand.get(`${kind}/${z}`) ?? 0), 0);
      if (extraZone !== undefined && zoneSet.includes(extraZone)) pinned += request.sizeBytes;
      if (pinned > room(zoneSet)) return false;
    }
    if (allDemand[kind] + request.sizeBytes > room(zones)) return false;
    return true;
  };

  const burst = () => {
    if (done) return;
    const kind: VolumeKind =
      requestedBytes.file / room.file < requestedBytes.block / room.block ? 'file' : 'block';
    const arrayKind: ArrayKind = kind === 'block' ? 'flasharray' : 'flashblade';
    let zone: string | undefined;
    if (workloadRng.next() < workload.pinnedShare) {
      const zones = DEFAULT_SHAPE.zones;
      zone = zones[workloadRng.weightedIndex(zones.map((z) => availableOf(arrayKind, z)))]!;
    }
    const density = DENSITY_CLASSES[workloadRng.weightedIndex(DENSITY_CLASSES.map((d) => d.share))]!;
    const selector: Record<string, string> = zone ? { zone } : {};
    const batch = Array.from({ length: BURST_SIZE }, () => {
      const sizeBytes = Math.round(
        Math.min(32 * TIB, Math.max(2 ** 30, workloadRng.logNormal(MEDIAN_BYTES[kind], 1))),
      );
      const request: PlacementRequest = {
        key: `fleet/vol-${requests++}`,
        kind,
        sizeBytes,
        labelSelector: selector,
        expectedIops: (sizeBytes / TIB) * density.iopsPerTib * iopsScale[kind],
      };
      const createLatencyMs = workloadRng.uniform(1_000, MAX_CREATE_LATENCY_MS);
      const deleteAfterMs =
        workloadRng.next() < DELETE_SHARE ? workloadRng.exponential(MEAN_LIFETIME_MS) : null;
      return { request, createLatencyMs, deleteAfterMs };
    });
    // Arrays that could take every request of the burst right now (truth): the burst bound's E.
    const largest = batch.reduce(
      (m, b) => (b.request.sizeBytes > m.sizeBytes ? b.request : m),
      batch[0]!.request,
    );
    const eligible = arrays.filter(
      (a) =>
        a.kind === arrayKind &&
        a.healthy &&
        (!zone || a.zone === zone) &&
        capacityUtilisation(a, largest.sizeBytes) <= threshold &&
        load(a, largest.expectedIops) <= perfThreshold,
    ).length;
    const perArray = new Map<string, number>();
    let breachedAtDecision = false;
    let breachedInPolicyView = false;
    for (const { request, createLatencyMs, deleteAfterMs } of batch) {
      requestedBytes[kind] += request.sizeBytes;
      if (oracleUtilisation === null && !oracleCanHold(request))
        oracleUtilisation = threshold * offeredLoad();
      addDemand(request, 1);
      const entry: Live = { request, arrayId: null, completed: false, stage };
      live.set(request.key, entry);
      liveRequestedBytes += request.sizeBytes;
      const eligibleAtDecision = eligibleNow(request);
      const array = place(request, createLatencyMs);
      if (array) {
        entry.arrayId = array.id;
        const onArray = (perArray.get(array.id) ?? 0) + 1;
        perArray.set(array.id, onArray);
        const eligibleInView = policy.eligibleAtLastChoice();
        if (eligibleInView > 0 && onArray > Math.ceil(BURST_SIZE / eligibleInView) + 1) {
          breachedInPolicyView = true;
        }
        if (eligibleAtDecision > 0 && onArray > Math.ceil(BURST_SIZE / eligibleAtDecision) + 1) {
          breachedAtDecision = true;
        }
        if (newArray && kind === 'block' && blockPlacementsSinceGrowth < GROWTH_FOLLOW_UP) {
          blockPlacementsSinceGrowth++;
          if (array === newArray) newArrayPlacements++;
        }
      } else {
        rejections++;
        if (firstRejectionUtilisation === null) firstRejectionUtilisation = fleetUtilisation();
      }
      if (deleteAfterMs !== null)
        events.push(nowMs + createLatencyMs + 1_000 + deleteAfterMs, () => remove(request.key));
      recordCheckpoints();
      if (done) break;
    }
    const most = Math.max(0, ...perArray.values());
    burstShares.push(most / BURST_SIZE);
    if (breachedAtDecision) burstBoundBreachesAtDecision++;
    if (breachedInPolicyView) burstBoundBreachesInPolicyView++;
    if (eligible > 0 && most > Math.ceil(BURST_SIZE / eligible) + 1) {
      burstBoundViolations++;
      if (offeredLoad() < 0.9) burstBoundViolationsBelow90++;
    }
    // One provider process runs at most `parallelism` (10) creates at once: the next burst starts
    // once this one's creates are done, after an exponential pause.
    events.push(nowMs + MAX_CREATE_LATENCY_MS + workloadRng.exponential(MEAN_BURST_GAP_MS), burst);
  };

  events.push(workloadRng.exponential(MEAN_BURST_GAP_MS), burst);
  while (!done && events.size > 0) {
    const event = events.pop();
    nowMs = event.atMs;
    event.run();
  }
  // Let the creates still in flight complete, so that their violations count (no new bursts start).
  const drainUntil = nowMs + MAX_CREATE_LATENCY_MS;
  while (events.nextAtMs() <= drainUntil) {
    const event = events.pop();
    nowMs = event.atMs;
    event.run();
  }
  let violationsSoFar = 0;
  const finalCheckpoints = checkpoints.map((c, i) => {
    violationsSoFar += violationsByStage[i]!;
    return c && { ...c, violations: violationsSoFar };
  });

  const sortedTimes = Float64Array.from(decisionTimesUs).sort();
  return {
    requests,
    decisions,
    checkpoints: finalCheckpoints,
    utilisationAtFirstRejection: firstRejectionUtilisation ?? fleetUtilisation(),
    rejectedAtAll: firstRejectionUtilisation !== null,
    meanBurstMaxShare: burstShares.reduce((s, x) => s + x, 0) / Math.max(1, burstShares.length),
    worstBurstMaxShare: Math.max(0, ...burstShares),
    burstBoundBreachesAtDecision,
    burstBoundBreachesInPolicyView,
    burstBoundViolations,
    burstBoundViolationsBelow90,
    newArrayShare:
      newArray && blockPlacementsSinceGrowth > 0 ? newArrayPlacements / blockPlacementsSinceGrowth : null,
    newArrayRoomShare,
    capacityOvercommits,
    performanceOverloads,
    selectorViolations,
    fallbackRetries,
    determinism: agreed / Math.max(1, decisions),
    oracleUtilisationAtFirstRejection: oracleUtilisation ?? threshold,
    decisionP50Us: percentile(sortedTimes, 50),
    decisionP99Us: percentile(sortedTimes, 99),
  };
}
