// The telemetry collector of one provider process: reads each roster member over its REST API and
// turns the answers into the placement engine's ArrayCandidate, plus the raw figures explanations
// need.
// - One round per array sends its GETs at once: FlashArray arrays, arrays/space,
//   arrays/performance, volumes (count only), controllers, hardware, alerts (open, critical or
//   warning); FlashBlade the same with blades for controllers and file-systems for volumes.
// - Readings are cached for maxAgeMs (default 30 s) from the moment their round began; concurrent
//   callers share one round per array; arrays are read concurrently, at most `concurrency` at a
//   time (default 8).
// - A round that fails (refused, timed out, TLS, authentication, no common REST version) yields a
//   reading with reachable false and the reason; it never throws, so one bad array cannot fail a
//   plan for the others. Failed readings are cached like good ones, so a dead array costs one
//   round of retries per max age, not one per placement.

import type { FlashArrayClient } from '../clients/flasharray';
import type { FlashBladeClient } from '../clients/flashblade';
import type { FleetLogger } from '../log';
import { quietFleetLogger } from '../log';
import type { ArrayCandidate } from '../placement/model';
import { Semaphore, mapWithConcurrency } from '../rest/concurrency';
import { isUnreachable } from '../rest/errors';
import type { ArrayMember } from '../roster';
import {
  DEFAULT_CANDIDATE_OPTIONS,
  candidateFrom,
  figuresFrom,
  unreachableCandidate,
  type ArrayResponses,
  type ArrayTelemetryFigures,
  type CandidateOptions,
  type TelemetryReading,
} from './reading';
import { SharedFetchCache, waitWithSignal } from './shared-fetch';

/** What the collector needs from the fleet connection. */
export interface TelemetrySource {
  readonly members: readonly ArrayMember[];
  member(name: string): ArrayMember;
  flashArray(name: string): FlashArrayClient;
  flashBlade(name: string): FlashBladeClient;
  /** REST requests sent so far to this array, to report what a round cost. */
  requestCount?(name: string): number;
  /** The negotiated REST version, once known. */
  apiVersion?(name: string): string | undefined;
}

export interface TelemetryCollectorOptions {
  /** How old a reading may be before it is read again, ms (default 30,000). */
  readonly maxAgeMs?: number;
  /** Arrays read at once (default 8). */
  readonly concurrency?: number;
  readonly now?: () => number;
  readonly logger?: FleetLogger;
  /** Expected IOPS the fleet has committed on an array (its volumes' recorded demand); default 0. */
  readonly committedIops?: (member: ArrayMember) => number;
  readonly candidate?: Partial<CandidateOptions>;
}

export interface ReadOptions {
  /** Overrides the collector's max age for this call. */
  readonly maxAgeMs?: number;
  readonly signal?: AbortSignal;
}

export const DEFAULT_TELEMETRY_MAX_AGE_MS = 30_000;
export const DEFAULT_ARRAY_CONCURRENCY = 8;

function describeFailure(err: unknown): { error: string; reason: string } {
  if (err instanceof Error) return { error: err.name, reason: err.message };
  return { error: 'Error', reason: String(err) };
}

export class TelemetryCollector {
  private readonly cache: SharedFetchCache<TelemetryReading>;
  private readonly limiter: Semaphore;
  private readonly now: () => number;
  private readonly logger: FleetLogger;
  private readonly candidateOptions: CandidateOptions;
  /** The last successful figures per array, repeated in readings of rounds that failed. */
  private readonly lastGood = new Map<string, ArrayTelemetryFigures>();
  readonly maxAgeMs: number;

  constructor(
    private readonly source: TelemetrySource,
    private readonly options: TelemetryCollectorOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.logger = options.logger ?? quietFleetLogger;
    this.maxAgeMs = options.maxAgeMs ?? DEFAULT_TELEMETRY_MAX_AGE_MS;
    this.limiter = new Semaphore(options.concurrency ?? DEFAULT_ARRAY_CONCURRENCY);
    this.candidateOptions = { ...DEFAULT_CANDIDATE_OPTIONS, ...options.candidate };
    this.cache = new SharedFetchCache((r) => r.observedAtMs, this.now);
  }

  /** Rounds started since the collector was made (cache misses), for tests and logs. */
  get roundsStarted(): number {
    return this.cache.fetchesStarted;
  }

  /** The most arrays read at the same moment so far. */
  get peakConcurrency(): number {
    return this.limiter.peak;
  }

  /** One array's reading: cached if fresh, else from the round running for it, else a new round. */
  read(arrayName: string, options: ReadOptions = {}): Promise<TelemetryReading> {
    const member = this.source.member(arrayName);
    return this.cache.get(
      member.name,
      options.maxAgeMs ?? this.maxAgeMs,
      () => this.limiter.run(() => this.round(member)),
      options.signal,
    );
  }

  /** Readings of every roster member (or those named), in roster order. Never throws for an array. */
  async readAll(
    options: ReadOptions & { readonly arrays?: readonly string[] } = {},
  ): Promise<TelemetryReading[]> {
    const names = options.arrays ?? this.memberNames();
    if (!options.signal?.aborted) {
      // Every reading cached and fresh (a plan asks once per resource): answered from the cache.
      const cached = this.cache.freshValues(
        names.map((name) => this.source.member(name).name),
        options.maxAgeMs ?? this.maxAgeMs,
      );
      if (cached) return cached;
    }
    // The semaphore bounds rounds; this bounds waiting callers too, so a 1,000-array roster does
    // not queue 1,000 closures at once.
    const all = mapWithConcurrency(names, this.limiter.limit, (name) =>
      this.read(name, { maxAgeMs: options.maxAgeMs }),
    );
    return waitWithSignal(all, options.signal);
  }

