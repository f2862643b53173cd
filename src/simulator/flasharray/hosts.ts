// FlashArray hosts over REST: list, create (one at a time, as the array
// allows), modify ports, personality and CHAP, and delete unconnected hosts.
import { alreadyExists, badRequest, doesNotExist } from '../errors';
import { validateBody } from '../http/body-schema';
import { listItems, resolveTargets } from '../http/listing';
import type { ApiRequest, ApiResult, RouteDefinition } from '../http/types';
import { newId } from '../ids';
import { checkObjectName } from '../names';
import type { ApiVersion } from '../versions';
import { checkContext, listParams, writeParams, type FaContext } from './context';
import { HOST_FIELDS } from './fields';
import type { HostRecord, TagRecord } from './records';
import { HOST_PATCH, HOST_POST, PERSONALITIES, type HostBody } from './schemas';
import { isV20, serializeHost } from './serialize';
import { upsertTag } from './tags';
import { checkJoin } from './host-groups';

/** CHAP secrets as the spec states them: 12 to 255 characters, host and target secrets differ. */
function checkChap(chap: HostBody['chap'] | undefined): void {
  if (!chap) return;
  for (const key of ['host_password', 'target_password'] as const) {
    const secret = chap[key];
    // Never echo a secret: name the field only.
    if (secret !== undefined && (secret.length < 12 || secret.length > 255))
      throw badRequest(`The CHAP ${key.replace('_', ' ')} must be between 12 and 255 characters.`, key);
  }
  if (chap.host_password !== undefined && chap.host_password === chap.target_password)
    throw badRequest('The CHAP host password and target password cannot be the same.', 'target_password');
}

export class HostRoutes {
  constructor(private readonly ctx: FaContext) {}

  routes(): RouteDefinition[] {
    return [
      {
        method: 'GET',
        resource: 'hosts',
        auth: true,
        params: (v) => listParams(v, ['names', ...(isV20(v) ? [] : ['destroyed'])]),
        body: 'none',
        handle: (r) => this.getHosts(r),
      },
      {
        method: 'POST',
        resource: 'hosts',
        auth: true,
        params: (v) => writeParams(v, ['names']),
        body: 'optional',
        handle: (r) => this.postHosts(r),
      },
      {
        method: 'PATCH',
        resource: 'hosts',
        auth: true,
        params: (v) => writeParams(v, ['names']),
        body: 'required',
        handle: (r) => this.patchHosts(r),
      },
      {
        method: 'DELETE',
        resource: 'hosts',
        auth: true,
        params: (v) => writeParams(v, ['names']),
        body: 'none',
        handle: (r) => this.deleteHosts(r),
      },
    ];
  }

  private getHosts(req: ApiRequest): ApiResult {
    checkContext(this.ctx, req);
    const v = req.version as ApiVersion;
    return listItems(req, {
      family: 'flasharray',
      kind: 'Host',
      items: this.ctx.store.hosts.values(),
      seq: (h) => h.seq,
      serialize: (h) =>
        serializeHost(
          h,
          this.ctx.store.connectionCount(h.id),
          this.ctx.store.hostSpace(h),
          v,
          this.groupOf(h),
        ),
      byName: (n) => this.ctx.store.findHost(n),
      destroyed: () => false,
      fields: HOST_FIELDS,
    });
  }

  private checkPorts(host: HostRecord | null, body: HostBody): void {
    const lists: Array<['iqns' | 'wwns' | 'nqns', string[] | undefined]> = [
      ['iqns', [...(body.iqns ?? []), ...(body.add_iqns ?? [])]],
      ['wwns', [...(body.wwns ?? []), ...(body.add_wwns ?? [])]],
      ['nqns', [...(body.nqns ?? []), ...(body.add_nqns ?? [])]],
    ];
    for (const [kind, list] of lists) {
      for (const port of list ?? []) {
        if (kind === 'iqns' && !/^(iqn\.\d{4}-\d{2}\.[^\s]+|eui\.[0-9A-Fa-f]{16})$/.test(port)) {
          throw badRequest(`Invalid IQN '${port.slice(0, 64)}'.`, port.slice(0, 64));
        }
        if (kind === 'wwns' && !/^([0-9A-Fa-f]{2}:?){7}[0-9A-Fa-f]{2}$/.test(port)) {
          throw badRequest(`Invalid WWN '${port.slice(0, 64)}'.`, port.slice(0, 64));
        }
        if (kind === 'nqns' && !/^nqn\.\d{4}-\d{2}\.[^\s]+$/.test(port)) {
          throw badRequest(`Invalid NQN '${port.slice(0, 64)}'.`, port.slice(0, 64));
        }
        for (const other of this.ctx.store.hosts.values()) {
          if (other !== host && other[kind].some((p) => p.toLowerCase() === port.toLowerCase())) {
            throw badRequest(`The port ${port} is already in use by host ${other.name}.`, port);
          }
        }
      }
    }
    if (
      body.personality !== undefined &&
      body.personality !== '' &&
      !(PERSONALITIES as readonly string[]).includes(body.personality)
    ) {
      throw badRequest(`Invalid personality '${body.personality.slice(0, 32)}'.`, 'personality');
    }
    checkChap(body.chap);
    if (body.preferred_arrays !== undefined && body.preferred_arrays.length > 0) {
      throw badRequest(
        'Preferred arrays require an array connection, which this array does not have.',
        'preferred_arrays',
      );
    }
  }

