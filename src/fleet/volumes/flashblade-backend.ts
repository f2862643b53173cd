// NFS file systems on a FlashBlade, behind the one volume lifecycle (backend.ts). What differs
// from block: the size is a quota (soft unless hard_limit), exports are switched off in the same
// PATCH that destroys (FlashBlade refuses to destroy an exported file system) and on again in the
// one that recovers, and clients mount `<NFS endpoint>:/<name>`.

import type {
  FileSystemPatch,
  FlashBladeClient,
  FlashBladeFileSystem,
  FlashBladeNfsSettings,
} from '../clients/flashblade';
import { nfsMountPath } from '../clients/flashblade';
import { FlashBladeQosClient, type FlashBladeQosPolicy } from '../clients/flashblade-qos';
import type { Ownership } from '../ownership';
import type { FleetObject } from './snapshot';
import {
  VolumeKindError,
  type CreatedVolume,
  type FileVolumeSpec,
  type FileVolumeView,
  type VolumeBackend,
  type VolumeCreateRequest,
  type VolumeSpec,
  type VolumeView,
} from './backend';
import {
  attachedQosPolicy,
  fileQos,
  forgetFileQos,
  hasLimits,
  qosNeedsChange,
  reconcileFileQos,
  releaseFileQos,
} from './flashblade-qos';

/** The file system as a view; `qosPolicy` is the policy it is attached to, read beside it. */
export function fileView(fs: FlashBladeFileSystem, qosPolicy?: FlashBladeQosPolicy): FileVolumeView {
  const provisioned = typeof fs.provisioned === 'number' && fs.provisioned > 0 ? fs.provisioned : undefined;
  const policy = fs.nfs?.export_policy?.name;
  return {
    kind: 'file',
    name: fs.name,
    id: fs.id,
    sizeBytes: provisioned,
    destroyed: fs.destroyed,
    ...(typeof fs.time_remaining === 'number' ? { timeRemainingMs: fs.time_remaining } : {}),
    nfsV3: fs.nfs?.v3_enabled === true,
    nfsV41: fs.nfs?.v4_1_enabled === true,
    exportRules: fs.nfs?.rules ?? '',
    ...(policy ? { exportPolicy: policy } : {}),
    hardLimit: fs.hard_limit_enabled === true,
    qos: fileQos(fs, qosPolicy),
    ...(fs.qos_policy?.name ? { qosPolicy: fs.qos_policy.name } : {}),
  };
}

export class FlashBladeVolumeBackend implements VolumeBackend {
  readonly kind = 'file' as const;
  private endpoint: Promise<string | undefined> | undefined;

  constructor(
    private readonly client: FlashBladeClient,
    /** The roster's NFS endpoint; without it the array's first data VIP is used. */
    private readonly nfsEndpoint?: string,
  ) {}

  get arrayName(): string {
    return this.client.name;
  }

  private fileSpec(spec: VolumeSpec): FileVolumeSpec {
    if (spec.kind !== 'file') throw new VolumeKindError(this.arrayName, 'file', spec.kind);
    return spec;
  }

  view(object: FleetObject): VolumeView | undefined {
    return object.kind === 'flashblade' ? fileView(object.fileSystem, object.qosPolicy) : undefined;
  }

  private get qos(): FlashBladeQosClient {
    return new FlashBladeQosClient(this.client.session);
  }

  private async viewOf(fs: FlashBladeFileSystem, signal?: AbortSignal): Promise<FileVolumeView> {
    return fileView(fs, await attachedQosPolicy(this.client.session, fs, signal));
  }

  async get(name: string, signal?: AbortSignal): Promise<VolumeView | undefined> {
    const fs = await this.client.getFileSystem(name, signal);
    return fs ? this.viewOf(fs, signal) : undefined;
  }

  async create(name: string, request: VolumeCreateRequest, signal?: AbortSignal): Promise<CreatedVolume> {
    const spec = this.fileSpec(request.spec);
    // Refused before the file system is made, so placement can try a FlashBlade that has them.
    if (spec.qos && hasLimits(spec.qos)) await this.qos.require(signal);
    const { fileSystem, outcome } = await this.client.createFileSystem(
      name,
      {
        provisionedBytes: request.sizeBytes,
        hardLimit: spec.hardLimit,
        nfsV3: spec.nfsV3,
        nfsV41: spec.nfsV41,
        // Always sent, "" included: without rules FlashBlade 2.1+ exports to the world.
        ...(spec.exportPolicy !== undefined
          ? { exportPolicy: spec.exportPolicy }
          : { exportRules: spec.exportRules }),
      },
      signal,
    );
    return { volume: fileView(fileSystem), outcome };
  }

