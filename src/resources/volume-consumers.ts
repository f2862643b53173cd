// Which hosts and host groups a block volume may be connected to: only the fleet's own (a
// pure_host or pure_host_group, carrying the fleet's mark on the arrays). Checked at apply time,
// before anything is created or connected (the hosts and groups may be created earlier in the same
// apply), with the error on the attribute that names the stranger.

import { FlashArrayHostGroupsClient } from '../fleet/clients/flasharray-host-groups';
import { FlashArrayHostsClient } from '../fleet/clients/flasharray-hosts';
import type { OperationContext } from '../provider/framework/resource';
import { rosterFlashArrays } from './fleet-wide-objects';
import type { PureProviderData } from './provider-data';

/** How each kind of consumer is looked up, and what the diagnostics call it. */
const CONSUMERS = {
  hosts: {
    what: 'host',
    resource: 'pure_host',
    find: async (data: PureProviderData, array: string, name: string, signal: AbortSignal) => {
      const client = new FlashArrayHostsClient(data.fleet.session(array));
      return (await client.getHost(name, signal)) ? client.ownerOf(name, signal) : undefined;
    },
  },
  host_groups: {
    what: 'host group',
    resource: 'pure_host_group',
    find: async (data: PureProviderData, array: string, name: string, signal: AbortSignal) => {
      const client = new FlashArrayHostGroupsClient(data.fleet.session(array));
      return (await client.getGroup(name, signal)) ? client.ownerOf(name, signal) : undefined;
    },
  },
} as const;

/**
 * Every name under `attribute` must be one of the fleet's hosts (or host groups) on `array`, or,
 * before placement, on some FlashArray of the roster. Reports each stranger on the attribute.
 */
export async function checkFleetConsumers(
  attribute: keyof typeof CONSUMERS,
  names: readonly string[],
  fleet: string,
  ctx: OperationContext<PureProviderData>,
  array?: string,
): Promise<boolean> {
  if (names.length === 0) return true;
  const data = ctx.providerData;
  const kind = CONSUMERS[attribute];
  const arrays = array ? [array] : rosterFlashArrays(data);
  let ok = true;
  for (const name of names) {
    let found = false;
    for (const a of arrays) {
      if ((await kind.find(data, a, name, ctx.signal)) === fleet) {
        found = true;
        break;
      }
    }
    if (!found) {
      ok = false;
      ctx.diags.error(
        `Not a ${kind.what} of the fleet`,
        `"${name}" is not a ${kind.what} of fleet "${fleet}"${array ? ` on "${array}"` : ''}: declare it with a ${kind.resource} resource (fleet = "${fleet}") and name it here as ${kind.resource}.<name>.name.`,
        [{ attribute }],
      );
    }
  }
  return ok;
}
