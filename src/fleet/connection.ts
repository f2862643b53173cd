// A provider process's connection to the fleet: one REST session per array, created on first use
// and shared by every resource in the process, plus the process's telemetry collector and
// fleet-wide volume reader (both cache per process, so every plan or refresh in the process
// shares their readings).

import { FlashArrayClient } from './clients/flasharray';
import { FlashBladeClient } from './clients/flashblade';
import type { FleetLogger } from './log';
import { quietFleetLogger } from './log';
import { mapWithConcurrency } from './rest/concurrency';
import { UnsupportedApiVersionError } from './rest/errors';
import { PureRestSession, type SessionOptions } from './rest/session';
import type { ArrayMember, FleetRoster } from './roster';
import {
  DEFAULT_ARRAY_CONCURRENCY,
  TelemetryCollector,
  type TelemetryCollectorOptions,
} from './telemetry/collector';
import type { VolumeBackend } from './volumes/backend';
import { FlashArrayVolumeBackend } from './volumes/flasharray-backend';
import { FlashBladeVolumeBackend } from './volumes/flashblade-backend';
import { FleetVolumeReader, type FleetVolumeReaderOptions } from './volumes/reader';

export class UnknownArrayError extends Error {
  constructor(
    readonly arrayName: string,
    known: readonly string[],
  ) {
    super(`no array named "${arrayName}" in the provider's roster (known: ${known.join(', ') || 'none'})`);
    this.name = 'UnknownArrayError';
  }
}

export class ArrayKindError extends Error {
  constructor(
    readonly arrayName: string,
    readonly actual: string,
    readonly wanted: string,
  ) {
    super(`array "${arrayName}" is a ${actual}, not a ${wanted}`);
    this.name = 'ArrayKindError';
  }
}

/** The array a volume was recorded on is not in the roster under its name nor by its id. */
export class ArrayNotFoundError extends Error {
  constructor(
    readonly arrayName: string,
    readonly arrayId: string | undefined,
    readonly detail: string,
  ) {
    super(detail);
    this.name = 'ArrayNotFoundError';
  }
}

/** Where a recorded volume's array is now: its current roster name and its id. */
export interface ArrayLocation {
  readonly name: string;
  /** Undefined for an array whose REST version reports no identity (FlashArray 2.0). */
  readonly id: string | undefined;
}

export interface FleetConnectionOptions {
  /** Extra session settings (retry policy, injected sleep/clock in tests). */
  readonly session?: Partial<Omit<SessionOptions, 'arrayName' | 'kind' | 'endpoint' | 'apiToken'>>;
  readonly telemetry?: TelemetryCollectorOptions;
  readonly volumes?: FleetVolumeReaderOptions;
}

export class FleetConnection {
  private readonly sessions = new Map<string, PureRestSession>();
  private readonly membersByName: ReadonlyMap<string, ArrayMember>;
  private readonly backends = new Map<string, VolumeBackend>();
  private readonly identities = new Map<string, Promise<string | undefined>>();
  private collector: TelemetryCollector | undefined;
  private reader: FleetVolumeReader | undefined;

  constructor(
    readonly roster: FleetRoster,
    private readonly logger: FleetLogger = quietFleetLogger,
    private readonly options: FleetConnectionOptions = {},
  ) {
    this.membersByName = new Map(roster.arrays.map((m) => [m.name, m]));
  }

  get members(): readonly ArrayMember[] {
    return this.roster.arrays;
  }

  member(name: string): ArrayMember {
    const member = this.membersByName.get(name);
    if (!member) throw new UnknownArrayError(name, [...this.membersByName.keys()]);
    return member;
  }

  session(name: string): PureRestSession {
    let session = this.sessions.get(name);
    if (!session) {
      const member = this.member(name);
      session = new PureRestSession({
        ...this.options.session,
        arrayName: member.name,
        kind: member.kind,
        endpoint: member.endpoint,
        apiToken: member.apiToken,
        caPem: this.options.session?.caPem ?? this.roster.caPem,
        insecureSkipVerify: this.options.session?.insecureSkipVerify ?? this.roster.insecureSkipVerify,
        timeoutMs: this.options.session?.timeoutMs ?? this.roster.requestTimeoutMs,
        logger: this.options.session?.logger ?? this.logger,
      });
      this.sessions.set(name, session);
    }
    return session;
  }

  flashArray(name: string): FlashArrayClient {
    const member = this.member(name);
    if (member.kind !== 'flasharray') throw new ArrayKindError(name, member.kind, 'FlashArray');
    return new FlashArrayClient(this.session(name));
  }

  flashBlade(name: string): FlashBladeClient {
    const member = this.member(name);
    if (member.kind !== 'flashblade') throw new ArrayKindError(name, member.kind, 'FlashBlade');
    return new FlashBladeClient(this.session(name));
  }

  /** The volume lifecycle on one array, of the kind the array holds (block on FA, file on FB). */
  volumeBackend(name: string): VolumeBackend {
    let backend = this.backends.get(name);
    if (!backend) {
      const member = this.member(name);
      backend =
        member.kind === 'flasharray'
          ? new FlashArrayVolumeBackend(this.flashArray(name))
          : new FlashBladeVolumeBackend(this.flashBlade(name), member.nfsEndpoint);
      this.backends.set(name, backend);
    }
    return backend;
  }

