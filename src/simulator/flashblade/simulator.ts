// A simulated FlashBlade: file systems (provisioned, NFS v3 / v4.1 exports
// with rules or an export policy, destroyed then eradicated), network
// interfaces with the data VIP used in mount paths, NFS export policies, and
// the array's inventory, space, performance and health endpoints.
import { SimulatedArray, type OutOfBandChange, type PersistedArrayBase } from '../array-base';
import type { ResolvedArrayConfig } from '../description';
import { alreadyExists, badRequest, doesNotExist } from '../errors';
import { validateBody } from '../http/body-schema';
import { sampleTimes } from '../http/history';
import { LIST_PARAMS, listItems, resolveTargets } from '../http/listing';
import type { ApiRequest, ApiResult, RouteDefinition } from '../http/types';
import { newId } from '../ids';
import {
  arraySpace,
  objectSpace,
  writtenBytes,
  type ArraySpaceFigures,
  type ObjectSpace,
} from '../model/space';
import { checkObjectName, checkVolumeName, nameKey } from '../names';
import type { SimClock } from '../runtime';
import { atLeast, type ApiVersion } from '../versions';
import { DEFAULT_NFS_RULES, validateNfsRules } from './nfs-rules';
import {
  FS_FIELDS,
  NI_FIELDS,
  POLICY_FIELDS,
  RULE_FIELDS,
  ARRAY_FIELDS,
  BLADE_FIELDS,
  HARDWARE_FIELDS,
  ALERT_FIELDS,
} from './fields';
import {
  fsPostSchema,
  fsPatchSchema,
  RULE_SCHEMA,
  POLICY_POST,
  POLICY_PATCH,
  type RuleBody,
  type FsBody,
} from './schemas';

import type {
  FileSystemRecord,
  NetworkInterfaceRecord,
  NfsPolicyRecord,
  NfsRuleRecord,
  PersistedFlashBlade,
} from './records';

const BLADES = 7;

function listParams(v: ApiVersion | null, extra: readonly string[]): string[] {
  return [
    ...LIST_PARAMS,
    ...extra,
    ...(v !== null && atLeast(v, 2, 1) && extra.includes('allow_errors') ? ['context_names'] : []),
  ];
}

export class FlashBladeSimulator extends SimulatedArray {
  readonly type = 'flashblade' as const;
  private readonly fileSystems = new Map<string, FileSystemRecord>();
  private readonly fsByName = new Map<string, FileSystemRecord>();
  private policies: NfsPolicyRecord[] = [];
  private networkInterfaces: NetworkInterfaceRecord[] = [];

  constructor(
    config: ResolvedArrayConfig,
    clock: SimClock,
    private readonly dataVip: string,
  ) {
    super(config, clock);
    this.networkInterfaces = this.defaultInterfaces();
    this.policies = [this.defaultPolicy()];
  }

  private defaultInterfaces(): NetworkInterfaceRecord[] {
    return [
      {
        seq: this.takeSeq(),
        id: newId(),
        name: 'data1',
        address: this.dataVip,
        services: ['data'],
        type: 'vip',
        subnet: 'data-subnet',
        vlan: 0,
        mtu: 9000,
        netmask: '255.255.255.0',
        gateway: this.dataVip.replace(/\.[0-9]+$/, '.1'),
      },
    ];
  }

  private defaultPolicy(): NfsPolicyRecord {
    return {
      seq: this.takeSeq(),
      id: newId(),
      name: 'default',
      enabled: true,
      version: newId(),
      rules: [this.ruleFrom({ client: '*', permission: 'rw', access: 'no-squash' })],
    };
  }

  // --- persistence ----------------------------------------------------------

  toRecord(): PersistedFlashBlade {
    return {
      ...this.baseRecord(),
      type: 'flashblade',
      fileSystems: [...this.fileSystems.values()],
      policies: this.policies,
      networkInterfaces: this.networkInterfaces,
    };
  }

  protected restoreObjects(record: PersistedArrayBase): void {
    const r = record as PersistedFlashBlade;
    this.fileSystems.clear();
    this.fsByName.clear();
    for (const fs of r.fileSystems) {
      this.fileSystems.set(fs.id, fs);
      this.fsByName.set(nameKey(fs.name), fs);
    }
    this.policies = r.policies;
    // The data VIP follows the description, so a changed nfsEndpoint takes effect on restart.
    this.networkInterfaces = r.networkInterfaces.map((ni) =>
      ni.services.includes('data') ? { ...ni, address: this.dataVip } : ni,
    );
  }

  private changed(): void {
    this.onMutation();
  }

  objectCount(): number {
    return this.fileSystems.size;
  }

