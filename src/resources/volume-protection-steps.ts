// pure_volume's protection steps, the same for block and file volumes (volume-protection.ts picks
// the array kind's containers): after a create, on refresh, on update and before a destroy. A
// failure after a create is an error with the volume kept in state, so it is never orphaned or
// created twice.

import type { OperationContext } from '../provider/framework/resource';
import type { PureProviderData } from './provider-data';
import type { VolumeApplyPlan } from './volume-apply';
import {
  NO_PROTECTION,
  leaveProtection,
  readProtection,
  reconcileProtection,
  scheduleOf,
  type ProtectedVolume,
  type ProtectionState,
} from './volume-protection';
import type { StoredVolume } from './volume-state';

function describeFailure(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** State that says the volume is, or was, under a schedule: refresh and update must look. */
const recordsProtection = (state: StoredVolume): boolean =>
  state.snapshot_every !== null || state.protection_group !== null;

/** Puts a new volume under its schedule; a failure is an error on snapshot_every, the volume kept. */
export async function protectNewVolume(
  ctx: OperationContext<PureProviderData>,
  where: ProtectedVolume,
  plan: VolumeApplyPlan,
): Promise<ProtectionState> {
  try {
    if (scheduleOf(plan)) return await reconcileProtection(ctx, where, plan);
  } catch (err) {
    ctx.diags.error(
      'Volume created, but not protected',
      `${describeFailure(err)}. The volume "${where.name}" is in state; the next apply protects it.`,
      [{ attribute: 'snapshot_every' }],
    );
  }
  return NO_PROTECTION;
}

/** Protection as the array has it, read only when state says the volume uses it. */
export function readVolumeProtection(
  data: PureProviderData,
  where: ProtectedVolume,
  state: StoredVolume,
  signal: AbortSignal,
): Promise<ProtectionState> {
  return recordsProtection(state)
    ? readProtection(data, where, state, signal)
    : Promise.resolve(NO_PROTECTION);
}

/** Brings protection to the plan in place (joining, moving or leaving a container). */
export function updateVolumeProtection(
  ctx: OperationContext<PureProviderData>,
  where: ProtectedVolume,
  plan: VolumeApplyPlan,
  state: StoredVolume,
): Promise<ProtectionState> {
  return scheduleOf(plan) || recordsProtection(state)
    ? reconcileProtection(ctx, where, plan)
    : Promise.resolve(NO_PROTECTION);
}

/** Before a destroy: out of the fleet's containers, an emptied one removed. */
export function releaseProtection(
  data: PureProviderData,
  where: ProtectedVolume,
  signal: AbortSignal,
): Promise<void> {
  return leaveProtection(data, where, signal);
}
