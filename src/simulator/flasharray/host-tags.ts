// FlashArray host tags over REST (`hosts/tags`, `hosts/tags/batch`): what
// lets a fleet mark the hosts it registered, so a host of the same name that
// another workload created is never mistaken for the fleet's.
import { badRequest, doesNotExist } from '../errors';
import { validateBody } from '../http/body-schema';
import { listItems } from '../http/listing';
import type { ApiRequest, ApiResult, RouteDefinition } from '../http/types';
import { checkContext, listParams, requireEach, writeParams, type FaContext } from './context';
import { TAG_FIELDS } from './fields';
import type { HostRecord, TagRecord } from './records';
import { TAG_BATCH, type TagIn } from './schemas';
import { serializeTag } from './serialize';
import { upsertTag } from './tags';

export class HostTagRoutes {
  constructor(private readonly ctx: FaContext) {}

  routes(): RouteDefinition[] {
    return [
      {
        method: 'GET',
        resource: 'hosts/tags',
        sinceMinor: 2,
        auth: true,
        params: (v) => listParams(v, ['resource_names', 'namespaces']),
        body: 'none',
        handle: (r) => this.getTags(r),
      },
      {
        method: 'PUT',
        resource: 'hosts/tags/batch',
        sinceMinor: 2,
        auth: true,
        params: (v) => writeParams(v, ['resource_names']),
        body: 'required',
        handle: (r) => this.putTags(r),
      },
      {
        method: 'DELETE',
        resource: 'hosts/tags',
        sinceMinor: 2,
        auth: true,
        params: (v) => writeParams(v, ['resource_names', 'keys', 'namespaces']),
        body: 'none',
        handle: (r) => this.deleteTags(r),
      },
    ];
  }

  private resources(req: ApiRequest): HostRecord[] | undefined {
    const names = req.query.list('resource_names');
    return names
      ? requireEach(
          names,
          (n) => this.ctx.store.findHost(n),
          (n) => doesNotExist('Host', n),
        )
      : undefined;
  }

  private getTags(req: ApiRequest): ApiResult {
    checkContext(this.ctx, req);
    const hosts = this.resources(req) ?? [...this.ctx.store.hosts.values()];
    const namespaces = req.query.list('namespaces');
    const rows: Array<{ seq: number; tag: TagRecord; host: HostRecord }> = [];
    for (const host of hosts) {
      for (const tag of host.tags ?? []) {
        if (namespaces && !namespaces.includes(tag.namespace)) continue;
        rows.push({ seq: rows.length, tag, host });
      }
    }
    return listItems(req, {
      family: 'flasharray',
      kind: 'Tag',
      items: rows,
      seq: (r) => r.seq,
      serialize: (r) => serializeTag(r.tag, r.host),
      fields: TAG_FIELDS,
    });
  }

  private putTags(req: ApiRequest): ApiResult {
    checkContext(this.ctx, req);
    const body = validateBody<TagIn[]>(req.body, TAG_BATCH);
    const hosts = this.resources(req);
    if (!hosts) throw badRequest('resource_names is required.', 'resource_names');
    const out: Array<Record<string, unknown>> = [];
    for (const host of hosts) {
      host.tags ??= [];
      for (const t of body)
        out.push(serializeTag(upsertTag(host as { name: string; tags: TagRecord[] }, t), host));
    }
    this.ctx.changed();
    return { body: { items: out } };
  }

  private deleteTags(req: ApiRequest): ApiResult {
    checkContext(this.ctx, req);
    const hosts = this.resources(req);
    if (!hosts) throw badRequest('resource_names is required.', 'resource_names');
    const keys = req.query.list('keys');
    if (!keys) throw badRequest('keys is required.', 'keys');
    const ns = req.query.list('namespaces')?.[0] ?? 'default';
    for (const host of hosts)
      host.tags = (host.tags ?? []).filter((t) => !(t.namespace === ns && keys.includes(t.key)));
    this.ctx.changed();
    return {};
  }
}
