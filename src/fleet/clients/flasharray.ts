// FlashArray REST 2.x, the parts the fleet uses: identity, space, performance and health for
// telemetry, a cheap volume count, the fleet-wide volume listing, and the volume lifecycle
// (create, resize, QoS, destroy → eradicate, recover) for pure_volume. Field names are those of
// the FA 2.x specs (pure-openapi/FA2.56.spec.yaml).

import { PureApiError, UnsupportedApiVersionError } from '../rest/errors';
import type { ItemsResponse, ListResponse, RestTransport } from '../rest/session';
import { versionAtLeast } from '../rest/versions';
import {
  OPEN_ALERTS_FILTER,
  findByName,
  listByNamePrefix,
  firstOf,
  singleItem,
  type PureAlert,
  type PureHardwareComponent,
} from './common';
import { createWithExistenceCheck, type CreateOutcome } from './create-outcome';
import {
  FA_MIN_TAGS_VERSION,
  MARK_NAMESPACE,
  markTags,
  marksFromTags,
  type OwnershipMark,
} from '../ownership';

/** What a create may add: the fleet's mark, and how long an unknown outcome may take to resolve. */
export interface VolumeCreateOptions {
  readonly mark?: OwnershipMark;
  readonly resolveBudgetMs?: number;
}

/** `GET /volumes/tags` items (FA `Tag`). */
interface PureTag {
  readonly namespace?: string;
  readonly key?: string;
  readonly value?: string;
  readonly resource?: { readonly id?: string; readonly name?: string };
}

export interface FlashArrayInfo {
  readonly id: string;
  readonly name: string;
  readonly os?: string;
  readonly version?: string;
  /** Usable capacity, bytes. */
  readonly capacity?: number;
  /** Below 1.0 while the array rebuilds data after a failure. */
  readonly parity?: number;
}

export interface FlashArraySpace {
  /** Usable (entitled) capacity, bytes. */
  readonly capacity: number;
  readonly parity?: number;
  /** When the figures were sampled, ms since the epoch (array clock). */
  readonly time?: number;
  readonly space: {
    readonly total_physical?: number;
    readonly total_used?: number;
    readonly total_provisioned?: number;
    readonly data_reduction?: number;
    readonly total_reduction?: number;
    readonly unique?: number;
    readonly snapshots?: number;
    readonly shared?: number;
    readonly system?: number;
    readonly virtual?: number;
  };
}

/** `GET /arrays/performance` (FA `ArrayPerformance`); latencies in µs per operation. */
export interface FlashArrayPerformance {
  readonly time?: number;
  readonly reads_per_sec?: number;
  readonly writes_per_sec?: number;
  readonly others_per_sec?: number;
  readonly mirrored_writes_per_sec?: number;
  readonly read_bytes_per_sec?: number;
  readonly write_bytes_per_sec?: number;
  readonly usec_per_read_op?: number;
  readonly usec_per_write_op?: number;
  readonly usec_per_other_op?: number;
  readonly usec_per_mirrored_write_op?: number;
  readonly service_usec_per_read_op?: number;
  readonly service_usec_per_write_op?: number;
  readonly service_usec_per_mirrored_write_op?: number;
  readonly queue_usec_per_read_op?: number;
  readonly queue_usec_per_write_op?: number;
  readonly queue_usec_per_mirrored_write_op?: number;
  readonly san_usec_per_read_op?: number;
  readonly san_usec_per_write_op?: number;
  readonly qos_rate_limit_usec_per_read_op?: number;
  readonly qos_rate_limit_usec_per_write_op?: number;
}

/** `GET /controllers` (FA `Controller`). */
export interface FlashArrayController {
  readonly name: string;
  /** not present|offline|primary|secondary. */
  readonly mode?: string;
  readonly model?: string;
  /** not ready|ready|unknown|updating. */
  readonly status?: string;
  readonly type?: string;
  readonly version?: string;
}

export interface FlashArrayVolumeQos {
  readonly bandwidth_limit?: number | null;
  readonly iops_limit?: number | null;
}

export interface FlashArrayVolume {
  readonly id: string;
  readonly name: string;
  readonly serial: string;
  /** Bytes. */
  readonly provisioned: number;
  readonly destroyed: boolean;
  /** Milliseconds until eradication, for a destroyed volume. */
  readonly time_remaining?: number | null;
  readonly created?: number;
  readonly qos?: FlashArrayVolumeQos | null;
  readonly space?: {
    readonly total_provisioned?: number;
    readonly unique?: number;
    readonly virtual?: number;
  };
}

