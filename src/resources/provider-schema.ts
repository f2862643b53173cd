// The provider configuration's schema: the fleet's roster (DESIGN.md "Where the fleet is
// defined") and the placement policy.

import { attr, block, defineSchema } from '../provider/framework/schema';
import { validate } from '../provider/framework/validators';

export const ARRAY_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,62}$/;

export const providerSchema = defineSchema({
  description:
    'Federates Pure Storage FlashArrays and FlashBlades into one storage service: `pure_volume` states what it needs and the provider places it on the best array of the fleet.',
  attributes: {
    pso_values_file: attr.string({
      optional: true,
      description:
        'Path of a Pure Service Orchestrator values.yaml whose `arrays:` section (FlashArrays/FlashBlades with MgmtEndPoint, APIToken, NFSEndPoint, Labels) adds arrays to the roster; each is named by its MgmtEndPoint. Also read from `PURE_PSO_VALUES_FILE`.',
    }),
    ca_file: attr.string({
      optional: true,
      description:
        "PEM file of the CA certificates that sign the arrays' management certificates. Also read from `PURE_CA_FILE`. Without it, arrays are trusted as Node would trust them: its bundled roots plus the bundle named by `NODE_EXTRA_CA_CERTS`.",
    }),
    insecure_skip_tls_verify: attr.bool({
      optional: true,
      description: 'Do not verify array certificates. Logged as a warning; prefer `ca_file`.',
    }),
    default_export_rules: attr.string({
      optional: true,
      description:
        "NFS export rules (Pure's syntax, e.g. `\"10.0.0.0/24(rw,no_root_squash)\"`) for every file volume that sets neither `export_rules` nor `export_policy`, as PSO's `flashblade.exportRules`. Without it such volumes are exported to no client; unlike PSO's, there is no world-wide default.",
    }),
    request_timeout_seconds: attr.number({
      optional: true,
      description: 'Timeout of each REST request to an array, in seconds (default 30).',
      validators: [validate.numberBetween(1, 600, 'seconds')],
    }),
  },
  blocks: {
    array: block('list', {
      description: 'One member array of the fleet.',
      attributes: {
        name: attr.string({
          required: true,
          description: 'Name of the array within this fleet; volumes record it as their placement.',
          validators: [
            validate.matches(
              ARRAY_NAME_PATTERN,
              'must be 1-63 letters, digits, ".", "_", ":" or "-", starting with a letter or digit',
            ),
          ],
        }),
        type: attr.string({
          required: true,
          description: '`flasharray` (block volumes) or `flashblade` (file systems).',
          validators: [validate.oneOf(['flasharray', 'flashblade'])],
        }),
        endpoint: attr.string({
          required: true,
          description: 'Management address: `host`, `host:port` or an https URL.',
        }),
        api_token: attr.string({
          optional: true,
          sensitive: true,
          description:
            'API token of the array. When unset, read from the environment variable `PURE_API_TOKEN_<NAME>` (name upper-cased, other characters as `_`).',
        }),
        nfs_endpoint: attr.string({
          optional: true,
          description: 'FlashBlade data VIP that clients mount from.',
        }),
        labels: attr.stringMap({
          optional: true,
          description: "Business-policy labels (e.g. `zone`), matched exactly by volumes' `array_labels`.",
        }),
        cordoned: attr.bool({
          optional: true,
          description: 'Drain the array: its volumes stay, new volumes go elsewhere.',
        }),
        volume_limit: attr.number({
          optional: true,
          description:
            'Volumes (or file systems) the array supports. Purity does not report it; without it an approximate per-model table applies.',
          validators: [validate.wholeNumber(), validate.numberBetween(1, 1_000_000)],
        }),
        saturation_iops: attr.number({
          optional: true,
          description:
            "IOPS at which the array is saturated. Without it, it is estimated from the array's reported queue time, or taken from a per-model table.",
          validators: [validate.numberBetween(1, 1e9, 'IOPS')],
        }),
      },
    }),
    placement: block('single', {
      description:
        'Placement policy for every volume of this provider configuration. Every setting has a documented default.',
      attributes: {
        capacity_threshold: attr.number({
          optional: true,
          description:
            "Highest share of an array's usable capacity a placement may fill, reservations included (default 0.85).",
        }),
        performance_threshold: attr.number({
          optional: true,
          description:
            'Highest load (share of saturation) an array may reach after a placement (default 0.8).',
        }),
        latency_threshold_ms: attr.number({
          optional: true,
          description:
            'Arrays slower than this on average, in milliseconds, take no new volumes (default 10).',
        }),
        max_telemetry_age_seconds: attr.number({
          optional: true,
          description: 'Older telemetry excludes an array from placement (default 120).',
        }),
        telemetry_cache_seconds: attr.number({
          optional: true,
          description:
            "How long one provider process reuses an array's telemetry and volume listing (default 30).",
          validators: [validate.numberBetween(0, 3600, 'seconds')],
        }),
        expected_fill_ratio: attr.number({
          optional: true,
          description:
            "Share of a thin volume's size expected to be written, for capacity planning (default 1.0).",
        }),
        default_iops_per_tib: attr.number({
          optional: true,
          description: 'Expected IOPS per TiB for volumes that state none (default 100).',
        }),
        spread_concurrent_placements: attr.bool({
          optional: true,
          description:
            'Spread the volumes created in one run across arrays instead of herding them onto the best one (default true).',
        }),
        weights: attr.numberMap({
          optional: true,
          description:
            'Scorer weights: `capacity`, `performance`, `bottleneck`, `latency`, `objects` (defaults 3, 2, 2, 1, 1); 0 turns a scorer off.',
        }),
      },
    }),
  },
});
