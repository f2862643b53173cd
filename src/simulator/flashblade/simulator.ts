// A simulated FlashBlade: file systems (provisioned, NFS v3 / v4.1 exports with rules or an
// export policy, destroyed then eradicated: file-systems.ts), NFS export policies
// (nfs-policies.ts), snapshot policies and the snapshots they take on the fleet's clock
// (snapshot-policies.ts, snapshot-policy-members.ts, file-system-snapshots.ts), and the array's inventory, space, performance, health and network
// interfaces with the data VIP used in mount paths (inventory.ts). This class ties them to the
// array's sessions, persistence and out-of-band changes.
import { SimulatedArray, type OutOfBandChange, type PersistedArrayBase } from '../array-base';
import type { ResolvedArrayConfig } from '../description';
import { badRequest } from '../errors';
import type { ApiRequest, ApiResult, RouteDefinition } from '../http/types';
import { arraySpace, type ArraySpaceFigures } from '../model/space';
import { nameKey } from '../names';
import type { SimClock } from '../runtime';
import type { FlashBladeContext } from './context';
import { FileSystems } from './file-systems';
import { FlashBladeInventory } from './inventory';
import { NfsExportPolicies } from './nfs-policies';
import { QosPolicies } from './qos-policies';
import type { PersistedFlashBlade } from './records';
import { FileSystemSnapshots } from './file-system-snapshots';
import { SnapshotPolicies } from './snapshot-policies';
import { SnapshotPolicyMembers } from './snapshot-policy-members';

export class FlashBladeSimulator extends SimulatedArray {
  readonly type = 'flashblade' as const;
  private readonly policies: NfsExportPolicies;
  private readonly fs: FileSystems;
  private readonly qos: QosPolicies;
  private readonly inventory: FlashBladeInventory;
  private readonly fsSnapshots: FileSystemSnapshots;
  private readonly snapshotPolicies: SnapshotPolicies;
  private readonly snapshotMembers: SnapshotPolicyMembers;

  constructor(config: ResolvedArrayConfig, clock: SimClock, dataVip: string) {
    super(config, clock);
    const ctx: FlashBladeContext = {
      config: this.config,
      clock,
      arrayId: () => this.id,
      takeSeq: () => this.takeSeq(),
      changed: () => this.onMutation(),
      checkContext: (req) => this.checkContext(req),
      fileSystemUsing: (policyId) => this.fs.usingPolicy(policyId),
    };
    this.policies = new NfsExportPolicies(ctx);
    this.qos = new QosPolicies(ctx, {
      all: () => this.fs.fileSystems.values(),
      lookup: (name) => [...this.fs.fileSystems.values()].find((f) => nameKey(f.name) === nameKey(name)),
      lookupId: (id) => this.fs.fileSystems.get(id),
    });
    this.fs = new FileSystems(ctx, this.policies, this.qos);
    this.inventory = new FlashBladeInventory(this, dataVip);
    this.fsSnapshots = new FileSystemSnapshots(ctx, this.fs);
    this.snapshotPolicies = new SnapshotPolicies(ctx, this.fsSnapshots, (id) => this.fs.fileSystems.has(id));
    this.snapshotMembers = new SnapshotPolicyMembers(ctx, this.snapshotPolicies, this.fs);
  }

  // --- persistence ----------------------------------------------------------

  toRecord(): PersistedFlashBlade {
    return {
      ...this.baseRecord(),
      type: 'flashblade',
      fileSystems: [...this.fs.fileSystems.values()],
      policies: this.policies.policies,
      networkInterfaces: this.inventory.interfaces,
      snapshotPolicies: this.snapshotPolicies.policies,
      fileSystemSnapshots: this.fsSnapshots.snapshots,
      qosPolicies: this.qos.policies,
    };
  }

  protected restoreObjects(record: PersistedArrayBase): void {
    const r = record as PersistedFlashBlade;
    this.fs.restore(r.fileSystems);
    this.policies.policies = r.policies;
    this.qos.policies = r.qosPolicies ?? [];
    this.inventory.restore(r.networkInterfaces);
    this.snapshotPolicies.policies = r.snapshotPolicies ?? [];
    this.fsSnapshots.snapshots = r.fileSystemSnapshots ?? [];
  }

  /** Public for the parts of the array (inventory.ts). */
  override takeSeq(): number {
    return super.takeSeq();
  }

  objectCount(): number {
    return this.fs.fileSystems.size;
  }

  spaceFigures(): ArraySpaceFigures {
    return arraySpace({
      capacity: this.config.capacity,
      preexistingUsed: this.config.preexistingUsed,
      dataReductionRatio: this.config.dataReductionRatio,
      baselineWrittenFraction: this.config.fillRatio,
      objects: [...this.fs.fileSystems.values()].map((fs) => ({
        provisioned: fs.provisioned ?? 0,
        space: this.fs.fsSpace(fs),
        destroyed: fs.destroyed,
      })),
    });
  }

  sweep(now: number): void {
    let removed = this.snapshotMembers.prune();
    if (this.fsSnapshots.sweep(now, this.snapshotPolicies.policies)) removed = true;
    for (const fs of [...this.fs.fileSystems.values()]) {
      if (fs.destroyed && fs.destroyedAt !== null && now - fs.destroyedAt >= this.config.eradicationDelayMs) {
        this.fs.eradicate(fs);
        removed = true;
      }
    }
    if (removed) this.onMutation();
  }

  defaultControllerToFail(): string {
    return 'CH1.FB3';
  }

  hardwareComponentToDegrade(): { name: string; type: string } {
    return { name: 'CH1.FM2', type: 'fm' };
  }

  applyChange(change: OutOfBandChange): unknown {
    return this.fs.applyChange(change);
  }

  // --- routes -------------------------------------------------------------------

  routes(): RouteDefinition[] {
    const none = (): string[] => [];
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
      ...this.inventory.routes(),
      ...this.fs.routes(),
      ...this.policies.routes(),
      ...this.snapshotPolicies.routes(),
      ...this.snapshotMembers.routes(),
      ...this.fsSnapshots.routes(() => this.snapshotPolicies.policies),
      ...this.qos.routes(),
    ];
  }

  checkContext(req: ApiRequest): void {
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
}
