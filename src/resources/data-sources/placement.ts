// Data source pure_placement: a placement preview. For each requested volume, the array it would
// go to, the full ranking with every scorer's value, and every excluded array with its reason,
// counting the earlier requests of the preview against each array as an apply would. Nothing is
// created or reserved: the preview runs in an engine of its own (src/fleet/preview.ts).

import type { PlacementOutcome } from '../../fleet/placement';
import type { VolumeRequirements } from '../../fleet/placer';
import { CtyNumber } from '../../provider/cty/number';
import type { DataSourceDefinition } from '../../provider/framework/resource';
import type { StateModel } from '../../provider/framework/schema';
import { attr, defineSchema } from '../../provider/framework/schema';
import { validate } from '../../provider/framework/validators';
import { FLEET_NAME_PATTERN } from '../fleet';
import { SizeError, parseSize } from '../size';
import { VOLUME_NAME_PATTERN } from '../volume-schema';
import { fleetPrefix } from '../volume-state';
import type { PureProviderData } from '../provider-data';
import { figure } from './fleet';

const requestAttributes = {
  name: attr.string({
    required: true,
    description: 'Name of the volume, as pure_volume would name it; with the fleet it seeds the tie-break.',
    validators: [validate.matches(VOLUME_NAME_PATTERN, 'must be a volume name: letters, digits, "-", "_"')],
  }),
  kind: attr.string({
    optional: true,
    description: '`block` (a FlashArray volume, the default) or `file` (a FlashBlade file system).',
    validators: [validate.oneOf(['block', 'file'])],
  }),
  size: attr.string({
    required: true,
    description: 'Provisioned size (block) or quota (file), e.g. `"100G"` (binary units).',
  }),
  array_labels: attr.stringMap({
    optional: true,
    description: 'Only arrays carrying every one of these labels may take the volume.',
  }),
  expected_iops: attr.number({
    optional: true,
    description: "Sustained IOPS the volume is expected to drive (default: the policy's IOPS per TiB).",
    validators: [validate.numberBetween(0, 1e9, 'IOPS')],
  }),
  array: attr.string({ optional: true, description: 'Pin the volume to this array of the roster.' }),
};

const rankedAttributes = {
  array: attr.string({ computed: true, description: 'A feasible array.' }),
  score: attr.number({
    computed: true,
    description: 'Weighted total, 0–100, rounded as the tie-break rounds it.',
  }),
  scores: attr.numberMap({ computed: true, description: "Each scorer's value, 0–100." }),
  projected_capacity_utilisation: attr.number({
    computed: true,
    description: 'Used share of usable capacity after this volume, reservations included.',
  }),
  projected_load: attr.number({
    computed: true,
    description: 'Load after this volume, reservations included.',
  }),
};

const excludedAttributes = {
  array: attr.string({ computed: true, description: 'An array that cannot take the volume.' }),
  reason: attr.string({
    computed: true,
    description: 'Reason code, e.g. `CAPACITY_HEADROOM`, `LABEL_MISMATCH`.',
  }),
  message: attr.string({ computed: true, description: 'The figures that decided it.' }),
};

const placementAttributes = {
  name: attr.string({ computed: true, description: 'The requested volume.' }),
  placed: attr.bool({ computed: true, description: 'Whether an array can take it.' }),
  array: attr.string({
    computed: true,
    description: 'The array it would go to; null when none can take it.',
  }),
  score: attr.number({ computed: true, description: "The chosen array's total score." }),
  tie_break: attr.string({
    computed: true,
    description: 'How the winner was separated: `score`, `rendezvous-hash`, `array-id` or `only-candidate`.',
  }),
  ranking: attr.nested('list', rankedAttributes, {
    computed: true,
    description: 'Every feasible array, best first.',
  }),
  excluded: attr.nested('list', excludedAttributes, {
    computed: true,
    description: 'Every other array, with the first filter that excluded it.',
  }),
};

