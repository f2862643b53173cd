// How a file system crosses the wire: a request body applied to the record, and the record
// serialised for the REST version in the path (fields added in 2.1 and 2.3 only from there).
import { badRequest } from '../errors';
import type { ObjectSpace } from '../model/space';
import { atLeast, type ApiVersion } from '../versions';
import { validateNfsRules } from './nfs-rules';
import type { FileSystemRecord, NfsPolicyRecord } from './records';
import type { FsBody } from './schemas';

export function fileSystemOut(
  fs: FileSystemRecord,
  v: ApiVersion,
  space: ObjectSpace,
  remaining: number | null,
  policy: NfsPolicyRecord | undefined,
): Record<string, unknown> {
  const nfs: Record<string, unknown> = {
    rules: fs.nfs.rules,
    v3_enabled: fs.nfs.v3Enabled,
    v4_1_enabled: fs.nfs.v41Enabled,
  };
  const out: Record<string, unknown> = {
    id: fs.id,
    name: fs.name,
    created: fs.created,
    default_group_quota: fs.defaultGroupQuota,
    default_user_quota: fs.defaultUserQuota,
    destroyed: fs.destroyed,
    fast_remove_directory_enabled: fs.fastRemoveDirectoryEnabled,
    hard_limit_enabled: fs.hardLimitEnabled,
    http: { enabled: fs.httpEnabled },
    multi_protocol: { access_control_style: fs.accessControlStyle, safeguard_acls: fs.safeguardAcls },
    nfs,
    promotion_status: 'promoted',
    requested_promotion_state: 'promoted',
    smb: { enabled: fs.smbEnabled },
    snapshot_directory_enabled: fs.snapshotDirectoryEnabled,
    space: {
      data_reduction: space.dataReduction,
      snapshots: 0,
      total_physical: space.unique,
      unique: space.unique,
      virtual: space.virtual,
    },
    writable: fs.writable,
  };
  if (fs.provisioned !== null) out.provisioned = fs.provisioned;
  if (remaining !== null) out.time_remaining = remaining;
  if (atLeast(v, 2, 1)) {
    const sp = out.space as Record<string, number>;
    sp.shared = 0;
    sp.total_used = space.unique;
    sp.total_provisioned = fs.provisioned ?? 0;
    sp.destroyed = fs.destroyed ? space.unique : 0;
    sp.destroyed_virtual = fs.destroyed ? space.virtual : 0;
    if (fs.provisioned !== null) {
      sp.available_provisioned = Math.max(0, fs.provisioned - space.virtual);
      sp.available_ratio =
        fs.provisioned > 0 ? Math.round((sp.available_provisioned / fs.provisioned) * 1000) / 1000 : 0;
    }
    out.eradication_config = { eradication_mode: 'permission-based', manual_eradication: 'enabled' };
    out.group_ownership = 'creator';
  }
  if (atLeast(v, 2, 3) && fs.nfs.exportPolicyId) {
    const p = policy;
    if (p) nfs.export_policy = { id: p.id, name: p.name, resource_type: 'nfs-export-policies' };
  }
  return out;
}

/** The aggregate row of `total_only` / `total` (FB `FileSystem` fields summed over the items). */
export function fileSystemsTotal(
  items: readonly FileSystemRecord[],
  spaceOf: (fs: FileSystemRecord) => ObjectSpace,
): Record<string, unknown> {
  let provisioned = 0;
  let virtual = 0;
  let unique = 0;
  for (const f of items) {
    const s = spaceOf(f);
    provisioned += f.provisioned ?? 0;
    virtual += s.virtual;
    unique += s.unique;
  }
  return {
    provisioned,
    space: {
      virtual,
      unique,
      total_physical: unique,
      snapshots: 0,
      data_reduction: unique > 0 ? Math.round((virtual / unique) * 1000) / 1000 : 1,
    },
  };
}

export function checkUnsupported(body: FsBody): void {
  if (body.source !== undefined)
    throw badRequest('Copying file systems from snapshots is not supported by this array.', 'source');
  if (body.node_group !== undefined) throw badRequest('Node group does not exist.', 'node_group');
  if (body.workload !== undefined) throw badRequest('Workload does not exist.', 'workload');
  if (body.smb?.client_policy !== undefined || body.smb?.share_policy !== undefined)
    throw badRequest('Policy does not exist.', 'smb');
}

export function applyFsBody(fs: FileSystemRecord, body: FsBody, policy: NfsPolicyRecord | undefined): void {
  if (body.provisioned !== undefined)
    fs.provisioned = body.provisioned === '' || body.provisioned === 0 ? null : body.provisioned;
  if (body.hard_limit_enabled !== undefined) fs.hardLimitEnabled = body.hard_limit_enabled;
  if (body.nfs) {
    if (body.nfs.v3_enabled !== undefined) fs.nfs.v3Enabled = body.nfs.v3_enabled;
    if (body.nfs.v4_1_enabled !== undefined) fs.nfs.v41Enabled = body.nfs.v4_1_enabled;
    if (body.nfs.rules !== undefined) {
      fs.nfs.rules = body.nfs.rules;
      fs.nfs.exportPolicyId = null;
    }
    if (body.nfs.add_rules !== undefined) {
      validateNfsRules(body.nfs.add_rules, 'nfs.add_rules');
      fs.nfs.rules = [fs.nfs.rules, body.nfs.add_rules].filter((x) => x.trim() !== '').join(' ');
    }
    if (body.nfs.remove_rules !== undefined) {
      const remove = new Set(body.nfs.remove_rules.trim().split(/\s+/));
      fs.nfs.rules = fs.nfs.rules
        .trim()
        .split(/\s+/)
        .filter((r) => r !== '' && !remove.has(r))
        .join(' ');
    }
    // "If this is set, then the `rules` field will be cleared" (FB 2.x `_nfs.export_policy`).
    if (policy) {
      fs.nfs.exportPolicyId = policy.id;
      fs.nfs.rules = '';
    }
  }
  if (body.smb?.enabled !== undefined) fs.smbEnabled = body.smb.enabled;
  if (body.http?.enabled !== undefined) fs.httpEnabled = body.http.enabled;
  if (body.snapshot_directory_enabled !== undefined)
    fs.snapshotDirectoryEnabled = body.snapshot_directory_enabled;
  if (body.fast_remove_directory_enabled !== undefined)
    fs.fastRemoveDirectoryEnabled = body.fast_remove_directory_enabled;
  if (body.writable !== undefined) fs.writable = body.writable;
  if (body.default_user_quota !== undefined) fs.defaultUserQuota = body.default_user_quota;
  if (body.default_group_quota !== undefined) fs.defaultGroupQuota = body.default_group_quota;
  if (body.multi_protocol?.access_control_style !== undefined) {
    const styles = ['nfs', 'smb', 'shared', 'independent', 'mode-bits'];
    if (!styles.includes(body.multi_protocol.access_control_style)) {
      throw badRequest('Invalid multi_protocol.access_control_style.', 'multi_protocol.access_control_style');
    }
    fs.accessControlStyle = body.multi_protocol.access_control_style;
  }
  if (body.multi_protocol?.safeguard_acls !== undefined)
    fs.safeguardAcls = body.multi_protocol.safeguard_acls;
}
