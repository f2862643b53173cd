// Tags on FlashArray hosts and host groups over REST (`hosts/tags`, `host-groups/tags`, and their
// `/batch` upserts; FA 2.56): what lets a fleet mark the hosts and host groups it registered, so
// one of the same name that another workload created is never mistaken for the fleet's. Both
// collections answer the same way, so one set of routes serves each.
import { badRequest, doesNotExist } from '../errors';
import { validateBody } from '../http/body-schema';
import { listItems } from '../http/listing';
import type { ApiRequest, ApiResult, RouteDefinition } from '../http/types';
import { checkContext, listParams, requireEach, writeParams, type FaContext } from './context';
import { TAG_FIELDS } from './fields';
import type { TagRecord } from './records';
import { TAG_BATCH, type TagIn } from './schemas';
import { serializeTag } from './serialize';
import { upsertTag } from './tags';

/** An object that can carry tags: a host or a host group. */
interface Taggable {
  id: string;
  name: string;
  /** Absent in state files written before the collection had tags. */
  tags?: TagRecord[];
}

/** Which collection the routes serve: its path, its object kind in messages, and its objects. */
export interface TaggedCollection {
  readonly resource: 'hosts' | 'host-groups';
  readonly kind: 'Host' | 'Host group';
  all(): Iterable<Taggable>;
  find(name: string): Taggable | undefined;
}

/** Routes of the FA collections whose objects carry tags, as the simulator serves them (REST 2.2+). */
export const TAGS_SINCE_MINOR = 2;

export class ObjectTagRoutes {
  constructor(
    private readonly ctx: FaContext,
    private readonly collection: TaggedCollection,
  ) {}

  routes(): RouteDefinition[] {
    const base = this.collection.resource;
    return [
      {
        method: 'GET',
        resource: `${base}/tags`,
        sinceMinor: TAGS_SINCE_MINOR,
        auth: true,
        params: (v) => listParams(v, ['resource_names', 'namespaces']),
        body: 'none',
        handle: (r) => this.getTags(r),
      },
      {
        method: 'PUT',
        resource: `${base}/tags/batch`,
        sinceMinor: TAGS_SINCE_MINOR,
        auth: true,
        params: (v) => writeParams(v, ['resource_names']),
        body: 'required',
        handle: (r) => this.putTags(r),
      },
      {
        method: 'DELETE',
        resource: `${base}/tags`,
        sinceMinor: TAGS_SINCE_MINOR,
        auth: true,
        params: (v) => writeParams(v, ['resource_names', 'keys', 'namespaces']),
        body: 'none',
        handle: (r) => this.deleteTags(r),
      },
    ];
  }

  private resources(req: ApiRequest): Taggable[] | undefined {
    const names = req.query.list('resource_names');
    return names
      ? requireEach(
          names,
          (n) => this.collection.find(n),
          (n) => doesNotExist(this.collection.kind, n),
        )
      : undefined;
  }

  private getTags(req: ApiRequest): ApiResult {
    checkContext(this.ctx, req);
    const objects = this.resources(req) ?? [...this.collection.all()];
    const namespaces = req.query.list('namespaces');
    const rows: Array<{ seq: number; tag: TagRecord; object: Taggable }> = [];
    for (const object of objects) {
      for (const tag of object.tags ?? []) {
        if (namespaces && !namespaces.includes(tag.namespace)) continue;
        rows.push({ seq: rows.length, tag, object });
      }
    }
    return listItems(req, {
      family: 'flasharray',
      kind: 'Tag',
      items: rows,
      seq: (r) => r.seq,
      serialize: (r) => serializeTag(r.tag, r.object),
      fields: TAG_FIELDS,
    });
  }

  private putTags(req: ApiRequest): ApiResult {
    checkContext(this.ctx, req);
    const body = validateBody<TagIn[]>(req.body, TAG_BATCH);
    const objects = this.resources(req);
    if (!objects) throw badRequest('resource_names is required.', 'resource_names');
    const out: Array<Record<string, unknown>> = [];
    for (const object of objects) {
      object.tags ??= [];
      for (const t of body)
        out.push(serializeTag(upsertTag(object as { name: string; tags: TagRecord[] }, t), object));
    }
    this.ctx.changed();
    return { body: { items: out } };
  }

  private deleteTags(req: ApiRequest): ApiResult {
    checkContext(this.ctx, req);
    const objects = this.resources(req);
    if (!objects) throw badRequest('resource_names is required.', 'resource_names');
    const keys = req.query.list('keys');
    if (!keys) throw badRequest('keys is required.', 'keys');
    const ns = req.query.list('namespaces')?.[0] ?? 'default';
    for (const object of objects)
      object.tags = (object.tags ?? []).filter((t) => !(t.namespace === ns && keys.includes(t.key)));
    this.ctx.changed();
    return {};
  }
}
