// pure_volume's lifecycle. Placement runs twice (DESIGN.md "Placement: when it runs"): at plan
// time as a feasibility check over every volume the process plans, and at apply time on fresh
// telemetry, with a ledger so concurrent creates spread. The chosen array and the reasons go into
// state; a volume never moves afterwards. Reads come from the fleet-wide snapshot, so refreshing
// N volumes costs a few listings per array, not N calls.

import type { FlashArrayVolume } from '../fleet/clients/flasharray';
import type { PlacementExplanation } from '../fleet/placement/model';
import { formatExplanation } from '../fleet/placement/explain';
import type { VolumeRequirements } from '../fleet/placer';
import { ArrayUnreachableError, PureApiError } from '../fleet/rest/errors';
import { CtyNumber } from '../provider/cty/number';
import { Unknown, isUnknown } from '../provider/cty/value';
import type { ResourceDefinition } from '../provider/framework/resource';
import type { PlanModel, StateModel } from '../provider/framework/schema';
import type { Diagnostics } from '../provider/framework/diagnostics';
import { RUN_ID, ownedBy } from '../fleet/ownership';
import type { PureProviderData } from './provider';
import { reportCreateFailure, reportRejection } from './create-diagnostics';
import { adoptionLine, decideCopies, reportCopies } from './volume-adoption';
import { formatSize, parseSize } from './size';
import { volumeSchema } from './volume-schema';

export { volumeSchema, VOLUME_NAME_PATTERN } from './volume-schema';

type VolumeState = StateModel<typeof volumeSchema>;
type VolumePlan = PlanModel<typeof volumeSchema>;
type PlacementState = NonNullable<VolumeState['placement']>;

export function backendName(fleet: string, name: string): string {
  return `${fleet}-${name}`;
}

/** The prefix every volume of a fleet carries on the arrays. */
export function fleetPrefix(fleet: string): string {
  return `${fleet}-`;
}

