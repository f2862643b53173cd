// Filters on whether the array's reading can be trusted and the array can take anything at all.

import { ArrayStatus, STATUS_REASON } from '../fleet-columns';
import { invalidTelemetryField } from '../demand';
import type { PlacementFilter } from './context';
import { exclusion, telemetryAgeMs } from './context';

/** Reachable, not cordoned, no critical problem, and a reading the engine can use. */
export const HealthFilter: PlacementFilter = {
  reason: 'ARRAY_UNHEALTHY',
  static: false,
  admits: (ctx, slot) => ctx.fleet.status[slot] === ArrayStatus.OK,
  describe: (ctx, slot) => {
    const status = ctx.fleet.status[slot]!;
    const reading = ctx.fleet.readings[slot];
    const reason = STATUS_REASON[status] ?? 'ARRAY_UNHEALTHY';
    if (status === ArrayStatus.INVALID_TELEMETRY && reading) {
      return exclusion(
        reason,
        `telemetry field ${invalidTelemetryField(reading)} is missing or out of range`,
      );
    }
    if (status === ArrayStatus.UNREACHABLE) {
      // The telemetry layer puts the failure (refused, timed out, an untrusted certificate) in a
      // problem: without it the user cannot tell a firewall from a missing CA.
      const cause = reading?.health.problems.find((p) => p.code === 'UNREACHABLE')?.message;
      return exclusion(reason, `the last poll of the array failed${cause ? `: ${cause}` : ''}`);
    }
    if (status === ArrayStatus.CORDONED)
      return exclusion(reason, 'the array is cordoned: it takes no new volumes');
    const critical = reading?.health.problems.filter((p) => p.severity === 'critical') ?? [];
    return exclusion(
      reason,
      `critical problems: ${critical.map((p) => `${p.code}: ${p.message}`).join('; ')}`,
    );
  },
};

/** The reading must be recent enough to trust. */
export const StaleTelemetryFilter: PlacementFilter = {
  reason: 'STALE_TELEMETRY',
  static: false,
  admits: (ctx, slot) => telemetryAgeMs(ctx, slot) <= ctx.policy.maxTelemetryAgeMs,
  describe: (ctx, slot) =>
    exclusion(
      'STALE_TELEMETRY',
      `telemetry is ${Math.round(telemetryAgeMs(ctx, slot) / 1000)} s old, older than ${ctx.policy.maxTelemetryAgeMs / 1000} s`,
    ),
};