/**
 * The FA 2.0 spec has no arrays, controllers, hardware or alerts endpoints; the simulator, built
 * from the specs, serves them from 2.2. Telemetry needs them all.
 */
export const FA_MIN_TELEMETRY_VERSION = '2.2';

export class FlashArrayClient {
  constructor(readonly session: RestTransport) {}

  get name(): string {
    return this.session.arrayName;
  }

  private async requireTelemetryVersion(signal?: AbortSignal): Promise<void> {
    const version = await this.session.negotiatedVersion(signal);
    if (!versionAtLeast(version, FA_MIN_TELEMETRY_VERSION))
      throw new UnsupportedApiVersionError(this.name, version, FA_MIN_TELEMETRY_VERSION, 'array telemetry');
  }

  async getArray(signal?: AbortSignal): Promise<FlashArrayInfo> {
    await this.requireTelemetryVersion(signal);
    return singleItem<FlashArrayInfo>(this.session, 'arrays', 'identity', { signal });
  }

  async getSpace(signal?: AbortSignal): Promise<FlashArraySpace> {
    await this.requireTelemetryVersion(signal);
    return singleItem<FlashArraySpace>(this.session, 'arrays/space', 'space report', { signal });
  }

  /** The latest performance sample (the array's own short-interval average). */
  async getPerformance(signal?: AbortSignal): Promise<FlashArrayPerformance> {
    await this.requireTelemetryVersion(signal);
    return singleItem<FlashArrayPerformance>(this.session, 'arrays/performance', 'performance sample', {
      signal,
    });
  }

  async listControllers(signal?: AbortSignal): Promise<FlashArrayController[]> {
    await this.requireTelemetryVersion(signal);
    return this.session.listAll<FlashArrayController>('controllers', {}, signal);
  }

  async listHardware(signal?: AbortSignal): Promise<PureHardwareComponent[]> {
    await this.requireTelemetryVersion(signal);
    return this.session.listAll<PureHardwareComponent>('hardware', {}, signal);
  }

  /** Open alerts of severity critical or warning, filtered on the array. */
  async listOpenAlerts(signal?: AbortSignal): Promise<PureAlert[]> {
    await this.requireTelemetryVersion(signal);
    return this.session.listAll<PureAlert>('alerts', { filter: OPEN_ALERTS_FILTER }, signal);
  }

  /** Volumes on the array, destroyed ones included (they count against the limit), in one call. */
  async countVolumes(signal?: AbortSignal): Promise<number> {
    const response = await this.session.request<ListResponse<FlashArrayVolume>>('GET', 'volumes', {
      query: { limit: 1, total_item_count: true },
      signal,
    });
    if (typeof response.total_item_count !== 'number')
      throw new PureApiError(this.name, 'GET', 'volumes', 200, [
        { message: 'the array returned no total_item_count' },
      ]);
    return response.total_item_count;
  }

  /** A volume by name, destroyed or not; undefined when the array has none by that name. */
  getVolume(name: string, signal?: AbortSignal): Promise<FlashArrayVolume | undefined> {
    return findByName<FlashArrayVolume>(this.session, 'volumes', name, signal);
  }

  /** Every volume whose name starts with `prefix`, destroyed ones included, in a few paged calls. */
  listVolumesWithPrefix(
    prefix: string,
    signal?: AbortSignal,
    pageSize?: number,
  ): Promise<FlashArrayVolume[]> {
    return listByNamePrefix<FlashArrayVolume>(this.session, 'volumes', prefix, signal, pageSize);
  }

  /**
   * Creates a volume. A create is never repeated blindly: after an unknown outcome the array is
   * asked whether the volume exists (see create-outcome.ts).
   */
  async createVolume(
    name: string,
    provisionedBytes: number,
    signal?: AbortSignal,
    options: VolumeCreateOptions = {},
  ): Promise<FlashArrayVolume> {
    return (await this.createVolumeWithOutcome(name, provisionedBytes, signal, options)).volume;
  }

