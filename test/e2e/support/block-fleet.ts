// Fixtures for the block end-to-end tests (hosts, host groups, connections): a fleet of
// FlashArrays of one shape, and the `pure_host` blocks of the fleet's hosts. The provider block
// is file-fleet.ts's, with a roster of the first N arrays so a test can add a member later.

import type { FleetDescription } from '../../../src/simulator';

/** A FlashArray with room to spare and a steady, light load: placement is never the subject. */
export const FLASHARRAY = {
  type: 'flasharray',
  capacity: '10TiB',
  load: { profile: 'steady', utilization: 0.1 },
} as const;

export function flashArrayFleet(name: string, arrays: readonly string[]): FleetDescription {
  return { name, arrays: arrays.map((a) => ({ ...FLASHARRAY, name: a })) };
}

/** `pure_host.<name>` for each name, with one IQN each, in fleet `pure_fleet.f`. */
export function hostBlocks(names: readonly string[]): string {
  return names
    .map(
      (h) =>
        `resource "pure_host" "${h}" {\n  fleet = pure_fleet.f.name\n  name  = "${h}"\n  iqns  = ["iqn.1994-05.com.redhat:${h}"]\n}\n`,
    )
    .join('');
}
