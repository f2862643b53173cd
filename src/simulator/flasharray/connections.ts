// FlashArray host-volume connections over REST: list, connect (with LUNs
// chosen per host) and disconnect.
import { badRequest, doesNotExist } from '../errors';
import { validateBody } from '../http/body-schema';
import { listItems } from '../http/listing';
import type { ApiRequest, ApiResult, RouteDefinition } from '../http/types';
import { checkContext, listParams, requireEach, writeParams, type FaContext } from './context';
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
    const store = this.ctx.store;
    const vol = store.volumes.get(c.volumeId) as VolumeRecord;
    const volume = { id: vol.id, name: vol.name };
    if (c.shared) return { host_group: { name: store.hostGroups.get(c.hostId)?.name }, lun: c.lun, volume };
    return { host: { name: (store.hosts.get(c.hostId) as HostRecord).name }, lun: c.lun, volume };
  }

  private connectionTargets(
    req: ApiRequest,
    required: boolean,
  ): { targets?: Target[]; volumes?: VolumeRecord[] } {
    const store = this.ctx.store;
    if (req.query.has('protocol_endpoint_names')) {
      const p = req.query.list('protocol_endpoint_names') as string[];
      throw doesNotExist('Protocol endpoint', p[0] as string);
    }
    const hostNames = req.query.list('host_names');
    const groupNames = req.query.list('host_group_names');
    const volumeNames = req.query.list('volume_names');
    const volumeIds = req.query.list('volume_ids');
    if (volumeNames && volumeIds)
      throw badRequest('The volume_names and volume_ids parameters cannot be used together.', 'volume_names');
    if (required && hostNames && groupNames)
      throw badRequest('Specify host_names or host_group_names, not both.', 'host_group_names');
    if (required && !hostNames && !groupNames)
      throw badRequest('host_names or host_group_names is required.', 'host_names');
    if (required && !volumeNames && !volumeIds)
      throw badRequest('volume_names or volume_ids is required.', 'volume_names');
    // The spec: "A request cannot include a mix of multiple objects with multiple names."
    const targetCount = (hostNames ?? groupNames)?.length ?? 0;
    if (required && targetCount > 1 && ((volumeNames ?? volumeIds)?.length ?? 0) > 1)
      throw badRequest(
        'A request cannot include multiple host or host group names and multiple volume names; one of them must name a single object.',
        hostNames ? 'host_names' : 'host_group_names',
      );
    let targets: Target[] | undefined;
    if (hostNames)
      targets = requireEach(
        hostNames,
        (n) => store.findHost(n),
        (n) => doesNotExist('Host', n),
      ).map((h) => ({
        id: h.id,
        name: h.name,
        shared: false,
        hosts: [h],
      }));
    if (groupNames) {
      const groups = requireEach(
        groupNames,
        (n) => store.findHostGroup(n),
        (n) => doesNotExist('Host group', n),
      );
      targets = [
        ...(targets ?? []),
        ...groups.map((g) => ({ id: g.id, name: g.name, shared: true, hosts: store.groupMembers(g.id) })),
      ];
    }
    const volumes = volumeNames
      ? requireEach(
          volumeNames,
          (n) => store.findVolume(n),
          (n) => doesNotExist('Volume', n),
        )
      : volumeIds
        ? requireEach(
            volumeIds,
            (id) => store.volumes.get(id),
            (id) => doesNotExist('Volume', id),
          )
        : undefined;
    return { targets, volumes };
  }

  private getConnections(req: ApiRequest): ApiResult {
    checkContext(this.ctx, req);
    const { targets, volumes } = this.connectionTargets(req, false);
    const ids = targets ? new Set(targets.map((t) => t.id)) : undefined;
    const volIds = volumes ? new Set(volumes.map((x) => x.id)) : undefined;
    const rows = this.ctx.store.connections.filter(
      (c) => (!ids || ids.has(c.hostId)) && (!volIds || volIds.has(c.volumeId)),
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

  /** LUNs in use where a new connection to `t` would be seen: every host it reaches, and the group itself. */
  private usedLuns(t: Target): Set<number> {
    const used = new Set<number>();
    for (const h of t.hosts) for (const l of this.ctx.store.lunsOfHost(h)) used.add(l);
    for (const c of this.ctx.store.connections) if (c.hostId === t.id) used.add(c.lun);
    return used;
  }

  private postConnections(req: ApiRequest): ApiResult {
    checkContext(this.ctx, req);
    const store = this.ctx.store;
    const body = validateBody<{ lun?: number; protocol_endpoint?: unknown }>(req.body ?? {}, CONNECTION_POST);
    if (body.protocol_endpoint !== undefined)
      throw badRequest('Protocol endpoints are not supported.', 'protocol_endpoint');
    const { targets, volumes } = this.connectionTargets(req, true);
    const ts = targets as Target[];
    const vs = volumes as VolumeRecord[];
    if (body.lun !== undefined && vs.length > 1)
      throw badRequest('A LUN can be given only when connecting one volume.', 'lun');
    for (const t of ts) {
      for (const vol of vs) {
        if (vol.destroyed) throw badRequest('Volume has been destroyed.', vol.name);
        if (store.connections.some((c) => c.hostId === t.id && c.volumeId === vol.id))
          throw badRequest('Connection already exists.', `${t.name}/${vol.name}`);
        // A host sees a volume once: privately or through its host group, not both.
        for (const h of t.hosts) {
          const other = t.shared
            ? store.connections.some((c) => !c.shared && c.hostId === h.id && c.volumeId === vol.id)
            : h.hostGroupId !== undefined &&
              store.connections.some((c) => c.shared && c.hostId === h.hostGroupId && c.volumeId === vol.id);
          if (other)
            throw badRequest(
              `Host ${h.name} is already connected to volume ${vol.name}.`,
              `${t.name}/${vol.name}`,
            );
        }
        if (body.lun !== undefined && this.usedLuns(t).has(body.lun))
          throw badRequest(
            `LUN ${body.lun} is already in use on ${t.shared ? 'host group' : 'host'} ${t.name}.`,
            t.name,
          );
      }
    }
    const created: ConnectionRecord[] = [];
    for (const t of ts) {
      for (const vol of vs) {
        const used = this.usedLuns(t);
        let lun = body.lun ?? (t.shared ? 254 : 1);
        // Shared connections count down from 254, private ones up from 1, as Purity numbers them.
        while (body.lun === undefined && used.has(lun)) lun += t.shared ? -1 : 1;
        if (lun < 1 || lun > 4095) throw badRequest('No free LUN is left.', t.name);
        const c: ConnectionRecord = {
          seq: this.ctx.nextSeq(),
          hostId: t.id,
          volumeId: vol.id,
          lun,
          ...(t.shared ? { shared: true } : {}),
        };
        store.connections.push(c);
        created.push(c);
      }
    }
    store.recount();
    this.ctx.changed();
    return { body: { items: created.map((c) => this.connectionOut(c)) } };
  }

  private deleteConnections(req: ApiRequest): ApiResult {
    checkContext(this.ctx, req);
    const { targets, volumes } = this.connectionTargets(req, true);
    const doomed: ConnectionRecord[] = [];
    for (const t of targets as Target[]) {
      for (const vol of volumes as VolumeRecord[]) {
        const c = this.ctx.store.connections.find((x) => x.hostId === t.id && x.volumeId === vol.id);
        if (!c) throw badRequest('Connection does not exist.', `${t.name}/${vol.name}`);
        doomed.push(c);
      }
    }
    this.ctx.store.connections = this.ctx.store.connections.filter((c) => !doomed.includes(c));
    this.ctx.store.recount();
    this.ctx.changed();
    return {};
  }
}

/** What a connection is made to: one host, or a host group (shared by the hosts in it). */
interface Target {
  id: string;
  name: string;
  shared: boolean;
  hosts: HostRecord[];
}
