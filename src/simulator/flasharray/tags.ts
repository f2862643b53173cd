// FlashArray volume tags over REST (2.2 and later): list, batch upsert, delete.
import { badRequest, doesNotExist } from '../errors';
import { validateBody } from '../http/body-schema';
import { listItems } from '../http/listing';
import type { ApiRequest, ApiResult, RouteDefinition } from '../http/types';
import { checkContext, listParams, writeParams, type FaContext } from './context';
import { TAG_FIELDS } from './fields';
import type { TagRecord, VolumeRecord } from './records';
import { TAG_BATCH, type TagIn } from './schemas';
import { serializeTag } from './serialize';

/** Sets a tag on a volume or host (creating it, or changing the value of the same namespace and key). */
export function upsertTag(vol: { name: string; tags: TagRecord[] }, t: TagIn): TagRecord {
  const namespace = t.namespace ?? 'default';
  if (t.key.length === 0) throw badRequest('Tag key must not be empty.', 'key');
  const existing = vol.tags.find((x) => x.namespace === namespace && x.key === t.key);
  if (existing) {
    existing.value = t.value;
    if (t.copyable !== undefined) existing.copyable = t.copyable;
    return existing;
  }
  if (vol.tags.length >= 64) throw badRequest('An object can have at most 64 tags.', vol.name);
  const rec: TagRecord = { namespace, key: t.key, value: t.value, copyable: t.copyable ?? true };
  vol.tags.push(rec);
  return rec;
}

export class TagRoutes {
  constructor(private readonly ctx: FaContext) {}

  routes(): RouteDefinition[] {
    return [
      {
        method: 'GET',
        resource: 'volumes/tags',
        sinceMinor: 2,
        auth: true,
        params: (v) => listParams(v, ['resource_names', 'resource_ids', 'namespaces', 'resource_destroyed']),
        body: 'none',
        handle: (r) => this.getTags(r),
      },
      {
        method: 'PUT',
        resource: 'volumes/tags/batch',
        sinceMinor: 2,
        auth: true,
        params: (v) => writeParams(v, ['resource_names', 'resource_ids']),
        body: 'required',
        handle: (r) => this.putTags(r),
      },
      {
        method: 'DELETE',
        resource: 'volumes/tags',
        sinceMinor: 2,
        auth: true,
        params: (v) => writeParams(v, ['resource_names', 'resource_ids', 'keys', 'namespaces']),
        body: 'none',
        handle: (r) => this.deleteTags(r),
      },
    ];
  }

  private tagResources(req: ApiRequest): VolumeRecord[] | undefined {
    const names = req.query.list('resource_names');
    const ids = req.query.list('resource_ids');
    if (names && ids)
      throw badRequest(
        'The resource_names and resource_ids parameters cannot be used together.',
        'resource_names',
      );
    if (names)
      return names.map(
        (n) =>
          this.ctx.store.findVolume(n) ??
          (() => {
            throw doesNotExist('Volume', n);
          })(),
      );
    if (ids)
      return ids.map(
        (id) =>
          this.ctx.store.volumes.get(id) ??
          (() => {
            throw doesNotExist('Volume', id);
          })(),
      );
    return undefined;
  }

  private getTags(req: ApiRequest): ApiResult {
    checkContext(this.ctx, req);
    const resources = this.tagResources(req) ?? [...this.ctx.store.volumes.values()];
    const namespaces = req.query.list('namespaces');
    const destroyed = req.query.bool('resource_destroyed');
    const rows: Array<{ seq: number; tag: TagRecord; vol: VolumeRecord }> = [];
    let i = 0;
    for (const vol of resources) {
      if (destroyed !== undefined && vol.destroyed !== destroyed) continue;
      for (const tag of vol.tags) {
        if (namespaces && !namespaces.includes(tag.namespace)) continue;
        rows.push({ seq: i++, tag, vol });
      }
    }
    return listItems(req, {
      family: 'flasharray',
      kind: 'Tag',
      items: rows,
      seq: (r) => r.seq,
      serialize: (r) => serializeTag(r.tag, r.vol),
      fields: TAG_FIELDS,
    });
  }

  private putTags(req: ApiRequest): ApiResult {
    checkContext(this.ctx, req);
    const body = validateBody<TagIn[]>(req.body, TAG_BATCH);
    const resources = this.tagResources(req);
    if (!resources) throw badRequest('resource_names or resource_ids is required.', 'resource_names');
    for (const vol of resources) if (vol.destroyed) throw badRequest('Volume has been destroyed.', vol.name);
    const out: Array<Record<string, unknown>> = [];
    for (const vol of resources) {
      for (const t of body) out.push(serializeTag(upsertTag(vol, t), vol));
    }
    this.ctx.changed();
    return { body: { items: out } };
  }

  private deleteTags(req: ApiRequest): ApiResult {
    checkContext(this.ctx, req);
    const resources = this.tagResources(req);
    if (!resources) throw badRequest('resource_names or resource_ids is required.', 'resource_names');
    const keys = req.query.list('keys');
    if (!keys) throw badRequest('keys is required.', 'keys');
    const namespaces = req.query.list('namespaces');
    if (namespaces && namespaces.length > 1)
      throw badRequest('Only one namespace is allowed per delete request.', 'namespaces');
    const ns = namespaces?.[0] ?? 'default';
    for (const vol of resources)
      vol.tags = vol.tags.filter((t) => !(t.namespace === ns && keys.includes(t.key)));
    this.ctx.changed();
    return {};
  }
}
