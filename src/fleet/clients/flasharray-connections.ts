// FlashArray host-volume connections (FA 2.x `connections`). Pure's API refuses one request that
// names several hosts and several volumes, so every call here names one volume (and any number
// of hosts). Connecting is a create: after an unknown outcome the volume's connections are read
// back and only the hosts still missing are connected, once; disconnecting is safe to repeat.

import { OutcomeUnknownError, PureApiError } from '../rest/errors';
import type { RestTransport } from '../rest/session';

export interface FlashArrayConnection {
  readonly host?: { readonly name: string } | null;
  readonly host_group?: { readonly name: string } | null;
  readonly volume: { readonly name: string; readonly id?: string };
  readonly lun: number;
}

export class FlashArrayConnectionsClient {
  constructor(readonly session: RestTransport) {}

  /** Every connection on the array, in a few paged calls (what a refresh of many volumes reads). */
  listAll(signal?: AbortSignal): Promise<FlashArrayConnection[]> {
    return this.session.listAll<FlashArrayConnection>('connections', {}, signal);
  }

  /** The volume's connections (its LUN on each host). */
  async listForVolume(volume: string, signal?: AbortSignal): Promise<FlashArrayConnection[]> {
    try {
      return await this.session.listAll<FlashArrayConnection>(
        'connections',
        { volume_names: volume },
        signal,
      );
    } catch (err) {
      if (err instanceof PureApiError && err.isNotFound()) return [];
      throw err;
    }
  }

  /** Connects `hosts` to `volume`; returns the volume's connections afterwards. */
  async connect(
    volume: string,
    hosts: readonly string[],
    signal?: AbortSignal,
  ): Promise<FlashArrayConnection[]> {
    if (hosts.length === 0) return this.listForVolume(volume, signal);
    const post = (names: readonly string[]): Promise<unknown> =>
      this.session.request<unknown>('POST', 'connections', {
        query: { host_names: names.join(','), volume_names: volume },
        retrySafe: false,
        signal,
      });
    try {
      await post(hosts);
      return this.listForVolume(volume, signal);
    } catch (err) {
      if (!(err instanceof OutcomeUnknownError)) throw err;
    }
    const missing = await this.missing(volume, hosts, signal);
    if (missing.length > 0) {
      try {
        await post(missing);
      } catch (err) {
        const late =
          (err instanceof PureApiError && err.isAlreadyExists()) || err instanceof OutcomeUnknownError;
        if (!late) throw err;
        const still = await this.missing(volume, hosts, signal);
        if (still.length > 0) throw err;
      }
    }
    return this.listForVolume(volume, signal);
  }

  /** Disconnects `hosts` from `volume`; a connection already gone counts as removed. */
  async disconnect(volume: string, hosts: readonly string[], signal?: AbortSignal): Promise<void> {
    if (hosts.length === 0) return;
    try {
      await this.session.request<unknown>('DELETE', 'connections', {
        query: { host_names: hosts.join(','), volume_names: volume },
        retrySafe: true,
        signal,
      });
    } catch (err) {
      if (!(err instanceof PureApiError && err.isNotFound())) throw err;
      // One of them was already gone: the array refuses the whole batch, so go one by one.
      for (const host of hosts) {
        try {
          await this.session.request<unknown>('DELETE', 'connections', {
            query: { host_names: host, volume_names: volume },
            retrySafe: true,
            signal,
          });
        } catch (inner) {
          if (!(inner instanceof PureApiError && inner.isNotFound())) throw inner;
        }
      }
    }
  }

  private async missing(volume: string, hosts: readonly string[], signal?: AbortSignal): Promise<string[]> {
    const present = new Set(
      (await this.listForVolume(volume, signal)).map((c) => c.host?.name.toLowerCase()).filter(Boolean),
    );
    return hosts.filter((h) => !present.has(h.toLowerCase()));
  }
}
