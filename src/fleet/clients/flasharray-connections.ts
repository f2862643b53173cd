// FlashArray volume connections (FA 2.x `connections`) to hosts and to host groups (a shared
// connection, seen by every host in the group). Pure's API refuses one request that names several
// hosts (or host groups) and several volumes, and one that names both hosts and host groups, so
// every call here names one volume and one kind of target (any number of them). Connecting is a
// create: after an unknown outcome the volume's connections are read back and only the targets
// still missing are connected, once; disconnecting is safe to repeat.

import { OutcomeUnknownError, PureApiError } from '../rest/errors';
import type { RestTransport } from '../rest/session';

export interface FlashArrayConnection {
  readonly host?: { readonly name: string } | null;
  readonly host_group?: { readonly name: string } | null;
  readonly volume: { readonly name: string; readonly id?: string };
  readonly lun: number;
}

/** What a connection is made to: hosts (private connections) or host groups (shared ones). */
export type ConnectionTarget = 'host' | 'host-group';

const TARGET_PARAMETER: Record<ConnectionTarget, 'host_names' | 'host_group_names'> = {
  host: 'host_names',
  'host-group': 'host_group_names',
};

/**
 * The target a connection row is to: a row naming a host group is a shared connection (even if
 * it also names one of the group's hosts); one naming only a host is that host's own.
 */
export function targetOf(row: FlashArrayConnection, kind: ConnectionTarget): string | undefined {
  if (kind === 'host-group') return row.host_group?.name || undefined;
  return row.host_group?.name ? undefined : row.host?.name || undefined;
}

/** The distinct targets of one kind among connection rows. */
export function targetsOf(rows: readonly FlashArrayConnection[], kind: ConnectionTarget): string[] {
  const seen = new Map<string, string>();
  for (const row of rows) {
    const name = targetOf(row, kind);
    if (name && !seen.has(name.toLowerCase())) seen.set(name.toLowerCase(), name);
  }
  return [...seen.values()];
}

export class FlashArrayConnectionsClient {
  constructor(readonly session: RestTransport) {}

  /** Every connection on the array, in a few paged calls (what a refresh of many volumes reads). */
  listAll(signal?: AbortSignal): Promise<FlashArrayConnection[]> {
    return this.session.listAll<FlashArrayConnection>('connections', {}, signal);
  }

  /** The volume's connections (its LUN on each host and host group). */
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

  /** Connects `targets` (hosts, or host groups) to `volume`; returns the volume's connections afterwards. */
  async connect(
    volume: string,
    targets: readonly string[],
    signal?: AbortSignal,
    kind: ConnectionTarget = 'host',
  ): Promise<FlashArrayConnection[]> {
    if (targets.length === 0) return this.listForVolume(volume, signal);
    const post = (names: readonly string[]): Promise<unknown> =>
      this.session.request<unknown>('POST', 'connections', {
        query: { [TARGET_PARAMETER[kind]]: names.join(','), volume_names: volume },
        retrySafe: false,
        signal,
      });
    try {
      await post(targets);
      return this.listForVolume(volume, signal);
    } catch (err) {
      if (!(err instanceof OutcomeUnknownError)) throw err;
    }
    const missing = await this.missing(volume, targets, kind, signal);
    if (missing.length > 0) {
      try {
        await post(missing);
      } catch (err) {
        const late =
          (err instanceof PureApiError && err.isAlreadyExists()) || err instanceof OutcomeUnknownError;
        if (!late) throw err;
        const still = await this.missing(volume, targets, kind, signal);
        if (still.length > 0) throw err;
      }
    }
    return this.listForVolume(volume, signal);
  }

  /** Disconnects `targets` (hosts, or host groups) from `volume`; a connection already gone counts as removed. */
  async disconnect(
    volume: string,
    targets: readonly string[],
    signal?: AbortSignal,
    kind: ConnectionTarget = 'host',
  ): Promise<void> {
    if (targets.length === 0) return;
    const remove = (names: readonly string[]): Promise<unknown> =>
      this.session.request<unknown>('DELETE', 'connections', {
        query: { [TARGET_PARAMETER[kind]]: names.join(','), volume_names: volume },
        retrySafe: true,
        signal,
      });
    try {
      await remove(targets);
    } catch (err) {
      if (!(err instanceof PureApiError && err.isNotFound())) throw err;
      // One of them was already gone: the array refuses the whole batch, so go one by one.
      for (const target of targets) {
        try {
          await remove([target]);
        } catch (inner) {
          if (!(inner instanceof PureApiError && inner.isNotFound())) throw inner;
        }
      }
    }
  }

  private async missing(
    volume: string,
    targets: readonly string[],
    kind: ConnectionTarget,
    signal?: AbortSignal,
  ): Promise<string[]> {
    const present = new Set(
      targetsOf(await this.listForVolume(volume, signal), kind).map((n) => n.toLowerCase()),
    );
    return targets.filter((t) => !present.has(t.toLowerCase()));
  }
}
