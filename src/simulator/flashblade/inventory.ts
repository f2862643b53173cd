// The FlashBlade as a whole: identity, space, performance, blades, hardware, alerts, and the
// network interfaces whose data VIP NFS clients mount from.
import { badRequest } from '../errors';
import { sampleTimes } from '../http/history';
import { listItems } from '../http/listing';
import type { ApiRequest, ApiResult, RouteDefinition } from '../http/types';
import { newId } from '../ids';
import { nameKey } from '../names';
import { atLeast, type ApiVersion } from '../versions';
import type { InventorySource } from './context';
import { ALERT_FIELDS, ARRAY_FIELDS, BLADE_FIELDS, HARDWARE_FIELDS, NI_FIELDS } from './fields';
import { listParams } from './list-params';
import type { NetworkInterfaceRecord } from './records';

export const BLADES = 7;

export class FlashBladeInventory {
  interfaces: NetworkInterfaceRecord[];

  constructor(
    private readonly sim: InventorySource,
    private readonly dataVip: string,
  ) {
    this.interfaces = this.defaultInterfaces();
  }

  /** The data VIP follows the description, so a changed nfsEndpoint takes effect on restart. */
  restore(records: NetworkInterfaceRecord[]): void {
    this.interfaces = records.map((ni) =>
      ni.services.includes('data') ? { ...ni, address: this.dataVip } : ni,
    );
  }

  private defaultInterfaces(): NetworkInterfaceRecord[] {
    return [
      {
        seq: this.sim.takeSeq(),
        id: newId(),
        name: 'data1',
        address: this.dataVip,
        services: ['data'],
        type: 'vip',
        subnet: 'data-subnet',
        vlan: 0,
        mtu: 9000,
        netmask: '255.255.255.0',
        gateway: this.dataVip.replace(/\.[0-9]+$/, '.1'),
      },
    ];
  }

  private getArrays(req: ApiRequest): ApiResult {
    this.sim.checkContext(req);
    const v = req.version as ApiVersion;
    const item: Record<string, unknown> = {
      id: this.sim.id,
      name: this.sim.config.name,
      _as_of: this.sim.clock.now(),
      banner: '',
      idle_timeout: Math.min(this.sim.config.sessionTimeoutMs, 2 ** 31 - 1),
      ntp_servers: ['0.pool.ntp.org'],
      os: 'Purity//FB',
      revision: `${this.sim.model.purityVersion}-sim`,
      time_zone: 'UTC',
      version: this.sim.model.purityVersion,
    };
    if (atLeast(v, 2, 1)) {
      item.product_type = this.sim.config.model;
      item.eradication_config = {
        eradication_delay: this.sim.config.eradicationDelayMs,
        manual_eradication: 'enabled',
      };
      item.smb_mode = 'native';
      item.encryption = {
        data_at_rest: { algorithms: ['AES-256'], enabled: true, entropy_source: 'rdseed' },
      };
      item.security_update = '';
    }
    return listItems(req, {
      family: 'flashblade',
      kind: 'Array',
      items: [item],
      seq: () => 1,
      serialize: (x) => x,
      fields: ARRAY_FIELDS,
    });
  }

  private getArraySpace(req: ApiRequest): ApiResult {
    this.sim.checkContext(req);
    const v = req.version as ApiVersion;
    const type = req.query.string('type') ?? 'array';
    if (!['array', 'file-system', 'object-store'].includes(type))
      throw badRequest(`Invalid type '${type.slice(0, 32)}'.`, 'type');
    const times = sampleTimes(req.query, this.sim.clock.now());
    const s = this.sim.spaceFigures();
    const objectStore = type === 'object-store';
    const fileOnly = type === 'file-system';
    const unique = objectStore ? 0 : fileOnly ? s.unique - this.sim.config.preexistingUsed : s.unique;
    const virtual = objectStore
      ? 0
      : fileOnly
        ? s.virtual - Math.round(this.sim.config.preexistingUsed * this.sim.config.dataReductionRatio)
        : s.virtual;
    const space: Record<string, number> = {
      data_reduction: unique > 0 ? Math.round((virtual / unique) * 1000) / 1000 : 1,
      snapshots: 0,
      total_physical: objectStore ? 0 : fileOnly ? unique : s.totalPhysical,
      unique,
      virtual,
    };
    if (atLeast(v, 2, 1)) {
      space.available_provisioned = Math.max(0, this.sim.config.capacity - s.totalProvisioned);
      space.available_ratio = Math.round((s.available / this.sim.config.capacity) * 1000) / 1000;
      space.destroyed = objectStore ? 0 : s.destroyedPhysical;
      space.destroyed_virtual = objectStore ? 0 : s.destroyedVirtual;
      space.shared = 0;
      space.total_provisioned = objectStore ? 0 : s.totalProvisioned;
      space.total_used = space.total_physical as number;
    }
    const rows = times.map((time) => ({
      id: this.sim.id,
      name: this.sim.config.name,
      capacity: this.sim.config.capacity,
      parity: this.sim.parity(),
      space,
      time,
    }));
    return { body: { total_item_count: rows.length, items: rows } };
  }