  private memberNames(): string[] {
    return this.source.members.map((m) => m.name);
  }

  /** The engine's input for every roster member (or those named). */
  async candidates(
    options: ReadOptions & { readonly arrays?: readonly string[] } = {},
  ): Promise<ArrayCandidate[]> {
    return (await this.readAll(options)).map((r) => r.candidate);
  }

  /** The cached reading, fresh or not; undefined before the first round. */
  cached(arrayName: string): TelemetryReading | undefined {
    return this.cache.peek(arrayName);
  }

  /** Forgets one array's reading (or all), e.g. after the caller changed the array. */
  invalidate(arrayName?: string): void {
    this.cache.invalidate(arrayName);
  }

  private async round(member: ArrayMember): Promise<TelemetryReading> {
    const countBefore = this.source.requestCount?.(member.name) ?? 0;
    // Taken before the first request is sent: every change that completed before this moment is in
    // the answers (the ledger relies on that to release reservations).
    const observedAtMs = this.now();
    const sent = (): number => (this.source.requestCount?.(member.name) ?? 0) - countBefore;
    try {
      const responses =
        member.kind === 'flasharray'
          ? await readFlashArray(this.source.flashArray(member.name))
          : await readFlashBlade(this.source.flashBlade(member.name));
      const figures = figuresFrom(
        member,
        { ...responses, apiVersion: this.source.apiVersion?.(member.name) },
        this.candidateOptions,
      );
      this.lastGood.set(member.name, figures);
      const committed = this.options.committedIops?.(member) ?? 0;
      return {
        member: member.name,
        kind: member.kind,
        candidate: candidateFrom(member, figures, observedAtMs, committed),
        observedAtMs,
        completedAtMs: this.now(),
        reachable: true,
        figures,
        idKnown: true,
        requestsSent: sent(),
      };
    } catch (err) {
      const failure = describeFailure(err);
      this.logger.warn('array telemetry unavailable; the array takes no new volumes until it answers', {
        array: member.name,
        error: failure.error,
        reason: failure.reason,
      });
      const last = this.lastGood.get(member.name);
      return {
        member: member.name,
        kind: member.kind,
        candidate: unreachableCandidate(member, failure.reason, observedAtMs, last),
        observedAtMs,
        completedAtMs: this.now(),
        reachable: false,
        failure,
        figures: last,
        idKnown: last !== undefined,
        requestsSent: sent(),
      };
    }
  }
}

/**
 * Identity, space, performance and the count are required; a health endpoint the array answers
 * with an error (rather than not answering) becomes a warning, so an old or odd array is still
 * usable. Every call is awaited before the round ends, so no request outlives its round.
 */
async function optional<T>(endpoint: string, call: Promise<T>, unreadable: string[]): Promise<T | undefined> {
  try {
    return await call;
  } catch (err) {
    if (isUnreachable(err)) throw err;
    unreadable.push(endpoint);
    return undefined;
  }
}

/**
 * Every call's result, after all of them settled (so none is left running against the array),
 * or the first failure.
 */
async function settleAll<T extends readonly unknown[]>(calls: {
  readonly [K in keyof T]: Promise<T[K]>;
}): Promise<T> {
  const settled = await Promise.allSettled(calls);
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<unknown>).value) as unknown as T;
}

async function readFlashArray(client: FlashArrayClient): Promise<ArrayResponses> {
  const unreadable: string[] = [];
  const calls = [
    client.getArray(),
    client.getSpace(),
    client.getPerformance(),
    client.countVolumes(),
    optional('controllers', client.listControllers(), unreadable),
    optional('hardware', client.listHardware(), unreadable),
    optional('alerts', client.listOpenAlerts(), unreadable),
  ] as const;
  const [info, space, performance, volumeCount, controllers, hardware, alerts] = await settleAll(calls);
  return {
    kind: 'flasharray',
    info,
    space,
    performance,
    volumeCount,
    controllers,
    hardware,
    alerts,
    unreadable,
  };
}

async function readFlashBlade(client: FlashBladeClient): Promise<ArrayResponses> {
  const unreadable: string[] = [];
  const calls = [
    client.getArray(),
    client.getSpace(),
    client.getPerformance(),
    client.countFileSystems(),
    optional('blades', client.listBlades(), unreadable),
    optional('hardware', client.listHardware(), unreadable),
    optional('alerts', client.listOpenAlerts(), unreadable),
  ] as const;
  const [info, space, performance, volumeCount, blades, hardware, alerts] = await settleAll(calls);
  // FB 2.0 reports no provisioned total in arrays/space: one more call, only then.
  const provisionedFallback =
    typeof space.space.total_provisioned === 'number' ? undefined : await client.totalProvisionedBytes();
  return {
    kind: 'flashblade',
    info,
    space,
    performance,
    volumeCount,
    provisionedFallback,
    blades,
    hardware,
    alerts,
    unreadable,
  };
}
