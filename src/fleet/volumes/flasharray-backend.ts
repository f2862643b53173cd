// Block volumes on a FlashArray, behind the one volume lifecycle (backend.ts).

import type { FlashArrayClient, FlashArrayVolume } from '../clients/flasharray';
import type { Ownership } from '../ownership';
import type { FleetObject } from './snapshot';
import {
  VolumeKindError,
  type BlockVolumeView,
  type CreateOptions,
  type CreatedVolume,
  type VolumeBackend,
  type VolumeCreateRequest,
  type VolumeSpec,
  type VolumeView,
} from './backend';

export function blockView(volume: FlashArrayVolume): BlockVolumeView {
  return {
    kind: 'block',
    name: volume.name,
    id: volume.id,
    serial: volume.serial,
    qos: { iopsLimit: volume.qos?.iops_limit ?? null, bandwidthLimit: volume.qos?.bandwidth_limit ?? null },
    sizeBytes: volume.provisioned,
    destroyed: volume.destroyed,
    ...(typeof volume.time_remaining === 'number' ? { timeRemainingMs: volume.time_remaining } : {}),
  };
}

export class FlashArrayVolumeBackend implements VolumeBackend {
  readonly kind = 'block' as const;

  constructor(private readonly client: FlashArrayClient) {}

  get arrayName(): string {
    return this.client.name;
  }

  private requireBlock(spec: VolumeSpec): void {
    if (spec.kind !== 'block') throw new VolumeKindError(this.arrayName, 'block', spec.kind);
  }

  view(object: FleetObject): VolumeView | undefined {
    return object.kind === 'flasharray' ? blockView(object.volume) : undefined;
  }

  async get(name: string, signal?: AbortSignal): Promise<VolumeView | undefined> {
    const volume = await this.client.getVolume(name, signal);
    return volume ? blockView(volume) : undefined;
  }

  async create(
    name: string,
    request: VolumeCreateRequest,
    signal?: AbortSignal,
    options: CreateOptions = {},
  ): Promise<CreatedVolume> {
    this.requireBlock(request.spec);
    const { volume, outcome } = await this.client.createVolumeWithOutcome(
      name,
      request.sizeBytes,
      signal,
      options.mark ? { mark: options.mark } : {},
    );
    return { volume: blockView(volume), outcome };
  }

  async ownership(name: string, signal?: AbortSignal): Promise<Ownership | undefined> {
    if (!(await this.client.getVolume(name, signal))) return undefined;
    const mark = await this.client.getMark(name, signal);
    if (mark === undefined) return { by: 'prefix-rule' };
    return mark === null ? { by: 'unmarked' } : { by: 'mark', mark };
  }

  async resize(name: string, sizeBytes: number, signal?: AbortSignal): Promise<VolumeView> {
    return blockView(await this.client.patchVolume(name, { provisioned: sizeBytes }, { signal }));
  }

  async update(
    name: string,
    current: VolumeView,
    wanted: VolumeCreateRequest,
    signal?: AbortSignal,
  ): Promise<VolumeView> {
    this.requireBlock(wanted.spec);
    let view = current;
    if (current.sizeBytes !== wanted.sizeBytes) view = await this.resize(name, wanted.sizeBytes, signal);
    const qos = wanted.spec.kind === 'block' ? wanted.spec.qos : undefined;
    if (qos && view.kind === 'block') {
      // The spec's PATCH unsets a limit with "", so a removed limit is really removed.
      const patch: { iops_limit?: number | ''; bandwidth_limit?: number | '' } = {};
      if (view.qos.iopsLimit !== qos.iopsLimit) patch.iops_limit = qos.iopsLimit ?? '';
      if (view.qos.bandwidthLimit !== qos.bandwidthLimit) patch.bandwidth_limit = qos.bandwidthLimit ?? '';
      if (Object.keys(patch).length > 0)
        view = blockView(await this.client.patchVolume(name, { qos: patch }, { signal }));
    }
    return view;
  }

  async destroy(name: string, signal?: AbortSignal): Promise<VolumeView> {
    return blockView(await this.client.destroyVolume(name, signal));
  }

  async recover(name: string, spec: VolumeSpec, signal?: AbortSignal): Promise<VolumeView> {
    this.requireBlock(spec);
    return blockView(await this.client.recoverVolume(name, signal));
  }

  eradicate(name: string, signal?: AbortSignal): Promise<void> {
    return this.client.eradicateVolume(name, signal);
  }

  accessPath(): Promise<string | undefined> {
    // Block volumes are reached through host connections, not a path.
    return Promise.resolve(undefined);
  }
}
