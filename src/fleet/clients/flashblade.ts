// FlashBlade REST 2.x, the parts the fleet uses: identity, space, performance and health for
// telemetry; NFS file systems (create with NFSv3/v4.1 and export rules, resize, destroy →
// eradicate, recover) for pure_volume; the data VIPs clients mount from. Field names are those of
// the FB 2.x specs (pure-openapi/FB2.28.spec.yaml). FlashBlade differs from FlashArray in ways that
// matter here: login is unversioned (/api/login, handled by the session), GET envelopes have no
// more_items_remaining and always carry total_item_count, arrays/performance has no queue or
// service split, and a file system must stop being exported before it can be destroyed.

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

export interface FlashBladeInfo {
  readonly id: string;
  readonly name: string;
  readonly os?: string;
  readonly version?: string;
  /** The model (FB 2.1+), e.g. "FB-S200". */
  readonly product_type?: string;
}

export interface FlashBladeSpace {
  /** Usable capacity, bytes. */
  readonly capacity: number;
  readonly parity?: number;
  readonly time?: number;
  readonly space: {
    readonly total_physical?: number;
    readonly total_used?: number;
    /** FB 2.1+; FB 2.0 has no provisioned total. */
    readonly total_provisioned?: number;
    readonly data_reduction?: number;
    readonly unique?: number;
    readonly virtual?: number;
    readonly snapshots?: number;
    readonly available_provisioned?: number;
  };
}

/** `GET /arrays/performance` (FB `ArrayPerformance`: numbers are doubles; latencies in µs per op). */
export interface FlashBladePerformance {
  readonly time?: number;
  readonly reads_per_sec?: number;
  readonly writes_per_sec?: number;
  readonly others_per_sec?: number;
  readonly read_bytes_per_sec?: number;
  readonly write_bytes_per_sec?: number;
  readonly usec_per_read_op?: number;
  readonly usec_per_write_op?: number;
  readonly usec_per_other_op?: number;
}

/** `GET /blades` (FB `Blade`). */
export interface FlashBladeBlade {
  readonly name: string;
  /** healthy|unhealthy|critical|evacuating|evacuated|identifying|unknown|unused. */
  readonly status?: string;
  readonly details?: string;
  readonly raw_capacity?: number;
}

export interface FlashBladeNfsSettings {
  readonly v3_enabled?: boolean;
  readonly v4_1_enabled?: boolean;
  /** Export rules, e.g. `10.0.0.0/8(rw,no_root_squash) *(ro)`. */
  readonly rules?: string;
  /** The NFS export policy (REST 2.3+); setting one clears `rules`, and the two never go together. */
  readonly export_policy?: { readonly id?: string; readonly name?: string } | null;
}

/** The first REST version with NFS export policies (`nfs-export-policies`, `nfs.export_policy`). */
export const FB_MIN_EXPORT_POLICY_VERSION = '2.3';

export interface FlashBladeFileSystem {
  readonly id: string;
  readonly name: string;
  readonly created?: number;
  readonly destroyed: boolean;
  /** Milliseconds until eradication, for a destroyed file system. */
  readonly time_remaining?: number | null;
  /** Bytes; absent (or "") means unlimited. */
  readonly provisioned?: number | '' | null;
  readonly hard_limit_enabled?: boolean;
  readonly nfs?: FlashBladeNfsSettings;
  /** The QoS policy attached (REST 2.17+, flashblade-qos.ts). */
  readonly qos_policy?: { readonly id?: string; readonly name?: string } | null;
  readonly smb?: { readonly enabled?: boolean };
  readonly http?: { readonly enabled?: boolean };
  readonly space?: {
    readonly virtual?: number;
    readonly unique?: number;
    readonly total_physical?: number;
    readonly total_provisioned?: number;
  };
}

/** `GET /network-interfaces` (FB `NetworkInterface`). */
export interface FlashBladeNetworkInterface {
  readonly name: string;
  readonly address?: string;
  readonly enabled?: boolean;
  /** data|egress-only|management|replication|support. */
  readonly services?: readonly string[];
  /** "vip" for virtual IPs. */
  readonly type?: string;
}

/** What a new NFS file system looks like. */
export interface FileSystemCreateSpec {
  /** Quota in bytes; undefined means unlimited. */
  readonly provisionedBytes?: number;
  /** Enforce the quota as a hard limit. */
  readonly hardLimit?: boolean;
  readonly nfsV3: boolean;
  readonly nfsV41: boolean;
  /** Export rules; the array's own default applies when undefined. */
  readonly exportRules?: string;
  /** An NFS export policy by name (REST 2.3+), instead of rules. */
  readonly exportPolicy?: string;
}

export interface FileSystemPatch {
  /** Bytes, or "" to make it unlimited. */
  readonly provisioned?: number | '';
  readonly hard_limit_enabled?: boolean;
  readonly nfs?: FlashBladeNfsSettings;
  readonly destroyed?: boolean;
  readonly name?: string;
}