  /** FlashBlade keeps no tags on file systems (FB 2.0 – 2.28): the fleet's name prefix is the rule. */
  async ownership(name: string, signal?: AbortSignal): Promise<Ownership | undefined> {
    return (await this.get(name, signal)) ? { by: 'prefix-rule' } : undefined;
  }

  async resize(name: string, sizeBytes: number, signal?: AbortSignal): Promise<VolumeView> {
    return fileView(await this.client.patchFileSystem(name, { provisioned: sizeBytes }, { signal }));
  }

  async update(
    name: string,
    current: VolumeView,
    wanted: VolumeCreateRequest,
    signal?: AbortSignal,
  ): Promise<VolumeView> {
    const spec = this.fileSpec(wanted.spec);
    if (current.kind !== 'file') throw new VolumeKindError(this.arrayName, 'file', current.kind);
    const now = current;
    const patch: { -readonly [K in keyof FileSystemPatch]: FileSystemPatch[K] } = {};
    if (now.sizeBytes !== wanted.sizeBytes) patch.provisioned = wanted.sizeBytes;
    if (now.hardLimit !== spec.hardLimit) patch.hard_limit_enabled = spec.hardLimit;
    const nfs: { -readonly [K in keyof FlashBladeNfsSettings]: FlashBladeNfsSettings[K] } = {};
    if (now.nfsV3 !== spec.nfsV3) nfs.v3_enabled = spec.nfsV3;
    if (now.nfsV41 !== spec.nfsV41) nfs.v4_1_enabled = spec.nfsV41;
    if (spec.exportPolicy !== undefined) {
      if (now.exportPolicy !== spec.exportPolicy) nfs.export_policy = { name: spec.exportPolicy };
    } else if (now.exportPolicy !== undefined || now.exportRules !== spec.exportRules) {
      // Setting rules is what detaches a policy (FB 2.3+ `nfs.rules`).
      nfs.rules = spec.exportRules;
    }
    if (Object.keys(nfs).length > 0) patch.nfs = nfs;
    const changesQos = spec.qos !== undefined && qosNeedsChange(now, spec.qos);
    if (Object.keys(patch).length === 0 && !changesQos) return current;
    // A quota below what is written is refused unless the caller asks; the plan refuses shrinking.
    const fs =
      Object.keys(patch).length > 0 ? await this.client.patchFileSystem(name, patch, { signal }) : undefined;
    if (spec.qos !== undefined && changesQos) {
      await reconcileFileQos(this.client.session, now, spec.qos, signal);
      return (await this.get(name, signal)) ?? current;
    }
    // QoS untouched: the policy's limits are still those read before the PATCH.
    return fs ? { ...fileView(fs), qos: now.qos } : current;
  }

  /** Destroys the file system, detaching its NFS export policy if it has one (the policy may go next). */
  async destroy(name: string, signal?: AbortSignal): Promise<VolumeView> {
    // Detached (and the fleet's own QoS policy deleted) first: a policy in use cannot be deleted.
    const current = await this.client.getFileSystem(name, signal);
    if (current && !current.destroyed && (await this.qos.supported(signal)))
      await releaseFileQos(this.client.session, current, signal);
    const detachExportPolicy = Boolean(current?.nfs?.export_policy?.name);
    return fileView(await this.client.destroyFileSystem(name, signal, { detachExportPolicy }));
  }

  async recover(name: string, spec: VolumeSpec, signal?: AbortSignal): Promise<VolumeView> {
    const file = this.fileSpec(spec);
    // Destroying switched the protocols off; the recovering PATCH switches them on again.
    return fileView(
      await this.client.recoverFileSystem(
        name,
        { v3_enabled: file.nfsV3, v4_1_enabled: file.nfsV41 },
        signal,
      ),
    );
  }

  async eradicate(name: string, signal?: AbortSignal): Promise<void> {
    // A file system destroyed out of band may still hold the fleet's policy: deleted after it.
    const fs = (await this.qos.supported(signal)) ? await this.client.getFileSystem(name, signal) : undefined;
    await this.client.eradicateFileSystem(name, signal);
    if (fs) await forgetFileQos(this.client.session, fs, signal);
  }

  /** `<NFS endpoint>:/<name>`: the roster's endpoint, else the array's first data VIP (read once). */
  async accessPath(name: string, signal?: AbortSignal): Promise<string | undefined> {
    if (this.nfsEndpoint) return nfsMountPath(this.nfsEndpoint, name);
    this.endpoint ??= this.client.dataVips(signal).then(
      (vips) => vips[0],
      (err: unknown) => {
        this.endpoint = undefined;
        throw err;
      },
    );
    const vip = await this.endpoint;
    return vip ? nfsMountPath(vip, name) : undefined;
  }
}