  private settings(): { fillRatio: number; dataReductionRatio: number } {
    return { fillRatio: this.config.fillRatio, dataReductionRatio: this.config.dataReductionRatio };
  }

  private fsSpace(fs: FileSystemRecord): ObjectSpace {
    const provisioned = fs.provisioned ?? 0;
    const written =
      fs.provisioned === null
        ? Math.max(0, fs.written ?? 0)
        : writtenBytes(provisioned, fs.written, this.settings());
    return objectSpace(provisioned, written, this.settings());
  }

  spaceFigures(): ArraySpaceFigures {
    return arraySpace({
      capacity: this.config.capacity,
      preexistingUsed: this.config.preexistingUsed,
      dataReductionRatio: this.config.dataReductionRatio,
      baselineWrittenFraction: this.config.fillRatio,
      objects: [...this.fileSystems.values()].map((fs) => ({
        provisioned: fs.provisioned ?? 0,
        space: this.fsSpace(fs),
        destroyed: fs.destroyed,
      })),
    });
  }

  sweep(now: number): void {
    let removed = false;
    for (const fs of [...this.fileSystems.values()]) {
      if (fs.destroyed && fs.destroyedAt !== null && now - fs.destroyedAt >= this.config.eradicationDelayMs) {
        this.eradicate(fs);
        removed = true;
      }
    }
    if (removed) this.changed();
  }

  defaultControllerToFail(): string {
    return 'CH1.FB3';
  }

  hardwareComponentToDegrade(): { name: string; type: string } {
    return { name: 'CH1.FM2', type: 'fm' };
  }

  // --- file-system operations -------------------------------------------------

  private findFs(name: string): FileSystemRecord | undefined {
    return this.fsByName.get(nameKey(name));
  }

  private requireFs(name: string): FileSystemRecord {
    const fs = this.findFs(name);
    if (!fs) throw doesNotExist('File system', name);
    return fs;
  }

  private eradicate(fs: FileSystemRecord): void {
    this.fileSystems.delete(fs.id);
    this.fsByName.delete(nameKey(fs.name));
  }

  private timeRemaining(fs: FileSystemRecord, now: number): number | null {
    if (!fs.destroyed || fs.destroyedAt === null) return null;
    return Math.max(0, this.config.eradicationDelayMs - (now - fs.destroyedAt));
  }

  private newFs(name: string, now: number): FileSystemRecord {
    checkVolumeName(name, 'File system');
    if (this.findFs(name)) throw alreadyExists('File system', name);
    if (this.fileSystems.size >= this.config.volumeLimit) {
      throw badRequest(
        `The maximum number of file systems (${this.config.volumeLimit}) has been reached.`,
        name,
      );
    }
    const fs: FileSystemRecord = {
      seq: this.takeSeq(),
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
    const now = this.clock.now();
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
        this.changed();
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
    this.changed();
    return this.fsOut(fs, { text: '2.28', major: 2, minor: 28 }, now);
  }

  private renameFs(fs: FileSystemRecord, newName: string): void {
    checkVolumeName(newName, 'File system');
    const other = this.findFs(newName);
    if (other && other !== fs) throw alreadyExists('File system', newName);
    this.fsByName.delete(nameKey(fs.name));
    fs.name = newName;
    this.fsByName.set(nameKey(newName), fs);
  }

  // --- serialisation ----------------------------------------------------------

  private fsOut(fs: FileSystemRecord, v: ApiVersion, now: number): Record<string, unknown> {
    const space = this.fsSpace(fs);
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
    const remaining = this.timeRemaining(fs, now);
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
      const p = this.policies.find((x) => x.id === fs.nfs.exportPolicyId);
      if (p) nfs.export_policy = { id: p.id, name: p.name, resource_type: 'nfs-export-policies' };
    }
    return out;
  }

  private ruleOut(p: NfsPolicyRecord, r: NfsRuleRecord, index: number): Record<string, unknown> {
    const out: Record<string, unknown> = {
      id: r.id,
      name: `${p.name}.${index}`,
      access: r.access,
      atime: r.atime,
      client: r.client,
      fileid_32bit: r.fileid32bit,
      permission: r.permission,
      policy: { id: p.id, name: p.name, resource_type: 'nfs-export-policies' },
      policy_version: p.version,
      secure: r.secure,
      security: [...r.security],
      index,
      required_transport_security: r.requiredTransportSecurity,
    };
    if (r.anonuid !== null) out.anonuid = r.anonuid;
    if (r.anongid !== null) out.anongid = r.anongid;
    return out;
  }

