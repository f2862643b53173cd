// File systems: the objects pure_volume's file volumes are. Create with NFS v3 / v4.1 and export
// rules or an export policy, resize (quota, hard limit), destroy (only once unexported), recover,
// eradicate; and the out-of-band changes the control API makes to them.
import type { OutOfBandChange } from '../array-base';
import { alreadyExists, badRequest, doesNotExist } from '../errors';
import { validateBody } from '../http/body-schema';
import { listItems, resolveTargets } from '../http/listing';
import type { ApiRequest, ApiResult, RouteDefinition } from '../http/types';
import { newId } from '../ids';
import { filledBytes, objectSpace, writtenBytes, type ObjectSpace } from '../model/space';
import { checkVolumeName, nameKey } from '../names';
import { atLeast, type ApiVersion } from '../versions';
import type { FlashBladeContext } from './context';
import { FS_FIELDS } from './fields';
import { applyFsBody, checkUnsupported, fileSystemOut, fileSystemsTotal } from './file-system-wire';
import type { NfsExportPolicies } from './nfs-policies';
import { QOS_SINCE_MINOR, type QosPolicies } from './qos-policies';
import { DEFAULT_NFS_RULES, validateNfsRules } from './nfs-rules';
import type { FileSystemRecord } from './records';
import { fsPatchSchema, fsPostSchema, type FsBody } from './schemas';
import { listParams } from './list-params';

export class FileSystems {
  readonly fileSystems = new Map<string, FileSystemRecord>();
  private readonly fsByName = new Map<string, FileSystemRecord>();

  constructor(
    private readonly ctx: FlashBladeContext,
    private readonly policies: NfsExportPolicies,
    private readonly qos: QosPolicies,
  ) {}

  restore(records: readonly FileSystemRecord[]): void {
    this.fileSystems.clear();
    this.fsByName.clear();
    for (const fs of records) {
      this.fileSystems.set(fs.id, fs);
      this.fsByName.set(nameKey(fs.name), fs);
    }
  }

  /** The name of a file system exported through the policy, if any. */
  usingPolicy(policyId: string): string | undefined {
    return [...this.fileSystems.values()].find((f) => f.nfs.exportPolicyId === policyId)?.name;
  }

  private settings(): { fillRatio: number; dataReductionRatio: number } {
    return { fillRatio: this.ctx.config.fillRatio, dataReductionRatio: this.ctx.config.dataReductionRatio };
  }

  fsSpace(fs: FileSystemRecord): ObjectSpace {
    const provisioned = fs.provisioned ?? 0;
    const written =
      fs.provisioned === null ? Math.max(0, fs.written ?? 0) : writtenBytes(provisioned, fs.written);
    return objectSpace(provisioned, written, this.settings());
  }

  private findFs(name: string): FileSystemRecord | undefined {
    return this.fsByName.get(nameKey(name));
  }

  private requireFs(name: string): FileSystemRecord {
    const fs = this.findFs(name);
    if (!fs) throw doesNotExist('File system', name);
    return fs;
  }

  eradicate(fs: FileSystemRecord): void {
    this.fileSystems.delete(fs.id);
    this.fsByName.delete(nameKey(fs.name));
  }

  private timeRemaining(fs: FileSystemRecord, now: number): number | null {
    if (!fs.destroyed || fs.destroyedAt === null) return null;
    return Math.max(0, this.ctx.config.eradicationDelayMs - (now - fs.destroyedAt));
  }

  private newFs(name: string, now: number): FileSystemRecord {
    checkVolumeName(name, 'File system');
    if (this.findFs(name)) throw alreadyExists('File system', name);
    if (this.fileSystems.size >= this.ctx.config.volumeLimit) {
      throw badRequest(
        `The maximum number of file systems (${this.ctx.config.volumeLimit}) has been reached.`,
        name,
      );
    }
    const fs: FileSystemRecord = {
      seq: this.ctx.takeSeq(),
      id: newId(),
      name,
      created: now,
      provisioned: null,
      hardLimitEnabled: false,
      destroyed: false,
      destroyedAt: null,
      nfs: { v3Enabled: false, v41Enabled: false, rules: '', exportPolicyId: null },
      smbEnabled: false,
      httpEnabled: false,
      snapshotDirectoryEnabled: true,
      fastRemoveDirectoryEnabled: false,
      writable: true,
      defaultUserQuota: 0,
      defaultGroupQuota: 0,
      accessControlStyle: 'shared',
      safeguardAcls: true,
      written: null,
    };
    this.fileSystems.set(fs.id, fs);
    this.fsByName.set(nameKey(name), fs);
    return fs;
  }

