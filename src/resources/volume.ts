// pure_volume's lifecycle, for block and file volumes alike: every array-kind difference lives
// behind the fleet's volume backends (src/fleet/volumes/backend.ts). Placement runs twice
// (DESIGN.md "Placement: when it runs"): at plan time as a feasibility check over every volume the
// process plans, and at apply time on fresh telemetry, with a ledger so concurrent creates spread.
// The chosen array and the reasons go into state; a volume never moves afterwards. Reads come
// from the fleet-wide snapshot, so refreshing N volumes costs a few listings per array, not N calls.

import { ArrayNotFoundError } from '../fleet/connection';
import { ownedBy } from '../fleet/ownership';
import { ArrayUnreachableError, PureApiError } from '../fleet/rest/errors';
import type { VolumeBackend, VolumeView } from '../fleet/volumes/backend';
import type { OperationContext, ResourceDefinition } from '../provider/framework/resource';
import type { PureProviderData } from './provider-data';
import { formatSize } from './size';
import { readBlockExtras, releaseBlockVolume, settleNewBlockVolume, updateBlockExtras } from './volume-block';
import { checkFleetConsumers } from './volume-consumers';
import {
  protectNewVolume,
  readVolumeProtection,
  releaseProtection,
  updateVolumeProtection,
} from './volume-protection-steps';
import { checkFileQosSupport } from './volume-file-qos';
import { reportCreateFailure } from './create-diagnostics';
import { takeOwnCopy } from './volume-adoption';
import { adoptVolume, checkExistingVolume, checkNewVolume } from './volume-checks';
import { applyRequest, applySpec, baseState } from './volume-apply';
import { planKindDefaults, planSizeBytes, validateVolumeConfig, type VolumeRequest } from './volume-plan';
import { volumeSchema } from './volume-schema';
import {
  backendName,
  fleetPrefix,
  foundPlacement,
  placementState,
  STORED_NAMES,
  stateFromView,
  type VolumeState,
} from './volume-state';
import { recorded } from './recorded-state';

export { volumeSchema, VOLUME_NAME_PATTERN } from './volume-schema';
export { backendName, fleetPrefix } from './volume-state';

