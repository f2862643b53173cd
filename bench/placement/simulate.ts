// The discrete-event simulation of one policy on one workload and one seed.
//
// Time advances from event to event: bursts of creates, create completions, deletes, and each
// array's telemetry refresh every 30–60 s. The request stream, the fleet and the refresh times
// depend only on the seed, never on the policy, so every policy meets the same requests.
//
// Offered load = (data written before the run on healthy arrays + written bytes of every live
// request, placed or rejected, less what sits on a failed array) ÷ (capacity threshold × effective
// capacity, usable × DRR, of the healthy arrays). 100% is the most any policy could accept; the run
// stops when it is reached. On the classic fleets every byte is written, so written = provisioned.
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
  foreignWrittenBytes,
  load,
  makeArray,
  makeFleet,
  readArray,
  writtenBytes,
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
/** Written fraction of a thin workload's volume (uniform), the range the thin fleet's arrays draw from. */
const THIN_WRITTEN_FRACTION = { min: 0.15, max: 0.35 } as const;
/** Median request size per kind (lognormal, σ = 1, clipped to 1 GiB..32 TiB). */
const MEDIAN_BYTES: Readonly<Record<VolumeKind, number>> = { block: 1 * TIB, file: 2 * TIB };

/**
 * Performance-density classes, IOPS per TiB written: cold, warm, hot. A volume's I/O goes to the data
 * it holds; on a thin array the provisioned size is an upper bound the workload may never write (an
 * unwritten block is never read back from flash), so IOPS follow written bytes, not provisioned ones.
 * On the classic fleets every provisioned byte is written and the two are the same.
 */
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
  /** The first rejected request, and the room its candidate arrays had then; null if none. */
  readonly firstRejection: FirstRejection | null;
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
  /** The same bound from capacity alone (the benchmark's bound before it counted IOPS). */
  readonly capacityOracleUtilisationAtFirstRejection: number;
  readonly decisionP50Us: number;
  readonly decisionP99Us: number;
}

