// FlashArray volumes over REST: list (with the per-revision serialisation
// cache), create, modify (resize, rename, QoS, destroy, recover) and eradicate.
import { alreadyExists, badRequest, doesNotExist } from '../errors';
import { validateBody } from '../http/body-schema';
import { listItems, resolveTargets } from '../http/listing';
import type { ApiRequest, ApiResult, RouteDefinition } from '../http/types';
import { objectSpace } from '../model/space';
import { checkVolumeName, nameKey } from '../names';
import type { ApiVersion } from '../versions';
import { checkContext, listParams, writeParams, type FaContext } from './context';
import { VOLUME_FIELDS } from './fields';
import { blankVolume, type VolumeRecord } from './records';
import {
  VOLUME_PATCH,
  VOLUME_PATCH_2_0,
  VOLUME_POST,
  VOLUME_POST_2_0,
  type VolumePatchBody,
  type VolumePostBody,
} from './schemas';
import { isV20, serializeVolume } from './serialize';
import { MIN_VOLUME_SIZE } from './store';
import { upsertTag } from './tags';

export class VolumeRoutes {
  constructor(private readonly ctx: FaContext) {}

  routes(): RouteDefinition[] {
    return [
      {
        method: 'GET',
        resource: 'volumes',
        auth: true,
        params: (v) => listParams(v, ['names', 'ids', 'destroyed', 'total_only']),
        body: 'none',
        handle: (r) => this.getVolumes(r),
      },
      {
        method: 'POST',
        resource: 'volumes',
        auth: true,
        params: (v) =>
          writeParams(v, ['names', 'overwrite', ...(isV20(v) ? [] : ['with_default_protection'])]),
        body: 'required',
        handle: (r) => this.postVolumes(r),
      },
      {
        method: 'PATCH',
        resource: 'volumes',
        auth: true,
        params: (v) => writeParams(v, ['names', 'ids', 'truncate']),
        body: 'required',
        handle: (r) => this.patchVolumes(r),
      },
      {
        method: 'DELETE',
        resource: 'volumes',
        auth: true,
        params: (v) => writeParams(v, ['names', 'ids']),
        body: 'none',
        handle: (r) => this.deleteVolumes(r),
      },
    ];
  }

  /**
   * Serialised live volumes are cached until anything on the array changes
   * (read-heavy refreshes list the same volumes over and over); destroyed ones
   * are not, because their time_remaining moves with the clock.
   */
  private readonly volumeCache = new WeakMap<
    VolumeRecord,
    { rev: number; v20: boolean; out: Record<string, unknown>; json?: string }
  >();

  volumeOut(vol: VolumeRecord, v: ApiVersion, now: number): Record<string, unknown> {
    if (vol.destroyed) {
      return serializeVolume(
        vol,
        this.ctx.store.volumeSpace(vol),
        this.ctx.store.connectionCount(vol.id),
        this.ctx.store.timeRemaining(vol, now),
        v,
      );
    }
    const v20 = isV20(v);
    const hit = this.volumeCache.get(vol);
    if (hit && hit.rev === this.ctx.revision() && hit.v20 === v20) return hit.out;
    const out = serializeVolume(
      vol,
      this.ctx.store.volumeSpace(vol),
      this.ctx.store.connectionCount(vol.id),
      null,
      v,
    );
    this.volumeCache.set(vol, { rev: this.ctx.revision(), v20, out });
    return out;
  }

  volumeJson(vol: VolumeRecord, v: ApiVersion, now: number): string {
    const out = this.volumeOut(vol, v, now);
    if (vol.destroyed) return JSON.stringify(out);
    const entry = this.volumeCache.get(vol) as { json?: string };
    entry.json ??= JSON.stringify(out);
    return entry.json;
  }

  private getVolumes(req: ApiRequest): ApiResult {
    checkContext(this.ctx, req);
    const v = req.version as ApiVersion;
    const now = this.ctx.clock.now();
    return listItems(req, {
      family: 'flasharray',
      kind: 'Volume',
      items: this.ctx.store.volumes.values(),
      seq: (x) => x.seq,
      serialize: (x) => this.volumeOut(x, v, now),
      serializeJson: (x) => this.volumeJson(x, v, now),
      serializeIsCached: true,
      byName: (n) => this.ctx.store.findVolume(n),
      byId: (id) => this.ctx.store.volumes.get(id),
      destroyed: (x) => x.destroyed,
      tags: (x) => x.tags,
      fields: VOLUME_FIELDS,
      total: (items) => this.volumeTotal(items, v),
    });
  }

