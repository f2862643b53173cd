// pure_volume: a volume placed by the provider on one array of its fleet. The array is chosen at
// apply time from fresh telemetry ("(known after apply)" in the plan unless pinned), recorded in
// state, and never changes on re-plan.

import type { FlashArrayVolume } from '../fleet/clients/flasharray';
import { ArrayUnreachableError, PureApiError } from '../fleet/rest/errors';
import { CtyNumber } from '../provider/cty/number';
import type { Unknown } from '../provider/cty/value';
import { isUnknown } from '../provider/cty/value';
import type { OperationContext, ResourceDefinition } from '../provider/framework/resource';
import type { StateModel } from '../provider/framework/schema';
import { attr, defineSchema } from '../provider/framework/schema';
import { planModifier } from '../provider/framework/plan-modifiers';
import type { Validator } from '../provider/framework/validators';
import { validate } from '../provider/framework/validators';
import type { PureProviderData } from './provider';
import { FLASHARRAY_MAX_BYTES, FLASHARRAY_MIN_BYTES, SizeError, formatSize, parseSize } from './size';

/** FlashArray volume names: letters, digits, `-`, `_`; alphanumeric at both ends. */
export const VOLUME_NAME_PATTERN = /^[A-Za-z0-9](?:[A-Za-z0-9_-]{0,38}[A-Za-z0-9])?$/;

const sizeValidator: Validator = {
  description: 'a size such as "100G" (binary units), a multiple of 512 bytes between 1M and 4P',
  validate(value, path, diags) {
    if (typeof value !== 'string') return;
    try {
      const bytes = parseSize(value);
      if (bytes < FLASHARRAY_MIN_BYTES || bytes > FLASHARRAY_MAX_BYTES) {
        diags.error('Invalid volume size', `${value} is outside the FlashArray range 1M to 4P.`, path);
      } else if (bytes % 512n !== 0n) {
        diags.error('Invalid volume size', `${value} (${bytes} bytes) is not a multiple of 512 bytes.`, path);
      }
    } catch (err) {
      diags.error('Invalid volume size', err instanceof SizeError ? err.message : String(err), path);
    }
  },
};

export const volumeSchema = defineSchema({
  version: 0,
  description:
    'A block volume placed on the best FlashArray of a fleet. The plan shows the array as "(known after apply)" unless `array` pins it; apply chooses from fresh telemetry and records the choice and its reasons.',
  attributes: {
    name: attr.string({
      required: true,
      description: 'Name of the volume within its fleet. On the array it is `<fleet>-<name>`.',
      validators: [
        validate.matches(
          VOLUME_NAME_PATTERN,
          'must be 1-40 letters, digits, "-" or "_", starting and ending with a letter or digit',
        ),
      ],
      planModifiers: [planModifier.requiresReplace()],
    }),
    fleet: attr.string({
      required: true,
      description: 'Name of the `pure_fleet` the volume belongs to (`pure_fleet.x.name`).',
      planModifiers: [planModifier.requiresReplace()],
    }),
    size: attr.string({
      required: true,
      description:
        'Provisioned size, e.g. `"100G"` (binary units K, M, G, T, P) or a number of bytes. Growing is done in place; shrinking is refused.',
      validators: [sizeValidator],
    }),
    array_labels: attr.stringMap({
      optional: true,
      description:
        'Only arrays carrying all of these labels (exact match) may hold the volume; never placed elsewhere.',
    }),
    array: attr.string({
      optional: true,
      computed: true,
      description: 'The array holding the volume. Chosen at apply time unless set; never changes afterwards.',
      planModifiers: [planModifier.useStateForUnknown()],
    }),
    deletion_policy: attr.string({
      optional: true,
      default: 'delete',
      description:
        "What destroy does: `delete` moves the volume to the array's eradication bin (recoverable until the eradication delay passes), `eradicate` removes it for good, `orphan` leaves it on the array and only forgets it.",
      validators: [validate.oneOf(['delete', 'eradicate', 'orphan'])],
    }),
    destroyed: attr.bool({
      optional: true,
      default: false,
      description:
        'Refresh sets this when the volume was destroyed outside Terraform and sits in the eradication bin; the plan then recovers it in place, data intact.',
    }),
    id: attr.string({
      computed: true,
      description: '`<fleet>/<name>`; also the import id.',
      planModifiers: [planModifier.useStateForUnknown()],
    }),
    backend_name: attr.string({
      computed: true,
      description: 'Name of the volume on the array.',
      planModifiers: [planModifier.useStateForUnknown()],
    }),
    serial: attr.string({
      computed: true,
      description: 'Volume serial number.',
      planModifiers: [planModifier.useStateForUnknown()],
    }),
    size_bytes: attr.number({
      computed: true,
      description: 'Provisioned size in bytes, as the array reports it.',
    }),
    placement_reason: attr.string({
      computed: true,
      description: 'Why the array was chosen.',
      planModifiers: [planModifier.useStateForUnknown()],
    }),
  },
});

type VolumeState = StateModel<typeof volumeSchema>;

export function backendName(fleet: string, name: string): string {
  return `${fleet}-${name}`;
}

/** Configuration values are wholly known by apply time; an unknown here would be a core bug. */
function configuredLabels(value: VolumeState['array_labels'] | Unknown): Readonly<Record<string, string>> {
  if (value === null) return {};
  if (isUnknown(value)) throw new Error('array_labels is still unknown at apply time');
  return value;
}

