// QoS limits on block volumes: `iops_limit` (operations per second) and `bandwidth_limit` (bytes
// per second, written as sizes: "500M" is 500 MiB/s). The ranges are FlashArray's
// (`_qos_iops_limit_type`, `_qos_bw_limit_type` in FA 2.x): 100 to 100M IOPS and 1 MiB/s to
// 512 GiB/s. Leaving an attribute out means "no limit", and the array is told so explicitly: the
// spec's PATCH takes "" to unset a limit, which the backend sends when a limit is removed.

import type { BlockQos } from '../fleet/volumes/backend';
import { CtyNumber } from '../provider/cty/number';
import { isUnknown, type Unknown } from '../provider/cty/value';
import { attr } from '../provider/framework/schema';
import type { Validator } from '../provider/framework/validators';
import { SizeError, formatSize, parseSize } from './size';

export const IOPS_RANGE = { min: 100, max: 100_000_000 } as const;
export const BANDWIDTH_RANGE = { min: 1_048_576n, max: 549_755_813_888n } as const;

const iopsValidator: Validator = {
  description: `a whole number from ${IOPS_RANGE.min} to ${IOPS_RANGE.max}`,
  validate(value, path, diags) {
    if (!(value instanceof CtyNumber)) return;
    const n = value.toNumber();
    if (!Number.isInteger(n) || n < IOPS_RANGE.min || n > IOPS_RANGE.max)
      diags.error(
        'IOPS limit out of range',
        `${value.toString()} is not a whole number from ${IOPS_RANGE.min} to 100M (${IOPS_RANGE.max}), FlashArray's range for a volume's IOPS limit.`,
        path,
      );
  },
};

const bandwidthValidator: Validator = {
  description: 'bytes per second written as a size, from "1M" to "512G"',
  validate(value, path, diags) {
    if (typeof value !== 'string') return;
    try {
      const bytes = parseSize(value);
      if (bytes < BANDWIDTH_RANGE.min || bytes > BANDWIDTH_RANGE.max)
        diags.error(
          'Bandwidth limit out of range',
          `${value} per second is outside FlashArray's range for a volume's bandwidth limit, 1M to 512G per second.`,
          path,
        );
    } catch (err) {
      diags.error('Invalid bandwidth limit', err instanceof SizeError ? err.message : String(err), path);
    }
  },
};

/** The attributes pure_volume gains (spread into its schema). */
export const qosAttributes = {
  iops_limit: attr.number({
    optional: true,
    description:
      'Block volumes: the most I/O operations per second the array serves the volume, 100 to 100000000. Unset means no limit; removing it removes the limit on the array.',
    validators: [iopsValidator],
  }),
  bandwidth_limit: attr.string({
    optional: true,
    description:
      'Block volumes: the most bytes per second the array serves the volume, written as a size ("500M" = 500 MiB/s), 1M to 512G. Unset means no limit; removing it removes the limit on the array.',
    validators: [bandwidthValidator],
  }),
};

interface QosModel {
  readonly iops_limit?: CtyNumber | null | Unknown;
  readonly bandwidth_limit?: string | null | Unknown;
}

/** The limits a known plan asks for (null = none), or undefined while either is unknown or invalid. */
export function qosOf(plan: QosModel): BlockQos | undefined {
  if (isUnknown(plan.iops_limit) || isUnknown(plan.bandwidth_limit)) return undefined;
  let bandwidthLimit: number | null = null;
  if (typeof plan.bandwidth_limit === 'string') {
    try {
      bandwidthLimit = Number(parseSize(plan.bandwidth_limit));
    } catch {
      return undefined;
    }
  }
  return {
    iopsLimit: plan.iops_limit instanceof CtyNumber ? plan.iops_limit.toNumber() : null,
    bandwidthLimit,
  };
}

/** The state's QoS attributes from what the array reports; the configured spelling is kept when it means the same. */
export function qosState(
  base: QosModel,
  qos: BlockQos,
): { iops_limit: CtyNumber | null; bandwidth_limit: string | null } {
  let bandwidth: string | null = null;
  if (qos.bandwidthLimit !== null) {
    bandwidth = formatSize(BigInt(qos.bandwidthLimit));
    if (typeof base.bandwidth_limit === 'string') {
      try {
        if (parseSize(base.bandwidth_limit) === BigInt(qos.bandwidthLimit)) bandwidth = base.bandwidth_limit;
      } catch {
        // keep the array's value
      }
    }
  }
  return {
    iops_limit: qos.iopsLimit === null ? null : CtyNumber.of(qos.iopsLimit),
    bandwidth_limit: bandwidth,
  };
}
