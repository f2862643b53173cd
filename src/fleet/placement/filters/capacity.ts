// Filter on capacity, in the terms the array's GUI and Pure1 use: physical space used ÷ usable
// capacity, plus what the ledger reserved for creates this process has under way, plus what the
// request is expected to write (see demand.ts for how a provisioned size becomes physical bytes).

import type { PlacementFilter } from './context';
import { committedPhysicalBytes, exclusion, fixed } from './context';

const TIB = 2 ** 40;
const GIB = 2 ** 30;

/** A utilisation as a percentage with at most one decimal: 0.8123 → "81.2%". */
export const percent = (fraction: number): string => `${fixed(fraction * 100, 1)}%`;

/** Bytes in TiB (or GiB below 1 TiB), at most two decimals. */
export function formatBytes(bytes: number): string {
  return bytes >= TIB ? `${fixed(bytes / TIB, 2)} TiB` : `${fixed(bytes / GIB, 2)} GiB`;
}

/** Physical utilisation after placement, counting reservations, must stay under the threshold. */
export const CapacityHeadroomFilter: PlacementFilter = {
  reason: 'CAPACITY_HEADROOM',
  static: false,
  admits: (ctx, _slot, projected) => projected.capacityUtilisation <= ctx.policy.capacityThreshold,
  describe: (ctx, slot, projected) => {
    const { fleet, ledger } = ctx;
    const usable = fleet.usableBytes[slot]!;
    const name = fleet.readings[slot]?.name ?? fleet.ids[slot]!;
    const reserved = ledger.reservedBytes[slot]!;
    const now = (committedPhysicalBytes(ctx, slot) - reserved) / usable;
    const creating = ledger.reservedVolumes[slot]!;
    const withReserved =
      creating > 0
        ? ` (${percent(now + reserved / usable)} counting the ${creating} volume(s) being created there)`
        : '';
    const added = ctx.sizeBytes * fleet.physicalPerProvisionedByte[slot]!;
    return exclusion(
      'CAPACITY_HEADROOM',
      `${name} is ${percent(now)} full${withReserved}; this ${formatBytes(ctx.sizeBytes)} volume is ` +
        `expected to add ${percent(added / usable)} (${formatBytes(added)} physical), reaching ` +
        `${percent(projected.capacityUtilisation)}, above the ${percent(ctx.policy.capacityThreshold)} threshold`,
    );
  },
};