  applyChange(change: OutOfBandChange): unknown {
    const now = this.ctx.clock.now();
    let fs: FileSystemRecord;
    switch (change.action) {
      case 'create':
        fs = this.newFs(change.name, now);
        fs.provisioned = change.provisioned ?? null;
        break;
      case 'resize':
        fs = this.requireFs(change.name);
        fs.provisioned = change.provisioned ?? null;
        break;
      case 'destroy':
        fs = this.requireFs(change.name);
        fs.nfs.v3Enabled = false;
        fs.nfs.v41Enabled = false;
        fs.smbEnabled = false;
        fs.httpEnabled = false;
        fs.destroyed = true;
        fs.destroyedAt = now;
        break;
      case 'recover':
        fs = this.requireFs(change.name);
        fs.destroyed = false;
        fs.destroyedAt = null;
        break;
      case 'eradicate':
        fs = this.requireFs(change.name);
        this.eradicate(fs);
        this.ctx.changed();
        return { eradicated: change.name };
      case 'rename':
        fs = this.requireFs(change.name);
        if (!change.newName) throw badRequest('newName is required.', 'newName');
        this.renameFs(fs, change.newName);
        break;
      case 'write':
        fs = this.requireFs(change.name);
        if (change.writtenBytes === undefined) throw badRequest('writtenBytes is required.', 'writtenBytes');
        fs.written = Math.max(0, change.writtenBytes);
        break;
      case 'fill':
        fs = this.requireFs(change.name);
        fs.written = fs.provisioned === null ? 0 : filledBytes(fs.provisioned, this.settings());
        break;
      case 'export':
        fs = this.requireFs(change.name);
        if (change.nfsRules !== undefined) {
          validateNfsRules(change.nfsRules);
          fs.nfs.rules = change.nfsRules;
        }
        if (change.nfsV3 !== undefined) fs.nfs.v3Enabled = change.nfsV3;
        if (change.nfsV41 !== undefined) fs.nfs.v41Enabled = change.nfsV41;
        break;
      default:
        throw badRequest(`Action '${change.action}' does not apply to a FlashBlade.`, 'action');
    }
    this.ctx.changed();
    return this.out(fs, { text: '2.28', major: 2, minor: 28 }, now);
  }

  private renameFs(fs: FileSystemRecord, newName: string): void {
    checkVolumeName(newName, 'File system');
    const other = this.findFs(newName);
    if (other && other !== fs) throw alreadyExists('File system', newName);
    this.fsByName.delete(nameKey(fs.name));
    fs.name = newName;
    this.fsByName.set(nameKey(newName), fs);
  }

  private out(fs: FileSystemRecord, v: ApiVersion, now: number): Record<string, unknown> {
    const policy = fs.nfs.exportPolicyId ? this.policies.byId(fs.nfs.exportPolicyId) : undefined;
    const out = fileSystemOut(fs, v, this.fsSpace(fs), this.timeRemaining(fs, now), policy);
    const qos = fs.qosPolicyId ? this.qos.byId(fs.qosPolicyId) : undefined;
    if (qos && atLeast(v, 2, QOS_SINCE_MINOR)) out.qos_policy = this.qos.reference(qos);
    return out;
  }

  private getFileSystems(req: ApiRequest): ApiResult {
    this.ctx.checkContext(req);
    const v = req.version as ApiVersion;
    const now = this.ctx.clock.now();
    return listItems(req, {
      family: 'flashblade',
      kind: 'File system',
      items: this.fileSystems.values(),
      seq: (f) => f.seq,
      serialize: (f) => this.out(f, v, now),
      byName: (n) => this.findFs(n),
      byId: (id) => this.fileSystems.get(id),
      destroyed: (f) => f.destroyed,
      fields: FS_FIELDS,
      total: (items) => fileSystemsTotal(items, (f) => this.fsSpace(f)),
    });
  }

