// pure_volume's plan-time checks against the fleet (a new volume's name is free, unless adopted,
// and the fleet can take it; an existing volume keeps its kind and its array, and is not shrunk),
// and the adopt step of create.

import type { FleetObject } from '../fleet/volumes/snapshot';
import { CtyNumber } from '../provider/cty/number';
import type { OperationContext, PlanContext } from '../provider/framework/resource';
import type { PureProviderData } from './provider-data';
import { reportRejection } from './create-diagnostics';
import { adoptionLine, decideCopies, reportCopies, withOwnership } from './volume-adoption';
import { formatSize } from './size';
import { configuredKind, volumeRequest, type VolumeRequest } from './volume-plan';
import { recorded } from './recorded-state';
import {
  backendName,
  fleetPrefix,
  foundPlacement,
  recordedKind,
  stateFromView,
  type CreateBase,
  type VolumePlan,
  type VolumeState,
} from './volume-state';

const KIND_NAMES = { block: 'block volume', file: 'file system' } as const;

function objectKind(object: FleetObject): 'block' | 'file' {
  return object.kind === 'flasharray' ? 'block' : 'file';
}

/** Plan-time checks of a new volume: its name is free (or adopted) and the fleet can take it with the rest of the batch. */
export async function checkNewVolume(
  plan: VolumePlan,
  config: VolumePlan,
  ctx: PlanContext<PureProviderData>,
): Promise<void> {
  const data = ctx.providerData;
  const request = volumeRequest(plan, config);
  if (!data || !request || typeof plan.fleet !== 'string' || typeof plan.name !== 'string') return;
  const backend = backendName(plan.fleet, plan.name);
  // The placement check below reads telemetry; start that while the name check lists volumes.
  data.placer.prefetchTelemetry(ctx.signal);
  const snapshot = await data.fleet.volumes.snapshot(fleetPrefix(plan.fleet), { signal: ctx.signal });
  const existing = snapshot.findEverywhere(backend);
  const kind = request.requirements.kind;
  if (plan.adopt === true && existing.length > 0) {
    const [first] = existing as [(typeof existing)[number]];
    if (existing.length > 1) {
      ctx.diags.error(
        'Cannot adopt: several objects have this name',
        `"${backend}" exists on ${existing.map((e) => e.array).join(', ')}; adopt takes over exactly one. Remove the others, or import the one to keep.`,
        [{ attribute: 'adopt' }],
      );
    } else if (objectKind(first.object) !== kind) {
      ctx.diags.error(
        'Cannot adopt an object of the other kind',
        `"${backend}" on "${first.array}" is a ${KIND_NAMES[objectKind(first.object)]}, and this volume has kind = "${kind}".`,
        [{ attribute: 'kind' }],
      );
    }
    return;
  }
  const copies = await withOwnership(existing, data, ctx.signal);
  const decision = decideCopies(copies, plan.fleet, `${plan.fleet}/${plan.name}`);
  if (decision.kind === 'adopt') {
    // Plan cannot write state: it says what the apply's create will do, and on which array.
    ctx.diags.warning(
      'Adopting a volume this fleet created',
      adoptionLine(`${plan.fleet}/${plan.name}`, decision.copy),
    );
    plan.array = decision.copy.array;
    return;
  }
  if (reportCopies(decision, ctx.diags, backend)) return;
  const found = decision.kind === 'foreign' || decision.kind === 'destroyed' ? decision.copy : undefined;
  if (found) {
    const view = data.fleet.volumeBackend(found.array).view(found.object);
    const hours = view?.timeRemainingMs
      ? ` (recoverable for ${Math.ceil(view.timeRemainingMs / 3_600_000)} more hours)`
      : '';
    const what = KIND_NAMES[objectKind(found.object)];
    const detail = view?.destroyed
      ? `a destroyed ${what} named "${backend}" in its eradication bin${hours}: the name stays taken until it is eradicated. Import it to recover its data (terraform import <address> ${plan.fleet}/${plan.name}), set adopt = true, or eradicate it on the array first.`
      : `a ${what} named "${backend}" ${found.object.ownership?.by === 'prefix-rule' ? "that may be an earlier run's (this array keeps no ownership tags, so that cannot be told and it is not adopted by itself)" : 'that this fleet did not create'}. Import it (terraform import <address> ${plan.fleet}/${plan.name}), set adopt = true to take it over, or choose another name.`;
    ctx.diags.error('Volume already exists', `The array "${found.array}" already has ${detail}`, [
      { attribute: 'name' },
    ]);
    return;
  }
  const outcome = await data.placer.checkFits(request.requirements, ctx.signal, fleetPrefix(plan.fleet));
  if (!outcome.placed) {
    reportRejection(
      ctx.diags,
      outcome.explanation,
      '\n(Volumes planned earlier in this run count against each array.)',
    );
  }
}