  private getArrayPerformance(req: ApiRequest): ApiResult {
    this.sim.checkContext(req);
    const protocol = req.query.string('protocol') ?? 'all';
    if (!['all', 'HTTP', 'SMB', 'NFS', 'S3'].includes(protocol))
      throw badRequest(`Invalid protocol '${protocol.slice(0, 32)}'.`, 'protocol');
    const scale = protocol === 'all' || protocol === 'NFS' ? 1 : 0;
    const r2 = (n: number): number => Math.round(n * 100 * scale) / 100;
    const rows = sampleTimes(req.query, this.sim.clock.now()).map((t) => {
      const p = this.sim.performance(t);
      return {
        id: this.sim.id,
        name: this.sim.config.name,
        bytes_per_op: r2(p.bytesPerOp),
        bytes_per_read: r2(p.bytesPerRead),
        bytes_per_write: r2(p.bytesPerWrite),
        others_per_sec: r2(p.othersPerSec),
        read_bytes_per_sec: r2(p.readBytesPerSec),
        reads_per_sec: r2(p.readsPerSec),
        time: t,
        usec_per_other_op: r2(p.usecPerOtherOp),
        usec_per_read_op: r2(p.usecPerReadOp),
        usec_per_write_op: r2(p.usecPerWriteOp),
        write_bytes_per_sec: r2(p.writeBytesPerSec),
        writes_per_sec: r2(p.writesPerSec),
      };
    });
    return { body: { total_item_count: rows.length, items: rows } };
  }

  private getBlades(req: ApiRequest): ApiResult {
    const raw = Math.round((this.sim.config.capacity * 1.4) / BLADES);
    const rows = Array.from({ length: BLADES }, (_, i) => {
      const name = `CH1.FB${i + 1}`;
      const down = this.sim.health.controllerDown === name;
      return {
        id: `blade-${i + 1}-${this.sim.id.slice(0, 8)}`,
        name,
        details: down ? 'Blade is not responding.' : '',
        progress: 1,
        raw_capacity: raw,
        status: down ? 'critical' : 'healthy',
        target: name,
      };
    });
    return listItems(req, {
      family: 'flashblade',
      kind: 'Blade',
      items: rows,
      seq: (r) => rows.indexOf(r),
      serialize: (r) => r,
      byName: (n) => rows.find((r) => nameKey(r.name) === nameKey(n)),
      byId: (id) => rows.find((r) => r.id === id),
      fields: BLADE_FIELDS,
      total: (items) => ({ raw_capacity: items.reduce((a, b) => a + b.raw_capacity, 0) }),
    });
  }

  private getHardware(req: ApiRequest): ApiResult {
    const degraded = this.sim.health.degradedHardware ? this.sim.hardwareComponentToDegrade().name : '';
    const comps: Array<[string, string, number]> = [['CH1', 'ch', 1]];
    for (let i = 1; i <= BLADES; i++) comps.push([`CH1.FB${i}`, 'fb', i]);
    for (let i = 1; i <= 2; i++) comps.push([`CH1.FM${i}`, 'fm', i]);
    for (let i = 1; i <= 4; i++) comps.push([`CH1.PWR${i}`, 'pwr', i]);
    for (let i = 1; i <= 2; i++) comps.push([`CH1.FAN${i}`, 'fan', i]);
    const rows = comps.map(([name, type, index]) => ({
      id: `${name.toLowerCase()}-${this.sim.id.slice(0, 8)}`,
      name,
      details: '',
      identify_enabled: false,
      index,
      model: type === 'fb' ? 'FB-17TB' : this.sim.config.model,
      serial: `PSF${this.sim.id.slice(0, 6).toUpperCase()}${index}`,
      slot: index,
      status:
        this.sim.health.controllerDown === name ? 'critical' : name === degraded ? 'unhealthy' : 'healthy',
      temperature: 35,
      type,
    }));
    return listItems(req, {
      family: 'flashblade',
      kind: 'Hardware component',
      items: rows,
      seq: (r) => rows.indexOf(r),
      serialize: (r) => r,
      byName: (n) => rows.find((r) => nameKey(r.name) === nameKey(n)),
      byId: (id) => rows.find((r) => r.id === id),
      fields: HARDWARE_FIELDS,
    });
  }