  private postFileSystems(req: ApiRequest): ApiResult {
    this.ctx.checkContext(req);
    const v = req.version as ApiVersion;
    const names = req.query.list('names');
    if (!names) throw badRequest('names is required.', 'names');
    if (req.query.bool('overwrite'))
      throw badRequest('overwrite applies only when copying a file system.', 'overwrite');
    const body = validateBody<FsBody>(req.body ?? {}, fsPostSchema(v));
    checkUnsupported(body);
    const defaultExports = req.query.string('default_exports');
    const exportsList =
      defaultExports === undefined ? ['nfs', 'smb'] : defaultExports === '' ? [] : defaultExports.split(',');
    for (const e of exportsList)
      if (!['nfs', 'smb'].includes(e))
        throw badRequest(`Invalid export type '${e.slice(0, 16)}'.`, 'default_exports');
    if (req.query.has('policy_names') || req.query.has('policy_ids')) {
      const pn = req.query.list('policy_names') ?? req.query.list('policy_ids') ?? [];
      throw doesNotExist('Policy', pn[0] as string);
    }
    if (body.nfs?.rules !== undefined) validateNfsRules(body.nfs.rules);
    const policy = this.policies.resolve(body.nfs?.export_policy, 'nfs.export_policy');
    if (policy && body.nfs?.rules)
      throw badRequest('nfs.rules and nfs.export_policy cannot be used together.', 'nfs.rules');
    const qos = this.qos.resolve(body.qos_policy, false);
    const seen = new Set<string>();
    for (const name of names) {
      checkVolumeName(name, 'File system');
      if (seen.has(nameKey(name))) throw badRequest('A name is listed twice.', name);
      seen.add(nameKey(name));
      if (this.findFs(name)) throw alreadyExists('File system', name);
    }
    if (this.fileSystems.size + names.length > this.ctx.config.volumeLimit) {
      throw badRequest(
        `The maximum number of file systems (${this.ctx.config.volumeLimit}) has been reached.`,
        names[0],
      );
    }
    const now = this.ctx.clock.now();
    const created = names.map((name) => {
      const fs = this.newFs(name, now);
      applyFsBody(fs, body, policy);
      if (qos) fs.qosPolicyId = qos.id;
      if (body.nfs?.rules === undefined && !policy) {
        // REST 2.0 creates no default export; later versions follow `default_exports` (default "nfs,smb").
        fs.nfs.rules = atLeast(v, 2, 1) && exportsList.includes('nfs') ? DEFAULT_NFS_RULES : '';
      }
      return fs;
    });
    this.ctx.changed();
    return { body: { items: created.map((f) => this.out(f, v, now)) } };
  }