/** Plan-time checks of an existing volume: same kind, same array (by identity), no shrinking. */
export async function checkExistingVolume(
  plan: VolumePlan,
  config: VolumePlan,
  state: VolumeState,
  ctx: PlanContext<PureProviderData>,
): Promise<void> {
  const kind = configuredKind(config);
  const current = recordedKind(state);
  if (kind !== undefined && kind !== current) {
    ctx.diags.error(
      'A volume cannot change kind',
      `This volume is a ${KIND_NAMES[current]} on "${state.array}" (kind = "${current}"); a ${kind} volume would be a new, empty volume on another kind of array. Set kind = "${current}" to keep it. To move to kind = "${kind}", add a new pure_volume with kind = "${kind}", copy the data, then remove this one (with deletion_policy chosen to keep or destroy it).`,
      [{ attribute: 'kind' }],
    );
  }
  if (!recorded(state, ['array'], ctx.diags)) return;
  let array: string = state.array;
  if (ctx.providerData) {
    try {
      array = (await ctx.providerData.fleet.locate(array, state.array_id ?? undefined, ctx.signal)).name;
    } catch {
      // Refresh reported it; the plan keeps the recorded name.
    }
  }
  if (typeof config.array === 'string' && config.array !== array) {
    ctx.diags.error(
      'A volume cannot move to another array',
      `This volume lives on "${array}". Moving it to "${config.array}" is not supported; remove the array argument or set it to "${array}".`,
      [{ attribute: 'array' }],
    );
  }
  // The roster calls the array by another name now (renamed, or its address respelt): record it.
  plan.array = array;
  if (
    plan.size_bytes instanceof CtyNumber &&
    state.size_bytes &&
    plan.size_bytes.compare(state.size_bytes) < 0
  ) {
    const size = formatSize(state.size_bytes.toBigInt());
    ctx.diags.error(
      'Shrinking a volume is refused',
      `The volume is ${size} on the array (it may have been grown outside Terraform); shrinking it to ${String(plan.size)} would truncate its data. Set size = "${size}" to keep it as it is.`,
      [{ attribute: 'size' }],
    );
  }
}

/**
 * adopt = true: take over the one object of this name on the fleet, recovering it if destroyed
 * and bringing it to the configuration (never shrinking it). Undefined when there is none, so
 * the volume is placed and created as usual.
 */
export async function adoptVolume(
  base: CreateBase,
  name: string,
  request: VolumeRequest,
  ctx: OperationContext<PureProviderData>,
): Promise<VolumeState | undefined> {
  const { fleet } = ctx.providerData;
  const snapshot = await fleet.volumes.snapshot(fleetPrefix(base.fleet), {
    maxAgeMs: 0,
    signal: ctx.signal,
  });
  const existing = snapshot.findEverywhere(name);
  if (existing.length === 0) return undefined;
  if (existing.length > 1)
    throw new Error(
      `"${name}" exists on ${existing.map((e) => e.array).join(', ')}; adopt takes over exactly one`,
    );
  const [{ array, object }] = existing as [(typeof existing)[number]];
  const backend = fleet.volumeBackend(array);
  let view = backend.view(object);
  if (!view || view.kind !== request.create.spec.kind)
    throw new Error(`"${name}" on "${array}" is not a ${request.create.spec.kind} volume`);
  if (view.destroyed) view = await backend.recover(name, request.create.spec, ctx.signal);
  const sizeBytes = Math.max(request.create.sizeBytes, view.sizeBytes ?? 0);
  view = await backend.update(name, view, { ...request.create, sizeBytes }, ctx.signal);
  fleet.volumes.invalidate(array, fleetPrefix(base.fleet));
  const arrayId = await fleet.arrayId(array, ctx.signal);
  const mountPath = await backend.accessPath(name, ctx.signal);
  ctx.diags.warning(
    'Adopted an existing volume',
    `"${name}" on "${array}" existed before; it is now managed by this configuration.`,
  );
  return stateFromView(
    { ...base, placement: foundPlacement('adopted') },
    { array, arrayId, mountPath },
    view,
  );
}