export class FlashBladeClient {
  constructor(readonly session: RestTransport) {}

  get name(): string {
    return this.session.arrayName;
  }

  /** Throws UnsupportedApiVersionError when the array's REST version has no NFS export policies. */
  async requireExportPolicies(signal?: AbortSignal): Promise<void> {
    const version = await this.session.negotiatedVersion(signal);
    if (!versionAtLeast(version, FB_MIN_EXPORT_POLICY_VERSION))
      throw new UnsupportedApiVersionError(
        this.name,
        version,
        FB_MIN_EXPORT_POLICY_VERSION,
        'NFS export policies',
      );
  }

  getArray(signal?: AbortSignal): Promise<FlashBladeInfo> {
    return singleItem<FlashBladeInfo>(this.session, 'arrays', 'identity', { signal });
  }

  /** Space of the whole array (the endpoint's default `type=array`). */
  getSpace(signal?: AbortSignal): Promise<FlashBladeSpace> {
    return singleItem<FlashBladeSpace>(this.session, 'arrays/space', 'space report', { signal });
  }

  /** The latest performance sample over every protocol. */
  getPerformance(signal?: AbortSignal): Promise<FlashBladePerformance> {
    return singleItem<FlashBladePerformance>(this.session, 'arrays/performance', 'performance sample', {
      signal,
    });
  }

  listBlades(signal?: AbortSignal): Promise<FlashBladeBlade[]> {
    return this.session.listAll<FlashBladeBlade>('blades', {}, signal);
  }

  listHardware(signal?: AbortSignal): Promise<PureHardwareComponent[]> {
    return this.session.listAll<PureHardwareComponent>('hardware', {}, signal);
  }

  /** Open alerts of severity critical or warning, filtered on the array. */
  listOpenAlerts(signal?: AbortSignal): Promise<PureAlert[]> {
    return this.session.listAll<PureAlert>('alerts', { filter: OPEN_ALERTS_FILTER }, signal);
  }

  /** File systems on the array, destroyed ones included, in one call (FB always sends the total). */
  async countFileSystems(signal?: AbortSignal): Promise<number> {
    const response = await this.session.request<ListResponse<FlashBladeFileSystem>>('GET', 'file-systems', {
      query: { limit: 1 },
      signal,
    });
    if (typeof response.total_item_count !== 'number')
      throw new PureApiError(this.name, 'GET', 'file-systems', 200, [
        { message: 'the array returned no total_item_count' },
      ]);
    return response.total_item_count;
  }

  /**
   * Sum of the file systems' provisioned sizes (unlimited ones count 0), from the aggregate row:
   * FB 2.0's arrays/space has no total_provisioned.
   */
  async totalProvisionedBytes(signal?: AbortSignal): Promise<number> {
    const response = await this.session.request<{ total?: { provisioned?: number } | null }>(
      'GET',
      'file-systems',
      { query: { total_only: true }, signal },
    );
    const provisioned = response.total?.provisioned;
    if (typeof provisioned !== 'number')
      throw new PureApiError(this.name, 'GET', 'file-systems', 200, [
        { message: 'the array returned no provisioned total' },
      ]);
    return provisioned;
  }

  /** A file system by name, destroyed or not; undefined when there is none by that name. */
  getFileSystem(name: string, signal?: AbortSignal): Promise<FlashBladeFileSystem | undefined> {
    return findByName<FlashBladeFileSystem>(this.session, 'file-systems', name, signal);
  }

  /** Every file system whose name starts with `prefix`, destroyed ones included, in a few paged calls. */
  listFileSystemsWithPrefix(
    prefix: string,
    signal?: AbortSignal,
    pageSize?: number,
  ): Promise<FlashBladeFileSystem[]> {
    return listByNamePrefix<FlashBladeFileSystem>(this.session, 'file-systems', prefix, signal, pageSize);
  }

  /** Creates an NFS file system; never repeated blindly (see createWithExistenceCheck). */
  async createFileSystem(
    name: string,
    spec: FileSystemCreateSpec,
    signal?: AbortSignal,
    options: { readonly resolveBudgetMs?: number } = {},
  ): Promise<{ fileSystem: FlashBladeFileSystem; outcome: CreateOutcome }> {
    const nfs: Record<string, unknown> = { v3_enabled: spec.nfsV3, v4_1_enabled: spec.nfsV41 };
    if (spec.exportPolicy !== undefined) {
      await this.requireExportPolicies(signal);
      nfs.export_policy = { name: spec.exportPolicy };
    } else if (spec.exportRules !== undefined) nfs.rules = spec.exportRules;
    const body: Record<string, unknown> = { nfs };
    if (spec.provisionedBytes !== undefined) body.provisioned = spec.provisionedBytes;
    if (spec.hardLimit !== undefined) body.hard_limit_enabled = spec.hardLimit;
    const { object, outcome } = await createWithExistenceCheck({
      array: this.name,
      object: `file system "${name}"`,
      ...(options.resolveBudgetMs === undefined ? {} : { resolveBudgetMs: options.resolveBudgetMs }),
      ...(signal ? { signal } : {}),
      create: async () => {
        const response = await this.session.request<ItemsResponse<FlashBladeFileSystem>>(
          'POST',
          'file-systems',
          { query: { names: name }, body, retrySafe: false, signal },
        );
        return firstOf(this.session, 'POST', 'file-systems', response.items, 'file system');
      },
      lookup: () => this.getFileSystem(name, signal),
    });
    return { fileSystem: object, outcome };
  }