export const placementDataSchema = defineSchema({
  description:
    'A placement preview: where each requested volume would go if the volumes were created now, on live telemetry, with the full ranking and every exclusion. Earlier requests count against each array, as in an apply. Nothing is created or reserved.',
  attributes: {
    fleet: attr.string({
      required: true,
      description: 'The fleet the volumes would belong to (the name of a `pure_fleet` resource).',
      validators: [validate.matches(FLEET_NAME_PATTERN, 'must be a fleet name')],
    }),
    parallelism: attr.number({
      optional: true,
      description:
        "Creates in flight at once during the apply being previewed (Terraform's `-parallelism`, default 10).",
      validators: [validate.wholeNumber(), validate.numberBetween(1, 1000)],
    }),
    requests: attr.nested('list', requestAttributes, {
      required: true,
      description: 'The volumes to place, in the order an apply would create them.',
    }),
    placements: attr.nested('list', placementAttributes, {
      computed: true,
      description: 'One entry per request, in order.',
    }),
  },
});

type PlacementData = StateModel<typeof placementDataSchema>;
type Request = NonNullable<PlacementData['requests']>[number];
type Placement = NonNullable<PlacementData['placements']>[number];

function requirementsOf(fleet: string, request: Request): VolumeRequirements {
  return {
    key: `${fleet}/${request.name as string}`,
    kind: request.kind === 'file' ? 'file' : 'block',
    sizeBytes: Number(parseSize(request.size as string)),
    labelSelector: request.array_labels ?? {},
    ...(request.expected_iops ? { expectedIops: request.expected_iops.toNumber() } : {}),
    ...(request.array ? { pinnedArray: request.array } : {}),
  };
}

function placementOf(name: string, outcome: PlacementOutcome): Placement {
  const explanation = outcome.explanation;
  return {
    name,
    placed: outcome.placed,
    array: outcome.placed ? outcome.arrayName : null,
    score: outcome.placed ? CtyNumber.of(outcome.totalScore) : null,
    tie_break: explanation?.tieBreak ?? null,
    ranking: (explanation?.candidates ?? []).map((c) => ({
      array: c.arrayName,
      score: CtyNumber.of(c.totalScore),
      scores: Object.fromEntries(Object.entries(c.scores).map(([k, v]) => [k, CtyNumber.of(v)])),
      projected_capacity_utilisation: figure(c.projectedCapacityUtilisation),
      projected_load: figure(c.projectedLoad),
    })),
    excluded: (explanation?.excluded ?? []).map((e) => ({
      array: e.arrayName,
      reason: e.reason,
      message: e.message,
    })),
  };
}

export const placementDataSource: DataSourceDefinition<typeof placementDataSchema, PureProviderData> = {
  typeName: 'pure_placement',
  schema: placementDataSchema,

  validateConfig(config, { diags }) {
    if (!Array.isArray(config.requests)) return;
    const seen = new Map<string, number>();
    config.requests.forEach((request, index) => {
      const path = [{ attribute: 'requests' }, { index }];
      if (typeof request.size === 'string') {
        try {
          if (parseSize(request.size) <= 0n)
            diags.error('Invalid volume size', 'The size must be above zero.', [
              ...path,
              { attribute: 'size' },
            ]);
        } catch (err) {
          diags.error('Invalid volume size', err instanceof SizeError ? err.message : String(err), [
            ...path,
            { attribute: 'size' },
          ]);
        }
      }
      if (typeof request.name !== 'string') return;
      const previous = seen.get(request.name);
      if (previous !== undefined) {
        diags.error(
          'Duplicate volume name',
          `Request ${previous + 1} already previews a volume named "${request.name}".`,
          [...path, { attribute: 'name' }],
        );
      }
      seen.set(request.name, index);
    });
  },

  async read({ config }, ctx) {
    const fleet = config.fleet as string;
    const requests = config.requests ?? [];
    const { previewPlacements } = await import('../../fleet/preview');
    const outcomes = await previewPlacements(
      ctx.providerData.fleet,
      requests.map((r) => requirementsOf(fleet, r)),
      {
        policy: ctx.providerData.policy,
        ...(config.parallelism ? { parallelism: config.parallelism.toNumber() } : {}),
        signal: ctx.signal,
        prefix: fleetPrefix(fleet),
      },
    );
    return {
      ...config,
      placements: outcomes.map((outcome, i) => placementOf(requests[i]?.name as string, outcome)),
    };
  },
};