  private volumeTotal(items: VolumeRecord[], v: ApiVersion): Record<string, unknown> {
    let provisioned = 0;
    let virtual = 0;
    let unique = 0;
    for (const i of items) {
      const s = this.ctx.store.volumeSpace(i);
      provisioned += i.provisioned;
      virtual += s.virtual;
      unique += s.unique;
    }
    const space = objectSpace(provisioned, virtual, {
      fillRatio: this.ctx.config.fillRatio,
      dataReductionRatio: unique > 0 ? virtual / unique : this.ctx.config.dataReductionRatio,
    });
    return {
      provisioned,
      space: serializeVolume({ ...blankVolume(), provisioned }, space, 0, null, v).space,
    };
  }

  private postVolumes(req: ApiRequest): ApiResult {
    checkContext(this.ctx, req);
    const v = req.version as ApiVersion;
    const names = req.query.list('names');
    if (!names) throw badRequest('names is required.', 'names');
    const body = validateBody<VolumePostBody>(req.body, isV20(v) ? VOLUME_POST_2_0 : VOLUME_POST);
    const overwrite = req.query.bool('overwrite') ?? false;
    if (body.subtype !== undefined && body.subtype !== 'regular') {
      throw badRequest(`Volume subtype '${body.subtype.slice(0, 32)}' is not supported.`, 'subtype');
    }
    if (body.protocol_endpoint !== undefined)
      throw badRequest('Protocol endpoints are not supported.', 'protocol_endpoint');
    if (body.workload !== undefined) throw badRequest('Workload does not exist.', 'workload');
    let source: VolumeRecord | undefined;
    if (body.source) {
      source = body.source.id
        ? this.ctx.store.volumes.get(body.source.id)
        : body.source.name
          ? this.ctx.store.findVolume(body.source.name)
          : undefined;
      if (!source) throw doesNotExist('Volume', body.source.name ?? body.source.id ?? 'source');
      if (body.provisioned !== undefined)
        throw badRequest('provisioned cannot be set when copying a volume.', 'provisioned');
    } else if (overwrite) {
      throw badRequest('overwrite applies only when copying a volume (source).', 'overwrite');
    }
    const now = this.ctx.clock.now();
    const provisioned = source
      ? source.provisioned
      : this.ctx.store.checkSize(body.provisioned ?? MIN_VOLUME_SIZE, 'provisioned');
    // Validate every name before creating any, so a bad batch changes nothing.
    const seen = new Set<string>();
    for (const name of names) {
      checkVolumeName(name);
      if (seen.has(nameKey(name))) throw badRequest('A name is listed twice.', name);
      seen.add(nameKey(name));
      const existing = this.ctx.store.findVolume(name);
      if (existing && !(source && overwrite)) throw alreadyExists('Volume', name);
      if (existing && existing.destroyed) throw badRequest('Volume has been destroyed.', name);
    }
    if (this.ctx.store.volumes.size + names.length > this.ctx.config.volumeLimit) {
      throw badRequest(
        `The maximum number of volumes (${this.ctx.config.volumeLimit}) has been reached.`,
        names[0],
      );
    }
    const created: VolumeRecord[] = [];
    for (const name of names) {
      const existing = this.ctx.store.findVolume(name);
      const vol = existing ?? this.ctx.store.createVolume(name, provisioned, now);
      if (source) {
        vol.provisioned = source.provisioned;
        vol.written = this.ctx.store.volumeSpace(source).virtual;
        vol.source = { id: source.id, name: source.name };
      }
      if (body.qos?.bandwidth_limit !== undefined) vol.bandwidthLimit = body.qos.bandwidth_limit;
      if (body.qos?.iops_limit !== undefined) vol.iopsLimit = body.qos.iops_limit;
      if (body.priority_adjustment) {
        vol.priorityAdjustment = {
          operator: body.priority_adjustment.priority_adjustment_operator ?? '+',
          value: body.priority_adjustment.priority_adjustment_value ?? 0,
        };
      }
      for (const t of body.tags ?? []) upsertTag(vol, t);
      if (body.destroyed) {
        vol.destroyed = true;
        vol.destroyedAt = now;
      }
      created.push(vol);
    }
    this.ctx.changed();
    return { body: { items: created.map((c) => this.volumeOut(c, v, now)) } };
  }