  async patchFileSystem(
    name: string,
    patch: FileSystemPatch,
    options: { ignoreUsage?: boolean; signal?: AbortSignal } = {},
  ): Promise<FlashBladeFileSystem> {
    if (patch.nfs?.export_policy) await this.requireExportPolicies(options.signal);
    const response = await this.session.request<ItemsResponse<FlashBladeFileSystem>>(
      'PATCH',
      'file-systems',
      {
        query: { names: name, ...(options.ignoreUsage ? { ignore_usage: true } : {}) },
        body: patch,
        // Absolute settings are safe to repeat; a rename is not.
        retrySafe: patch.name === undefined,
        signal: options.signal,
      },
    );
    return firstOf(this.session, 'PATCH', 'file-systems', response.items, 'file system');
  }

  /**
   * Moves a file system to the eradication bin. FlashBlade refuses to destroy an exported file
   * system, so NFS (v3 and v4.1), SMB and HTTP are switched off in the same PATCH, as Pure's
   * Ansible collection and the Manila driver do. `detachExportPolicy` also sets `nfs.rules` to
   * "", which detaches its NFS export policy (FB 2.x `_nfs`: setting rules removes the policy's
   * export): a file system in the eradication bin still holds its policy, and FlashBlade refuses
   * to delete a policy in use, so without it the policy could not go until the bin is emptied.
   */
  async destroyFileSystem(
    name: string,
    signal?: AbortSignal,
    options: { detachExportPolicy?: boolean } = {},
  ): Promise<FlashBladeFileSystem> {
    const response = await this.session.request<ItemsResponse<FlashBladeFileSystem>>(
      'PATCH',
      'file-systems',
      {
        query: { names: name },
        body: {
          destroyed: true,
          nfs: {
            v3_enabled: false,
            v4_1_enabled: false,
            ...(options.detachExportPolicy ? { rules: '' } : {}),
          },
          smb: { enabled: false },
          http: { enabled: false },
        },
        retrySafe: true,
        signal,
      },
    );
    return firstOf(this.session, 'PATCH', 'file-systems', response.items, 'file system');
  }

  /** Brings a destroyed file system back, exporting it again as `nfs` says (same PATCH). */
  recoverFileSystem(
    name: string,
    nfs: FlashBladeNfsSettings | undefined,
    signal?: AbortSignal,
  ): Promise<FlashBladeFileSystem> {
    return this.patchFileSystem(name, { destroyed: false, ...(nfs ? { nfs } : {}) }, { signal });
  }

  /** Eradicates a destroyed file system for good. */
  async eradicateFileSystem(name: string, signal?: AbortSignal): Promise<void> {
    await this.session.request<unknown>('DELETE', 'file-systems', {
      query: { names: name },
      retrySafe: true,
      signal,
    });
  }

  listNetworkInterfaces(signal?: AbortSignal): Promise<FlashBladeNetworkInterface[]> {
    return this.session.listAll<FlashBladeNetworkInterface>('network-interfaces', {}, signal);
  }

  /** Addresses of the enabled data VIPs (`type: vip`, `services` containing `data`). */
  async dataVips(signal?: AbortSignal): Promise<string[]> {
    const interfaces = await this.listNetworkInterfaces(signal);
    return interfaces
      .filter(
        (ni) =>
          ni.type === 'vip' && ni.enabled !== false && (ni.services ?? []).includes('data') && !!ni.address,
      )
      .map((ni) => ni.address as string);
  }

  /** NFS mount paths of a file system, `<data VIP>:/<name>`, one per data VIP. */
  async mountPaths(fileSystemName: string, signal?: AbortSignal): Promise<string[]> {
    return (await this.dataVips(signal)).map((vip) => nfsMountPath(vip, fileSystemName));
  }
}

/** `<address>:/<file system>`; IPv6 addresses in brackets, as mount(8) expects. */
export function nfsMountPath(address: string, fileSystemName: string): string {
  const host = address.includes(':') && !address.startsWith('[') ? `[${address}]` : address;
  return `${host}:/${fileSystemName}`;
}
