// Data source pure_fleet: the fleet's live telemetry as the placement engine sees it, per array
// and in total. One telemetry round per array (the process's collector, so a plan that also places
// volumes shares it); nothing is changed or reserved.

import type { TelemetryReading } from '../../fleet/telemetry';
import { CtyNumber } from '../../provider/cty/number';
import type { DataSourceDefinition } from '../../provider/framework/resource';
import type { StateModel } from '../../provider/framework/schema';
import { attr, defineSchema } from '../../provider/framework/schema';
import type { PureProviderData } from '../provider-data';

const computedNumber = (description: string) => attr.number({ computed: true, description });
const computedString = (description: string) => attr.string({ computed: true, description });

const problemAttributes = {
  code: computedString('Stable code of the problem (an alert code, or a component check).'),
  severity: computedString('`critical` (the array takes no new volumes) or `warning`.'),
  message: computedString('What the array reported.'),
};

const arrayAttributes = {
  name: computedString('Name of the array in the provider roster.'),
  type: computedString('`flasharray` or `flashblade`.'),
  endpoint: computedString('Management endpoint.'),
  labels: attr.stringMap({ computed: true, description: 'Labels from the roster.' }),
  cordoned: attr.bool({ computed: true, description: 'Cordoned in the roster: takes no new volumes.' }),
  reachable: attr.bool({ computed: true, description: 'Whether the last telemetry round succeeded.' }),
  failure: computedString('Why the last round failed; null when it succeeded.'),
  healthy: attr.bool({
    computed: true,
    description: 'Reachable and without critical problems (cordoning aside).',
  }),
  problems: attr.nested('list', problemAttributes, {
    computed: true,
    description: 'Open alerts and failed components, as placement reads them.',
  }),
  array_id: computedString('The id the array reports; null when it was never read.'),
  array_name: computedString('The name the array reports for itself.'),
  model: computedString('Hardware model, when reported.'),
  purity_version: computedString('Purity version.'),
  api_version: computedString('REST version negotiated with the array.'),
  observed_at: computedString('When the reading was taken (RFC 3339): the first request of its round.'),
  capacity: attr.nested(
    'single',
    {
      usable_bytes: computedNumber('Physical capacity the array can store, bytes.'),
      used_bytes: computedNumber('Physical space in use, bytes, snapshots and system space included.'),
      provisioned_bytes: computedNumber(
        'Sum of the provisioned sizes of its volumes or file systems, bytes.',
      ),
      data_reduction_ratio: computedNumber(
        'Data-reduction ratio placement uses; null when too little data is stored to trust it.',
      ),
      used_share: computedNumber('used_bytes ÷ usable_bytes.'),
      share_after_reservations: computedNumber(
        'The used share counting what this provider process has reserved on the array and its telemetry does not show yet.',
      ),
      sampled_at: computedString("Time of the array's space sample (RFC 3339), when reported."),
    },
    { computed: true, description: 'Capacity figures; null when the array was never read.' },
  ),
  performance: attr.nested(
    'single',
    {
      load: computedNumber('Estimated load, 0..1 of saturation.'),
      load_method: computedString('How the load was estimated: `queue-share` or `iops-over-saturation`.'),
      saturation_iops: computedNumber('IOPS at which the array is saturated.'),
      saturation_source: computedString(
        'Where saturation_iops comes from: `roster`, `observed`, `model-table` or `unknown-model`.',
      ),
      iops: computedNumber('IOPS served (reads, writes and others per second).'),
      latency_ms: computedNumber('Average latency per operation, milliseconds; null when not reported.'),
      sampled_at: computedString("Time of the array's performance sample (RFC 3339), when reported."),
    },
    { computed: true, description: 'Load and latency; null when the array was never read.' },
  ),
  volumes: attr.nested(
    'single',
    {
      count: computedNumber(
        'Volumes (FlashArray) or file systems (FlashBlade) on the array, every owner counted.',
      ),
      limit: computedNumber('The limit for that count; null when unknown.'),
      limit_source: computedString('`roster`, `model-table` or `unknown-model`.'),
    },
    { computed: true, description: 'Object count against the limit; null when the array was never read.' },
  ),
};

export const fleetDataSchema = defineSchema({
  description:
    "The fleet's live telemetry as the placement engine sees it: per array health and its causes, capacity, load, latency and volume count, each reading with its time, and fleet totals. Reading it changes nothing and reserves nothing.",
  attributes: {
    arrays: attr.nested('list', arrayAttributes, {
      computed: true,
      description: 'Every array of the roster, in roster order.',
    }),
    totals: attr.nested(
      'single',
      {
        arrays: computedNumber('Arrays in the roster.'),
        reachable_arrays: computedNumber('Arrays whose last round succeeded.'),
        healthy_arrays: computedNumber('Arrays reachable and without critical problems.'),
        usable_bytes: computedNumber('Sum of usable capacity over the reachable arrays, bytes.'),
        used_bytes: computedNumber('Sum of physical space in use over the reachable arrays, bytes.'),
        provisioned_bytes: computedNumber('Sum of provisioned sizes over the reachable arrays, bytes.'),
        used_share: computedNumber('used_bytes ÷ usable_bytes.'),
        volume_count: computedNumber('Volumes and file systems on the reachable arrays.'),
      },
      { computed: true, description: 'Fleet totals over the reachable arrays.' },
    ),
    read_at: computedString('When this data source was read (RFC 3339).'),
  },
});