  private patchVolumes(req: ApiRequest): ApiResult {
    checkContext(this.ctx, req);
    const v = req.version as ApiVersion;
    const body = validateBody<VolumePatchBody>(req.body, isV20(v) ? VOLUME_PATCH_2_0 : VOLUME_PATCH);
    const targets = resolveTargets(
      req,
      'Volume',
      (n) => this.ctx.store.findVolume(n),
      (id) => this.ctx.store.volumes.get(id),
    );
    const truncate = req.query.bool('truncate') ?? false;
    if (body.pod !== undefined) throw badRequest('Pod does not exist.', 'pod');
    if (body.volume_group !== undefined) throw badRequest('Volume group does not exist.', 'volume_group');
    if (body.protocol_endpoint !== undefined)
      throw badRequest('Protocol endpoints are not supported.', 'protocol_endpoint');
    if (body.workload !== undefined) throw badRequest('Workload does not exist.', 'workload');
    if (body.requested_promotion_state !== undefined && body.requested_promotion_state !== 'promoted') {
      throw badRequest('Volume is not in a pod; promotion state cannot change.', 'requested_promotion_state');
    }
    if (body.name !== undefined && targets.length > 1)
      throw badRequest('Only one volume can be renamed at a time.', 'name');
    const now = this.ctx.clock.now();
    const modifies =
      body.name !== undefined ||
      body.provisioned !== undefined ||
      body.qos !== undefined ||
      body.priority_adjustment !== undefined;
    // Check everything first so a failing batch leaves every volume as it was.
    for (const vol of targets) {
      const staysDestroyed = vol.destroyed && body.destroyed !== false;
      if (staysDestroyed && modifies)
        throw badRequest('Volume has been destroyed. Recover it before modifying it.', vol.name);
      if (body.provisioned !== undefined) {
        const size = this.ctx.store.checkSize(body.provisioned, vol.name);
        if (size < vol.provisioned && !truncate)
          throw badRequest('Implicit truncation not permitted.', vol.name);
      }
      if (body.name !== undefined) {
        checkVolumeName(body.name);
        const existing = this.ctx.store.findVolume(body.name);
        if (existing && existing !== vol) throw alreadyExists('Volume', body.name);
      }
      if (body.destroyed === true && !vol.destroyed && this.ctx.store.connectionCount(vol.id) > 0) {
        throw badRequest(
          'Volume has host connections. Disconnect it from all hosts before destroying it.',
          vol.name,
        );
      }
    }
    for (const vol of targets) {
      if (body.destroyed === false) {
        vol.destroyed = false;
        vol.destroyedAt = null;
      }
      if (body.name !== undefined) this.ctx.store.renameVolume(vol, body.name);
      if (body.provisioned !== undefined) {
        vol.provisioned = this.ctx.store.checkSize(body.provisioned, vol.name);
        if (vol.written !== null) vol.written = Math.min(vol.written, vol.provisioned);
      }
      if (body.qos) {
        if (body.qos.bandwidth_limit !== undefined)
          vol.bandwidthLimit = body.qos.bandwidth_limit === '' ? null : body.qos.bandwidth_limit;
        if (body.qos.iops_limit !== undefined)
          vol.iopsLimit = body.qos.iops_limit === '' ? null : body.qos.iops_limit;
      }
      if (body.priority_adjustment) {
        vol.priorityAdjustment = {
          operator: body.priority_adjustment.priority_adjustment_operator ?? '+',
          value: body.priority_adjustment.priority_adjustment_value ?? 0,
        };
      }
      if (body.destroyed === true) this.ctx.store.destroyVolume(vol, now);
    }
    this.ctx.changed();
    return { body: { items: targets.map((t) => this.volumeOut(t, v, now)) } };
  }

  private deleteVolumes(req: ApiRequest): ApiResult {
    checkContext(this.ctx, req);
    const targets = resolveTargets(
      req,
      'Volume',
      (n) => this.ctx.store.findVolume(n),
      (id) => this.ctx.store.volumes.get(id),
    );
    for (const vol of targets) {
      if (!vol.destroyed) {
        throw badRequest('Volume is not destroyed. Destroy it before eradicating it.', vol.name);
      }
    }
    for (const vol of targets) this.ctx.store.eradicate(vol);
    this.ctx.changed();
    return {};
  }
}
