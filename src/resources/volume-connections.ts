// Host connections of block volumes: `hosts` names the fleet's hosts (pure_host) a volume is
// connected to on its array; state records each connection's LUN, and `wwn` is the device's
// identifier as multipath and udev show it (NAA 6, Pure's IEEE OUI 24a937, then the serial:
// /dev/disk/by-id/wwn-0x624a9370<serial>, multipath WWID 3624a9370<serial>). Connections change in
// place; one removed out of band shows as drift and is restored; a volume is disconnected from
// every host before it is destroyed. Each call names one volume, as Pure's API requires when it
// names several hosts.

import {
  FlashArrayConnectionsClient,
  type FlashArrayConnection,
} from '../fleet/clients/flasharray-connections';
import { FlashArrayHostsClient } from '../fleet/clients/flasharray-hosts';
import { CtyNumber } from '../provider/cty/number';
import type { OperationContext } from '../provider/framework/resource';
import { planModifier } from '../provider/framework/plan-modifiers';
import { attr } from '../provider/framework/schema';
import { HOST_NAME_PATTERN } from './host-schema';
import type { PureProviderData } from './provider-data';

/** The attributes pure_volume gains (spread into its schema). */
export const connectionAttributes = {
  hosts: attr.stringSet({
    optional: true,
    description:
      "Block volumes: names of the fleet's hosts (`pure_host.x.name`) the volume is connected to on its array. Changed in place; a connection removed outside Terraform is restored.",
    validators: [
      {
        description: 'host names',
        validate(value, path, diags) {
          if (!Array.isArray(value)) return;
          for (const h of value)
            if (typeof h === 'string' && !HOST_NAME_PATTERN.test(h))
              diags.error('Invalid host name', `"${h.slice(0, 80)}" is not a FlashArray host name.`, path);
        },
      },
    ],
  }),
  connections: attr.nested(
    'list',
    {
      host: attr.string({ computed: true, description: 'The host.' }),
      lun: attr.number({
        computed: true,
        description: 'The logical unit number the host sees the volume at.',
      }),
    },
    {
      computed: true,
      description: 'Block volumes: each connected host and its LUN, as the array reports them.',
    },
  ),
  wwn: attr.string({
    computed: true,
    description:
      'Block volumes: the device identifier hosts see, `naa.624a9370<serial>` (udev: `/dev/disk/by-id/wwn-0x624a9370<serial>`).',
    planModifiers: [planModifier.useStateForUnknown()],
  }),
};

/** The NAA identifier of a FlashArray volume: NAA type 6, Pure's OUI 24a937, the serial. */
export function volumeWwn(serial: string): string {
  return `naa.624a9370${serial.toLowerCase()}`;
}

export interface ConnectionState {
  hosts: readonly string[] | null;
  connections: { host: string; lun: CtyNumber }[];
}

function connectionsClient(data: PureProviderData, array: string): FlashArrayConnectionsClient {
  return new FlashArrayConnectionsClient(data.fleet.session(array));
}

/**
 * Refresh reads connections per array, not per volume: the first Read of a refresh lists every
 * connection on the array and the other Reads of that process share the listing for a few
 * seconds. Any connect or disconnect by this process drops the array's listing.
 */
const LISTING_TTL_MS = 5_000;
const listings = new WeakMap<object, Map<string, { at: number; rows: Promise<FlashArrayConnection[]> }>>();

function arrayConnections(
  data: PureProviderData,
  array: string,
  signal: AbortSignal,
): Promise<FlashArrayConnection[]> {
  let perFleet = listings.get(data.fleet);
  if (!perFleet) listings.set(data.fleet, (perFleet = new Map()));
  const hit = perFleet.get(array);
  if (hit && Date.now() - hit.at < LISTING_TTL_MS) return hit.rows;
  const rows = connectionsClient(data, array).listAll(signal);
  perFleet.set(array, { at: Date.now(), rows });
  rows.catch(() => perFleet?.delete(array));
  return rows;
}