  private patchFileSystems(req: ApiRequest): ApiResult {
    this.ctx.checkContext(req);
    const v = req.version as ApiVersion;
    const body = validateBody<FsBody>(req.body, fsPatchSchema(v));
    checkUnsupported(body);
    const targets = resolveTargets(
      req,
      'File system',
      (n) => this.findFs(n),
      (id) => this.fileSystems.get(id),
    );
    const ignoreUsage = req.query.bool('ignore_usage') ?? false;
    if (body.name !== undefined && targets.length > 1)
      throw badRequest('Only one file system can be renamed at a time.', 'name');
    if (body.nfs?.rules !== undefined) validateNfsRules(body.nfs.rules);
    const policy = this.policies.resolve(body.nfs?.export_policy, 'nfs.export_policy');
    if (policy && body.nfs?.rules !== undefined)
      throw badRequest('nfs.rules and nfs.export_policy cannot be used together.', 'nfs.rules');
    const qos = this.qos.resolve(body.qos_policy, true);
    const now = this.ctx.clock.now();
    const otherChanges = Object.keys(body).some((k) => k !== 'destroyed');
    for (const fs of targets) {
      const staysDestroyed = fs.destroyed && body.destroyed !== false;
      if (staysDestroyed && otherChanges) {
        throw badRequest('File system has been destroyed. It cannot be modified while destroyed.', fs.name);
      }
      if (body.name !== undefined) {
        checkVolumeName(body.name, 'File system');
        const other = this.findFs(body.name);
        if (other && other !== fs) throw alreadyExists('File system', body.name);
      }
      if (typeof body.provisioned === 'number' && body.provisioned > 0 && !ignoreUsage) {
        const used = this.fsSpace(fs).virtual;
        const hard = body.hard_limit_enabled ?? fs.hardLimitEnabled;
        if (hard && body.provisioned < used) {
          throw badRequest(
            'The new size is smaller than the space used; set ignore_usage=true to shrink anyway.',
            fs.name,
          );
        }
      }
      if (body.destroyed === true && !fs.destroyed) {
        const v3 = body.nfs?.v3_enabled ?? fs.nfs.v3Enabled;
        const v41 = body.nfs?.v4_1_enabled ?? fs.nfs.v41Enabled;
        const smb = body.smb?.enabled ?? fs.smbEnabled;
        const http = body.http?.enabled ?? fs.httpEnabled;
        if (v3 || v41 || smb || http) {
          throw badRequest(
            'File system is exported. Disable NFS (v3 and v4.1), SMB and HTTP before destroying it, or in the same request.',
            fs.name,
          );
        }
      }
    }
    for (const fs of targets) {
      if (body.destroyed === false) {
        fs.destroyed = false;
        fs.destroyedAt = null;
      }
      applyFsBody(fs, body, policy);
      if (qos !== undefined) fs.qosPolicyId = qos?.id ?? null;
      if (body.name !== undefined) this.renameFs(fs, body.name);
      if (body.destroyed === true && !fs.destroyed) {
        fs.destroyed = true;
        fs.destroyedAt = now;
      }
    }
    this.ctx.changed();
    return { body: { items: targets.map((f) => this.out(f, v, now)) } };
  }

  private deleteFileSystems(req: ApiRequest): ApiResult {
    this.ctx.checkContext(req);
    const targets = resolveTargets(
      req,
      'File system',
      (n) => this.findFs(n),
      (id) => this.fileSystems.get(id),
    );
    for (const fs of targets) {
      if (!fs.destroyed)
        throw badRequest('File system is not destroyed. Destroy it before eradicating it.', fs.name);
    }
    for (const fs of targets) this.eradicate(fs);
    this.ctx.changed();
    return {};
  }

  routes(): RouteDefinition[] {
    return [
      {
        method: 'GET',
        resource: 'file-systems',
        auth: true,
        params: (v) =>
          listParams(v, [
            'names',
            'ids',
            'destroyed',
            'total_only',
            ...(v && atLeast(v, 2, 1) ? ['allow_errors'] : []),
          ]),
        body: 'none',
        handle: (r) => this.getFileSystems(r),
      },
      {
        method: 'POST',
        resource: 'file-systems',
        auth: true,
        params: (v) => [
          'names',
          'overwrite',
          'discard_non_snapshotted_data',
          ...(v && atLeast(v, 2, 1) ? ['context_names', 'default_exports'] : []),
          ...(v && atLeast(v, 2, 3) ? ['policy_names', 'policy_ids'] : []),
        ],
        body: 'optional',
        handle: (r) => this.postFileSystems(r),
      },
      {
        method: 'PATCH',
        resource: 'file-systems',
        auth: true,
        params: (v) => [
          'names',
          'ids',
          'ignore_usage',
          'discard_non_snapshotted_data',
          'discard_detailed_permissions',
          'delete_link_on_eradication',
          ...(v && atLeast(v, 2, 1) ? ['context_names'] : []),
        ],
        body: 'required',
        handle: (r) => this.patchFileSystems(r),
      },
      {
        method: 'DELETE',
        resource: 'file-systems',
        auth: true,
        params: (v) => ['names', 'ids', ...(v && atLeast(v, 2, 1) ? ['context_names'] : [])],
        body: 'none',
        handle: (r) => this.deleteFileSystems(r),
      },
    ];
  }
}
