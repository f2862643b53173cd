// The FlashArray's own endpoints over REST: login and logout, the array, its
// space and performance history, controllers, hardware, drives and alerts.
import type { AlertRecord, HealthState } from '../array-base';
import type { ResolvedArrayConfig } from '../description';
import { PureApiError, badRequest } from '../errors';
import { sampleTimes } from '../http/history';
import { listItems } from '../http/listing';
import type { ApiRequest, ApiResult, RouteDefinition } from '../http/types';
import type { ModelSpec } from '../model/models';
import type { PerformanceSample } from '../model/performance';
import type { ArraySpaceFigures } from '../model/space';
import { nameKey } from '../names';
import type { SessionTable, SimClock } from '../runtime';
import { checkContext, listParams } from './context';
import {
  ALERT_FIELDS,
  ARRAY_FIELDS,
  CONTROLLER_FIELDS,
  DRIVE_FIELDS,
  HARDWARE_FIELDS,
  PERF_FIELDS,
  SPACE_FIELDS,
} from './fields';
import {
  DEGRADED_COMPONENT,
  controllerRows,
  driveRows,
  hardwareRows,
  type InventoryContext,
} from './inventory';
import { arraySpaceFields, serializeAlert, serializePerformance } from './serialize';

/** The parts of the simulated array these endpoints report on. */
export interface ArrayEndpointsHost {
  readonly id: string;
  readonly config: ResolvedArrayConfig;
  readonly clock: SimClock;
  readonly model: ModelSpec;
  readonly health: HealthState;
  readonly alerts: AlertRecord[];
  readonly sessions: SessionTable;
  login(apiTokenHeader: string | string[] | undefined): { token: string; username: string };
  parity(): number;
  performance(timeMs: number): PerformanceSample;
  spaceFigures(): ArraySpaceFigures;
}

export class ArrayRoutes {
  constructor(
    private readonly sim: ArrayEndpointsHost,
    private readonly serialPrefix: () => string,
  ) {}

  routes(): RouteDefinition[] {
    const none = (): string[] => [];
    return [
      {
        method: 'POST',
        resource: 'login',
        auth: false,
        params: none,
        body: 'optional',
        handle: (r) => this.postLogin(r),
      },
      {
        method: 'POST',
        resource: 'logout',
        auth: false,
        params: none,
        body: 'optional',
        handle: (r) => this.postLogout(r),
      },
      {
        method: 'GET',
        resource: 'arrays',
        sinceMinor: 2,
        auth: true,
        params: (v) => listParams(v, []),
        body: 'none',
        handle: (r) => this.getArrays(r),
      },
      {
        method: 'GET',
        resource: 'arrays/space',
        sinceMinor: 2,
        auth: true,
        params: (v) => listParams(v, ['start_time', 'end_time', 'resolution']),
        body: 'none',
        handle: (r) => this.getArraySpace(r),
      },
      {
        method: 'GET',
        resource: 'arrays/performance',
        sinceMinor: 2,
        auth: true,
        params: (v) => [
          ...listParams(v, ['start_time', 'end_time', 'resolution', 'protocol', 'protocol_group']).filter(
            (p) => p !== 'continuation_token' && p !== 'allow_errors' && p !== 'context_names',
          ),
        ],
        body: 'none',
        handle: (r) => this.getArrayPerformance(r),
      },
      {
        method: 'GET',
        resource: 'controllers',
        sinceMinor: 2,
        auth: true,
        params: (v) => listParams(v, ['names']),
        body: 'none',
        handle: (r) => this.getControllers(r),
      },
      {
        method: 'GET',
        resource: 'hardware',
        sinceMinor: 2,
        auth: true,
        params: (v) => listParams(v, ['names']).filter((p) => p !== 'continuation_token'),
        body: 'none',
        handle: (r) => this.getHardware(r),
      },
      {
        method: 'GET',
        resource: 'drives',
        sinceMinor: 4,
        auth: true,
        params: (v) => listParams(v, ['names']),
        body: 'none',
        handle: (r) => this.getDrives(r),
      },
      {
        method: 'GET',
        resource: 'alerts',
        sinceMinor: 2,
        auth: true,
        params: (v) => listParams(v, ['names', 'ids', 'flagged']),
        body: 'none',
        handle: (r) => this.getAlerts(r),
      },
    ];
  }

  private inventoryContext(): InventoryContext {
    return {
      health: this.sim.health,
      now: this.sim.clock.now(),
      model: this.sim.config.model,
      purityVersion: this.sim.model.purityVersion,
      serialPrefix: this.serialPrefix(),
      degradedComponent: DEGRADED_COMPONENT,
      capacity: this.sim.config.capacity,
    };
  }

  private postLogin(req: ApiRequest): ApiResult {
    if (req.body !== undefined) {
      const b = req.body as Record<string, unknown>;
      if (b === null || typeof b !== 'object' || Array.isArray(b))
        throw badRequest('Invalid login body.', 'body');
      if (req.headers['api-token'] === undefined) {
        throw new PureApiError(401, [{ context: 'username', message: 'Invalid username or password.' }]);
      }
    }
    const { token, username } = this.sim.login(req.headers['api-token']);
    return { body: { items: [{ username }] }, headers: { 'x-auth-token': token } };
  }