  /**
   * The id the array reports for itself (GET arrays), read once per process. Volumes record it so
   * that an array renamed in the roster, or reached by another spelling of its address, is still
   * recognised as the array that holds them.
   */
  arrayId(name: string, signal?: AbortSignal): Promise<string | undefined> {
    let id = this.identities.get(name);
    if (!id) {
      const member = this.member(name);
      const read =
        member.kind === 'flasharray'
          ? this.flashArray(name).getArray(signal)
          : this.flashBlade(name).getArray(signal);
      id = read.then(
        (info) => info.id,
        (err: unknown) => {
          // FlashArray REST 2.0 has no `arrays` endpoint: such an array is known by name only.
          if (err instanceof UnsupportedApiVersionError) return undefined;
          this.identities.delete(name);
          throw err;
        },
      );
      this.identities.set(name, id);
    }
    return id;
  }

  /**
   * The roster name of the array whose id is `id`, asking every member's identity (once per
   * process); undefined when no reachable member has that id.
   */
  async memberNameById(id: string, signal?: AbortSignal): Promise<string | undefined> {
    const ids = await Promise.all(
      this.members.map((m) => this.arrayId(m.name, signal).catch(() => undefined)),
    );
    const at = ids.indexOf(id);
    return at < 0 ? undefined : this.members[at]?.name;
  }

  /**
   * The array recorded as (`name`, `id`) in today's roster. The name wins when it still names the
   * array with that id; otherwise the member with that id (renamed, or its address respelt, e.g. a
   * PSO MgmtEndPoint 127.0.0.1:P → localhost:P). A name that now names a different array, and an
   * id no member has, are ArrayNotFoundError: the volume is not looked for elsewhere. An
   * unreachable array under the recorded name throws its unreachable error (nothing is known).
   */
  async locate(name: string, id: string | undefined, signal?: AbortSignal): Promise<ArrayLocation> {
    if (this.membersByName.has(name)) {
      const actual = await this.arrayId(name, signal);
      if (id === undefined || actual === undefined || actual === id) return { name, id: actual ?? id };
    }
    const renamed = id === undefined ? undefined : await this.memberNameById(id, signal);
    if (renamed !== undefined && id !== undefined) return { name: renamed, id };
    const known = [...this.membersByName.keys()].join(', ') || 'none';
    throw new ArrayNotFoundError(
      name,
      id,
      this.membersByName.has(name)
        ? `the roster's "${name}" is now a different array (its id is not ${id}), and no other member has id ${id}`
        : `no array of the roster is named "${name}"${id ? ` or has id ${id}` : ''} (known: ${known})`,
    );
  }

  /**
   * Logs in to every array in the background (at most the roster's array concurrency at a time),
   * for a caller that knows requests will follow: the version negotiation, login and TLS set-up
   * then overlap with its other work instead of delaying its first request. Failures are only
   * logged here; the request that needs the array meets them again and reports them.
   */
  connectInBackground(): void {
    const names = this.members.map((m) => m.name);
    void mapWithConcurrency(names, this.roster.arrayConcurrency ?? DEFAULT_ARRAY_CONCURRENCY, (name) =>
      this.session(name)
        .connect()
        .catch((err: unknown) =>
          this.logger.debug('background login failed', {
            array: name,
            error: err instanceof Error ? err.message : String(err),
          }),
        ),
    );
  }

  /** The process's telemetry collector (created on first use, cached for the process). */
  get telemetry(): TelemetryCollector {
    this.collector ??= new TelemetryCollector(this, {
      maxAgeMs: this.roster.telemetryMaxAgeMs,
      concurrency: this.roster.arrayConcurrency,
      logger: this.logger,
      ...this.options.telemetry,
    });
    return this.collector;
  }

  /** The process's fleet-wide volume reader (created on first use, cached for the process). */
  get volumes(): FleetVolumeReader {
    this.reader ??= new FleetVolumeReader(this, {
      maxAgeMs: this.roster.telemetryMaxAgeMs,
      concurrency: this.roster.arrayConcurrency,
      logger: this.logger,
      ...this.options.volumes,
    });
    return this.reader;
  }

  /** REST requests sent so far by this process to one array (0 before the first). */
  requestCount(name: string): number {
    return this.sessions.get(name)?.requestCount ?? 0;
  }

  /** The REST version negotiated with one array, once known. */
  apiVersion(name: string): string | undefined {
    return this.sessions.get(name)?.apiVersion;
  }

  /** REST requests sent so far by this process, per array. */
  requestCounts(): Record<string, number> {
    return Object.fromEntries([...this.sessions].map(([name, s]) => [name, s.requestCount]));
  }

  /** Logs out of every array (best effort) and closes pooled connections. */
  async close(): Promise<void> {
    await Promise.all(
      [...this.sessions.values()].map(async (s) => {
        await s.logout();
        s.close();
      }),
    );
    this.sessions.clear();
  }
}
