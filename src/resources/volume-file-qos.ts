// Plan-time check of QoS on file volumes: FlashBlade keeps the limits in a QoS policy, which REST
// 2.17 and later have (FB 2.0 has none). A file volume with limits whose FlashBlade (its own, the
// pinned one, or every FlashBlade of the roster for a new unpinned one) lacks them is a diagnostic
// on the limit, before anything is created. Placement has no capability filter; at apply a
// FlashBlade without QoS policies refuses before any create and placement tries another.

import { FB_MIN_QOS_POLICY_VERSION, FlashBladeQosClient } from '../fleet/clients/flashblade-qos';
import { hasLimits } from '../fleet/volumes/flashblade-qos';
import type { PlanContext } from '../provider/framework/resource';
import type { PureProviderData } from './provider-data';
import { configuredKind } from './volume-plan';
import { qosOf } from './volume-qos';
import type { VolumePlan, VolumeState } from './volume-state';

export async function checkFileQosSupport(
  plan: VolumePlan,
  config: VolumePlan,
  state: VolumeState | null,
  ctx: PlanContext<PureProviderData>,
): Promise<void> {
  const data = ctx.providerData;
  if (!data || configuredKind(config) !== 'file') return;
  const qos = qosOf(plan);
  if (!qos || !hasLimits(qos)) return;
  const fixed = state ? plan.array : config.array;
  const candidates =
    typeof fixed === 'string'
      ? [fixed]
      : data.fleet.members.filter((m) => m.kind === 'flashblade').map((m) => m.name);
  if (candidates.length === 0) return; // placement reports that no array can take it
  const lacking: string[] = [];
  for (const name of candidates) {
    try {
      if (data.fleet.member(name).kind !== 'flashblade') return;
      if (await new FlashBladeQosClient(data.fleet.session(name)).supported(ctx.signal)) return;
      lacking.push(`"${name}" (REST ${data.fleet.apiVersion(name) ?? 'unknown'})`);
    } catch {
      return; // not in the roster or not reachable: the other checks say so
    }
  }
  const where =
    typeof fixed === 'string'
      ? `This file volume's FlashBlade ${lacking[0]}`
      : `No FlashBlade of the fleet can hold it: ${lacking.join(', ')}`;
  ctx.diags.error(
    'QoS limits need FlashBlade QoS policies',
    `${where} has no QoS policies; FlashBlade keeps a file system's limits in one, from REST ${FB_MIN_QOS_POLICY_VERSION}. Remove iops_limit and bandwidth_limit, or place the volume on a FlashBlade at REST ${FB_MIN_QOS_POLICY_VERSION} or later.`,
    [{ attribute: qos.iopsLimit !== null ? 'iops_limit' : 'bandwidth_limit' }],
  );
}
