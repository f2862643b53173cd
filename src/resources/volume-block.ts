// What a block volume has beyond the volume lifecycle, in one place for pure_volume's steps:
// its host and host group connections (volume-connections.ts) and its protection
// (volume-protection-steps.ts). Each
// step here runs after the volume exists (or before it is destroyed); a failure after a create is
// an error with the volume kept in state, so it is never orphaned or created twice.

import type { OperationContext } from '../provider/framework/resource';
import type { PureProviderData } from './provider-data';
import {
  disconnectAll,
  readConnections,
  reconcileConnections,
  type ConnectionState,
  type WantedConnections,
} from './volume-connections';
import type { ProtectionState } from './volume-protection';
import {
  protectNewVolume,
  readVolumeProtection,
  releaseProtection,
  updateVolumeProtection,
} from './volume-protection-steps';
import type { VolumeApplyPlan } from './volume-apply';
import type { StoredVolume } from './volume-state';

export type BlockExtras = ConnectionState & ProtectionState;

function describeFailure(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** What the plan connects: each kind as configured; unset is none for a new volume. */
const wantedOf = (plan: VolumeApplyPlan): WantedConnections => ({
  hosts: plan.hosts ?? [],
  hostGroups: plan.host_groups ?? [],
});

/** Whether the volume has something to connect. */
const connectsAnything = (w: WantedConnections): boolean =>
  (w.hosts?.length ?? 0) > 0 || (w.hostGroups?.length ?? 0) > 0;

/** Connects a new volume to its hosts and puts it under its protection schedule. */
export async function settleNewBlockVolume(
  ctx: OperationContext<PureProviderData>,
  array: string,
  name: string,
  plan: VolumeApplyPlan,
): Promise<BlockExtras> {
  const fleet = plan.fleet;
  let connections: ConnectionState = {
    hosts: plan.hosts === null ? null : [],
    connections: [],
    host_groups: plan.host_groups === null ? null : [],
    host_group_connections: [],
  };
  const wanted = wantedOf(plan);
  try {
    if (connectsAnything(wanted)) {
      const made = await reconcileConnections(ctx.providerData, array, name, wanted, ctx.signal);
      connections = {
        ...made,
        hosts: plan.hosts === null ? null : made.hosts,
        host_groups: plan.host_groups === null ? null : made.host_groups,
      };
    }
  } catch (err) {
    ctx.diags.error(
      'Volume created, but not connected',
      `${describeFailure(err)}. The volume "${name}" is in state; the next apply connects it.`,
      [{ attribute: (plan.hosts?.length ?? 0) > 0 ? 'hosts' : 'host_groups' }],
    );
  }
  const protection = await protectNewVolume(ctx, { array, kind: 'block', fleet, name }, plan);
  return { ...connections, ...protection };
}

/** Connections and protection as the array has them (read only what state says the volume uses, plus connections). */
export async function readBlockExtras(
  data: PureProviderData,
  array: string,
  name: string,
  state: StoredVolume,
  signal: AbortSignal,
): Promise<BlockExtras> {
  const connections = await readConnections(
    data,
    array,
    name,
    { hosts: state.hosts ?? null, hostGroups: state.host_groups ?? null },
    signal,
  );
  const where = { array, kind: 'block', fleet: state.fleet, name } as const;
  const protection = await readVolumeProtection(data, where, state, signal);
  return { ...connections, ...protection };
}

/** Brings connections and protection to the plan in place. */
export async function updateBlockExtras(
  ctx: OperationContext<PureProviderData>,
  array: string,
  name: string,
  plan: VolumeApplyPlan,
  state: StoredVolume,
): Promise<BlockExtras> {
  // Unset hosts (or host groups) are unmanaged, unless they were set before (removing the
  // attribute disconnects them).
  const managed = (planned: readonly string[] | null, stored: readonly string[] | null) =>
    planned === null && stored === null ? null : (planned ?? []);
  const wanted: WantedConnections = {
    hosts: managed(plan.hosts, state.hosts),
    hostGroups: managed(plan.host_groups, state.host_groups),
  };
  let connections =
    wanted.hosts === null && wanted.hostGroups === null
      ? await readConnections(ctx.providerData, array, name, wanted, ctx.signal)
      : await reconcileConnections(ctx.providerData, array, name, wanted, ctx.signal);
  connections = {
    ...connections,
    hosts: plan.hosts === null ? null : connections.hosts,
    host_groups: plan.host_groups === null ? null : connections.host_groups,
  };
  const where = { array, kind: 'block', fleet: state.fleet, name } as const;
  const protection = await updateVolumeProtection(ctx, where, plan, state);
  return { ...connections, ...protection };
}

/** Before a block volume is destroyed: disconnected from every host and host group, out of the fleet's protection groups. */
export async function releaseBlockVolume(
  data: PureProviderData,
  array: string,
  fleet: string,
  name: string,
  signal: AbortSignal,
): Promise<void> {
  await disconnectAll(data, array, name, signal);
  await releaseProtection(data, { array, kind: 'block', fleet, name }, signal);
}