  private postLogout(req: ApiRequest): ApiResult {
    const token = req.headers['x-auth-token'];
    if (typeof token === 'string') this.sim.sessions.delete(token);
    return {};
  }

  private arrayItem(): Record<string, unknown> {
    const space = this.sim.spaceFigures();
    const now = this.sim.clock.now();
    const item: Record<string, unknown> = {
      id: this.sim.id,
      name: this.sim.config.name,
      _as_of: now,
      banner: '',
      capacity: this.sim.config.capacity,
      console_lock_enabled: false,
      encryption: { data_at_rest: { algorithm: 'AES-256-CTR', enabled: true }, module_version: 'FA-1.3' },
      eradication_config: {
        disabled_delay: this.sim.config.eradicationDelayMs,
        enabled_delay: this.sim.config.eradicationDelayMs,
        eradication_delay: this.sim.config.eradicationDelayMs,
        manual_eradication: 'all-enabled',
      },
      idle_timeout: Math.min(this.sim.config.sessionTimeoutMs, 2 ** 31 - 1),
      ntp_servers: ['0.pool.ntp.org'],
      os: 'Purity//FA',
      parity: this.sim.parity(),
      scsi_timeout: 60_000,
      space: arraySpaceFields(space),
      time_zone: 'UTC',
      version: this.sim.model.purityVersion,
    };
    return item;
  }

  private getArrays(req: ApiRequest): ApiResult {
    checkContext(this.sim, req);
    return listItems(req, {
      family: 'flasharray',
      kind: 'Array',
      items: [0],
      seq: () => 1,
      serialize: () => this.arrayItem(),
      fields: ARRAY_FIELDS,
    });
  }

  private getArraySpace(req: ApiRequest): ApiResult {
    checkContext(this.sim, req);
    const times = sampleTimes(req.query, this.sim.clock.now());
    const space = arraySpaceFields(this.sim.spaceFigures());
    const rows = times.map((time) => ({
      id: this.sim.id,
      name: this.sim.config.name,
      capacity: this.sim.config.capacity,
      capacity_installed: this.sim.config.capacity,
      parity: this.sim.parity(),
      space,
      time,
    }));
    return listItems(req, {
      family: 'flasharray',
      kind: 'Array',
      items: rows,
      seq: (r) => r.time,
      serialize: (r) => r,
      fields: SPACE_FIELDS,
    });
  }

  private getArrayPerformance(req: ApiRequest): ApiResult {
    const protocol = req.query.string('protocol');
    const block = ['all', 'fc', 'iscsi', 'nvme-fc', 'nvme-roce', 'nvme-tcp', 'nfs', 'smb'];
    if (protocol !== undefined && !block.includes(protocol))
      throw badRequest(`Invalid protocol '${protocol.slice(0, 32)}'.`, 'protocol');
    const group = req.query.string('protocol_group');
    if (group !== undefined && !['block', 'file', 'all'].includes(group))
      throw badRequest('Invalid protocol_group.', 'protocol_group');
    const times = sampleTimes(req.query, this.sim.clock.now());
    const fileOnly = protocol === 'nfs' || protocol === 'smb' || group === 'file';
    const rows = times.map((t) => {
      const row = serializePerformance(this.sim.id, this.sim.config.name, this.sim.performance(t));
      if (fileOnly)
        for (const k of Object.keys(row)) if (typeof row[k] === 'number' && k !== 'time') row[k] = 0;
      return row;
    });
    return listItems(req, {
      family: 'flasharray',
      kind: 'Array',
      items: rows,
      seq: (r) => r.time as number,
      serialize: (r) => r,
      fields: PERF_FIELDS,
    });
  }

  private getControllers(req: ApiRequest): ApiResult {
    return this.listInventory(req, 'Controller', controllerRows(this.inventoryContext()), CONTROLLER_FIELDS);
  }

  private getHardware(req: ApiRequest): ApiResult {
    return this.listInventory(
      req,
      'Hardware component',
      hardwareRows(this.inventoryContext()),
      HARDWARE_FIELDS,
    );
  }

  private getDrives(req: ApiRequest): ApiResult {
    return this.listInventory(req, 'Drive', driveRows(this.inventoryContext()), DRIVE_FIELDS);
  }

  /** Controllers, hardware and drives: fixed rows derived from health, listed and found by name. */
  private listInventory(
    req: ApiRequest,
    kind: string,
    rows: readonly Record<string, unknown>[],
    fields: Parameters<typeof listItems>[1]['fields'],
  ): ApiResult {
    return listItems(req, {
      family: 'flasharray',
      kind,
      items: rows,
      seq: (r) => rows.indexOf(r),
      serialize: (r) => r,
      byName: (n) => rows.find((r) => nameKey(r.name as string) === nameKey(n)),
      fields,
    });
  }

  private getAlerts(req: ApiRequest): ApiResult {
    checkContext(this.sim, req);
    const flagged = req.query.bool('flagged');
    const now = this.sim.clock.now();
    const rows = this.sim.alerts.filter((a) => flagged === undefined || a.flagged === flagged);
    return listItems(req, {
      family: 'flasharray',
      kind: 'Alert',
      items: rows,
      seq: (a) => a.index,
      serialize: (a) => serializeAlert(a, now),
      byName: (n) => rows.find((a) => String(a.index) === n),
      byId: (id) => rows.find((a) => a.id === id),
      fields: ALERT_FIELDS,
    });
  }
}