  private policyOut(p: NfsPolicyRecord): Record<string, unknown> {
    return {
      id: p.id,
      name: p.name,
      enabled: p.enabled,
      is_local: true,
      location: { id: this.id, name: this.config.name, resource_type: 'arrays' },
      policy_type: 'nfs',
      version: p.version,
      rules: p.rules.map((r, i) => this.ruleOut(p, r, i + 1)),
    };
  }

  // --- routes -------------------------------------------------------------------

  routes(): RouteDefinition[] {
    const none = (): string[] => [];
    const since3 = 3;
    return [
      {
        method: 'POST',
        resource: 'login',
        unversioned: true,
        auth: false,
        params: none,
        body: 'optional',
        handle: (r) => this.postLogin(r),
      },
      {
        method: 'POST',
        resource: 'logout',
        unversioned: true,
        auth: false,
        params: none,
        body: 'optional',
        handle: (r) => this.postLogout(r),
      },
      {
        method: 'GET',
        resource: 'arrays',
        auth: true,
        params: (v) => listParams(v, ['allow_errors']),
        body: 'none',
        handle: (r) => this.getArrays(r),
      },
      {
        method: 'GET',
        resource: 'arrays/space',
        auth: true,
        params: (v) => [
          'start_time',
          'end_time',
          'resolution',
          'type',
          ...(v && atLeast(v, 2, 1) ? ['allow_errors', 'context_names'] : []),
        ],
        body: 'none',
        handle: (r) => this.getArraySpace(r),
      },
      {
        method: 'GET',
        resource: 'arrays/performance',
        auth: true,
        params: (v) => [
          'start_time',
          'end_time',
          'resolution',
          'protocol',
          ...(v && atLeast(v, 2, 1) ? ['allow_errors', 'context_names'] : []),
        ],
        body: 'none',
        handle: (r) => this.getArrayPerformance(r),
      },
      {
        method: 'GET',
        resource: 'blades',
        auth: true,
        params: (v) => listParams(v, ['names', 'ids', 'total_only']),
        body: 'none',
        handle: (r) => this.getBlades(r),
      },
      {
        method: 'GET',
        resource: 'hardware',
        auth: true,
        params: (v) => listParams(v, ['names', 'ids']),
        body: 'none',
        handle: (r) => this.getHardware(r),
      },
      {
        method: 'GET',
        resource: 'alerts',
        auth: true,
        params: (v) => listParams(v, ['names', 'ids']),
        body: 'none',
        handle: (r) => this.getAlerts(r),
      },
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
      {
        method: 'GET',
        resource: 'network-interfaces',
        auth: true,
        params: (v) => listParams(v, ['names', 'ids']),
        body: 'none',
        handle: (r) => this.getNetworkInterfaces(r),
      },
      {
        method: 'GET',
        resource: 'nfs-export-policies',
        sinceMinor: since3,
        auth: true,
        params: (v) => listParams(v, ['names', 'ids', 'allow_errors']),
        body: 'none',
        handle: (r) => this.getPolicies(r),
      },
      {
        method: 'POST',
        resource: 'nfs-export-policies',
        sinceMinor: since3,
        auth: true,
        params: () => ['names', 'context_names'],
        body: 'optional',
        handle: (r) => this.postPolicies(r),
      },
      {
        method: 'PATCH',
        resource: 'nfs-export-policies',
        sinceMinor: since3,
        auth: true,
        params: () => ['names', 'ids', 'versions', 'context_names'],
        body: 'required',
        handle: (r) => this.patchPolicies(r),
      },
      {
        method: 'DELETE',
        resource: 'nfs-export-policies',
        sinceMinor: since3,
        auth: true,
        params: () => ['names', 'ids', 'versions', 'context_names'],
        body: 'none',
        handle: (r) => this.deletePolicies(r),
      },
      {
        method: 'GET',
        resource: 'nfs-export-policies/rules',
        sinceMinor: since3,
        auth: true,
        params: (v) => listParams(v, ['names', 'ids', 'policy_names', 'policy_ids', 'allow_errors']),
        body: 'none',
        handle: (r) => this.getRules(r),
      },
      {
        method: 'POST',
        resource: 'nfs-export-policies/rules',
        sinceMinor: since3,
        auth: true,
        params: () => [
          'policy_names',
          'policy_ids',
          'before_rule_id',
          'before_rule_name',
          'versions',
          'context_names',
        ],
        body: 'required',
        handle: (r) => this.postRule(r),
      },
      {
        method: 'DELETE',
        resource: 'nfs-export-policies/rules',
        sinceMinor: since3,
        auth: true,
        params: () => ['names', 'ids', 'versions', 'context_names'],
        body: 'none',
        handle: (r) => this.deleteRules(r),
      },
    ];
  }