type FleetData = StateModel<typeof fleetDataSchema>;
type ArrayData = NonNullable<FleetData['arrays']>[number];

/** A finite figure as a number; NaN, Infinity and absent figures are null. */
export function figure(x: number | undefined): CtyNumber | null {
  return x !== undefined && Number.isFinite(x) ? CtyNumber.of(x) : null;
}

const time = (ms: number | undefined): string | null =>
  ms !== undefined && Number.isFinite(ms) ? new Date(ms).toISOString() : null;

/** Six decimals: enough for any decision, without the float noise of a division. */
const rounded = (x: number | undefined): CtyNumber | null =>
  x === undefined ? null : figure(Math.round(x * 1e6) / 1e6);

const share = (used: number, usable: number): CtyNumber | null =>
  usable > 0 ? figure(Math.round((used / usable) * 1e6) / 1e6) : null;

function arrayData(
  reading: TelemetryReading,
  member: { endpoint: string; cordoned?: boolean },
  reservedBytes: number,
): ArrayData {
  const { candidate, figures } = reading;
  const healthy = reading.reachable && !candidate.health.problems.some((p) => p.severity === 'critical');
  const capacity = figures?.capacity;
  const performance = figures?.performance;
  return {
    name: reading.member,
    type: reading.kind,
    endpoint: member.endpoint,
    labels: candidate.labels,
    cordoned: member.cordoned === true,
    reachable: reading.reachable,
    failure: reading.failure?.reason ?? null,
    healthy,
    problems: candidate.health.problems.map((p) => ({
      code: p.code,
      severity: p.severity,
      message: p.message,
    })),
    array_id: reading.idKnown ? candidate.id : null,
    array_name: figures?.arrayName ?? null,
    model: figures?.model ?? null,
    purity_version: figures?.purityVersion ?? null,
    api_version: figures?.apiVersion ?? null,
    observed_at: time(reading.observedAtMs),
    capacity: capacity
      ? {
          usable_bytes: figure(capacity.usableBytes),
          used_bytes: figure(capacity.physicalUsedBytes),
          provisioned_bytes: figure(capacity.provisionedBytes),
          data_reduction_ratio: figure(capacity.dataReductionRatio),
          used_share: share(capacity.physicalUsedBytes, capacity.usableBytes),
          share_after_reservations: share(capacity.physicalUsedBytes + reservedBytes, capacity.usableBytes),
          sampled_at: time(capacity.sampleTimeMs),
        }
      : null,
    performance: performance
      ? {
          load: rounded(performance.load),
          load_method: performance.method,
          saturation_iops: figure(performance.saturationIops),
          saturation_source: performance.saturationSource,
          iops: figure(performance.servedIops),
          latency_ms: rounded(
            performance.latencyUsec === undefined ? undefined : performance.latencyUsec / 1000,
          ),
          sampled_at: time(performance.sampleTimeMs),
        }
      : null,
    volumes: figures
      ? {
          count: figure(figures.objects.volumeCount),
          limit: figure(figures.objects.volumeLimit),
          limit_source: figures.objects.volumeLimitSource,
        }
      : null,
  };
}

/** Fleet totals over the arrays whose last round succeeded. */
export function fleetTotals(readings: readonly TelemetryReading[]): NonNullable<FleetData['totals']> {
  let usable = 0;
  let used = 0;
  let provisioned = 0;
  let volumes = 0;
  let reachable = 0;
  let healthy = 0;
  for (const r of readings) {
    if (!r.reachable || !r.figures) continue;
    reachable += 1;
    if (!r.candidate.health.problems.some((p) => p.severity === 'critical')) healthy += 1;
    const c = r.figures.capacity;
    if (Number.isFinite(c.usableBytes)) usable += c.usableBytes;
    if (Number.isFinite(c.physicalUsedBytes)) used += c.physicalUsedBytes;
    if (Number.isFinite(c.provisionedBytes)) provisioned += c.provisionedBytes;
    volumes += r.figures.objects.volumeCount;
  }
  return {
    arrays: CtyNumber.of(readings.length),
    reachable_arrays: CtyNumber.of(reachable),
    healthy_arrays: CtyNumber.of(healthy),
    usable_bytes: CtyNumber.of(usable),
    used_bytes: CtyNumber.of(used),
    provisioned_bytes: CtyNumber.of(provisioned),
    used_share: share(used, usable),
    volume_count: CtyNumber.of(volumes),
  };
}

export const fleetDataSource: DataSourceDefinition<typeof fleetDataSchema, PureProviderData> = {
  typeName: 'pure_fleet',
  schema: fleetDataSchema,

  async read(_request, ctx) {
    const { fleet, placer } = ctx.providerData;
    const readings = await fleet.telemetry.readAll({ signal: ctx.signal });
    const reserved = placer.reservedPhysicalBytes();
    const arrays = readings.map((r) =>
      arrayData(r, fleet.member(r.member), reserved.get(r.candidate.id) ?? 0),
    );
    return { arrays, totals: fleetTotals(readings), read_at: new Date().toISOString() };
  },
};
