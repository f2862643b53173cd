// FlashArray response objects, shaped by the REST version in the request
// path: /api/2.0/ gets exactly the FA 2.0 fields, later versions the FA 2.56
// shape (older clients ignore fields they do not know; py-pure-client builds
// its models with `construct`, which drops unknown keys). Fields without a
// value are omitted, never null: the specs declare no nullable fields.
import type { AlertRecord } from '../array-base';
import type { ObjectSpace } from '../model/space';
import type { ArraySpaceFigures } from '../model/space';
import type { PerformanceSample } from '../model/performance';
import type { ApiVersion } from '../versions';
import type { HostRecord, TagRecord, VolumeRecord } from './records';

export function isV20(v: ApiVersion | null): boolean {
  return v !== null && v.major === 2 && v.minor === 0;
}

export function volumeSpaceFields(space: ObjectSpace, v: ApiVersion): Record<string, number> {
  const base: Record<string, number> = {
    data_reduction: space.dataReduction,
    shared: 0,
    snapshots: 0,
    system: 0,
    thin_provisioning: space.thinProvisioning,
    total_physical: space.unique,
    total_provisioned: space.provisioned,
    total_reduction: space.totalReduction,
    unique: space.unique,
    virtual: space.virtual,
  };
  if (!isV20(v)) {
    base.footprint = space.unique;
    base.total_used = space.unique;
    base.used_provisioned = Math.min(space.virtual, space.provisioned);
  }
  return base;
}

export function serializeVolume(
  vol: VolumeRecord,
  space: ObjectSpace,
  connectionCount: number,
  timeRemaining: number | null,
  v: ApiVersion,
): Record<string, unknown> {
  const qos: Record<string, number> = {};
  if (vol.bandwidthLimit !== null) qos.bandwidth_limit = vol.bandwidthLimit;
  if (vol.iopsLimit !== null) qos.iops_limit = vol.iopsLimit;
  const out: Record<string, unknown> = {
    id: vol.id,
    name: vol.name,
    connection_count: connectionCount,
    created: vol.created,
    destroyed: vol.destroyed,
    host_encryption_key_status: 'none',
    provisioned: vol.provisioned,
    qos,
    serial: vol.serial,
    space: volumeSpaceFields(space, v),
    subtype: 'regular',
  };
  if (timeRemaining !== null) out.time_remaining = timeRemaining;
  if (vol.source) out.source = { id: vol.source.id, name: vol.source.name };
  if (!isV20(v)) {
    out.priority = 0;
    out.priority_adjustment = {
      priority_adjustment_operator: vol.priorityAdjustment?.operator ?? '+',
      priority_adjustment_value: vol.priorityAdjustment?.value ?? 0,
    };
    out.promotion_status = 'promoted';
    out.requested_promotion_state = 'promoted';
  }
  return out;
}

export function serializeHost(
  host: HostRecord,
  connectionCount: number,
  space: ObjectSpace,
  v: ApiVersion,
  hostGroup?: string,
): Record<string, unknown> {
  const out: Record<string, unknown> = {
    name: host.name,
    connection_count: connectionCount,
    iqns: [...host.iqns],
    nqns: [...host.nqns],
    wwns: [...host.wwns],
    port_connectivity: { details: 'Unused ports', status: connectionCount > 0 ? 'healthy' : 'unused' },
    preferred_arrays: [],
    space: volumeSpaceFields(space, v),
  };
  if (host.personality) out.personality = host.personality;
  if (hostGroup) out.host_group = { name: hostGroup };
  if (host.chap) {
    const chap: Record<string, string> = {};
    // Passwords are write-only on a real array: report only that they are set.
    if (host.chap.host_user) chap.host_user = host.chap.host_user;
    if (host.chap.host_password) chap.host_password = '****';
    if (host.chap.target_user) chap.target_user = host.chap.target_user;
    if (host.chap.target_password) chap.target_password = '****';
    out.chap = chap;
  }
  if (!isV20(v)) {
    out.destroyed = false;
    out.is_local = true;
    out.vlan = 'any';
  }
  return out;
}

export function serializeTag(tag: TagRecord, vol: { id: string; name: string }): Record<string, unknown> {
  return {
    namespace: tag.namespace,
    key: tag.key,
    value: tag.value,
    copyable: tag.copyable,
    resource: { id: vol.id, name: vol.name },
  };
}

export function arraySpaceFields(s: ArraySpaceFigures): Record<string, number> {
  return {
    data_reduction: s.dataReduction,
    footprint: s.unique,
    shared: s.shared,
    snapshots: s.snapshots,
    system: s.system,
    thin_provisioning: s.thinProvisioning,
    total_physical: s.totalPhysical,
    total_provisioned: s.totalProvisioned,
    total_reduction: s.totalReduction,
    total_used: s.totalPhysical,
    unique: s.unique,
    used_provisioned: s.virtual,
    virtual: s.virtual,
    replication: 0,
  };
}

export function serializePerformance(
  id: string,
  name: string,
  p: PerformanceSample,
): Record<string, unknown> {
  const r = Math.round;
  return {
    id,
    name,
    bytes_per_mirrored_write: 0,
    bytes_per_op: r(p.bytesPerOp),
    bytes_per_read: r(p.bytesPerRead),
    bytes_per_write: r(p.bytesPerWrite),
    mirrored_write_bytes_per_sec: 0,
    mirrored_writes_per_sec: 0,
    qos_rate_limit_usec_per_mirrored_write_op: 0,
    qos_rate_limit_usec_per_read_op: 0,
    qos_rate_limit_usec_per_write_op: 0,
    queue_usec_per_mirrored_write_op: 0,
    queue_usec_per_read_op: r(p.queueUsecPerRead),
    queue_usec_per_write_op: r(p.queueUsecPerWrite),
    read_bytes_per_sec: r(p.readBytesPerSec),
    read_cache_hit_ratio: p.readCacheHitRatio,
    reads_per_sec: r(p.readsPerSec),
    san_usec_per_mirrored_write_op: 0,
    san_usec_per_read_op: r(p.sanUsecPerRead),
    san_usec_per_write_op: r(p.sanUsecPerWrite),
    service_usec_per_mirrored_write_op: 0,
    service_usec_per_read_op: r(p.serviceUsecPerRead),
    service_usec_per_write_op: r(p.serviceUsecPerWrite),
    time: p.time,
    usec_per_mirrored_write_op: 0,
    usec_per_read_op: r(p.usecPerReadOp),
    usec_per_write_op: r(p.usecPerWriteOp),
    write_bytes_per_sec: r(p.writeBytesPerSec),
    writes_per_sec: r(p.writesPerSec),
    mirrored_others_per_sec: 0,
    others_per_sec: r(p.othersPerSec),
    usec_per_mirrored_other_op: 0,
    usec_per_other_op: r(p.usecPerOtherOp),
  };
}

export function serializeAlert(a: AlertRecord, now: number): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: a.id,
    name: String(a.index),
    category: a.category,
    code: a.code,
    component_name: a.componentName,
    component_type: a.componentType,
    created: a.created,
    description: a.description,
    duration: (a.closed ?? now) - a.created,
    flagged: a.flagged,
    issue: a.summary,
    knowledge_base_url: `https://support.purestorage.com/?cid=Alert_${String(a.code).padStart(4, '0')}`,
    notified: a.created,
    severity: a.severity,
    state: a.state,
    summary: a.summary,
    updated: a.updated,
  };
  if (a.closed !== undefined) out.closed = a.closed;
  return out;
}