function describeFailure(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

const recordedId = (state: VolumeState): string | undefined => state.array_id ?? undefined;

/**
 * The settings a create does not carry (QoS limits), applied to the new volume in place. A
 * failure here leaves the volume in state with an error, never forgotten: Terraform keeps it
 * (tainted), so it is neither orphaned nor created twice.
 */
async function settleNewVolume(
  backend: VolumeBackend,
  name: string,
  created: VolumeView,
  request: VolumeRequest,
  ctx: OperationContext<PureProviderData>,
): Promise<VolumeView> {
  try {
    return await backend.update(name, created, request.create, ctx.signal);
  } catch (err) {
    ctx.diags.error(
      'Volume created, but its settings were not applied',
      `${describeFailure(err)}. The volume "${name}" is in state; the next apply completes it.`,
    );
    return created;
  }
}

export const volumeResource: ResourceDefinition<typeof volumeSchema, PureProviderData> = {
  typeName: 'pure_volume',
  schema: volumeSchema,

  validateConfig(config, { diags }) {
    validateVolumeConfig(config, diags);
  },

  async modifyPlan({ plan, state, config }, ctx) {
    if (!plan || !config) return;
    if (typeof plan.fleet === 'string' && typeof plan.name === 'string') {
      plan.backend_name = backendName(plan.fleet, plan.name);
      plan.id = `${plan.fleet}/${plan.name}`;
    }
    planSizeBytes(plan);
    planKindDefaults(plan, config, state, ctx.providerData?.fileDefaults);
    if (!state) await checkNewVolume(plan, config, ctx);
    else await checkExistingVolume(plan, config, state, ctx);
    await checkFileQosSupport(plan, config, state, ctx);
  },

  async create({ plan, config }, ctx) {
    const { fleet, placer } = ctx.providerData;
    const request = applyRequest(plan, config, ctx.diags);
    if (!request) return undefined;
    const fleetName = plan.fleet;
    const name = backendName(fleetName, plan.name);
    const resource = `${fleetName}/${plan.name}`;
    const base = baseState(plan, resource);
    const hostsOk = await checkFleetConsumers('hosts', plan.hosts ?? [], fleetName, ctx);
    const groupsOk = await checkFleetConsumers('host_groups', plan.host_groups ?? [], fleetName, ctx);
    if (!hostsOk || !groupsOk) return undefined;
    try {
      if (plan.adopt === true) {
        const adopted = await adoptVolume(base, name, request, ctx);
        if (adopted) return adopted;
      } else {
        // A copy this fleet created in a run that never recorded it is taken, not made again.
        const own = await takeOwnCopy(base, name, request, ctx);
        if (own === 'stop') return undefined;
        if (own) return own;
      }
      const mark = { fleet: fleetName, resource };
      const placed = await placer.place(
        request.requirements,
        async (arrayName) => {
          const backend = fleet.volumeBackend(arrayName);
          try {
            return await backend.create(name, request.create, ctx.signal, { mark });
          } catch (err) {
            // The name appeared since the plan: the fleet's own copy of this resource (another
            // run of it, or a create whose answer was lost) is taken; anyone else's is refused.
            if (!(err instanceof PureApiError && err.isAlreadyExists())) throw err;
            const ownership = await backend.ownership(name, ctx.signal);
            const view = ownedBy(ownership, fleetName, resource)
              ? await backend.get(name, ctx.signal)
              : undefined;
            if (!view || view.destroyed) throw err;
            return { volume: view, outcome: 'found-after-unknown-outcome' as const };
          }
        },
        ctx.signal,
        {
          volume: name,
          prefix: fleetPrefix(fleetName),
          takeBack: async (arrayName) => {
            const backend = fleet.volumeBackend(arrayName);
            await backend.destroy(name, ctx.signal);
            await backend.eradicate(name, ctx.signal);
            fleet.volumes.invalidate(arrayName, fleetPrefix(fleetName));
          },
        },
      );
      const array = placed.decision.arrayName;
      fleet.volumes.invalidate(array, fleetPrefix(fleetName));
      for (const failed of placed.failedAttempts) {
        ctx.diags.warning(
          'Created on another array',
          `A first attempt failed: ${describeFailure(failed.error)}`,
        );
      }
      const mountPath = await fleet.volumeBackend(array).accessPath(name, ctx.signal);
      const settled = await settleNewVolume(
        fleet.volumeBackend(array),
        name,
        placed.created.volume,
        request,
        ctx,
      );
      const created = stateFromView(
        {
          ...base,
          placement: placed.decision.explanation
            ? placementState(placed.decision.explanation)
            : foundPlacement('imported'),
        },
        { array, arrayId: placed.decision.arrayId, mountPath },
        settled,
      );
      if (settled.kind === 'file')
        return {
          ...created,
          ...(await protectNewVolume(ctx, { array, kind: 'file', fleet: fleetName, name }, plan)),
        };
      return { ...created, ...(await settleNewBlockVolume(ctx, array, name, plan)) };
    } catch (err) {
      reportCreateFailure(ctx.diags, err, { fleet: fleetName, name: plan.name, backend: name });
      return undefined;
    }
  },

  async read({ state }, ctx) {
    const { fleet } = ctx.providerData;
    if (!recorded(state, STORED_NAMES, ctx.diags)) return state;
    const name = state.backend_name;
    try {
      const location = await fleet.locate(state.array, recordedId(state), ctx.signal);
      const backend = fleet.volumeBackend(location.name);
      const snapshot = await fleet.volumes.snapshot(fleetPrefix(state.fleet), {
        arrays: [location.name],
        signal: ctx.signal,
      });
      const found = snapshot.lookup(location.name, name);
      if (found.state === 'unknown') throw new ArrayUnreachableError(location.name, found.reason);
      let view: VolumeView | undefined = found.state === 'found' ? backend.view(found.object) : undefined;
      // "Gone" drops the volume from state; confirm it with the array itself first, so a stale
      // listing can never orphan a volume.
      view ??= await backend.get(name, ctx.signal);
      if (!view) return null;
      const mountPath = await backend.accessPath(name, ctx.signal);
      // The recorded array name stays until the plan updates it (a rename shows as a diff).
      const read = stateFromView(state, { array: state.array, arrayId: location.id, mountPath }, view);
      if (view.destroyed) return read;
      if (view.kind === 'file') {
        const where = { array: location.name, kind: 'file', fleet: state.fleet, name } as const;
        return { ...read, ...(await readVolumeProtection(ctx.providerData, where, state, ctx.signal)) };
      }
      return {
        ...read,
        ...(await readBlockExtras(ctx.providerData, location.name, name, state, ctx.signal)),
      };
    } catch (err) {
      const summary =
        err instanceof ArrayUnreachableError
          ? 'Array unreachable during refresh'
          : err instanceof ArrayNotFoundError
            ? 'Array not in the roster'
            : 'Cannot read the volume';
      ctx.diags.error(summary, `${describeFailure(err)}. The volume stays in state unchanged.`);
      return state;
    }
  },

  async update({ plan, state }, ctx) {
    const { fleet } = ctx.providerData;
    if (!recorded(state, STORED_NAMES, ctx.diags)) return undefined;
    const name = state.backend_name;
    const planned = applySpec(plan, ctx.diags);
    if (!planned) return undefined;
    const { spec } = planned;
    try {
      const location = await fleet.locate(state.array, recordedId(state), ctx.signal);
      const backend = fleet.volumeBackend(location.name);
      // Hosts and host groups to connect must be the fleet's, checked before anything on the
      // array changes.
      const adding = (planned: readonly string[] | null, stored: readonly string[] | null) => {
        const had = new Set((stored ?? []).map((h) => h.toLowerCase()));
        return (planned ?? []).filter((h) => !had.has(h.toLowerCase()));
      };
      const hostsOk = await checkFleetConsumers(
        'hosts',
        adding(plan.hosts, state.hosts),
        state.fleet,
        ctx,
        location.name,
      );
      const groupsOk = await checkFleetConsumers(
        'host_groups',
        adding(plan.host_groups, state.host_groups),
        state.fleet,
        ctx,
        location.name,
      );
      if (!hostsOk || !groupsOk) return undefined;
      let view = await backend.get(name, ctx.signal);
      if (view?.destroyed && plan.destroyed === false) view = await backend.recover(name, spec, ctx.signal);
      if (view && !view.destroyed) {
        view = await backend.update(name, view, planned, ctx.signal);
      }
      fleet.volumes.invalidate(location.name, fleetPrefix(state.fleet));
      if (!view) {
        ctx.diags.error('Volume vanished', `The volume "${name}" is no longer on "${location.name}".`);
        return undefined;
      }
      const base: VolumeState = {
        ...state,
        deletion_policy: plan.deletion_policy,
        adopt: plan.adopt === true,
        array_labels: plan.array_labels,
        expected_iops: plan.expected_iops,
        // The configured spelling of the QoS limits, kept when the array holds the same values.
        iops_limit: plan.iops_limit,
        bandwidth_limit: plan.bandwidth_limit,
      };
      const mountPath = await backend.accessPath(name, ctx.signal);
      const where = { array: location.name, fleet: state.fleet, name } as const;
      const extras = view.destroyed
        ? undefined
        : view.kind === 'block'
          ? await updateBlockExtras(ctx, location.name, name, plan, state)
          : await updateVolumeProtection(ctx, { ...where, kind: 'file' }, plan, state);
      return {
        ...stateFromView(base, { array: location.name, arrayId: location.id, mountPath }, view),
        ...extras,
        size: plan.size,
      };
    } catch (err) {
      ctx.diags.error('Cannot update the volume', describeFailure(err));
      return undefined;
    }
  },

  async delete({ state }, ctx) {
    const { fleet, placer } = ctx.providerData;
    if (state.deletion_policy === 'orphan') {
      ctx.diags.warning(
        'Volume left on the array',
        `deletion_policy = "orphan": "${state.backend_name}" stays on "${state.array}".`,
      );
      return;
    }
    // Unrecorded names: an error, and Terraform keeps the volume in state (never forgotten).
    if (!recorded(state, STORED_NAMES, ctx.diags)) return;
    const name = state.backend_name;
    let array: string = state.array;
    try {
      array = (await fleet.locate(array, recordedId(state), ctx.signal)).name;
      const backend = fleet.volumeBackend(array);
      const view = await backend.get(name, ctx.signal);
      if (!view) return;
      if (!view.destroyed) {
        // A connected volume cannot be destroyed: disconnect it from every host first (and take
        // it out of the fleet's protection groups or snapshot policies, removing one it leaves
        // empty). A file system's export policy is detached by the destroy itself.
        if (view.kind === 'block')
          await releaseBlockVolume(ctx.providerData, array, state.fleet, name, ctx.signal);
        else
          await releaseProtection(
            ctx.providerData,
            { array, kind: 'file', fleet: state.fleet, name },
            ctx.signal,
          );
        await backend.destroy(name, ctx.signal);
      }
      if (state.deletion_policy === 'eradicate') {
        await backend.eradicate(name, ctx.signal);
        placer.recordEradication({
          key: `${state.fleet}/${state.name}`,
          arrayName: array,
          sizeBytes: view.sizeBytes ?? 0,
          ...(state.expected_iops ? { expectedIops: state.expected_iops.toNumber() } : {}),
        });
      }
    } catch (err) {
      ctx.diags.error('Cannot delete the volume', describeFailure(err));
    } finally {
      fleet.volumes.invalidate(array, fleetPrefix(state.fleet));
    }
  },

  async importState(id, ctx) {
    const match = /^([^/]+)\/([^/]+)$/.exec(id);
    if (!match) {
      ctx.diags.error('Invalid import id', `Expected "<fleet>/<name>", got "${id}".`);
      return undefined;
    }
    const [, fleetName = '', name = ''] = match;
    const backend = backendName(fleetName, name);
    const { fleet } = ctx.providerData;
    const snapshot = await fleet.volumes.snapshot(fleetPrefix(fleetName), { signal: ctx.signal });
    const found = snapshot.findEverywhere(backend);
    const unreadable = snapshot.unreadableArrays();
    if (found.length !== 1) {
      const where = found.map((f) => f.array).join(', ');
      const detail =
        found.length > 1
          ? `"${backend}" exists on several arrays (${where}); import is ambiguous.`
          : `No array of the fleet has a volume or file system named "${backend}"${unreadable.length ? ` (unreadable: ${unreadable.join(', ')})` : ''}.`;
      ctx.diags.error(found.length > 1 ? 'Ambiguous import' : 'Volume not found', detail);
      return undefined;
    }
    const [{ array, object }] = found as [(typeof found)[number]];
    const view = fleet.volumeBackend(array).view(object);
    return {
      id,
      name,
      fleet: fleetName,
      kind: view?.kind ?? 'block',
      array,
      backend_name: backend,
      deletion_policy: 'delete',
      adopt: false,
      placement: foundPlacement('imported'),
      size: formatSize(BigInt(view?.sizeBytes ?? 0)),
      destroyed: false,
    };
  },
};
