// What every simulated array has, FlashArray or FlashBlade: identity, the
// settings the control API can change at run time (load, health, capacity),
// REST sessions, faults, counters, alerts, and the space and performance
// models evaluated on the fleet's clock.
import type { ResolvedArrayConfig, ResolvedLoadProfile } from './description';
import { badRequest, unauthorized } from './errors';
import { ApiClientRegistry } from './http/oauth';
import type { RouteDefinition } from './http/types';
import { newApiToken, newId } from './ids';
import { modelSpec, type ArrayType, type ModelSpec } from './model/models';
import { performanceAt, type PerformanceSample } from './model/performance';
import type { ArraySpaceFigures } from './model/space';
import { FaultInjector, RequestCounters, SessionTable, type SimClock } from './runtime';

export interface HealthState {
  /** Name of the controller (FA) or blade (FB) that is down, or null. */
  controllerDown: string | null;
  degradedHardware: boolean;
  /** `reset`: connections are refused/reset; `timeout`: accepted but never answered. */
  unreachable: 'reset' | 'timeout' | null;
}

export interface AlertRecord {
  id: string;
  index: number;
  code: number;
  severity: 'info' | 'warning' | 'critical';
  state: 'open' | 'closed';
  created: number;
  updated: number;
  closed?: number;
  componentName: string;
  componentType: string;
  category: string;
  summary: string;
  description: string;
  flagged: boolean;
  /** Why the simulator raised it: a health condition key, or `injected`. */
  origin: string;
}

/** The fields every persisted array shares; subclasses add their objects. */
export interface PersistedArrayBase {
  name: string;
  type: ArrayType;
  id: string;
  apiToken: string;
  port?: number;
  nextSeq: number;
}

export type OutOfBandAction =
  'create' | 'resize' | 'qos' | 'destroy' | 'recover' | 'eradicate' | 'rename' | 'write' | 'fill' | 'export';

/** An out-of-band change, as if an administrator had used the array's GUI or CLI. */
export interface OutOfBandChange {
  action: OutOfBandAction;
  /** Volume (FA) or file system (FB) name. */
  name: string;
  provisioned?: number;
  newName?: string;
  /** `null` clears the limit. */
  iopsLimit?: number | null;
  bandwidthLimit?: number | null;
  /** Logical bytes written into the object (space model input). */
  writtenBytes?: number;
  /** FlashBlade export settings. */
  nfsRules?: string;
  nfsV3?: boolean;
  nfsV41?: boolean;
}

export interface CapacityPatch {
  capacity?: number;
  preexistingUsed?: number;
  fillRatio?: number;
  dataReductionRatio?: number;
  volumeLimit?: number;
}

export interface ArraySummary {
  name: string;
  type: ArrayType;
  id: string;
  model: string;
  maxApiVersion: string;
  labels: Record<string, string>;
  health: HealthState;
  load: ResolvedLoadProfile;
  capacity: {
    capacity: number;
    preexistingUsed: number;
    fillRatio: number;
    dataReductionRatio: number;
    volumeLimit: number;
    totalPhysical: number;
    totalProvisioned: number;
  };
  objects: number;
  sessions: number;
  performance: { servedIops: number; utilization: number; usecPerReadOp: number; usecPerWriteOp: number };
  openAlerts: number;
}

export abstract class SimulatedArray {
  abstract readonly type: ArrayType;
  readonly config: ResolvedArrayConfig;
  readonly model: ModelSpec;
  id: string;
  apiToken: string;
  lastPort: number | undefined;
  readonly sessions: SessionTable;
  readonly counters = new RequestCounters();
  readonly faults = new FaultInjector();
  /** API clients whose JWTs the token endpoint accepts (registered through the control API). */
  readonly apiClients = new ApiClientRegistry();
  health: HealthState = { controllerDown: null, degradedHardware: false, unreachable: null };
  alerts: AlertRecord[] = [];
  private alertIndex = 1000;
  protected nextSeq = 1;
  /** Bumped on every change to objects or settings; lets subclasses cache serialised objects safely. */
  protected revision = 0;
  /** Set by the fleet: called after every change that must reach the state file. */
  onMutation: () => void = () => undefined;
  /** Set by the server: called when reachability changes so open connections can be cut. */
  onReachabilityChange: () => void = () => undefined;

