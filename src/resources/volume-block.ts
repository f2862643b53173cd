// What a block volume has beyond the volume lifecycle, in one place for pure_volume's steps:
// its host connections (volume-connections.ts) and its protection (volume-protection-steps.ts). Each
// step here runs after the volume exists (or before it is destroyed); a failure after a create is
// an error with the volume kept in state, so it is never orphaned or created twice.

import type { OperationContext } from '../provider/framework/resource';
import type { PureProviderData } from './provider-data';
import {
  disconnectAll,
  readConnections,
  reconcileConnections,
  type ConnectionState,
} from './volume-connections';
import type { ProtectionState } from './volume-protection';
import {
  protectNewVolume,
  readVolumeProtection,
  releaseProtection,
  updateVolumeProtection,
} from './volume-protection-steps';
import type { VolumeApplyPlan } from './volume-apply';
import type { StoredVolume, VolumeState } from './volume-state';

export type BlockExtras = ConnectionState & ProtectionState;

function describeFailure(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

const hostsOf = (model: VolumeApplyPlan | VolumeState): readonly string[] => model.hosts ?? [];

/** Connects a new volume to its hosts and puts it under its protection schedule. */
export async function settleNewBlockVolume(
  ctx: OperationContext<PureProviderData>,
  array: string,
  name: string,
  plan: VolumeApplyPlan,
): Promise<BlockExtras> {
  const fleet = plan.fleet;
  let connections: ConnectionState = { hosts: plan.hosts === null ? null : [], connections: [] };
  const hosts = hostsOf(plan);
  try {
    if (hosts.length > 0)
      connections = await reconcileConnections(ctx.providerData, array, name, hosts, ctx.signal);
  } catch (err) {
    ctx.diags.error(
      'Volume created, but not connected',
      `${describeFailure(err)}. The volume "${name}" is in state; the next apply connects it.`,
      [{ attribute: 'hosts' }],
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
  const connections = await readConnections(data, array, name, state.hosts ?? null, signal);
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
  // Unset hosts are unmanaged, unless they were set before (removing the attribute disconnects).
  let connections: ConnectionState;
  if (plan.hosts === null && state.hosts === null)
    connections = await readConnections(ctx.providerData, array, name, null, ctx.signal);
  else {
    connections = await reconcileConnections(ctx.providerData, array, name, hostsOf(plan), ctx.signal);
    if (plan.hosts === null) connections = { ...connections, hosts: null };
  }
  const where = { array, kind: 'block', fleet: state.fleet, name } as const;
  const protection = await updateVolumeProtection(ctx, where, plan, state);
  return { ...connections, ...protection };
}

/** Before a block volume is destroyed: disconnected from every host, out of the fleet's groups. */
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