  private checkContext(req: ApiRequest): void {
    const names = req.query.list('context_names');
    if (names && (names.length !== 1 || nameKey(names[0] as string) !== nameKey(this.config.name))) {
      throw badRequest('Context does not exist.', names[0]);
    }
  }

  private postLogin(req: ApiRequest): ApiResult {
    const { token, username } = this.login(req.headers['api-token']);
    return { body: { username }, headers: { 'x-auth-token': token } };
  }

  private postLogout(req: ApiRequest): ApiResult {
    const token = req.headers['x-auth-token'];
    if (typeof token === 'string') this.sessions.delete(token);
    return {};
  }

  // --- array-level endpoints -------------------------------------------------

  private getArrays(req: ApiRequest): ApiResult {
    this.checkContext(req);
    const v = req.version as ApiVersion;
    const item: Record<string, unknown> = {
      id: this.id,
      name: this.config.name,
      _as_of: this.clock.now(),
      banner: '',
      idle_timeout: Math.min(this.config.sessionTimeoutMs, 2 ** 31 - 1),
      ntp_servers: ['0.pool.ntp.org'],
      os: 'Purity//FB',
      revision: `${this.model.purityVersion}-sim`,
      time_zone: 'UTC',
      version: this.model.purityVersion,
    };
    if (atLeast(v, 2, 1)) {
      item.product_type = this.config.model;
      item.eradication_config = {
        eradication_delay: this.config.eradicationDelayMs,
        manual_eradication: 'enabled',
      };
      item.smb_mode = 'native';
      item.encryption = {
        data_at_rest: { algorithms: ['AES-256'], enabled: true, entropy_source: 'rdseed' },
      };
      item.security_update = '';
    }
    return listItems(req, {
      family: 'flashblade',
      kind: 'Array',
      items: [item],
      seq: () => 1,
      serialize: (x) => x,
      fields: ARRAY_FIELDS,
    });
  }

  private getArraySpace(req: ApiRequest): ApiResult {
    this.checkContext(req);
    const v = req.version as ApiVersion;
    const type = req.query.string('type') ?? 'array';
    if (!['array', 'file-system', 'object-store'].includes(type))
      throw badRequest(`Invalid type '${type.slice(0, 32)}'.`, 'type');
    const times = sampleTimes(req.query, this.clock.now());
    const s = this.spaceFigures();
    const objectStore = type === 'object-store';
    const fileOnly = type === 'file-system';
    const unique = objectStore ? 0 : fileOnly ? s.unique - this.config.preexistingUsed : s.unique;
    const virtual = objectStore
      ? 0
      : fileOnly
        ? s.virtual - Math.round(this.config.preexistingUsed * this.config.dataReductionRatio)
        : s.virtual;
    const space: Record<string, number> = {
      data_reduction: unique > 0 ? Math.round((virtual / unique) * 1000) / 1000 : 1,
      snapshots: 0,
      total_physical: objectStore ? 0 : fileOnly ? unique : s.totalPhysical,
      unique,
      virtual,
    };
    if (atLeast(v, 2, 1)) {
      space.available_provisioned = Math.max(0, this.config.capacity - s.totalProvisioned);
      space.available_ratio = Math.round((s.available / this.config.capacity) * 1000) / 1000;
      space.destroyed = objectStore ? 0 : s.destroyedPhysical;
      space.destroyed_virtual = objectStore ? 0 : s.destroyedVirtual;
      space.shared = 0;
      space.total_provisioned = objectStore ? 0 : s.totalProvisioned;
      space.total_used = space.total_physical as number;
    }
    const rows = times.map((time) => ({
      id: this.id,
      name: this.config.name,
      capacity: this.config.capacity,
      parity: this.parity(),
      space,
      time,
    }));
    return { body: { total_item_count: rows.length, items: rows } };
  }

  private getArrayPerformance(req: ApiRequest): ApiResult {
    this.checkContext(req);
    const protocol = req.query.string('protocol') ?? 'all';
    if (!['all', 'HTTP', 'SMB', 'NFS', 'S3'].includes(protocol))
      throw badRequest(`Invalid protocol '${protocol.slice(0, 32)}'.`, 'protocol');
    const scale = protocol === 'all' || protocol === 'NFS' ? 1 : 0;
    const r2 = (n: number): number => Math.round(n * 100 * scale) / 100;
    const rows = sampleTimes(req.query, this.clock.now()).map((t) => {
      const p = this.performance(t);
      return {
        id: this.id,
        name: this.config.name,
        bytes_per_op: r2(p.bytesPerOp),
        bytes_per_read: r2(p.bytesPerRead),
        bytes_per_write: r2(p.bytesPerWrite),
        others_per_sec: r2(p.othersPerSec),
        read_bytes_per_sec: r2(p.readBytesPerSec),
        reads_per_sec: r2(p.readsPerSec),
        time: t,
        usec_per_other_op: r2(p.usecPerOtherOp),
        usec_per_read_op: r2(p.usecPerReadOp),
        usec_per_write_op: r2(p.usecPerWriteOp),
        write_bytes_per_sec: r2(p.writeBytesPerSec),
        writes_per_sec: r2(p.writesPerSec),
      };
    });
    return { body: { total_item_count: rows.length, items: rows } };
  }

