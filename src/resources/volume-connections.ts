// Connections of block volumes: `hosts` names the fleet's hosts (pure_host) and `host_groups` the
// fleet's host groups (pure_host_group) a volume is connected to on its array; state records each
// connection's LUN, and `wwn` is the device's identifier as multipath and udev show it (NAA 6,
// Pure's IEEE OUI 24a937, then the serial: /dev/disk/by-id/wwn-0x624a9370<serial>, multipath WWID
// 3624a9370<serial>). Connections change in place; one removed out of band shows as drift and is
// restored; a volume is disconnected from every host and host group before it is destroyed. Each
// call names one volume and one kind of target, as Pure's API requires.

import {
  FlashArrayConnectionsClient,
  targetOf,
  targetsOf,
  type ConnectionTarget,
  type FlashArrayConnection,
} from '../fleet/clients/flasharray-connections';
import { CtyNumber } from '../provider/cty/number';
import { planModifier } from '../provider/framework/plan-modifiers';
import { attr } from '../provider/framework/schema';
import { namesValidator } from './host-group-schema';
import type { PureProviderData } from './provider-data';

/** The attributes pure_volume gains (spread into its schema). */
export const connectionAttributes = {
  hosts: attr.stringSet({
    optional: true,
    description:
      "Block volumes: names of the fleet's hosts (`pure_host.x.name`) the volume is connected to on its array. Changed in place; a connection removed outside Terraform is restored.",
    validators: [namesValidator('host')],
  }),
  host_groups: attr.stringSet({
    optional: true,
    description:
      "Block volumes: names of the fleet's host groups (`pure_host_group.x.name`) the volume is connected to on its array (a shared connection, seen by every host in the group). Changed in place; a connection removed outside Terraform is restored. A host cannot see the volume both on its own and through its group.",
    validators: [namesValidator('host group')],
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
  host_group_connections: attr.nested(
    'list',
    {
      host_group: attr.string({ computed: true, description: 'The host group.' }),
      lun: attr.number({
        computed: true,
        description: 'The logical unit number every host of the group sees the volume at.',
      }),
    },
    {
      computed: true,
      description: 'Block volumes: each connected host group and its LUN, as the array reports them.',
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
  host_groups: readonly string[] | null;
  host_group_connections: { host_group: string; lun: CtyNumber }[];
}

/** What to connect, per kind of target; null leaves that kind as the array has it (unmanaged). */
export interface WantedConnections {
  readonly hosts: readonly string[] | null;
  readonly hostGroups: readonly string[] | null;
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

/** Each target of one kind with its LUN, sorted by name (one row per target). */
function lunsOf(
  rows: readonly FlashArrayConnection[],
  kind: ConnectionTarget,
): { name: string; lun: CtyNumber }[] {
  const byName = new Map<string, { name: string; lun: CtyNumber }>();
  for (const r of rows) {
    const name = targetOf(r, kind);
    if (name && !byName.has(name.toLowerCase()))
      byName.set(name.toLowerCase(), { name, lun: CtyNumber.of(r.lun) });
  }
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** The connected names, in the configured spelling where the array matches it case-blind. */
function spelled(connected: readonly { name: string }[], configured: readonly string[] | null): string[] {
  const byKey = new Map((configured ?? []).map((h) => [h.toLowerCase(), h]));
  return connected.map((c) => byKey.get(c.name.toLowerCase()) ?? c.name);
}

/**
 * The volume's connections as the array has them. `hosts` and `host_groups` list the connected
 * ones; each is null when the configuration leaves it unset: connections made outside Terraform
 * are then reported, not undone.
 */
export async function readConnections(
  data: PureProviderData,
  array: string,
  volume: string,
  configured: WantedConnections,
  signal: AbortSignal,
): Promise<ConnectionState> {
  const rows = (await arrayConnections(data, array, signal)).filter(
    (r) => r.volume.name.toLowerCase() === volume.toLowerCase(),
  );
  const hosts = lunsOf(rows, 'host');
  const groups = lunsOf(rows, 'host-group');
  return {
    hosts: configured.hosts === null ? null : spelled(hosts, configured.hosts),
    connections: hosts.map((c) => ({ host: c.name, lun: c.lun })),
    host_groups: configured.hostGroups === null ? null : spelled(groups, configured.hostGroups),
    host_group_connections: groups.map((c) => ({ host_group: c.name, lun: c.lun })),
  };
}

/**
 * Connects and disconnects so that exactly the wanted hosts and host groups are connected (a kind
 * left null is not touched); returns the result. Every disconnect comes before any connect: a
 * volume moving from a host to that host's group must leave the host first (a host sees a volume
 * once, on its own or through its group).
 */
export async function reconcileConnections(
  data: PureProviderData,
  array: string,
  volume: string,
  wanted: WantedConnections,
  signal: AbortSignal,
): Promise<ConnectionState> {
  const client = connectionsClient(data, array);
  const rows = await client.listForVolume(volume, signal);
  const kinds: [ConnectionTarget, readonly string[] | null][] = [
    ['host', wanted.hosts],
    ['host-group', wanted.hostGroups],
  ];
  const plans = kinds.map(([kind, want]) => {
    const current = targetsOf(rows, kind);
    if (want === null) return { kind, drop: [], add: [] };
    const keep = new Set(want.map((n) => n.toLowerCase()));
    const have = new Set(current.map((n) => n.toLowerCase()));
    return {
      kind,
      drop: current.filter((n) => !keep.has(n.toLowerCase())),
      add: want.filter((n) => !have.has(n.toLowerCase())),
    };
  });
  try {
    for (const p of plans) await client.disconnect(volume, p.drop, signal, p.kind);
    for (const p of plans) await client.connect(volume, p.add, signal, p.kind);
  } finally {
    invalidate(data, array);
  }
  return readConnections(data, array, volume, wanted, signal);
}

/** Disconnects the volume from every host and host group (before it is destroyed). */
export async function disconnectAll(
  data: PureProviderData,
  array: string,
  volume: string,
  signal: AbortSignal,
): Promise<void> {
  const client = connectionsClient(data, array);
  const rows = await client.listForVolume(volume, signal);
  try {
    await client.disconnect(volume, targetsOf(rows, 'host-group'), signal, 'host-group');
    await client.disconnect(volume, targetsOf(rows, 'host'), signal, 'host');
  } finally {
    invalidate(data, array);
  }
}
