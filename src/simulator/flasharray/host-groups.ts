// FlashArray host groups over REST (`host-groups`, `host-groups/hosts`): hosts that share volumes
// (a cluster). A host is in at most one group; a host cannot join a group while it is privately
// connected to a volume the group is connected to (it would see the volume twice); a group is
// deleted only when it has no hosts and no connections.
import { alreadyExists, badRequest, doesNotExist } from '../errors';
import { obj, validateBody, type FieldSchema } from '../http/body-schema';
import { listItems } from '../http/listing';
import type { ApiRequest, ApiResult, RouteDefinition } from '../http/types';
import { newId } from '../ids';
import { checkObjectName } from '../names';
import { NON_COPYABLE_TAG_IN, type TagIn } from './schemas';
import { isV20 } from './serialize';
import { upsertTag } from './tags';
import { checkContext, listParams, requireEach, writeParams, type FaContext } from './context';
import type { HostGroupRecord, HostRecord, TagRecord } from './records';
import type { FlashArrayStore } from './store';

const HOST_GROUP_POST: FieldSchema = obj({
  tags: { type: 'array', items: NON_COPYABLE_TAG_IN, maxItems: 30 },
});

/** Puts a host in a group, as the array's rules allow; shared by `host-groups/hosts` and `PATCH hosts`. */
export function checkJoin(store: FlashArrayStore, host: HostRecord, group: HostGroupRecord): void {
  if (host.hostGroupId !== undefined && host.hostGroupId !== group.id)
    throw badRequest(`Host ${host.name} is already in a host group.`, host.name);
  if (host.hostGroupId === group.id)
    throw badRequest(`Host ${host.name} is already in the host group.`, host.name);
  const groupVolumes = new Set(
    store.connections.filter((c) => c.shared && c.hostId === group.id).map((c) => c.volumeId),
  );
  const clash = store.connections.find(
    (c) => !c.shared && c.hostId === host.id && groupVolumes.has(c.volumeId),
  );
  if (clash)
    throw badRequest(
      `Host ${host.name} has a private connection to a volume the host group is connected to.`,
      host.name,
    );
  const groupLuns = new Set(
    store.connections.filter((c) => c.shared && c.hostId === group.id).map((c) => c.lun),
  );
  for (const lun of store.lunsOfHost(host))
    if (groupLuns.has(lun))
      throw badRequest(`LUN ${lun} of host ${host.name} is in use by the host group.`, host.name);
}

export class HostGroupRoutes {
  constructor(private readonly ctx: FaContext) {}

  routes(): RouteDefinition[] {
    return [
      {
        method: 'GET',
        resource: 'host-groups',
        auth: true,
        params: (v) => listParams(v, ['names', ...(isV20(v) ? [] : ['destroyed'])]),
        body: 'none',
        handle: (r) => this.getGroups(r),
      },
      {
        method: 'POST',
        resource: 'host-groups',
        auth: true,
        params: (v) => writeParams(v, ['names']),
        body: 'optional',
        handle: (r) => this.postGroups(r),
      },
      {
        method: 'DELETE',
        resource: 'host-groups',
        auth: true,
        params: (v) => writeParams(v, ['names']),
        body: 'none',
        handle: (r) => this.deleteGroups(r),
      },
      {
        method: 'GET',
        resource: 'host-groups/hosts',
        auth: true,
        params: (v) => listParams(v, ['group_names', 'member_names']),
        body: 'none',
        handle: (r) => this.getMembers(r),
      },
      {
        method: 'POST',
        resource: 'host-groups/hosts',
        // FA 2.0 lists members only; they join and leave with PATCH hosts {host_group}.
        sinceMinor: 1,
        auth: true,
        params: (v) => writeParams(v, ['group_names', 'member_names']),
        body: 'none',
        handle: (r) => this.postMembers(r),
      },
      {
        method: 'DELETE',
        resource: 'host-groups/hosts',
        // FA 2.0 lists members only; they join and leave with PATCH hosts {host_group}.
        sinceMinor: 1,
        auth: true,
        params: (v) => writeParams(v, ['group_names', 'member_names']),
        body: 'none',
        handle: (r) => this.deleteMembers(r),
      },
    ];
  }

  private groupOut(g: HostGroupRecord, v20: boolean): Record<string, unknown> {
    const out: Record<string, unknown> = {
      name: g.name,
      connection_count: this.ctx.store.connectionCount(g.id),
      host_count: this.ctx.store.groupMembers(g.id).length,
    };
    if (!v20) {
      out.destroyed = false;
      out.is_local = true;
    }
    return out;
  }

  private getGroups(req: ApiRequest): ApiResult {
    checkContext(this.ctx, req);
    const v20 = isV20(req.version);
    return listItems(req, {
      family: 'flasharray',
      kind: 'Host group',
      items: this.ctx.store.hostGroups.values(),
      seq: (g) => g.seq,
      serialize: (g) => this.groupOut(g, v20),
      byName: (n) => this.ctx.store.findHostGroup(n),
      destroyed: () => false,
      fields: new Set(['name', 'connection_count', 'host_count', 'destroyed', 'is_local']),
    });
  }