  private getBlades(req: ApiRequest): ApiResult {
    const raw = Math.round((this.config.capacity * 1.4) / BLADES);
    const rows = Array.from({ length: BLADES }, (_, i) => {
      const name = `CH1.FB${i + 1}`;
      const down = this.health.controllerDown === name;
      return {
        id: `blade-${i + 1}-${this.id.slice(0, 8)}`,
        name,
        details: down ? 'Blade is not responding.' : '',
        progress: 1,
        raw_capacity: raw,
        status: down ? 'critical' : 'healthy',
        target: name,
      };
    });
    return listItems(req, {
      family: 'flashblade',
      kind: 'Blade',
      items: rows,
      seq: (r) => rows.indexOf(r),
      serialize: (r) => r,
      byName: (n) => rows.find((r) => nameKey(r.name) === nameKey(n)),
      byId: (id) => rows.find((r) => r.id === id),
      fields: BLADE_FIELDS,
      total: (items) => ({ raw_capacity: items.reduce((a, b) => a + b.raw_capacity, 0) }),
    });
  }

  private getHardware(req: ApiRequest): ApiResult {
    const degraded = this.health.degradedHardware ? this.hardwareComponentToDegrade().name : '';
    const comps: Array<[string, string, number]> = [['CH1', 'ch', 1]];
    for (let i = 1; i <= BLADES; i++) comps.push([`CH1.FB${i}`, 'fb', i]);
    for (let i = 1; i <= 2; i++) comps.push([`CH1.FM${i}`, 'fm', i]);
    for (let i = 1; i <= 4; i++) comps.push([`CH1.PWR${i}`, 'pwr', i]);
    for (let i = 1; i <= 2; i++) comps.push([`CH1.FAN${i}`, 'fan', i]);
    const rows = comps.map(([name, type, index]) => ({
      id: `${name.toLowerCase()}-${this.id.slice(0, 8)}`,
      name,
      details: '',
      identify_enabled: false,
      index,
      model: type === 'fb' ? 'FB-17TB' : this.config.model,
      serial: `PSF${this.id.slice(0, 6).toUpperCase()}${index}`,
      slot: index,
      status: this.health.controllerDown === name ? 'critical' : name === degraded ? 'unhealthy' : 'healthy',
      temperature: 35,
      type,
    }));
    return listItems(req, {
      family: 'flashblade',
      kind: 'Hardware component',
      items: rows,
      seq: (r) => rows.indexOf(r),
      serialize: (r) => r,
      byName: (n) => rows.find((r) => nameKey(r.name) === nameKey(n)),
      byId: (id) => rows.find((r) => r.id === id),
      fields: HARDWARE_FIELDS,
    });
  }

  private getAlerts(req: ApiRequest): ApiResult {
    const now = this.clock.now();
    return listItems(req, {
      family: 'flashblade',
      kind: 'Alert',
      items: this.alerts,
      seq: (a) => a.index,
      serialize: (a) => ({
        id: a.id,
        name: String(a.index),
        action: a.severity === 'critical' ? 'Contact Pure Storage Support.' : '',
        code: a.code,
        component_name: a.componentName,
        component_type: a.componentType,
        created: a.created,
        description: a.description,
        flagged: a.flagged,
        index: a.index,
        knowledge_base_url: `https://support.purestorage.com/?cid=Alert_${a.code}`,
        notified: a.created,
        severity: a.severity,
        state: a.state,
        summary: a.summary,
        updated: a.updated,
        ...(atLeast(req.version as ApiVersion, 2, 1) ? { duration: (a.closed ?? now) - a.created } : {}),
      }),
      byName: (n) => this.alerts.find((a) => String(a.index) === n),
      byId: (id) => this.alerts.find((a) => a.id === id),
      fields: ALERT_FIELDS,
    });
  }

