// FlashArray REST 2.x, the parts the fleet uses: identity and space for telemetry, and the
// volume lifecycle (create, resize, QoS, destroy → eradicate, recover) for pure_volume.

import { OutcomeUnknownError, PureApiError } from '../rest/errors';
import type { ItemsResponse, ListResponse, PureRestSession } from '../rest/session';

export interface FlashArrayInfo {
  readonly id: string;
  readonly name: string;
  readonly os?: string;
  readonly version?: string;
  /** Usable capacity, bytes. */
  readonly capacity?: number;
}

export interface FlashArraySpace {
  readonly capacity: number;
  readonly space: {
    readonly total_physical?: number;
    readonly total_used?: number;
    readonly total_provisioned?: number;
    readonly data_reduction?: number;
    readonly total_reduction?: number;
  };
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
}

/** Quotes a value for a REST `filter` expression. */
function quoteFilter(value: string): string {
  return `'${value.replace(/'/g, "\\'")}'`;
}

export class FlashArrayClient {
  constructor(readonly session: PureRestSession) {}

  get name(): string {
    return this.session.arrayName;
  }

  async getArray(signal?: AbortSignal): Promise<FlashArrayInfo> {
    const response = await this.session.request<ListResponse<FlashArrayInfo>>('GET', 'arrays', { signal });
    const array = response.items[0];
    if (!array)
      throw new PureApiError(this.name, 'GET', 'arrays', 200, [
        { message: 'the array returned no identity' },
      ]);
    return array;
  }

  async getSpace(signal?: AbortSignal): Promise<FlashArraySpace> {
    const response = await this.session.request<ListResponse<FlashArraySpace>>('GET', 'arrays/space', {
      signal,
    });
    const space = response.items[0];
    if (!space)
      throw new PureApiError(this.name, 'GET', 'arrays/space', 200, [
        { message: 'the array returned no space report' },
      ]);
    return space;
  }

  /** A volume by name, destroyed or not; undefined when the array has none by that name. */
  async getVolume(name: string, signal?: AbortSignal): Promise<FlashArrayVolume | undefined> {
    try {
      const response = await this.session.request<ListResponse<FlashArrayVolume>>('GET', 'volumes', {
        query: { names: name },
        signal,
      });
      return response.items[0];
    } catch (err) {
      if (err instanceof PureApiError && err.isNotFound()) return undefined;
      throw err;
    }
  }

  /** Every volume whose name starts with `prefix`, destroyed ones included, in a few paged calls. */
  async listVolumesWithPrefix(prefix: string, signal?: AbortSignal): Promise<FlashArrayVolume[]> {
    return this.session.listAll<FlashArrayVolume>(
      'volumes',
      { filter: `name=${quoteFilter(`${prefix}*`)}` },
      signal,
    );
  }

  /**
   * Creates a volume. A create is never repeated blindly: when the answer is lost, the volume is
   * looked up by name, and only if it is absent is the create tried again (once).
   */
  async createVolume(
    name: string,
    provisionedBytes: number,
    signal?: AbortSignal,
  ): Promise<FlashArrayVolume> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        const response = await this.session.request<ItemsResponse<FlashArrayVolume>>('POST', 'volumes', {
          query: { names: name },
          body: { provisioned: provisionedBytes },
          retrySafe: false,
          signal,
        });
        const volume = response.items[0];
        if (!volume)
          throw new PureApiError(this.name, 'POST', 'volumes', 200, [
            { message: 'the array returned no volume' },
          ]);
        return volume;
      } catch (err) {
        if (!(err instanceof OutcomeUnknownError) || attempt > 0) throw err;
        const existing = await this.getVolume(name, signal);
        if (existing) return existing;
      }
    }
  }

  async patchVolume(
    name: string,
    patch: { provisioned?: number; destroyed?: boolean; name?: string; qos?: FlashArrayVolumeQos },
    options: { truncate?: boolean; signal?: AbortSignal } = {},
  ): Promise<FlashArrayVolume> {
    const response = await this.session.request<ItemsResponse<FlashArrayVolume>>('PATCH', 'volumes', {
      query: { names: name, ...(options.truncate ? { truncate: true } : {}) },
      body: patch,
      // Setting an absolute size or state is safe to repeat; a rename is not.
      retrySafe: patch.name === undefined,
      signal: options.signal,
    });
    const volume = response.items[0];
    if (!volume)
      throw new PureApiError(this.name, 'PATCH', 'volumes', 200, [
        { message: 'the array returned no volume' },
      ]);
    return volume;
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
