// QoS limits of file volumes: each file system that has limits is attached to a QoS policy of
// its own, `<fleet>-qos-<file system id>` (clients/flashblade-qos.ts), created when the volume
// first needs limits, patched in place when they change, detached and deleted when they are
// removed or the volume goes. One policy per volume, not one per distinct limit set: the spec
// does not say whether a policy's limit is shared by its members or applied to each, and a
// policy of its own means what the configuration says under either reading; it also keeps two
// runs (or two volumes) from racing on "create when first needed, remove when last unused".

import type { FlashBladeFileSystem } from '../clients/flashblade';
import {
  FlashBladeQosClient,
  fileQosPolicyName,
  policyLimits,
  qosPolicyPrefix,
  type FlashBladeQosLimits,
  type FlashBladeQosPolicy,
} from '../clients/flashblade-qos';
import { PureApiError } from '../rest/errors';
import type { RestTransport } from '../rest/session';
import { createOrTakeExisting } from '../clients/create-outcome';
import { NO_QOS, type QosLimits } from './backend';
import { nameKey } from './snapshot';

export function hasLimits(qos: QosLimits): boolean {
  return qos.iopsLimit !== null || qos.bandwidthLimit !== null;
}

export function sameQos(a: QosLimits, b: QosLimits): boolean {
  return a.iopsLimit === b.iopsLimit && a.bandwidthLimit === b.bandwidthLimit;
}

const wire = (qos: QosLimits): FlashBladeQosLimits => ({
  opsPerSec: qos.iopsLimit,
  bytesPerSec: qos.bandwidthLimit,
});

/** The limits a file system has: those of its policy, none without one (or with a disabled one). */
export function fileQos(fs: FlashBladeFileSystem, policy: FlashBladeQosPolicy | undefined): QosLimits {
  if (!fs.qos_policy?.name || !policy) return NO_QOS;
  const limits = policyLimits(policy);
  return { iopsLimit: limits.opsPerSec, bandwidthLimit: limits.bytesPerSec };
}

const samePolicyName = (a: string | undefined, b: string): boolean =>
  a !== undefined && nameKey(a) === nameKey(b);

/**
 * The QoS policies the listed file systems are attached to, by lower-cased name. No request when
 * none has one (every file system on an array without QoS policies); else one paged listing of
 * the fleet's policies, plus one call for policies of other names attached out of band.
 */
export async function readAttachedQosPolicies(
  session: RestTransport,
  fleetPrefix: string,
  fileSystems: readonly FlashBladeFileSystem[],
  pageSize?: number,
): Promise<Map<string, FlashBladeQosPolicy>> {
  const out = new Map<string, FlashBladeQosPolicy>();
  const attached = new Set(
    fileSystems
      .map((fs) => fs.qos_policy?.name)
      .filter((n): n is string => typeof n === 'string' && n !== ''),
  );
  if (attached.size === 0) return out;
  const client = new FlashBladeQosClient(session);
  const prefix = nameKey(qosPolicyPrefix(fleetPrefix));
  if ([...attached].some((n) => nameKey(n).startsWith(prefix)))
    for (const p of await client.listWithPrefix(qosPolicyPrefix(fleetPrefix), undefined, pageSize))
      out.set(nameKey(p.name), p);
  const others = [...attached].filter((n) => !out.has(nameKey(n)));
  for (const p of await client.listNamed(others)) out.set(nameKey(p.name), p);
  return out;
}

/** The policy one file system is attached to, read by name; undefined when it has none. */
export async function attachedQosPolicy(
  session: RestTransport,
  fs: FlashBladeFileSystem,
  signal?: AbortSignal,
): Promise<FlashBladeQosPolicy | undefined> {
  const name = fs.qos_policy?.name;
  return name ? new FlashBladeQosClient(session).getPolicy(name, signal) : undefined;
}

/** A file system as its view has it: what QoS decisions need. */
export interface FileQosState {
  readonly name: string;
  readonly id: string;
  readonly qos: QosLimits;
  /** The policy attached, if any. */
  readonly qosPolicy?: string;
}

/** True when the file system's QoS differs from what is wanted (the policy too: it must be the fleet's own). */
export function qosNeedsChange(current: FileQosState, wanted: QosLimits): boolean {
  if (!sameQos(current.qos, wanted)) return true;
  if (!hasLimits(wanted)) return current.qosPolicy !== undefined;
  return !samePolicyName(current.qosPolicy, fileQosPolicyName(current));
}

