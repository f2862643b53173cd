// The fleet's mark on the FlashArray objects it registers fleet-wide (hosts and host groups; FA
// 2.56 `hosts/tags`, `host-groups/tags`): one tag naming the fleet. Read from the array, it is
// what tells the fleet's own object from one of the same name that another workload created.
// Both collections spell their tag endpoints the same way, so the rule is written once here.

import type { RestTransport } from '../rest/session';

/** The tag namespace and key of the fleet's ownership mark. */
export const FLEET_TAG_NAMESPACE = 'terraform-pure';
export const FLEET_TAG_KEY = 'fleet';

/** The collections whose objects carry the mark. */
export type MarkedCollection = 'hosts' | 'host-groups';

interface PureTag {
  readonly namespace?: string;
  readonly key: string;
  readonly value: string;
}

/** The mark as it goes into a create body (`HostPost.tags`, `HostGroupPost.tags`). */
export function fleetTags(fleet: string): { namespace: string; key: string; value: string }[] {
  return [{ namespace: FLEET_TAG_NAMESPACE, key: FLEET_TAG_KEY, value: fleet }];
}

/** The fleet named by the object's mark, or undefined when it carries none. */
export async function fleetMarkOf(
  session: RestTransport,
  collection: MarkedCollection,
  name: string,
  signal?: AbortSignal,
): Promise<string | undefined> {
  const tags = await session.listAll<PureTag>(
    `${collection}/tags`,
    { resource_names: name, namespaces: FLEET_TAG_NAMESPACE },
    signal,
  );
  return tags.find((t) => t.key === FLEET_TAG_KEY)?.value;
}

/** Puts the fleet's mark on an object (adoption of one created outside the fleet); safe to repeat. */
export async function putFleetMark(
  session: RestTransport,
  collection: MarkedCollection,
  name: string,
  fleet: string,
  signal?: AbortSignal,
): Promise<void> {
  await session.request<unknown>('PUT', `${collection}/tags/batch`, {
    query: { resource_names: name },
    body: fleetTags(fleet),
    retrySafe: true,
    signal,
  });
}