  /**
   * createVolume, also saying whether the volume was found by name after an unknown outcome.
   * Throws CreateOutcomeUnknownError when the array could not say; the volume may exist then.
   */
  async createVolumeWithOutcome(
    name: string,
    provisionedBytes: number,
    signal?: AbortSignal,
    options: VolumeCreateOptions = {},
  ): Promise<{ volume: FlashArrayVolume; outcome: CreateOutcome }> {
    const tagged = options.mark !== undefined && (await this.supportsTags(signal));
    const body = {
      provisioned: provisionedBytes,
      ...(tagged && options.mark ? { tags: markTags(options.mark) } : {}),
    };
    const { object, outcome } = await createWithExistenceCheck({
      array: this.name,
      object: `volume "${name}"`,
      create: async () => {
        const response = await this.session.request<ItemsResponse<FlashArrayVolume>>('POST', 'volumes', {
          query: { names: name },
          body,
          retrySafe: false,
          signal,
        });
        return firstOf(this.session, 'POST', 'volumes', response.items, 'volume');
      },
      lookup: () => this.getVolume(name, signal),
      ...(options.resolveBudgetMs === undefined ? {} : { resolveBudgetMs: options.resolveBudgetMs }),
      ...(signal ? { signal } : {}),
    });
    return { volume: object, outcome };
  }

  /** Whether the array keeps volume tags (REST 2.2+), so volumes carry the fleet's mark. */
  async supportsTags(signal?: AbortSignal): Promise<boolean> {
    return versionAtLeast(await this.session.negotiatedVersion(signal), FA_MIN_TAGS_VERSION);
  }

  /**
   * The fleet marks of every volume on the array, by lower-cased volume name, in a few paged calls;
   * undefined when the array keeps no tags. Volumes absent from the map carry none of our marks.
   */
  async listMarks(signal?: AbortSignal, pageSize?: number): Promise<Map<string, OwnershipMark> | undefined> {
    if (!(await this.supportsTags(signal))) return undefined;
    const tags = await this.session.listAll<PureTag>(
      'volumes/tags',
      { namespaces: MARK_NAMESPACE },
      signal,
      pageSize,
    );
    return marksFromTags(tags);
  }

  /**
   * The fleet mark of one volume: the mark, null when it carries none of ours, undefined when the
   * array keeps no tags.
   */
  async getMark(name: string, signal?: AbortSignal): Promise<OwnershipMark | null | undefined> {
    if (!(await this.supportsTags(signal))) return undefined;
    const response = await this.session.request<ListResponse<PureTag>>('GET', 'volumes/tags', {
      query: { resource_names: name, namespaces: MARK_NAMESPACE },
      signal,
    });
    return marksFromTags(response.items ?? []).get(name.toLowerCase()) ?? null;
  }

  /** Marks one volume as the fleet's (adopting a volume the fleet did not create). */
  async putMark(name: string, mark: OwnershipMark, signal?: AbortSignal): Promise<void> {
    await this.session.request<unknown>('PUT', 'volumes/tags/batch', {
      query: { resource_names: name },
      body: markTags(mark),
      retrySafe: true,
      signal,
    });
  }

  async patchVolume(
    name: string,
    patch: {
      provisioned?: number;
      destroyed?: boolean;
      name?: string;
      /** A limit of "" removes it (FA 2.x `_qos_patch`). */
      qos?: { bandwidth_limit?: number | ''; iops_limit?: number | '' };
    },
    options: { truncate?: boolean; signal?: AbortSignal } = {},
  ): Promise<FlashArrayVolume> {
    const response = await this.session.request<ItemsResponse<FlashArrayVolume>>('PATCH', 'volumes', {
      query: { names: name, ...(options.truncate ? { truncate: true } : {}) },
      body: patch,
      // Setting an absolute size or state is safe to repeat; a rename is not.
      retrySafe: patch.name === undefined,
      signal: options.signal,
    });
    return firstOf(this.session, 'PATCH', 'volumes', response.items, 'volume');
  }

  /** Moves a volume to the eradication bin (recoverable until the eradication delay passes). */
  destroyVolume(name: string, signal?: AbortSignal): Promise<FlashArrayVolume> {
    return this.patchVolume(name, { destroyed: true }, { signal });
  }

  recoverVolume(name: string, signal?: AbortSignal): Promise<FlashArrayVolume> {
    return this.patchVolume(name, { destroyed: false }, { signal });
  }

  /** Eradicates a destroyed volume for good. */
  async eradicateVolume(name: string, signal?: AbortSignal): Promise<void> {
    await this.session.request<unknown>('DELETE', 'volumes', {
      query: { names: name },
      retrySafe: true,
      signal,
    });
  }
}