  private groupOf(h: HostRecord): string | undefined {
    return h.hostGroupId === undefined ? undefined : this.ctx.store.hostGroups.get(h.hostGroupId)?.name;
  }

  private postHosts(req: ApiRequest): ApiResult {
    checkContext(this.ctx, req);
    const v = req.version as ApiVersion;
    const names = req.query.list('names');
    if (!names) throw badRequest('names is required.', 'names');
    if (names.length > 1) throw badRequest('Only one host can be created at a time.', 'names');
    const name = names[0] as string;
    const body = validateBody<HostBody>(req.body ?? {}, HOST_POST);
    checkObjectName(name, 'Host');
    if (this.ctx.store.findHost(name)) throw alreadyExists('Host', name);
    this.checkPorts(null, body);
    const host: HostRecord = {
      seq: this.ctx.nextSeq(),
      id: newId(),
      name,
      iqns: [...new Set(body.iqns ?? [])],
      wwns: [...new Set(body.wwns ?? [])],
      nqns: [...new Set(body.nqns ?? [])],
      personality: body.personality || null,
      chap: body.chap ?? null,
      tags: [],
    };
    for (const t of body.tags ?? []) upsertTag(host as { name: string; tags: TagRecord[] }, t);
    this.ctx.store.indexHost(host);
    this.ctx.changed();
    return { body: { items: [serializeHost(host, 0, this.ctx.store.hostSpace(host), v)] } };
  }

  private patchHosts(req: ApiRequest): ApiResult {
    checkContext(this.ctx, req);
    const v = req.version as ApiVersion;
    const body = validateBody<HostBody>(req.body, HOST_PATCH);
    const targets = resolveTargets(req, 'Host', (n) => this.ctx.store.findHost(n), undefined);
    if (body.name !== undefined && targets.length > 1)
      throw badRequest('Only one host can be renamed at a time.', 'name');
    // host_group {name}: join that group; an empty name leaves the current one.
    const groupName = body.host_group?.name;
    const group = groupName
      ? (this.ctx.store.findHostGroup(groupName) ??
        (() => {
          throw doesNotExist('Host group', groupName);
        })())
      : undefined;
    for (const host of targets) {
      this.checkPorts(host, body);
      if (group && host.hostGroupId !== group.id) checkJoin(this.ctx.store, host, group);
      if (body.name !== undefined) {
        checkObjectName(body.name, 'Host');
        const other = this.ctx.store.findHost(body.name);
        if (other && other !== host) throw alreadyExists('Host', body.name);
      }
    }
    for (const host of targets) {
      if (body.host_group !== undefined) {
        if (group) host.hostGroupId = group.id;
        else delete host.hostGroupId;
      }
      const apply = (kind: 'iqns' | 'wwns' | 'nqns'): void => {
        const set = body[kind];
        const add = body[`add_${kind}` as const];
        const remove = body[`remove_${kind}` as const];
        let list = set ? [...set] : [...host[kind]];
        if (add) list.push(...add);
        if (remove) list = list.filter((p) => !remove.some((r) => r.toLowerCase() === p.toLowerCase()));
        host[kind] = [...new Set(list)];
      };
      apply('iqns');
      apply('wwns');
      apply('nqns');
      if (body.personality !== undefined) host.personality = body.personality || null;
      if (body.chap !== undefined) host.chap = body.chap;
      if (body.name !== undefined) {
        this.ctx.store.renameHost(host, body.name);
      }
    }
    this.ctx.changed();
    return {
      body: {
        items: targets.map((h) =>
          serializeHost(
            h,
            this.ctx.store.connectionCount(h.id),
            this.ctx.store.hostSpace(h),
            v,
            this.groupOf(h),
          ),
        ),
      },
    };
  }

  private deleteHosts(req: ApiRequest): ApiResult {
    checkContext(this.ctx, req);
    const targets = resolveTargets(req, 'Host', (n) => this.ctx.store.findHost(n), undefined);
    for (const host of targets) {
      if (this.ctx.store.connectionCount(host.id) > 0) {
        throw badRequest('Host has connected volumes. Disconnect them before deleting the host.', host.name);
      }
    }
    for (const host of targets) {
      this.ctx.store.deleteHost(host);
    }
    this.ctx.changed();
    return {};
  }
}