  constructor(
    config: ResolvedArrayConfig,
    readonly clock: SimClock,
  ) {
    this.config = { ...config, labels: { ...config.labels }, load: { ...config.load } };
    const model = modelSpec(config.type, config.model);
    if (!model) throw new Error(`unknown model ${config.model}`);
    this.model = model;
    this.id = newId();
    this.apiToken = config.apiToken ?? newApiToken(config.type);
    this.sessions = new SessionTable(clock, config.sessionTimeoutMs);
    for (const client of config.apiClients ?? []) this.apiClients.register(client);
  }

  abstract routes(): RouteDefinition[];
  abstract toRecord(): PersistedArrayBase;
  protected abstract restoreObjects(record: PersistedArrayBase): void;
  abstract applyChange(change: OutOfBandChange): unknown;
  /** Eradicates objects whose eradication delay has passed. */
  abstract sweep(now: number): void;
  abstract objectCount(): number;
  abstract spaceFigures(): ArraySpaceFigures;

  protected baseRecord(): PersistedArrayBase {
    return {
      name: this.config.name,
      type: this.type,
      id: this.id,
      apiToken: this.apiToken,
      port: this.lastPort,
      nextSeq: this.nextSeq,
    };
  }

  restore(record: PersistedArrayBase): void {
    this.id = record.id;
    // A token fixed in the description wins over the remembered one.
    this.apiToken = this.config.apiToken ?? record.apiToken;
    this.lastPort = record.port;
    this.nextSeq = record.nextSeq;
    this.restoreObjects(record);
  }

  protected takeSeq(): number {
    return this.nextSeq++;
  }

  // --- authentication -----------------------------------------------------

  login(apiTokenHeader: string | string[] | undefined): { token: string; username: string } {
    const presented = Array.isArray(apiTokenHeader) ? apiTokenHeader[0] : apiTokenHeader;
    if (!presented) throw badRequest('The api-token header is required.', 'api-token');
    if (presented !== this.apiToken) throw unauthorized('Invalid API token.');
    return { token: this.sessions.create('pureuser'), username: 'pureuser' };
  }

  // --- models ---------------------------------------------------------------

  performance(timeMs: number): PerformanceSample {
    return performanceAt(
      this.config.load,
      this.model.maxIops,
      { readUsec: this.model.baseReadUsec, writeUsec: this.model.baseWriteUsec },
      { controllerDown: this.health.controllerDown !== null, degradedHardware: this.health.degradedHardware },
      timeMs,
    );
  }

  /** Parity below 1 means the array is rebuilding after a hardware fault. */
  parity(): number {
    return this.health.degradedHardware ? 0.87 : 1;
  }

  setLoad(load: ResolvedLoadProfile): void {
    this.config.load = { ...load };
  }

  setCapacity(patch: CapacityPatch): void {
    this.revision++;
    if (patch.capacity !== undefined) this.config.capacity = patch.capacity;
    if (patch.preexistingUsed !== undefined) this.config.preexistingUsed = patch.preexistingUsed;
    if (patch.fillRatio !== undefined) this.config.fillRatio = patch.fillRatio;
    if (patch.dataReductionRatio !== undefined) this.config.dataReductionRatio = patch.dataReductionRatio;
    if (patch.volumeLimit !== undefined) this.config.volumeLimit = patch.volumeLimit;
  }

  // --- health and alerts ----------------------------------------------------

  abstract defaultControllerToFail(): string;
  abstract hardwareComponentToDegrade(): { name: string; type: string };