function describeFailure(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Configuration values are wholly known by apply time; an unknown here would be a core bug. */
function known<T>(value: T | Unknown, attribute: string): T {
  if (value instanceof Unknown) throw new Error(`${attribute} is still unknown at apply time`);
  return value;
}

/**
 * What placement needs to know, or undefined while any of it is still unknown (plan time). A
 * pinned array comes from the configuration: in the plan, `array` is unknown until placement runs.
 */
function requirementsOf(plan: VolumePlan, config: VolumePlan): VolumeRequirements | undefined {
  const { fleet, name, size, array_labels: labels, expected_iops: iops } = plan;
  const array = config.array;
  if (typeof fleet !== 'string' || typeof name !== 'string' || typeof size !== 'string') return undefined;
  if (isUnknown(labels) || isUnknown(iops) || isUnknown(array)) return undefined;
  let sizeBytes: bigint;
  try {
    sizeBytes = parseSize(size);
  } catch {
    return undefined; // the size validator reports it
  }
  return {
    key: `${fleet}/${name}`,
    kind: 'block',
    sizeBytes: Number(sizeBytes),
    labelSelector: labels ?? {},
    ...(iops instanceof CtyNumber ? { expectedIops: iops.toNumber() } : {}),
    ...(typeof array === 'string' ? { pinnedArray: array } : {}),
  };
}

function placementState(explanation: PlacementExplanation): PlacementState {
  const chosen = explanation.candidates.find((c) => c.arrayId === explanation.chosenArrayId);
  return {
    summary: formatExplanation(explanation).split('\n')[0] ?? '',
    score: chosen ? CtyNumber.of(chosen.totalScore) : null,
    scores: chosen
      ? Object.fromEntries(Object.entries(chosen.scores).map(([k, v]) => [k, CtyNumber.of(v)]))
      : {},
    excluded: explanation.excluded.map((e) => ({ array: e.arrayName, reason: e.reason, message: e.message })),
    telemetry_age_seconds: chosen ? CtyNumber.of(Math.round(chosen.telemetryAgeMs / 1000)) : null,
    decided_at: new Date(explanation.decidedAtMs).toISOString(),
  };
}

const ADOPTED_PLACEMENT: PlacementState = {
  summary: 'adopted: created by this fleet in a run that did not record it',
  score: null,
  scores: {},
  excluded: [],
  telemetry_age_seconds: null,
  decided_at: null,
};

/** Takes the fleet's own copy on `array` (re-read there, fresh) into state; undefined if it is gone. */
async function adopt(
  ctx: { providerData: PureProviderData; diags: Diagnostics; signal?: AbortSignal },
  array: string,
  name: string,
  plan: VolumeState,
): Promise<VolumeState | undefined> {
  const volume = await ctx.providerData.fleet.flashArray(array).getVolume(name, ctx.signal);
  if (!volume || volume.destroyed) return undefined;
  ctx.diags.warning(
    'Adopted a volume this fleet created',
    `"${name}" on ${array} was created by an earlier run that did not record it; it is now in state.`,
  );
  const base: VolumeState = { ...plan, id: `${plan.fleet}/${plan.name}`, placement: ADOPTED_PLACEMENT };
  return stateFromArray(base, array, volume);
}

const IMPORTED_PLACEMENT: PlacementState = {
  summary: 'imported: placed before Terraform managed it',
  score: null,
  scores: {},
  excluded: [],
  telemetry_age_seconds: null,
  decided_at: null,
};

function stateFromArray(base: VolumeState, array: string, volume: FlashArrayVolume): VolumeState {
  const provisioned = BigInt(volume.provisioned);
  let size = base.size;
  try {
    if (size === null || parseSize(size) !== provisioned) size = formatSize(provisioned);
  } catch {
    size = formatSize(provisioned);
  }
  return {
    ...base,
    array,
    backend_name: volume.name,
    serial: volume.serial,
    size,
    size_bytes: CtyNumber.of(provisioned),
    destroyed: volume.destroyed,
  };
}

/** Plan-time checks of a new volume: its name is free and the fleet can take it with the rest of the batch. */
async function checkNewVolume(
  plan: VolumePlan,
  config: VolumePlan,
  ctx: Parameters<NonNullable<typeof volumeResource.modifyPlan>>[1],
): Promise<void> {
  const data = ctx.providerData;
  const requirements = requirementsOf(plan, config);
  if (!data || !requirements || typeof plan.fleet !== 'string' || typeof plan.name !== 'string') return;
  const backend = backendName(plan.fleet, plan.name);
  // The placement check below reads telemetry; start that while the name check lists volumes.
  data.placer.prefetchTelemetry(ctx.signal);
  const snapshot = await data.fleet.volumes.snapshot(fleetPrefix(plan.fleet), { signal: ctx.signal });
  const decision = decideCopies(snapshot.findEverywhere(backend), plan.fleet, `${plan.fleet}/${plan.name}`);
  if (decision.kind === 'adopt') {
    // The plan cannot write state; it says what the apply's create will do, and where.
    ctx.diags.warning(
      'Adopting a volume this fleet created',
      adoptionLine(`${plan.fleet}/${plan.name}`, decision.copy),
    );
    plan.array = decision.copy.array;
    return;
  }
  if (reportCopies(decision, ctx.diags, plan.fleet, plan.name, backend)) return;
  const outcome = await data.placer.checkFits(requirements, ctx.signal);
  if (!outcome.placed) {
    reportRejection(
      ctx.diags,
      outcome.explanation,
      '\n(Volumes planned earlier in this run count against each array.)',
    );
  }
}

export const volumeResource: ResourceDefinition<typeof volumeSchema, PureProviderData> = {
  typeName: 'pure_volume',
  schema: volumeSchema,

  async modifyPlan({ plan, state, config }, ctx) {
    if (!plan || !config) return;
    if (typeof plan.fleet === 'string' && typeof plan.name === 'string') {
      plan.backend_name = backendName(plan.fleet, plan.name);
      plan.id = `${plan.fleet}/${plan.name}`;
    }
    if (typeof plan.size === 'string') {
      try {
        plan.size_bytes = CtyNumber.of(parseSize(plan.size));
      } catch {
        // The validator reports it.
      }
    }
    if (!state) {
      await checkNewVolume(plan, config, ctx);
      return;
    }
    if (typeof config.array === 'string' && config.array !== state.array) {
      ctx.diags.error(
        'A volume cannot move to another array',
        `This volume lives on "${state.array}". Moving it to "${config.array}" is not supported; remove the array argument or set it to "${state.array}".`,
        [{ attribute: 'array' }],
      );
    }
    if (
      plan.size_bytes instanceof CtyNumber &&
      state.size_bytes &&
      plan.size_bytes.compare(state.size_bytes) < 0
    ) {
      const current = formatSize(state.size_bytes.toBigInt());
      ctx.diags.error(
        'Shrinking a volume is refused',
        `The volume is ${current} on the array (it may have been grown outside Terraform); shrinking it to ${String(plan.size)} would truncate its data. Set size = "${current}" to keep it as it is.`,
        [{ attribute: 'size' }],
      );
    }
  },

  async create({ plan, config }, ctx) {
    const { fleet, placer } = ctx.providerData;
    const requirements = requirementsOf(plan, config);
    if (!requirements) throw new Error('the volume is not wholly known at apply time');
    const fleetName = plan.fleet as string;
    const name = backendName(fleetName, plan.name as string);
    const resource = `${fleetName}/${plan.name as string}`;
    try {
      const snapshot = await fleet.volumes.snapshot(fleetPrefix(fleetName), { signal: ctx.signal });
      const decision = decideCopies(snapshot.findEverywhere(name), fleetName, resource);
      if (decision.kind === 'adopt') {
        const adopted = await adopt(ctx, decision.copy.array, name, plan as VolumeState);
        if (adopted) return adopted;
      } else if (reportCopies(decision, ctx.diags, fleetName, plan.name as string, name)) {
        return undefined;
      }
      const mark = { fleet: fleetName, resource, run: RUN_ID };
      const placed = await placer.place(
        requirements,
        async (arrayName) => {
          const client = fleet.flashArray(arrayName);
          try {
            return await client.createVolumeWithOutcome(name, requirements.sizeBytes, ctx.signal, { mark });
          } catch (err) {
            // The name appeared since the plan: ours (another run of this resource, or a create
            // whose answer was lost) is taken; anyone else's is "already exists".
            if (!(err instanceof PureApiError && err.isAlreadyExists())) throw err;
            const found = await client.getMark(name, ctx.signal);
            if (
              !ownedBy(
                found
                  ? { by: 'mark', mark: found }
                  : found === null
                    ? { by: 'unmarked' }
                    : { by: 'prefix-rule' },
                fleetName,
                resource,
              )
            )
              throw err;
            const volume = await client.getVolume(name, ctx.signal);
            if (!volume || volume.destroyed) throw err;
            return { volume, outcome: 'found-after-unknown-outcome' as const };
          }
        },
        ctx.signal,
        {
          volume: name,
          prefix: fleetPrefix(fleetName),
          takeBack: async (arrayName) => {
            const client = fleet.flashArray(arrayName);
            await client.destroyVolume(name, ctx.signal);
            await client.eradicateVolume(name, ctx.signal);
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
      const base: VolumeState = {
        ...(plan as VolumeState),
        id: resource,
        placement: placed.decision.explanation
          ? placementState(placed.decision.explanation)
          : IMPORTED_PLACEMENT,
      };
      return stateFromArray(base, array, placed.created.volume);
    } catch (err) {
      reportCreateFailure(ctx.diags, err, { fleet: fleetName, name: plan.name as string, backend: name });
      return undefined;
    }
  },

  async read({ state }, ctx) {
    const { fleet } = ctx.providerData;
    const array = state.array as string;
    const name = state.backend_name as string;
    try {
      const snapshot = await fleet.volumes.snapshot(fleetPrefix(state.fleet as string), {
        signal: ctx.signal,
      });
      const found = snapshot.lookup(array, name);
      if (found.state === 'unknown') throw new ArrayUnreachableError(array, found.reason);
      let volume =
        found.state === 'found' && found.object.kind === 'flasharray' ? found.object.volume : undefined;
      // "Gone" drops the volume from state; confirm it with the array itself first, so a stale
      // listing can never orphan a volume.
      if (!volume) volume = await fleet.flashArray(array).getVolume(name, ctx.signal);
      return volume ? stateFromArray(state, array, volume) : null;
    } catch (err) {
      const summary =
        err instanceof ArrayUnreachableError ? 'Array unreachable during refresh' : 'Cannot read the volume';
      ctx.diags.error(summary, `${describeFailure(err)}. The volume stays in state unchanged.`);
      return state;
    }
  },

  async update({ plan, state }, ctx) {
    const array = state.array as string;
    const client = ctx.providerData.fleet.flashArray(array);
    const name = state.backend_name as string;
    try {
      let volume: FlashArrayVolume | undefined;
      if (state.destroyed && plan.destroyed === false) volume = await client.recoverVolume(name, ctx.signal);
      const sizeBytes = parseSize(plan.size as string);
      if (state.size_bytes === null || CtyNumber.of(sizeBytes).compare(state.size_bytes) !== 0) {
        volume = await client.patchVolume(name, { provisioned: Number(sizeBytes) }, { signal: ctx.signal });
      }
      volume ??= await client.getVolume(name, ctx.signal);
      ctx.providerData.fleet.volumes.invalidate(array, fleetPrefix(state.fleet as string));
      if (!volume) {
        ctx.diags.error('Volume vanished', `The volume "${name}" is no longer on "${array}".`);
        return undefined;
      }
      const base: VolumeState = {
        ...state,
        deletion_policy: plan.deletion_policy as string,
        array_labels: known(plan.array_labels, 'array_labels'),
        expected_iops: known(plan.expected_iops, 'expected_iops'),
      };
      return { ...stateFromArray(base, array, volume), size: plan.size as string };
    } catch (err) {
      ctx.diags.error('Cannot update the volume', describeFailure(err));
      return undefined;
    }
  },

  async delete({ state }, ctx) {
    const array = state.array as string;
    const name = state.backend_name as string;
    if (state.deletion_policy === 'orphan') {
      ctx.diags.warning(
        'Volume left on the array',
        `deletion_policy = "orphan": "${name}" stays on "${array}".`,
      );
      return;
    }
    const client = ctx.providerData.fleet.flashArray(array);
    try {
      const volume = await client.getVolume(name, ctx.signal);
      if (!volume) return;
      if (!volume.destroyed) await client.destroyVolume(name, ctx.signal);
      if (state.deletion_policy === 'eradicate') {
        await client.eradicateVolume(name, ctx.signal);
        ctx.providerData.placer.recordEradication({
          key: `${state.fleet}/${state.name}`,
          arrayName: array,
          sizeBytes: volume.provisioned,
          ...(state.expected_iops ? { expectedIops: state.expected_iops.toNumber() } : {}),
        });
      }
    } catch (err) {
      ctx.diags.error('Cannot delete the volume', describeFailure(err));
    } finally {
      ctx.providerData.fleet.volumes.invalidate(array, fleetPrefix(state.fleet as string));
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
    const snapshot = await ctx.providerData.fleet.volumes.snapshot(fleetPrefix(fleetName), {
      signal: ctx.signal,
    });
    const found = snapshot.findEverywhere(backend).filter((f) => f.object.kind === 'flasharray');
    const unreadable = snapshot.unreadableArrays();
    if (found.length !== 1) {
      const where = found.map((f) => f.array).join(', ');
      const detail =
        found.length > 1
          ? `"${backend}" exists on several arrays (${where}); import is ambiguous.`
          : `No array of the fleet has a volume named "${backend}"${unreadable.length ? ` (unreadable: ${unreadable.join(', ')})` : ''}.`;
      ctx.diags.error(found.length > 1 ? 'Ambiguous import' : 'Volume not found', detail);
      return undefined;
    }
    const [{ array, object }] = found as [(typeof found)[number]];
    const volume = object.kind === 'flasharray' ? object.volume : undefined;
    return {
      id,
      name,
      fleet: fleetName,
      array,
      backend_name: backend,
      deletion_policy: 'delete',
      placement: IMPORTED_PLACEMENT,
      size: formatSize(BigInt(volume?.provisioned ?? 0)),
      destroyed: false,
    };
  },
};
