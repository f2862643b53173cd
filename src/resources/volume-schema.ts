// pure_volume's schema: what the user states (fleet, name, size, labels, policy), what placement
// decides (array) and records (placement), and what the array reports (serial, size_bytes).

import { planModifier } from '../provider/framework/plan-modifiers';
import { attr, defineSchema } from '../provider/framework/schema';
import type { Validator } from '../provider/framework/validators';
import { validate } from '../provider/framework/validators';
import { SizeError, parseSize } from './size';
import { connectionAttributes } from './volume-connections';
import { protectionAttributes } from './volume-protection';
import { qosAttributes } from './volume-qos';

/** FlashArray volume names: letters, digits, `-`, `_`; alphanumeric at both ends. */
export const VOLUME_NAME_PATTERN = /^[A-Za-z0-9](?:[A-Za-z0-9_-]{0,38}[A-Za-z0-9])?$/;

// The range a size must fall in depends on `kind`, so volume-plan.ts checks it where both are
// known; this validator only checks that the text is a size at all.
const sizeValidator: Validator = {
  description: 'a size such as "100G" (binary units K, M, G, T, P) or a number of bytes',
  validate(value, path, diags) {
    if (typeof value !== 'string') return;
    try {
      parseSize(value);
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
    'A volume placed on the best array of a fleet: a block volume on a FlashArray (`kind = "block"`, the default) or an NFS file system on a FlashBlade (`kind = "file"`). The plan checks that the fleet can take it (with every other volume planned in the same run) and shows the array as "(known after apply)" unless `array` pins it; apply chooses from fresh telemetry and records the choice and its reasons in `placement`. A volume never moves afterwards.',
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
    kind: attr.string({
      optional: true,
      default: 'block',
      description:
        '`block` (a FlashArray volume) or `file` (a FlashBlade NFS file system). Fixed once the volume exists.',
      validators: [validate.oneOf(['block', 'file'])],
    }),
    size: attr.string({
      required: true,
      description:
        'Provisioned size (block) or quota (file), e.g. `"100G"` (binary units K, M, G, T, P) or a number of bytes. Block: a multiple of 512 bytes from 1M to 4P; file: 1M to 8P. Growing is done in place; shrinking is refused.',
      validators: [sizeValidator],
    }),
    nfs_v3: attr.bool({
      optional: true,
      computed: true,
      description: 'File volumes: export over NFSv3 (default true).',
    }),
    nfs_v4_1: attr.bool({
      optional: true,
      computed: true,
      description: 'File volumes: export over NFSv4.1 (default true).',
    }),
    export_rules: attr.string({
      optional: true,
      computed: true,
      description:
        'File volumes: NFS export rules in Pure\'s syntax, e.g. `"10.0.0.0/24(rw,no_root_squash) 10.1.0.0/16(ro)"`. Default: the provider\'s `default_export_rules`, else none (exported to no client). `*(…)` exports to every client and is never a default.',
    }),
    export_policy: attr.string({
      optional: true,
      description:
        "File volumes: name of an NFS export policy on the FlashBlade (REST 2.3 or later) to export through, instead of `export_rules`. Setting it clears the file system's inline rules.",
    }),
    hard_limit: attr.bool({
      optional: true,
      computed: true,
      description: 'File volumes: enforce `size` as a hard quota (writes beyond it fail). Default false.',
    }),
    adopt: attr.bool({
      optional: true,
      default: false,
      description:
        'Take over an existing object of this name on the fleet (a volume or file system created outside Terraform) instead of failing with "already exists". Its size and settings are then brought to this configuration; it is never shrunk.',
    }),
    ...qosAttributes,
    ...connectionAttributes,
    ...protectionAttributes,
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
    array_id: attr.string({
      computed: true,
      description:
        "The id the array reports for itself. The volume is found by it when the array's roster name or address spelling changes.",
      planModifiers: [planModifier.useStateForUnknown()],
    }),
    mount_path: attr.string({
      computed: true,
      description:
        "File volumes: what NFS clients mount, `<NFS endpoint>:/<file system>` (the roster's `nfs_endpoint`, else the array's data VIP). Null for block volumes.",
      planModifiers: [planModifier.useStateForUnknown()],
    }),
    backend_name: attr.string({
      computed: true,
      description: 'Name of the volume on the array.',
      planModifiers: [planModifier.useStateForUnknown()],
    }),
    serial: attr.string({
      computed: true,
      description: 'Volume serial number (block volumes; null for file volumes).',
      planModifiers: [planModifier.useStateForUnknown()],
    }),
    size_bytes: attr.number({
      computed: true,
      description: 'Provisioned size (or quota) in bytes, as the array reports it.',
    }),
    placement: attr.nested('single', placementAttributes, {
      computed: true,
      description: 'Why the volume is where it is: the decision made when it was created.',
      planModifiers: [planModifier.useStateForUnknown()],
    }),
  },
});