function invalidate(data: PureProviderData, array: string): void {
  listings.get(data.fleet)?.delete(array);
}

/** The volume's connections as the array has them; `hosts` lists the connected hosts (null when none and none configured). */
export async function readConnections(
  data: PureProviderData,
  array: string,
  volume: string,
  configured: readonly string[] | null,
  signal: AbortSignal,
): Promise<ConnectionState> {
  const rows = (await arrayConnections(data, array, signal)).filter(
    (r) => r.volume.name.toLowerCase() === volume.toLowerCase(),
  );
  const connections = rows
    .filter((r) => r.host?.name)
    .map((r) => ({ host: r.host?.name as string, lun: CtyNumber.of(r.lun) }))
    .sort((a, b) => a.host.localeCompare(b.host));
  // Keep the configured spelling of a host name the array matches case-blind.
  const byKey = new Map((configured ?? []).map((h) => [h.toLowerCase(), h]));
  const hosts = connections.map((c) => byKey.get(c.host.toLowerCase()) ?? c.host);
  // Hosts left unset are not managed: connections made outside Terraform are reported, not undone.
  return { hosts: configured === null ? null : hosts, connections };
}

/**
 * Every named host must be one of the fleet's (a pure_host, marked on the arrays); checked before
 * anything is created or connected, with the error on `hosts`.
 */
export async function checkFleetHosts(
  hosts: readonly string[],
  fleet: string,
  ctx: OperationContext<PureProviderData>,
  array?: string,
): Promise<boolean> {
  if (hosts.length === 0) return true;
  const data = ctx.providerData;
  const arrays = array
    ? [array]
    : data.fleet.members.filter((m) => m.kind === 'flasharray').map((m) => m.name);
  let ok = true;
  for (const host of hosts) {
    let found = false;
    for (const a of arrays) {
      const client = new FlashArrayHostsClient(data.fleet.session(a));
      if ((await client.getHost(host, ctx.signal)) && (await client.ownerOf(host, ctx.signal)) === fleet) {
        found = true;
        break;
      }
    }
    if (!found) {
      ok = false;
      ctx.diags.error(
        'Not a host of the fleet',
        `"${host}" is not a host of fleet "${fleet}"${array ? ` on "${array}"` : ''}: declare it with a pure_host resource (fleet = "${fleet}") and name it here as pure_host.<name>.name.`,
        [{ attribute: 'hosts' }],
      );
    }
  }
  return ok;
}

/** Connects and disconnects so that exactly `wanted` are connected; returns the result. */
export async function reconcileConnections(
  data: PureProviderData,
  array: string,
  volume: string,
  wanted: readonly string[],
  signal: AbortSignal,
): Promise<ConnectionState> {
  const client = connectionsClient(data, array);
  const current = (await client.listForVolume(volume, signal))
    .map((r) => r.host?.name)
    .filter(Boolean) as string[];
  const have = new Set(current.map((h) => h.toLowerCase()));
  const want = new Set(wanted.map((h) => h.toLowerCase()));
  await client.disconnect(
    volume,
    current.filter((h) => !want.has(h.toLowerCase())),
    signal,
  );
  await client.connect(
    volume,
    wanted.filter((h) => !have.has(h.toLowerCase())),
    signal,
  );
  invalidate(data, array);

  return readConnections(data, array, volume, wanted, signal);
}

/** Disconnects the volume from every host (before it is destroyed). */
export async function disconnectAll(
  data: PureProviderData,
  array: string,
  volume: string,
  signal: AbortSignal,
): Promise<void> {
  const client = connectionsClient(data, array);
  const hosts = (await client.listForVolume(volume, signal))
    .map((r) => r.host?.name)
    .filter(Boolean) as string[];
  await client.disconnect(volume, hosts, signal);
  invalidate(data, array);
}
