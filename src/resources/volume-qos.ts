// QoS limits of a volume: `iops_limit` (operations per second) and `bandwidth_limit` (bytes per
// second, written as sizes: "500M" is 500 MiB/s). Block volumes hold them in the FlashArray
// volume's own `qos`; file volumes in a QoS policy of their own on the FlashBlade (REST 2.17+,
// src/fleet/volumes/flashblade-qos.ts). Leaving an attribute out means "no limit", and the array is
// told so explicitly: FA's PATCH takes "" to unset a limit, FB's QoS policy takes null.
//
// The ranges are each array's own, per kind, in QOS_RANGES (the one table the plan checks):
// FlashArray `_qos_iops_limit_type` / `_qos_bw_limit_type` (FA 2.x) and FlashBlade `QosPolicy`
// `max_total_ops_per_sec` / `max_total_bytes_per_sec` (FB 2.28). They happen to coincide today;
// test/unit/resources/volume-qos.test.ts reads both specs and fails when either moves.

import type { QosLimits } from '../fleet/volumes/backend';
import { CtyNumber } from '../provider/cty/number';
import { isUnknown, type Unknown } from '../provider/cty/value';
import type { Diagnostics } from '../provider/framework/diagnostics';
import { attr } from '../provider/framework/schema';
import type { Validator } from '../provider/framework/validators';
import { SizeError, formatSize, parseSize } from './size';

export interface QosRange {
  readonly iops: { readonly min: number; readonly max: number };
  /** Bytes per second. */
  readonly bandwidth: { readonly min: bigint; readonly max: bigint };
  /** Whose range it is, for messages. */
  readonly what: string;
}

export const QOS_RANGES: Readonly<Record<'block' | 'file', QosRange>> = {
  block: {
    iops: { min: 100, max: 100_000_000 },
    bandwidth: { min: 1_048_576n, max: 549_755_813_888n },
    what: "FlashArray's range for a volume's",
  },
  file: {
    iops: { min: 100, max: 100_000_000 },
    bandwidth: { min: 1_048_576n, max: 549_755_813_888n },
    what: "FlashBlade's range for a file system's QoS policy",
  },
};

const iopsText = (n: number): string => (n % 1_000_000 === 0 ? `${n / 1_000_000}M` : String(n));

// The attributes' own validators check the form; the range depends on `kind`, so
// validateQosConfig checks it where both are known (as for `size`).
const iopsValidator: Validator = {
  description: 'a whole number of operations per second',
  validate(value, path, diags) {
    if (!(value instanceof CtyNumber)) return;
    const n = value.toNumber();
    if (!Number.isInteger(n) || n <= 0)
      diags.error('IOPS limit out of range', `${value.toString()} is not a positive whole number.`, path);
  },
};

const bandwidthValidator: Validator = {
  description: 'bytes per second written as a size, e.g. "500M"',
  validate(value, path, diags) {
    if (typeof value !== 'string') return;
    try {
      parseSize(value);
    } catch (err) {
      diags.error('Invalid bandwidth limit', err instanceof SizeError ? err.message : String(err), path);
    }
  },
};

/** The limits against the kind's range, each diagnostic on its attribute. */
export function validateQosConfig(config: QosModel, kind: 'block' | 'file', diags: Diagnostics): void {
  const range = QOS_RANGES[kind];
  const iops = config.iops_limit;
  if (iops instanceof CtyNumber) {
    const n = iops.toNumber();
    if (Number.isInteger(n) && n > 0 && (n < range.iops.min || n > range.iops.max))
      diags.error(
        'IOPS limit out of range',
        `${iops.toString()} is not a whole number from ${range.iops.min} to ${iopsText(range.iops.max)} (${range.iops.max}), ${range.what} IOPS limit.`,
        [{ attribute: 'iops_limit' }],
      );
  }
  const bandwidth = config.bandwidth_limit;
  if (typeof bandwidth === 'string') {
    let bytes: bigint | undefined;
    try {
      bytes = parseSize(bandwidth);
    } catch {
      return; // the attribute's validator says so
    }
    if (bytes < range.bandwidth.min || bytes > range.bandwidth.max)
      diags.error(
        'Bandwidth limit out of range',
        `${bandwidth} per second is outside ${range.what} bandwidth limit, ${formatSize(range.bandwidth.min)} to ${formatSize(range.bandwidth.max)} per second.`,
        [{ attribute: 'bandwidth_limit' }],
      );
  }
}

/** The attributes pure_volume gains (spread into its schema). */
export const qosAttributes = {
  iops_limit: attr.number({
    optional: true,
    description:
      "The most I/O operations per second the array serves the volume, 100 to 100000000. Block volumes: the volume's own limit. File volumes: a QoS policy of the file system's own on the FlashBlade (REST 2.17 or later; an earlier FlashBlade is refused). Unset means no limit; removing it removes the limit on the array.",
    validators: [iopsValidator],
  }),
  bandwidth_limit: attr.string({
    optional: true,
    description:
      'The most bytes per second the array serves the volume, written as a size ("500M" = 500 MiB/s), 1M to 512G. Block volumes: the volume\'s own limit. File volumes: a QoS policy of the file system\'s own on the FlashBlade (REST 2.17 or later). Unset means no limit; removing it removes the limit on the array.',
    validators: [bandwidthValidator],
  }),
};

export interface QosModel {
  readonly iops_limit?: CtyNumber | null | Unknown;
  readonly bandwidth_limit?: string | null | Unknown;
}

/** The limits a known plan asks for (null = none), or undefined while either is unknown or invalid. */
export function qosOf(plan: QosModel): QosLimits | undefined {
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
  qos: QosLimits,
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