/** What the first rejection of a run was: which request, and how much room was left for it. */
export interface FirstRejection {
  readonly kind: VolumeKind;
  /** The zone its selector pinned it to; null when unpinned. */
  readonly zone: string | null;
  /** Bytes it would write. */
  readonly writtenBytes: number;
  readonly expectedIops: number;
  /** Arrays of its kind (and zone) that were healthy. */
  readonly candidates: number;
  /**
   * Of those, the most written bytes any could still take below the capacity threshold (in-flight
   * creates counted), and the most IOPS any could take below the performance threshold: which of the
   * two ran out.
   */
  readonly largestCapacityRoomBytes: number;
  readonly largestPerformanceRoomIops: number;
  /** Mean capacity utilisation of those candidates. */
  readonly candidateUtilisation: number;
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
  /** Bytes each live request writes (its provisioned size × its own written fraction), by key. */
  const writtenByKey = new Map<string, number>();
  const writtenOf = (request: PlacementRequest) => writtenByKey.get(request.key)!;
  const liveFits = (arrayId: string, request: PlacementRequest) => {
    const array = byId.get(arrayId);
    return !!array && array.healthy && capacityUtilisation(array, writtenOf(request)) <= threshold;
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
  const available = (a: SimArray) => threshold * effectiveCapacityBytes(a) - foreignWrittenBytes(a);
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
  let liveWrittenBytes = 0;
  let requests = 0; // requests drawn so far (keys), including any not placed when the run stops
  let decisions = 0;
  let agreed = 0;
  let rejections = 0;
  let firstRejectionUtilisation: number | null = null;
  let firstRejection: FirstRejection | null = null;
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
    pendingBytes.set(arrayId, (pendingBytes.get(arrayId) ?? 0) + sign * writtenOf(request));
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
        capacityUtilisation(a, (pendingBytes.get(a.id) ?? 0) + writtenOf(request)) <= threshold &&
        load(a, (pendingIops.get(a.id) ?? 0) + (request.expectedIops ?? 0)) <= perfThreshold,
    ).length;
  };
  // The oracle's view: zone-pinned and unpinned live demand per kind, written bytes.
  const pinnedDemand = new Map<string, number>(); // `${kind}/${zone}`
  const allDemand = { flasharray: 0, flashblade: 0 };
  // The same in expected IOPS, for the oracle's performance side.
  const pinnedIops = new Map<string, number>();
  const allIops = { flasharray: 0, flashblade: 0 };
  let capacityOracleUtilisation: number | null = null;
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
    const used = h.reduce((s, a) => s + writtenBytes(a), 0);
    return used / h.reduce((s, a) => s + effectiveCapacityBytes(a), 0);
  };
  const offeredLoad = () => {
    const h = healthy();
    let onFailed = 0;
    if (failed) {
      for (const entry of live.values()) {
        if (entry.arrayId !== null && !byId.get(entry.arrayId)!.healthy) onFailed += writtenOf(entry.request);
      }
    }
    const foreign = h.reduce((s, a) => s + foreignWrittenBytes(a), 0);
    return (
      (foreign + liveWrittenBytes - onFailed) /
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
    array.fleetWrittenBytes += writtenOf(entry.request);
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
    liveWrittenBytes -= writtenOf(entry.request);
    addDemand(entry.request, -1);
    const written = writtenOf(entry.request);
    writtenByKey.delete(key);
    if (entry.arrayId === null) return;
    const array = byId.get(entry.arrayId)!;
    if (entry.completed) {
      array.fleetProvisionedBytes -= entry.request.sizeBytes;
      array.fleetWrittenBytes -= written;
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
    const iops = request.expectedIops ?? 0;
    allDemand[kind] += sign * writtenOf(request);
    allIops[kind] += sign * iops;
    const zone = request.labelSelector.zone;
    if (zone !== undefined) {
      const key = `${kind}/${zone}`;
      pinnedDemand.set(key, (pinnedDemand.get(key) ?? 0) + sign * writtenOf(request));
      pinnedIops.set(key, (pinnedIops.get(key) ?? 0) + sign * iops);
    }
  };
  /**
   * Could a clairvoyant policy still hold every live request plus this one below the thresholds?
   * Fractional Hall's condition per kind and per dimension: for every set of zones, the demand
   * pinned to them fits the arrays of the kind in them, and all demand of the kind fits all its
   * arrays, in written bytes below the capacity threshold and (unless `capacityOnly`) in IOPS below
   * the performance threshold. Each is a necessary condition, so the bound stays an upper bound on
   * any policy that respects both thresholds; without the IOPS side it overstates what is possible
   * where a zone's only array runs out of performance first. A failed array keeps its room here: a
   * policy that loses it also loses the volumes on it, so counting it alive can only make the bound
   * more generous, never less.
   */
  const oracleCanHold = (request: PlacementRequest, capacityOnly: boolean): boolean => {
    const kind = ARRAY_KIND_FOR_VOLUME[request.kind];
    const zones = DEFAULT_SHAPE.zones;
    const members = (zoneSet: readonly string[]) =>
      arrays.filter((a) => a.kind === kind && zoneSet.includes(a.zone));
    const room = (zoneSet: readonly string[]) => members(zoneSet).reduce((s, a) => s + available(a), 0);
    const iopsRoom = (zoneSet: readonly string[]) =>
      members(zoneSet).reduce((s, a) => s + Math.max(0, perfThreshold - a.foreignLoad) * a.saturationIops, 0);
    const extraZone = request.labelSelector.zone;
    const iops = request.expectedIops ?? 0;
    for (let mask = 1; mask < 1 << zones.length; mask++) {
      const zoneSet = zones.filter((_, i) => (mask >> i) & 1);
      const extra = extraZone !== undefined && zoneSet.includes(extraZone);
      const pinned = zoneSet.reduce((s, z) => s + (pinnedDemand.get(`${kind}/${z}`) ?? 0), 0);
      if (pinned + (extra ? writtenOf(request) : 0) > room(zoneSet)) return false;
      if (capacityOnly) continue;
      const pinnedLoad = zoneSet.reduce((s, z) => s + (pinnedIops.get(`${kind}/${z}`) ?? 0), 0);
      if (pinnedLoad + (extra ? iops : 0) > iopsRoom(zoneSet)) return false;
    }
    if (allDemand[kind] + writtenOf(request) > room(zones)) return false;
    if (!capacityOnly && allIops[kind] + iops > iopsRoom(zones)) return false;
    return true;
  };

  const describeRejection = (request: PlacementRequest): FirstRejection => {
    const kind = ARRAY_KIND_FOR_VOLUME[request.kind];
    const zone = request.labelSelector.zone ?? null;
    const members = arrays.filter((a) => a.kind === kind && a.healthy && (zone === null || a.zone === zone));
    const capacityRoom = (a: SimArray) =>
      threshold * effectiveCapacityBytes(a) - writtenBytes(a) - (pendingBytes.get(a.id) ?? 0);
    const performanceRoom = (a: SimArray) =>
      (perfThreshold - load(a, pendingIops.get(a.id) ?? 0)) * a.saturationIops;
    return {
      kind: request.kind,
      zone,
      writtenBytes: writtenOf(request),
      expectedIops: request.expectedIops ?? 0,
      candidates: members.length,
      largestCapacityRoomBytes: Math.max(0, ...members.map(capacityRoom)),
      largestPerformanceRoomIops: Math.max(0, ...members.map(performanceRoom)),
      candidateUtilisation:
        members.reduce((s, a) => s + capacityUtilisation(a), 0) / Math.max(1, members.length),
    };
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
      // Drawn only for the thin workload, so the classic workloads' request streams are unchanged.
      const writtenFraction = workload.thin
        ? workloadRng.uniform(THIN_WRITTEN_FRACTION.min, THIN_WRITTEN_FRACTION.max)
        : 1;
      const written = sizeBytes * writtenFraction;
      const request: PlacementRequest = {
        key: `fleet/vol-${requests++}`,
        kind,
        sizeBytes,
        labelSelector: selector,
        expectedIops: (written / TIB) * density.iopsPerTib * iopsScale[kind],
      };
      writtenByKey.set(request.key, written);
      const createLatencyMs = workloadRng.uniform(1_000, MAX_CREATE_LATENCY_MS);
      const deleteAfterMs =
        workloadRng.next() < DELETE_SHARE ? workloadRng.exponential(MEAN_LIFETIME_MS) : null;
      return { request, createLatencyMs, deleteAfterMs };
    });
    // Arrays that could take every request of the burst right now (truth): the burst bound's E.
    const largest = batch.reduce(
      (m, b) => (writtenOf(b.request) > writtenOf(m) ? b.request : m),
      batch[0]!.request,
    );
    const eligible = arrays.filter(
      (a) =>
        a.kind === arrayKind &&
        a.healthy &&
        (!zone || a.zone === zone) &&
        capacityUtilisation(a, writtenOf(largest)) <= threshold &&
        load(a, largest.expectedIops) <= perfThreshold,
    ).length;
    const perArray = new Map<string, number>();
    let breachedAtDecision = false;
    let breachedInPolicyView = false;
    for (const { request, createLatencyMs, deleteAfterMs } of batch) {
      requestedBytes[kind] += writtenOf(request);
      if (oracleUtilisation === null && !oracleCanHold(request, false))
        oracleUtilisation = threshold * offeredLoad();
      if (capacityOracleUtilisation === null && !oracleCanHold(request, true))
        capacityOracleUtilisation = threshold * offeredLoad();
      addDemand(request, 1);
      const entry: Live = { request, arrayId: null, completed: false, stage };
      live.set(request.key, entry);
      liveWrittenBytes += writtenOf(request);
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
        if (firstRejectionUtilisation === null) {
          firstRejectionUtilisation = fleetUtilisation();
          firstRejection = describeRejection(request);
        }
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
    firstRejection,
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
    capacityOracleUtilisationAtFirstRejection: capacityOracleUtilisation ?? threshold,
    decisionP50Us: percentile(sortedTimes, 50),
    decisionP99Us: percentile(sortedTimes, 99),
  };
}