  private getAlerts(req: ApiRequest): ApiResult {
    const now = this.sim.clock.now();
    return listItems(req, {
      family: 'flashblade',
      kind: 'Alert',
      items: this.sim.alerts,
      seq: (a) => a.index,
      serialize: (a) => ({
        id: a.id,
        name: String(a.index),
        action: a.severity === 'critical' ? 'Contact Pure Storage Support.' : '',
        code: a.code,
        component_name: a.componentName,
        component_type: a.componentType,
        created: a.created,
        description: a.description,
        flagged: a.flagged,
        index: a.index,
        knowledge_base_url: `https://support.purestorage.com/?cid=Alert_${a.code}`,
        notified: a.created,
        severity: a.severity,
        state: a.state,
        summary: a.summary,
        updated: a.updated,
        ...(atLeast(req.version as ApiVersion, 2, 1) ? { duration: (a.closed ?? now) - a.created } : {}),
      }),
      byName: (n) => this.sim.alerts.find((a) => String(a.index) === n),
      byId: (id) => this.sim.alerts.find((a) => a.id === id),
      fields: ALERT_FIELDS,
    });
  }

  private getNetworkInterfaces(req: ApiRequest): ApiResult {
    const v = req.version as ApiVersion;
    return listItems(req, {
      family: 'flashblade',
      kind: 'Network interface',
      items: this.interfaces,
      seq: (n) => n.seq,
      serialize: (n) => ({
        id: n.id,
        name: n.name,
        address: n.address,
        enabled: true,
        gateway: n.gateway,
        mtu: n.mtu,
        netmask: n.netmask,
        services: [...n.services],
        subnet: { id: newIdFor(n.subnet), name: n.subnet, resource_type: 'subnets' },
        type: n.type,
        vlan: n.vlan,
        ...(atLeast(v, 2, 1) ? { attached_servers: [], realms: [] } : {}),
      }),
      byName: (x) => this.interfaces.find((n) => nameKey(n.name) === nameKey(x)),
      byId: (id) => this.interfaces.find((n) => n.id === id),
      fields: NI_FIELDS,
    });
  }

  routes(): RouteDefinition[] {
    return [
      {
        method: 'GET',
        resource: 'arrays',
        auth: true,
        params: (v) => listParams(v, ['allow_errors']),
        body: 'none',
        handle: (r) => this.getArrays(r),
      },
      {
        method: 'GET',
        resource: 'arrays/space',
        auth: true,
        params: (v) => [
          'start_time',
          'end_time',
          'resolution',
          'type',
          ...(v && atLeast(v, 2, 1) ? ['allow_errors', 'context_names'] : []),
        ],
        body: 'none',
        handle: (r) => this.getArraySpace(r),
      },
      {
        method: 'GET',
        resource: 'arrays/performance',
        auth: true,
        params: (v) => [
          'start_time',
          'end_time',
          'resolution',
          'protocol',
          ...(v && atLeast(v, 2, 1) ? ['allow_errors', 'context_names'] : []),
        ],
        body: 'none',
        handle: (r) => this.getArrayPerformance(r),
      },
      {
        method: 'GET',
        resource: 'blades',
        auth: true,
        params: (v) => listParams(v, ['names', 'ids', 'total_only']),
        body: 'none',
        handle: (r) => this.getBlades(r),
      },
      {
        method: 'GET',
        resource: 'hardware',
        auth: true,
        params: (v) => listParams(v, ['names', 'ids']),
        body: 'none',
        handle: (r) => this.getHardware(r),
      },
      {
        method: 'GET',
        resource: 'alerts',
        auth: true,
        params: (v) => listParams(v, ['names', 'ids']),
        body: 'none',
        handle: (r) => this.getAlerts(r),
      },
      {
        method: 'GET',
        resource: 'network-interfaces',
        auth: true,
        params: (v) => listParams(v, ['names', 'ids']),
        body: 'none',
        handle: (r) => this.getNetworkInterfaces(r),
      },
    ];
  }
}

function newIdFor(name: string): string {
  // Subnets are not modelled; a stable id derived from the name keeps responses consistent.
  const hex = Buffer.from(name.padEnd(16, '-').slice(0, 16)).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
