// FlashBlade QoS policies (REST 2.17+, `qos-policies` of FB2.28.spec.yaml; FB 2.0 has none): a
// named pair of limits, `max_total_ops_per_sec` and `max_total_bytes_per_sec`, that a file system
// is attached to by its `qos_policy` reference. The fleet keeps one policy per file volume, named
// after the file system's id (fileQosPolicyName), so a limit set on one volume never throttles
// another whatever the array does with several members of one policy.
//
// Rules, as for every other call: a create follows never-blind-create (an unknown outcome is
// resolved by name on the same array); the limits and the attachment are absolute settings, safe
// to repeat; a delete of a policy already gone is done. A removed limit is sent as null, the
// spec's own value for "no limit", so removing it really removes it on the array.

import { UnsupportedApiVersionError } from '../rest/errors';
import type { ItemsResponse, RestTransport } from '../rest/session';
import { versionAtLeast } from '../rest/versions';
import { createWithExistenceCheck, deleteByName, findByName, firstOf, namePrefixFilter } from './common';
import type { CreateOutcome } from './create-outcome';
import type { FlashBladeFileSystem } from './flashblade';

/** The first REST version with QoS policies (py-pure-client's FB_2_17 module first has them). */
export const FB_MIN_QOS_POLICY_VERSION = '2.17';

/** A QoS policy as the array reports it (FB 2.28 `QosPolicy`, the fields the fleet reads). */
export interface FlashBladeQosPolicy {
  readonly id: string;
  readonly name: string;
  readonly enabled?: boolean;
  /** Absent or null: no limit. */
  readonly max_total_ops_per_sec?: number | null;
  /** Bytes per second; absent or null: no limit. */
  readonly max_total_bytes_per_sec?: number | null;
}

/** Limits to hold; null = no limit. */
export interface FlashBladeQosLimits {
  readonly opsPerSec: number | null;
  readonly bytesPerSec: number | null;
}

const PATH = 'qos-policies';

/** The limits a policy enforces: none at all when it is disabled. */
export function policyLimits(policy: FlashBladeQosPolicy | undefined): FlashBladeQosLimits {
  if (!policy || policy.enabled === false) return { opsPerSec: null, bytesPerSec: null };
  return {
    opsPerSec: typeof policy.max_total_ops_per_sec === 'number' ? policy.max_total_ops_per_sec : null,
    bytesPerSec: typeof policy.max_total_bytes_per_sec === 'number' ? policy.max_total_bytes_per_sec : null,
  };
}

/**
 * The prefix of the fleet's QoS policies for a fleet prefix ("prod-" → "prod-qos-"). Policy names
 * take letters, digits and '-', so a '_' of the fleet's name is written '-'.
 */
export function qosPolicyPrefix(fleetPrefix: string): string {
  return `${fleetPrefix.replace(/_/g, '-')}qos-`;
}

/**
 * The fleet's policy for one file system: `<fleet>-qos-<file system id>`. The fleet's prefix is the
 * file system's name up to its first '-' (fleet names have none); the id makes the name unique on
 * the array and valid whatever the volume is called (at most 22 + 5 + 36 = 63 characters).
 */
export function fileQosPolicyName(fileSystem: { readonly name: string; readonly id: string }): string {
  const dash = fileSystem.name.indexOf('-');
  return `${qosPolicyPrefix(dash < 0 ? '' : fileSystem.name.slice(0, dash + 1))}${fileSystem.id}`;
}

export class FlashBladeQosClient {
  constructor(readonly session: RestTransport) {}

  get name(): string {
    return this.session.arrayName;
  }

  async supported(signal?: AbortSignal): Promise<boolean> {
    return versionAtLeast(await this.session.negotiatedVersion(signal), FB_MIN_QOS_POLICY_VERSION);
  }

  /** Throws UnsupportedApiVersionError when the array's REST version has no QoS policies. */
  async require(signal?: AbortSignal): Promise<void> {
    const version = await this.session.negotiatedVersion(signal);
    if (!versionAtLeast(version, FB_MIN_QOS_POLICY_VERSION))
      throw new UnsupportedApiVersionError(this.name, version, FB_MIN_QOS_POLICY_VERSION, 'QoS policies');
  }