function describeFailure(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

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

async function readVolume(
  state: VolumeState,
  ctx: OperationContext<PureProviderData>,
): Promise<FlashArrayVolume | undefined> {
  return ctx.providerData.fleet
    .flashArray(state.array as string)
    .getVolume(state.backend_name as string, ctx.signal);
}

export const volumeResource: ResourceDefinition<typeof volumeSchema, PureProviderData> = {
  typeName: 'pure_volume',
  schema: volumeSchema,

  modifyPlan({ plan, state, config }, ctx) {
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
    if (!state) return;
    if (typeof config.array === 'string' && config.array !== state.array) {
      ctx.diags.error(
        'A volume cannot move to another array',
        `This volume lives on "${state.array}". Moving it to "${config.array}" is not supported; remove the array argument or set it to "${state.array}".`,
        [{ attribute: 'array' }],
      );
    }
    if (typeof plan.size === 'string' && state.size_bytes && !isUnknown(plan.size_bytes) && plan.size_bytes) {
      if ((plan.size_bytes as CtyNumber).compare(state.size_bytes) < 0) {
        ctx.diags.error(
          'Shrinking a volume is refused',
          `The volume holds ${formatSize(state.size_bytes.toBigInt())}; shrinking to ${plan.size} would truncate its data.`,
          [{ attribute: 'size' }],
        );
      }
    }
  },

  async create({ plan }, ctx) {
    const { fleet } = ctx.providerData;
    const name = backendName(plan.fleet as string, plan.name as string);
    const sizeBytes = parseSize(plan.size as string);
    const pinned = typeof plan.array === 'string' ? plan.array : undefined;
    let array: string | undefined = pinned;
    try {
      const { placeOnMostFreeFlashArray } = await import('../fleet/interim-placement');
      const placement = pinned
        ? { array: pinned, reason: 'pinned by configuration' }
        : await placeOnMostFreeFlashArray(
            fleet,
            Number(sizeBytes),
            configuredLabels(plan.array_labels),
            ctx.signal,
          );
      array = placement.array;
      const reason = placement.reason;
      const client = fleet.flashArray(array);
      const volume = await client.createVolume(name, Number(sizeBytes), ctx.signal);
      const base: VolumeState = {
        ...(plan as VolumeState),
        id: `${plan.fleet}/${plan.name}`,
        placement_reason: reason,
      };
      return stateFromArray(base, array, volume);
    } catch (err) {
      if (err instanceof PureApiError && err.isAlreadyExists()) {
        ctx.diags.error(
          'Volume already exists',
          `The array "${array}" already has a volume named "${name}". Import it (terraform import ... ${plan.fleet}/${plan.name}) or choose another name.`,
          [{ attribute: 'name' }],
        );
      } else {
        ctx.diags.error('Cannot create the volume', describeFailure(err));
      }
      return undefined;
    }
  },

  async read({ state }, ctx) {
    try {
      const volume = await readVolume(state, ctx);
      if (!volume) return null;
      return stateFromArray(state, state.array as string, volume);
    } catch (err) {
      const summary =
        err instanceof ArrayUnreachableError ? 'Array unreachable during refresh' : 'Cannot read the volume';
      ctx.diags.error(summary, `${describeFailure(err)}. The volume stays in state unchanged.`);
      return state;
    }
  },

  async update({ plan, state }, ctx) {
    const client = ctx.providerData.fleet.flashArray(state.array as string);
    const name = state.backend_name as string;
    try {
      let volume: FlashArrayVolume | undefined;
      if (state.destroyed && plan.destroyed === false) volume = await client.recoverVolume(name, ctx.signal);
      const sizeBytes = parseSize(plan.size as string);
      if (state.size_bytes === null || CtyNumber.of(sizeBytes).compare(state.size_bytes) !== 0) {
        volume = await client.patchVolume(name, { provisioned: Number(sizeBytes) }, { signal: ctx.signal });
      }
      volume ??= await client.getVolume(name, ctx.signal);
      if (!volume) {
        ctx.diags.error('Volume vanished', `The volume "${name}" is no longer on "${state.array}".`);
        return undefined;
      }
      const base: VolumeState = {
        ...state,
        deletion_policy: plan.deletion_policy as string,
        array_labels: plan.array_labels === null ? null : configuredLabels(plan.array_labels),
      };
      return { ...stateFromArray(base, state.array as string, volume), size: plan.size as string };
    } catch (err) {
      ctx.diags.error('Cannot update the volume', describeFailure(err));
      return undefined;
    }
  },

  async delete({ state }, ctx) {
    if (state.deletion_policy === 'orphan') {
      ctx.diags.warning(
        'Volume left on the array',
        `deletion_policy = "orphan": "${state.backend_name}" stays on "${state.array}".`,
      );
      return;
    }
    const client = ctx.providerData.fleet.flashArray(state.array as string);
    const name = state.backend_name as string;
    try {
      const volume = await client.getVolume(name, ctx.signal);
      if (!volume) return;
      if (!volume.destroyed) await client.destroyVolume(name, ctx.signal);
      if (state.deletion_policy === 'eradicate') await client.eradicateVolume(name, ctx.signal);
    } catch (err) {
      ctx.diags.error('Cannot delete the volume', describeFailure(err));
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
    for (const member of ctx.providerData.fleet.members.filter((m) => m.kind === 'flasharray')) {
      const volume = await ctx.providerData.fleet.flashArray(member.name).getVolume(backend, ctx.signal);
      if (volume) {
        return {
          id,
          name,
          fleet: fleetName,
          array: member.name,
          backend_name: backend,
          deletion_policy: 'delete',
          placement_reason: 'imported',
          size: formatSize(BigInt(volume.provisioned)),
          destroyed: false,
        };
      }
    }
    ctx.diags.error('Volume not found', `No array of the fleet has a volume named "${backend}".`);
    return undefined;
  },
};