/** Deletes the fleet's policy; one another file system was attached to out of band is left. */
async function deleteOwnPolicy(
  client: FlashBladeQosClient,
  name: string,
  signal?: AbortSignal,
): Promise<void> {
  try {
    await client.delete(name, signal);
  } catch (err) {
    if (err instanceof PureApiError && err.status === 400 && err.items.some((i) => /in use/i.test(i.message)))
      return;
    throw err;
  }
}

/**
 * Brings the file system to `wanted`: limits through its own policy (created, or patched with an
 * explicit null for a removed limit, then attached), or no policy at all (detached; the fleet's
 * own is deleted, anyone else's left on the array).
 */
export async function reconcileFileQos(
  session: RestTransport,
  current: FileQosState,
  wanted: QosLimits,
  signal?: AbortSignal,
): Promise<void> {
  const client = new FlashBladeQosClient(session);
  const fs = current;
  const own = fileQosPolicyName(fs);
  if (!hasLimits(wanted)) {
    if (current.qosPolicy === undefined) return;
    await client.detach(fs.name, signal);
    if (samePolicyName(current.qosPolicy, own)) await deleteOwnPolicy(client, own, signal);
    return;
  }
  await client.require(signal);
  const limits = wire(wanted);
  let policy = await client.getPolicy(own, signal);
  // Made meanwhile (a run whose answer was lost): taken, and its limits set below.
  policy ??= await createOrTakeExisting(
    async () => (await client.create(own, limits, signal)).policy,
    () => client.getPolicy(own, signal),
  );
  const have = policyLimits(policy);
  if (have.opsPerSec !== limits.opsPerSec || have.bytesPerSec !== limits.bytesPerSec) {
    const removes =
      (have.opsPerSec !== null && limits.opsPerSec === null) ||
      (have.bytesPerSec !== null && limits.bytesPerSec === null);
    const kept = await setOrRefused(client, own, limits, removes, signal);
    if (!kept) {
      // The array would not unset a limit by null: the policy is made again without it.
      await replacePolicy(client, fs.name, own, current.qosPolicy, limits, signal);
      return;
    }
  }
  if (!samePolicyName(current.qosPolicy, own)) await client.attach(fs.name, own, signal);
}

/**
 * PATCHes the limits; false when a limit to remove is still there afterwards (or null was
 * refused): the spec names null as "no limit" but types the fields as integers, and Pure's own
 * Python client cannot send a null, so an array that ignores or refuses it is met by replacing
 * the policy instead.
 */
async function setOrRefused(
  client: FlashBladeQosClient,
  name: string,
  limits: FlashBladeQosLimits,
  removes: boolean,
  signal?: AbortSignal,
): Promise<boolean> {
  try {
    const after = policyLimits(await client.setLimits(name, limits, signal));
    return !removes || (after.opsPerSec === limits.opsPerSec && after.bytesPerSec === limits.bytesPerSec);
  } catch (err) {
    if (removes && err instanceof PureApiError && err.status === 400) return false;
    throw err;
  }
}

/** Detach, delete, create with only the wanted limits, attach: a moment without limits, no data risk. */
async function replacePolicy(
  client: FlashBladeQosClient,
  fileSystem: string,
  own: string,
  attached: string | undefined,
  limits: FlashBladeQosLimits,
  signal?: AbortSignal,
): Promise<void> {
  if (samePolicyName(attached, own)) await client.detach(fileSystem, signal);
  await client.delete(own, signal);
  await client.create(own, limits, signal);
  await client.attach(fileSystem, own, signal);
}

/** Before a file system is destroyed: detached from its policy, and the fleet's own deleted. */
export async function releaseFileQos(
  session: RestTransport,
  fs: FlashBladeFileSystem,
  signal?: AbortSignal,
): Promise<void> {
  const attached = fs.qos_policy?.name;
  if (!attached) return;
  const client = new FlashBladeQosClient(session);
  await client.detach(fs.name, signal);
  if (samePolicyName(attached, fileQosPolicyName(fs))) await deleteOwnPolicy(client, attached, signal);
}

/** After a file system is eradicated: its own policy, if it still had one, is deleted. */
export async function forgetFileQos(
  session: RestTransport,
  fs: FlashBladeFileSystem,
  signal?: AbortSignal,
): Promise<void> {
  const attached = fs.qos_policy?.name;
  if (attached && samePolicyName(attached, fileQosPolicyName(fs)))
    await deleteOwnPolicy(new FlashBladeQosClient(session), attached, signal);
}
