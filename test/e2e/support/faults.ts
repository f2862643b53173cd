// Shared by the fault-safety e2e tests and bench/faults: a simulated fleet of FlashArrays, the
// provider configuration for it, and what the arrays hold afterwards (copies of each volume, and
// whether anything was written) — read from the arrays themselves, never from Terraform's state.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FlashArrayVolume } from '../../../src/fleet/clients/flasharray';
import { FleetConnection } from '../../../src/fleet/connection';
import type { FleetDescription, RunningFleet } from '../../../src/simulator';
import { startFleet } from '../../../src/simulator';
import type { StateResource } from '../harness/workspace';

export const FLEET_NAME = 'safe';

export interface FaultFleetOptions {
  readonly arrays?: number;
  readonly capacity?: string;
  /** Fraction of each array's capacity already used. */
  readonly preexistingUsed?: number;
}

export function faultFleetDescription(options: FaultFleetOptions = {}): FleetDescription {
  const count = options.arrays ?? 3;
  return {
    name: FLEET_NAME,
    arrays: Array.from({ length: count }, (_, i) => ({
      name: `fa-${i + 1}`,
      type: 'flasharray' as const,
      capacity: options.capacity ?? '100TiB',
      preexistingUsed: options.preexistingUsed ?? 0.1,
      dataReductionRatio: 1,
      load: { profile: 'steady' as const, utilization: 0.1 },
    })),
  };
}

export function startFaultFleet(options: FaultFleetOptions = {}): Promise<RunningFleet> {
  return startFleet(faultFleetDescription(options), {
    stateDir: mkdtempSync(join(tmpdir(), 'pure-sim-faults-')),
  });
}

export function providerConfig(
  fleet: RunningFleet,
  options: { requestTimeoutSeconds?: number; placement?: string } = {},
): string {
  const arrays = fleet.arrays
    .map(
      (a) =>
        `  array {\n    name = "${a.name}"\n    type = "flasharray"\n    endpoint = "${a.mgmtEndpoint}"\n    api_token = "${a.apiToken}"\n  }`,
    )
    .join('\n');
  const timeout =
    options.requestTimeoutSeconds === undefined
      ? ''
      : `  request_timeout_seconds = ${options.requestTimeoutSeconds}\n`;
  return (
    `terraform {\n  required_providers {\n    pure = { source = "pure-fleet/pure" }\n  }\n}\n` +
    `provider "pure" {\n  ca_file = "${fleet.caCertPath}"\n${timeout}${options.placement ?? ''}${arrays}\n}\n` +
    `resource "pure_fleet" "f" {\n  name = "${FLEET_NAME}"\n}\n`
  );
}

export function volumesConfig(count: number, size = '10G', prefix = 'v'): string {
  return `resource "pure_volume" "${prefix}" {\n  count = ${count}\n  fleet = pure_fleet.f.name\n  name  = "${prefix}\${count.index}"\n  size  = "${size}"\n}\n`;
}

/** The fleet's live volumes on each array, as the arrays list them (sizes, space, creation times). */
export async function volumesOnArrays(fleet: RunningFleet): Promise<Map<string, FlashArrayVolume[]>> {
  const connection = new FleetConnection({
    arrays: fleet.arrays.map((a) => ({
      name: a.name,
      kind: a.type,
      endpoint: a.mgmtEndpoint,
      apiToken: a.apiToken,
      labels: a.labels,
    })),
    caPem: fleet.caCertPem,
  });
  const out = new Map<string, FlashArrayVolume[]>();
  try {
    for (const a of fleet.arrays) {
      const volumes = await connection.flashArray(a.name).listVolumesWithPrefix(`${FLEET_NAME}-`);
      out.set(
        a.name,
        volumes.filter((x) => !x.destroyed),
      );
    }
  } finally {
    connection.close();
  }
  return out;
}

/** Where each of the fleet's volumes is, read from every array (live ones only). */
export async function copiesOnArrays(fleet: RunningFleet): Promise<Map<string, string[]>> {
  const copies = new Map<string, string[]>();
  for (const [array, volumes] of await volumesOnArrays(fleet))
    for (const v of volumes) copies.set(v.name, [...(copies.get(v.name) ?? []), array]);
  return copies;
}

export interface Tally {
  /** Volumes in the configuration that are neither on an array nor in state. */
  readonly lost: number;
  /** Volumes on an array but not in state. */
  readonly orphaned: number;
  /** Volumes with more than one live copy on the arrays. */
  readonly duplicated: number;
  /** State entries whose array does not hold them. */
  readonly phantom: number;
}

/** Compares the arrays with the state: every wanted volume once on the arrays and once in state. */
export async function tally(
  fleet: RunningFleet,
  state: readonly StateResource[],
  wanted: readonly string[],
): Promise<Tally> {
  const copies = await copiesOnArrays(fleet);
  const inState = new Map(
    state
      .filter((r) => r.type === 'pure_volume')
      .map((r) => [String(r.values.backend_name), String(r.values.array)]),
  );
  let lost = 0;
  let orphaned = 0;
  let duplicated = 0;
  let phantom = 0;
  for (const name of wanted) {
    const where = copies.get(name) ?? [];
    if (where.length > 1) duplicated += 1;
    const recorded = inState.get(name);
    if (where.length === 0 && recorded === undefined) lost += 1;
    if (where.length > 0 && recorded === undefined) orphaned += 1;
    if (recorded !== undefined && !where.includes(recorded)) phantom += 1;
  }
  return { lost, orphaned, duplicated, phantom };
}

const WRITE = /^(POST|PATCH|PUT|DELETE) /;
const SESSION = /\/(login|logout)$/;

/** Requests that could change an array (logins excluded), summed over the fleet. */
export async function writesSinceReset(fleet: RunningFleet): Promise<Record<string, number>> {
  const counters = await fleet.control.counters();
  const writes: Record<string, number> = {};
  for (const [array, counts] of Object.entries(counters.arrays))
    for (const [key, value] of Object.entries(counts.endpoints))
      if (WRITE.test(key) && !SESSION.test(key)) writes[`${array} ${key}`] = value.count;
  return writes;
}