  setHealth(patch: {
    controllerDown?: boolean | string | null;
    degradedHardware?: boolean;
    unreachable?: boolean | 'reset' | 'timeout' | null;
    criticalAlert?: boolean | string;
  }): void {
    const now = this.clock.now();
    if (patch.controllerDown !== undefined) {
      const down =
        patch.controllerDown === true
          ? this.defaultControllerToFail()
          : typeof patch.controllerDown === 'string'
            ? patch.controllerDown
            : null;
      if (down !== this.health.controllerDown) {
        this.closeAlerts((a) => a.origin === 'controller', now);
        this.health.controllerDown = down;
        if (down) {
          const isBlade = this.type === 'flashblade';
          this.openAlert(
            {
              code: isBlade ? 208 : 13,
              severity: 'critical',
              componentName: down,
              componentType: isBlade ? 'blade' : 'controller',
              category: 'hardware',
              summary: `${isBlade ? 'Blade' : 'Controller'} ${down} is offline`,
              description: `${isBlade ? 'Blade' : 'Controller'} ${down} has failed and is not serving I/O.`,
            },
            'controller',
            now,
          );
        }
      }
    }
    if (patch.degradedHardware !== undefined && patch.degradedHardware !== this.health.degradedHardware) {
      this.health.degradedHardware = patch.degradedHardware;
      this.closeAlerts((a) => a.origin === 'hardware', now);
      if (patch.degradedHardware) {
        const c = this.hardwareComponentToDegrade();
        this.openAlert(
          {
            code: 21,
            severity: 'warning',
            componentName: c.name,
            componentType: c.type,
            category: 'hardware',
            summary: `${c.name} has failed; data is being rebuilt`,
            description: `Component ${c.name} failed. Parity is degraded until the rebuild completes.`,
          },
          'hardware',
          now,
        );
      }
    }
    if (patch.unreachable !== undefined) {
      const next =
        patch.unreachable === true ? 'reset' : patch.unreachable === false ? null : patch.unreachable;
      if (next !== this.health.unreachable) {
        this.health.unreachable = next;
        this.onReachabilityChange();
      }
    }
    if (patch.criticalAlert !== undefined) {
      if (patch.criticalAlert === false) {
        this.closeAlerts((a) => a.origin === 'injected', now);
      } else {
        this.openAlert(
          {
            code: 1,
            severity: 'critical',
            componentName: this.config.name,
            componentType: 'array',
            category: 'array',
            summary:
              typeof patch.criticalAlert === 'string' ? patch.criticalAlert : 'Critical array condition',
            description: 'Raised through the simulator control API.',
          },
          'injected',
          now,
        );
      }
    }
  }

  private openAlert(
    a: Pick<
      AlertRecord,
      'code' | 'severity' | 'componentName' | 'componentType' | 'category' | 'summary' | 'description'
    >,
    origin: string,
    now: number,
  ): AlertRecord {
    const rec: AlertRecord = {
      ...a,
      id: newId(),
      index: this.alertIndex++,
      state: 'open',
      created: now,
      updated: now,
      flagged: true,
      origin,
    };
    this.alerts.push(rec);
    if (this.alerts.length > 500) this.alerts.splice(0, this.alerts.length - 500);
    return rec;
  }

  private closeAlerts(which: (a: AlertRecord) => boolean, now: number): void {
    for (const a of this.alerts) {
      if (a.state === 'open' && which(a)) {
        a.state = 'closed';
        a.closed = now;
        a.updated = now;
      }
    }
  }

  summary(): ArraySummary {
    const now = this.clock.now();
    const perf = this.performance(now);
    const space = this.spaceFigures();
    return {
      name: this.config.name,
      type: this.type,
      id: this.id,
      model: this.config.model,
      maxApiVersion: this.config.maxApiVersion,
      labels: { ...this.config.labels },
      health: { ...this.health },
      load: { ...this.config.load },
      capacity: {
        capacity: this.config.capacity,
        preexistingUsed: this.config.preexistingUsed,
        fillRatio: this.config.fillRatio,
        dataReductionRatio: this.config.dataReductionRatio,
        volumeLimit: this.config.volumeLimit,
        totalPhysical: space.totalPhysical,
        totalProvisioned: space.totalProvisioned,
      },
      objects: this.objectCount(),
      sessions: this.sessions.size,
      performance: {
        servedIops: perf.servedIops,
        utilization: perf.utilization,
        usecPerReadOp: perf.usecPerReadOp,
        usecPerWriteOp: perf.usecPerWriteOp,
      },
      openAlerts: this.alerts.filter((a) => a.state === 'open').length,
    };
  }
}