  private postGroups(req: ApiRequest): ApiResult {
    checkContext(this.ctx, req);
    const names = req.query.list('names');
    if (!names) throw badRequest('names is required.', 'names');
    const body = validateBody<{ tags?: TagIn[] }>(req.body ?? {}, HOST_GROUP_POST);
    if (body.tags && isV20(req.version)) throw badRequest('Tags are not supported in this version.', 'tags');
    for (const n of names) {
      checkObjectName(n, 'Host group');
      if (this.ctx.store.findHostGroup(n) || this.ctx.store.findHost(n)) throw alreadyExists('Host group', n);
    }
    const created = names.map((name) => {
      const g: HostGroupRecord = { seq: this.ctx.nextSeq(), id: newId(), name, tags: [] };
      // The tags come with the create, so the group never exists unmarked.
      for (const t of body.tags ?? [])
        upsertTag(g as { name: string; tags: TagRecord[] }, { ...t, copyable: false });
      this.ctx.store.hostGroups.set(g.id, g);
      return g;
    });
    this.ctx.changed();
    return { body: { items: created.map((g) => this.groupOut(g, isV20(req.version))) } };
  }

  private deleteGroups(req: ApiRequest): ApiResult {
    checkContext(this.ctx, req);
    const names = req.query.list('names');
    if (!names) throw badRequest('names is required.', 'names');
    const groups = requireEach(
      names,
      (n) => this.ctx.store.findHostGroup(n),
      (n) => doesNotExist('Host group', n),
    );
    for (const g of groups) {
      if (this.ctx.store.groupMembers(g.id).length > 0)
        throw badRequest('Host group has hosts. Remove them before deleting the host group.', g.name);
      if (this.ctx.store.connectionCount(g.id) > 0)
        throw badRequest(
          'Host group has connected volumes. Disconnect them before deleting the host group.',
          g.name,
        );
    }
    for (const g of groups) this.ctx.store.hostGroups.delete(g.id);
    this.ctx.changed();
    return {};
  }

  private targets(req: ApiRequest, required: boolean): { groups?: HostGroupRecord[]; hosts?: HostRecord[] } {
    const store = this.ctx.store;
    const g = req.query.list('group_names');
    const m = req.query.list('member_names');
    if (required && (!g || !m))
      throw badRequest('group_names and member_names are required.', g ? 'member_names' : 'group_names');
    return {
      groups: g
        ? requireEach(
            g,
            (n) => store.findHostGroup(n),
            (n) => doesNotExist('Host group', n),
          )
        : undefined,
      hosts: m
        ? requireEach(
            m,
            (n) => store.findHost(n),
            (n) => doesNotExist('Host', n),
          )
        : undefined,
    };
  }

  private getMembers(req: ApiRequest): ApiResult {
    checkContext(this.ctx, req);
    const store = this.ctx.store;
    const { groups, hosts } = this.targets(req, false);
    const groupIds = groups ? new Set(groups.map((g) => g.id)) : undefined;
    const rows = (hosts ?? [...store.hosts.values()]).filter(
      (h) => h.hostGroupId !== undefined && (!groupIds || groupIds.has(h.hostGroupId)),
    );
    return listItems(req, {
      family: 'flasharray',
      kind: 'Member',
      items: rows,
      seq: (h) => h.seq,
      serialize: (h) => ({
        group: { name: store.hostGroups.get(h.hostGroupId as string)?.name },
        member: { name: h.name },
      }),
      fields: new Set(['group', 'member']),
    });
  }

  private postMembers(req: ApiRequest): ApiResult {
    checkContext(this.ctx, req);
    const { groups, hosts } = this.targets(req, true);
    const gs = groups as HostGroupRecord[];
    if (gs.length > 1) throw badRequest('A host can be added to only one host group.', 'group_names');
    const group = gs[0] as HostGroupRecord;
    for (const h of hosts as HostRecord[]) checkJoin(this.ctx.store, h, group);
    for (const h of hosts as HostRecord[]) h.hostGroupId = group.id;
    this.ctx.store.recount();
    this.ctx.changed();
    return {
      body: {
        items: (hosts as HostRecord[]).map((h) => ({
          group: { name: group.name },
          member: { name: h.name },
        })),
      },
    };
  }

  private deleteMembers(req: ApiRequest): ApiResult {
    checkContext(this.ctx, req);
    const { groups, hosts } = this.targets(req, true);
    if ((groups as HostGroupRecord[]).length > 1)
      throw badRequest('Only one host group can be specified at a time.', 'group_names');
    for (const g of groups as HostGroupRecord[])
      for (const h of hosts as HostRecord[])
        if (h.hostGroupId !== g.id)
          throw badRequest(`Host ${h.name} is not a member of host group ${g.name}.`, h.name);
    for (const h of hosts as HostRecord[]) delete h.hostGroupId;
    this.ctx.changed();
    return {};
  }
}
