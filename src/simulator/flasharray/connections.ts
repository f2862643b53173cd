// FlashArray host-volume connections over REST: list, connect (with LUNs
// chosen per host) and disconnect.
import { badRequest, doesNotExist } from '../errors';
import { validateBody } from '../http/body-schema';
import { listItems } from '../http/listing';
import type { ApiRequest, ApiResult, RouteDefinition } from '../http/types';
import { checkContext, listParams, writeParams, type FaContext } from './context';
import { CONNECTION_FIELDS } from './fields';
import type { ConnectionRecord, HostRecord, VolumeRecord } from './records';
import { CONNECTION_POST } from './schemas';
import { isV20 } from './serialize';

export class ConnectionRoutes {
  constructor(private readonly ctx: FaContext) {}

  routes(): RouteDefinition[] {
    return [
      {
        method: 'GET',
        resource: 'connections',
        auth: true,
        params: (v) =>
          listParams(v, [
            'host_names',
            'volume_names',
            'host_group_names',
            'protocol_endpoint_names',
            ...(isV20(v) ? [] : ['volume_ids']),
          ]),
        body: 'none',
        handle: (r) => this.getConnections(r),
      },
      {
        method: 'POST',
        resource: 'connections',
        auth: true,
        params: (v) =>
          writeParams(v, [
            'host_names',
            'volume_names',
            'host_group_names',
            ...(isV20(v) ? [] : ['volume_ids']),
          ]),
        body: 'optional',
        handle: (r) => this.postConnections(r),
      },
      {
        method: 'DELETE',
        resource: 'connections',
        auth: true,
        params: (v) =>
          writeParams(v, [
            'host_names',
            'volume_names',
            'host_group_names',
            ...(isV20(v) ? [] : ['volume_ids']),
          ]),
        body: 'none',
        handle: (r) => this.deleteConnections(r),
      },
    ];
  }

  private connectionOut(c: ConnectionRecord): Record<string, unknown> {
    const host = this.ctx.store.hosts.get(c.hostId) as HostRecord;
    const vol = this.ctx.store.volumes.get(c.volumeId) as VolumeRecord;
    return { host: { name: host.name }, lun: c.lun, volume: { id: vol.id, name: vol.name } };
  }

  private connectionTargets(
    req: ApiRequest,
    required: boolean,
  ): { hosts?: HostRecord[]; volumes?: VolumeRecord[] } {
    if (req.query.has('host_group_names')) {
      const g = req.query.list('host_group_names') as string[];
      throw doesNotExist('Host group', g[0] as string);
    }
    if (req.query.has('protocol_endpoint_names')) {
      const p = req.query.list('protocol_endpoint_names') as string[];
      throw doesNotExist('Protocol endpoint', p[0] as string);
    }
    const hostNames = req.query.list('host_names');
    const volumeNames = req.query.list('volume_names');
    const volumeIds = req.query.list('volume_ids');
    if (volumeNames && volumeIds)
      throw badRequest('The volume_names and volume_ids parameters cannot be used together.', 'volume_names');
    if (required && !hostNames) throw badRequest('host_names or host_group_names is required.', 'host_names');
    if (required && !volumeNames && !volumeIds)
      throw badRequest('volume_names or volume_ids is required.', 'volume_names');
    // The spec: "A request cannot include a mix of multiple objects with multiple names."
    if (required && (hostNames?.length ?? 0) > 1 && ((volumeNames ?? volumeIds)?.length ?? 0) > 1)
      throw badRequest(
        'A request cannot include multiple host names and multiple volume names; one of them must name a single object.',
        'host_names',
      );
    const hosts = hostNames?.map(
      (n) =>
        this.ctx.store.findHost(n) ??
        (() => {
          throw doesNotExist('Host', n);
        })(),
    );
    const volumes = volumeNames
      ? volumeNames.map(
          (n) =>
            this.ctx.store.findVolume(n) ??
            (() => {
              throw doesNotExist('Volume', n);
            })(),
        )
      : volumeIds?.map(
          (id) =>
            this.ctx.store.volumes.get(id) ??
            (() => {
              throw doesNotExist('Volume', id);
            })(),
        );
    return { hosts, volumes };
  }

  private getConnections(req: ApiRequest): ApiResult {
    checkContext(this.ctx, req);
    const { hosts, volumes } = this.connectionTargets(req, false);
    const hostIds = hosts ? new Set(hosts.map((h) => h.id)) : undefined;
    const volIds = volumes ? new Set(volumes.map((x) => x.id)) : undefined;
    const rows = this.ctx.store.connections.filter(
      (c) => (!hostIds || hostIds.has(c.hostId)) && (!volIds || volIds.has(c.volumeId)),
    );
    return listItems(req, {
      family: 'flasharray',
      kind: 'Connection',
      items: rows,
      seq: (c) => c.seq,
      serialize: (c) => this.connectionOut(c),
      fields: CONNECTION_FIELDS,
    });
  }

  private postConnections(req: ApiRequest): ApiResult {
    checkContext(this.ctx, req);
    const body = validateBody<{ lun?: number; protocol_endpoint?: unknown }>(req.body ?? {}, CONNECTION_POST);
    if (body.protocol_endpoint !== undefined)
      throw badRequest('Protocol endpoints are not supported.', 'protocol_endpoint');
    const { hosts, volumes } = this.connectionTargets(req, true);
    const hs = hosts as HostRecord[];
    const vs = volumes as VolumeRecord[];
    if (body.lun !== undefined && vs.length > 1)
      throw badRequest('A LUN can be given only when connecting one volume.', 'lun');
    for (const h of hs) {
      for (const vol of vs) {
        if (vol.destroyed) throw badRequest('Volume has been destroyed.', vol.name);
        if (this.ctx.store.connections.some((c) => c.hostId === h.id && c.volumeId === vol.id)) {
          throw badRequest('Connection already exists.', `${h.name}/${vol.name}`);
        }
        if (
          body.lun !== undefined &&
          this.ctx.store.connections.some((c) => c.hostId === h.id && c.lun === body.lun)
        ) {
          throw badRequest(`LUN ${body.lun} is already in use on host ${h.name}.`, h.name);
        }
      }
    }
    const created: ConnectionRecord[] = [];
    for (const h of hs) {
      for (const vol of vs) {
        const used = new Set(this.ctx.store.connections.filter((c) => c.hostId === h.id).map((c) => c.lun));
        let lun = body.lun ?? 1;
        while (body.lun === undefined && used.has(lun)) lun++;
        if (lun > 4095) throw badRequest('No free LUN is left on the host.', h.name);
        const c: ConnectionRecord = { seq: this.ctx.nextSeq(), hostId: h.id, volumeId: vol.id, lun };
        this.ctx.store.connections.push(c);
        created.push(c);
      }
    }
    this.ctx.store.recount();
    this.ctx.changed();
    return { body: { items: created.map((c) => this.connectionOut(c)) } };
  }

  private deleteConnections(req: ApiRequest): ApiResult {
    checkContext(this.ctx, req);
    const { hosts, volumes } = this.connectionTargets(req, true);
    const doomed: ConnectionRecord[] = [];
    for (const h of hosts as HostRecord[]) {
      for (const vol of volumes as VolumeRecord[]) {
        const c = this.ctx.store.connections.find((x) => x.hostId === h.id && x.volumeId === vol.id);
        if (!c) throw badRequest('Connection does not exist.', `${h.name}/${vol.name}`);
        doomed.push(c);
      }
    }
    this.ctx.store.connections = this.ctx.store.connections.filter((c) => !doomed.includes(c));
    this.ctx.store.recount();
    this.ctx.changed();
    return {};
  }
}
