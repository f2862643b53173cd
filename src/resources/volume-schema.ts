// pure_volume's schema: what the user states (fleet, name, size, labels, policy), what placement
// decides (array) and records (placement), and what the array reports (serial, size_bytes).

import { planModifier } from '../provider/framework/plan-modifiers';
import { attr, defineSchema } from '../provider/framework/schema';
import type { Validator } from '../provider/framework/validators';
import { validate } from '../provider/framework/validators';
import { FLASHARRAY_MAX_BYTES, FLASHARRAY_MIN_BYTES, SizeError, parseSize } from './size';

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

const excludedArrayAttributes = {
  array: attr.string({ computed: true, description: 'The excluded array.' }),
  reason: attr.string({
    computed: true,
    description: 'Reason code, e.g. `CAPACITY_HEADROOM`, `LABEL_MISMATCH`.',
  }),
  message: attr.string({ computed: true, description: 'The figures that decided it.' }),
};

const placementAttributes = {
  summary: attr.string({ computed: true, description: 'One line: where, by what score, and why.' }),
  score: attr.number({
    computed: true,
    description:
      "The chosen array's weighted total, 0–100 (null for imported or pinned-and-unscored volumes).",
  }),
  scores: attr.numberMap({ computed: true, description: "Each scorer's value for the chosen array, 0–100." }),
  excluded: attr.nested('list', excludedArrayAttributes, {
    computed: true,
    description: 'Every array that could not take the volume, and why.',
  }),
  telemetry_age_seconds: attr.number({
    computed: true,
    description: 'Age of the telemetry the decision used.',
  }),
  decided_at: attr.string({ computed: true, description: 'When the decision was made (RFC 3339).' }),
};

export const volumeSchema = defineSchema({
  version: 0,
  description:
    'A block volume placed on the best FlashArray of a fleet. The plan checks that the fleet can take it (with every other volume planned in the same run) and shows the array as "(known after apply)" unless `array` pins it; apply chooses from fresh telemetry and records the choice and its reasons in `placement`. A volume never moves afterwards.',
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
        'Only arrays carrying all of these labels (exact match) may hold the volume; it is never placed elsewhere.',
    }),
    expected_iops: attr.number({
      optional: true,
      description:
        'Sustained IOPS the volume is expected to drive, for performance headroom (default: 100 per TiB of size).',
      validators: [validate.numberBetween(0, 1e9, 'IOPS')],
    }),
    array: attr.string({
      optional: true,
      computed: true,
      description:
        'The array holding the volume: chosen at apply time unless set here; never changes afterwards.',
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
    placement: attr.nested('single', placementAttributes, {
      computed: true,
      description: 'Why the volume is where it is: the decision made when it was created.',
      planModifiers: [planModifier.useStateForUnknown()],
    }),
  },
});