  private getNetworkInterfaces(req: ApiRequest): ApiResult {
    const v = req.version as ApiVersion;
    return listItems(req, {
      family: 'flashblade',
      kind: 'Network interface',
      items: this.networkInterfaces,
      seq: (n) => n.seq,
      serialize: (n) => ({
        id: n.id,
        name: n.name,
        address: n.address,
        enabled: true,
        gateway: n.gateway,
        mtu: n.mtu,
        netmask: n.netmask,
        services: [...n.services],
        subnet: { id: newIdFor(n.subnet), name: n.subnet, resource_type: 'subnets' },
        type: n.type,
        vlan: n.vlan,
        ...(atLeast(v, 2, 1) ? { attached_servers: [], realms: [] } : {}),
      }),
      byName: (x) => this.networkInterfaces.find((n) => nameKey(n.name) === nameKey(x)),
      byId: (id) => this.networkInterfaces.find((n) => n.id === id),
      fields: NI_FIELDS,
    });
  }

  // --- file systems -----------------------------------------------------------

  private getFileSystems(req: ApiRequest): ApiResult {
    this.checkContext(req);
    const v = req.version as ApiVersion;
    const now = this.clock.now();
    return listItems(req, {
      family: 'flashblade',
      kind: 'File system',
      items: this.fileSystems.values(),
      seq: (f) => f.seq,
      serialize: (f) => this.fsOut(f, v, now),
      byName: (n) => this.findFs(n),
      byId: (id) => this.fileSystems.get(id),
      destroyed: (f) => f.destroyed,
      fields: FS_FIELDS,
      total: (items) => {
        let provisioned = 0;
        let virtual = 0;
        let unique = 0;
        for (const f of items) {
          const s = this.fsSpace(f);
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
      },
    });
  }

  private resolvePolicy(
    ref: { id?: string; name?: string } | undefined,
    context: string,
  ): NfsPolicyRecord | undefined {
    if (!ref) return undefined;
    const p = ref.id
      ? this.policies.find((x) => x.id === ref.id)
      : ref.name
        ? this.policies.find((x) => nameKey(x.name) === nameKey(ref.name as string))
        : undefined;
    if (!p) throw doesNotExist('Policy', ref.name ?? ref.id ?? context);
    return p;
  }

  private checkUnsupported(body: FsBody): void {
    if (body.source !== undefined)
      throw badRequest('Copying file systems from snapshots is not supported by this array.', 'source');
    if (body.node_group !== undefined) throw badRequest('Node group does not exist.', 'node_group');
    if (body.qos_policy !== undefined) throw badRequest('Policy does not exist.', 'qos_policy');
    if (body.workload !== undefined) throw badRequest('Workload does not exist.', 'workload');
    if (body.smb?.client_policy !== undefined || body.smb?.share_policy !== undefined)
      throw badRequest('Policy does not exist.', 'smb');
  }

  private postFileSystems(req: ApiRequest): ApiResult {
    this.checkContext(req);
    const v = req.version as ApiVersion;
    const names = req.query.list('names');
    if (!names) throw badRequest('names is required.', 'names');
    if (req.query.bool('overwrite'))
      throw badRequest('overwrite applies only when copying a file system.', 'overwrite');
    const body = validateBody<FsBody>(req.body ?? {}, fsPostSchema(v));
    this.checkUnsupported(body);
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
    const policy = this.resolvePolicy(body.nfs?.export_policy, 'nfs.export_policy');
    if (policy && body.nfs?.rules)
      throw badRequest('nfs.rules and nfs.export_policy cannot be used together.', 'nfs.rules');
    const seen = new Set<string>();
    for (const name of names) {
      checkVolumeName(name, 'File system');
      if (seen.has(nameKey(name))) throw badRequest('A name is listed twice.', name);
      seen.add(nameKey(name));
      if (this.findFs(name)) throw alreadyExists('File system', name);
    }
    if (this.fileSystems.size + names.length > this.config.volumeLimit) {
      throw badRequest(
        `The maximum number of file systems (${this.config.volumeLimit}) has been reached.`,
        names[0],
      );
    }
    const now = this.clock.now();
    const created = names.map((name) => {
      const fs = this.newFs(name, now);
      this.applyFsBody(fs, body, policy);
      if (body.nfs?.rules === undefined && !policy) {
        // REST 2.0 creates no default export; later versions follow `default_exports` (default "nfs,smb").
        fs.nfs.rules = atLeast(v, 2, 1) && exportsList.includes('nfs') ? DEFAULT_NFS_RULES : '';
      }
      return fs;
    });
    this.changed();
    return { body: { items: created.map((f) => this.fsOut(f, v, now)) } };
  }

  private applyFsBody(fs: FileSystemRecord, body: FsBody, policy: NfsPolicyRecord | undefined): void {
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
      if (policy) fs.nfs.exportPolicyId = policy.id;
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
        throw badRequest(
          'Invalid multi_protocol.access_control_style.',
          'multi_protocol.access_control_style',
        );
      }
      fs.accessControlStyle = body.multi_protocol.access_control_style;
    }
    if (body.multi_protocol?.safeguard_acls !== undefined)
      fs.safeguardAcls = body.multi_protocol.safeguard_acls;
  }

  private patchFileSystems(req: ApiRequest): ApiResult {
    this.checkContext(req);
    const v = req.version as ApiVersion;
    const body = validateBody<FsBody>(req.body, fsPatchSchema(v));
    this.checkUnsupported(body);
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
    const policy = this.resolvePolicy(body.nfs?.export_policy, 'nfs.export_policy');
    const now = this.clock.now();
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
      this.applyFsBody(fs, body, policy);
      if (body.name !== undefined) this.renameFs(fs, body.name);
      if (body.destroyed === true && !fs.destroyed) {
        fs.destroyed = true;
        fs.destroyedAt = now;
      }
    }
    this.changed();
    return { body: { items: targets.map((f) => this.fsOut(f, v, now)) } };
  }

  private deleteFileSystems(req: ApiRequest): ApiResult {
    this.checkContext(req);
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
    this.changed();
    return {};
  }

  // --- NFS export policies -------------------------------------------------------

  private ruleFrom(b: RuleBody): NfsRuleRecord {
    const client = b.client ?? '*';
    validateNfsRules(`${client}(rw)`, 'client');
    return {
      id: newId(),
      client,
      permission: b.permission ?? 'ro',
      access: b.access ?? 'root-squash',
      anonuid: typeof b.anonuid === 'number' ? b.anonuid : null,
      anongid: typeof b.anongid === 'number' ? b.anongid : null,
      atime: b.atime ?? true,
      fileid32bit: b.fileid_32bit ?? false,
      secure: b.secure ?? false,
      security: b.security ?? ['sys'],
      requiredTransportSecurity: b.required_transport_security ?? 'none',
    };
  }

  private findPolicy(name: string): NfsPolicyRecord | undefined {
    return this.policies.find((p) => nameKey(p.name) === nameKey(name));
  }

  private checkVersions(req: ApiRequest, targets: NfsPolicyRecord[]): void {
    const versions = req.query.list('versions');
    if (!versions) return;
    if (versions.length !== targets.length)
      throw badRequest('versions must list one version per policy.', 'versions');
    targets.forEach((p, i) => {
      if (versions[i] !== p.version)
        throw badRequest('The policy has changed since that version was read.', p.name);
    });
  }

  private getPolicies(req: ApiRequest): ApiResult {
    this.checkContext(req);
    return listItems(req, {
      family: 'flashblade',
      kind: 'Policy',
      items: this.policies,
      seq: (p) => p.seq,
      serialize: (p) => this.policyOut(p),
      byName: (n) => this.findPolicy(n),
      byId: (id) => this.policies.find((p) => p.id === id),
      fields: POLICY_FIELDS,
    });
  }

  private postPolicies(req: ApiRequest): ApiResult {
    this.checkContext(req);
    const names = req.query.list('names');
    if (!names) throw badRequest('names is required.', 'names');
    const body = validateBody<{ enabled?: boolean; rules?: RuleBody[] }>(req.body ?? {}, POLICY_POST);
    for (const n of names) {
      checkObjectName(n, 'Policy');
      if (this.findPolicy(n)) throw alreadyExists('Policy', n);
    }
    const created = names.map((name) => {
      const p: NfsPolicyRecord = {
        seq: this.takeSeq(),
        id: newId(),
        name,
        enabled: body.enabled ?? true,
        version: newId(),
        rules: (body.rules ?? []).map((r) => this.ruleFrom(r)),
      };
      this.policies.push(p);
      return p;
    });
    this.changed();
    return { body: { items: created.map((p) => this.policyOut(p)) } };
  }

  private patchPolicies(req: ApiRequest): ApiResult {
    this.checkContext(req);
    const body = validateBody<{ enabled?: boolean; name?: string; rules?: RuleBody[] }>(
      req.body,
      POLICY_PATCH,
    );
    const targets = resolveTargets(
      req,
      'Policy',
      (n) => this.findPolicy(n),
      (id) => this.policies.find((p) => p.id === id),
    );
    this.checkVersions(req, targets);
    if (body.name !== undefined) {
      if (targets.length > 1) throw badRequest('Only one policy can be renamed at a time.', 'name');
      checkObjectName(body.name, 'Policy');
      const other = this.findPolicy(body.name);
      if (other && other !== targets[0]) throw alreadyExists('Policy', body.name);
    }
    const rules = body.rules?.map((r) => this.ruleFrom(r));
    for (const p of targets) {
      if (body.enabled !== undefined) p.enabled = body.enabled;
      if (body.name !== undefined) p.name = body.name;
      if (rules) p.rules = rules.map((r) => ({ ...r, id: newId() }));
      p.version = newId();
    }
    this.changed();
    return { body: { items: targets.map((p) => this.policyOut(p)) } };
  }

  private deletePolicies(req: ApiRequest): ApiResult {
    this.checkContext(req);
    const targets = resolveTargets(
      req,
      'Policy',
      (n) => this.findPolicy(n),
      (id) => this.policies.find((p) => p.id === id),
    );
    this.checkVersions(req, targets);
    for (const p of targets) {
      const user = [...this.fileSystems.values()].find((f) => f.nfs.exportPolicyId === p.id);
      if (user) throw badRequest(`Policy is in use by file system ${user.name}.`, p.name);
    }
    this.policies = this.policies.filter((p) => !targets.includes(p));
    this.changed();
    return {};
  }

  private allRules(): Array<{ p: NfsPolicyRecord; r: NfsRuleRecord; index: number; seq: number }> {
    const out: Array<{ p: NfsPolicyRecord; r: NfsRuleRecord; index: number; seq: number }> = [];
    let seq = 0;
    for (const p of this.policies) p.rules.forEach((r, i) => out.push({ p, r, index: i + 1, seq: seq++ }));
    return out;
  }

  private getRules(req: ApiRequest): ApiResult {
    this.checkContext(req);
    const policyNames = req.query.list('policy_names');
    const policyIds = req.query.list('policy_ids');
    for (const n of policyNames ?? []) if (!this.findPolicy(n)) throw doesNotExist('Policy', n);
    for (const id of policyIds ?? [])
      if (!this.policies.some((p) => p.id === id)) throw doesNotExist('Policy', id);
    const rows = this.allRules().filter(
      (x) =>
        (!policyNames || policyNames.some((n) => nameKey(n) === nameKey(x.p.name))) &&
        (!policyIds || policyIds.includes(x.p.id)),
    );
    return listItems(req, {
      family: 'flashblade',
      kind: 'Rule',
      items: rows,
      seq: (x) => x.seq,
      serialize: (x) => this.ruleOut(x.p, x.r, x.index),
      byName: (n) => rows.find((x) => nameKey(`${x.p.name}.${x.index}`) === nameKey(n)),
      byId: (id) => rows.find((x) => x.r.id === id),
      fields: RULE_FIELDS,
    });
  }

  private postRule(req: ApiRequest): ApiResult {
    this.checkContext(req);
    const policyNames = req.query.list('policy_names');
    const policyIds = req.query.list('policy_ids');
    const ref = policyNames?.[0] ?? policyIds?.[0];
    if (!ref) throw badRequest('policy_names or policy_ids is required.', 'policy_names');
    const p = policyNames ? this.findPolicy(ref) : this.policies.find((x) => x.id === ref);
    if (!p) throw doesNotExist('Policy', ref);
    this.checkVersions(req, [p]);
    const body = validateBody<RuleBody & { index?: number }>(req.body, RULE_SCHEMA);
    const rule = this.ruleFrom(body);
    const before = req.query.string('before_rule_id') ?? req.query.string('before_rule_name');
    let at = p.rules.length;
    if (before !== undefined) {
      at = p.rules.findIndex((r, i) => r.id === before || nameKey(`${p.name}.${i + 1}`) === nameKey(before));
      if (at < 0) throw doesNotExist('Rule', before);
    } else if (body.index !== undefined) {
      at = Math.min(body.index - 1, p.rules.length);
    }
    p.rules.splice(at, 0, rule);
    p.version = newId();
    this.changed();
    return { body: { items: [this.ruleOut(p, rule, at + 1)] } };
  }

  private deleteRules(req: ApiRequest): ApiResult {
    this.checkContext(req);
    const rows = this.allRules();
    const targets = resolveTargets(
      req,
      'Rule',
      (n) => rows.find((x) => nameKey(`${x.p.name}.${x.index}`) === nameKey(n)),
      (id) => rows.find((x) => x.r.id === id),
    );
    for (const t of targets) {
      t.p.rules = t.p.rules.filter((r) => r !== t.r);
      t.p.version = newId();
    }
    this.changed();
    return {};
  }
}

function newIdFor(name: string): string {
  // Subnets are not modelled; a stable id derived from the name keeps responses consistent.
  const hex = Buffer.from(name.padEnd(16, '-').slice(0, 16)).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