  getPolicy(name: string, signal?: AbortSignal): Promise<FlashBladeQosPolicy | undefined> {
    return findByName<FlashBladeQosPolicy>(this.session, PATH, name, signal);
  }

  /** Every policy whose name starts with `prefix`, in a few paged calls. */
  listWithPrefix(prefix: string, signal?: AbortSignal, pageSize?: number): Promise<FlashBladeQosPolicy[]> {
    return this.session.listAll<FlashBladeQosPolicy>(
      PATH,
      { filter: namePrefixFilter(prefix) },
      signal,
      pageSize,
    );
  }

  /** Policies by name, in one call; names the array does not have are left out. */
  async listNamed(names: readonly string[], signal?: AbortSignal): Promise<FlashBladeQosPolicy[]> {
    if (names.length === 0) return [];
    return this.session.listAll<FlashBladeQosPolicy>(
      PATH,
      { names: names.join(','), allow_errors: true },
      signal,
    );
  }

  /** Creates a policy with these limits; never sent twice blindly. */
  async create(
    name: string,
    limits: FlashBladeQosLimits,
    signal?: AbortSignal,
  ): Promise<{ policy: FlashBladeQosPolicy; outcome: CreateOutcome }> {
    await this.require(signal);
    const body: Record<string, unknown> = {};
    if (limits.opsPerSec !== null) body.max_total_ops_per_sec = limits.opsPerSec;
    if (limits.bytesPerSec !== null) body.max_total_bytes_per_sec = limits.bytesPerSec;
    const { object, outcome } = await createWithExistenceCheck({
      array: this.name,
      object: `QoS policy "${name}"`,
      ...(signal ? { signal } : {}),
      create: async () => {
        const response = await this.session.request<ItemsResponse<FlashBladeQosPolicy>>('POST', PATH, {
          query: { names: name },
          body,
          retrySafe: false,
          signal,
        });
        return firstOf(this.session, 'POST', PATH, response.items, 'QoS policy');
      },
      lookup: () => this.getPolicy(name, signal),
    });
    return { policy: object, outcome };
  }

  /** Sets both limits (null removes one) and enables the policy. */
  async setLimits(
    name: string,
    limits: FlashBladeQosLimits,
    signal?: AbortSignal,
  ): Promise<FlashBladeQosPolicy> {
    const response = await this.session.request<ItemsResponse<FlashBladeQosPolicy>>('PATCH', PATH, {
      query: { names: name },
      body: {
        enabled: true,
        max_total_ops_per_sec: limits.opsPerSec,
        max_total_bytes_per_sec: limits.bytesPerSec,
      },
      retrySafe: true,
      signal,
    });
    return firstOf(this.session, 'PATCH', PATH, response.items, 'QoS policy');
  }

  /** Attaches the file system to the policy (`qos_policy` of FileSystemPatch). */
  attach(fileSystem: string, policy: string, signal?: AbortSignal): Promise<FlashBladeFileSystem> {
    return this.setFileSystemPolicy(fileSystem, policy, signal);
  }

  /** Detaches whatever policy the file system has ("" clears it, the spec's words). */
  detach(fileSystem: string, signal?: AbortSignal): Promise<FlashBladeFileSystem> {
    return this.setFileSystemPolicy(fileSystem, '', signal);
  }

  private async setFileSystemPolicy(
    fileSystem: string,
    policy: string,
    signal?: AbortSignal,
  ): Promise<FlashBladeFileSystem> {
    const response = await this.session.request<ItemsResponse<FlashBladeFileSystem>>(
      'PATCH',
      'file-systems',
      {
        query: { names: fileSystem },
        body: { qos_policy: { name: policy } },
        retrySafe: true,
        signal,
      },
    );
    return firstOf(this.session, 'PATCH', 'file-systems', response.items, 'file system');
  }

  /** Deletes a policy; one already gone counts as deleted. */
  async delete(name: string, signal?: AbortSignal): Promise<void> {
    await deleteByName(this.session, PATH, name, signal);
  }
}
