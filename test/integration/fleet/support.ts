// Shared helpers for the fleet-layer integration tests: a roster for a running simulated fleet, a
// logger that keeps every line, a recording sleep, and a scan for credentials in everything the
// tests saw.

import { inspect } from 'node:util';
import type { FleetLogFields, FleetLogger } from '../../../src/fleet/log';
import type { Secret } from '../../../src/fleet/rest/secret';
import type { PureRestSession } from '../../../src/fleet/rest/session';
import type { ArrayMember, FleetRoster } from '../../../src/fleet/roster';
import type { RunningFleet } from '../../../src/simulator';

export class CapturingLogger implements FleetLogger {
  readonly lines: string[] = [];
  private write(level: string, message: string, fields?: FleetLogFields): void {
    this.lines.push(`${level} ${message} ${JSON.stringify(fields ?? {})}`);
  }
  debug(message: string, fields?: FleetLogFields): void {
    this.write('debug', message, fields);
  }
  info(message: string, fields?: FleetLogFields): void {
    this.write('info', message, fields);
  }
  warn(message: string, fields?: FleetLogFields): void {
    this.write('warn', message, fields);
  }
  error(message: string, fields?: FleetLogFields): void {
    this.write('error', message, fields);
  }
}

/** Sleeps recorded instead of taken: retries run at once and the waits can be asserted. */
export class RecordingSleep {
  readonly waits: number[] = [];
  readonly sleep = async (ms: number, signal?: AbortSignal): Promise<void> => {
    if (signal?.aborted) throw new Error('aborted');
    this.waits.push(ms);
  };
}

export function memberOf(fleet: RunningFleet, name: string, extra: Partial<ArrayMember> = {}): ArrayMember {
  const a = fleet.arrays.find((x) => x.name === name);
  if (!a) throw new Error(`no simulated array ${name}`);
  return {
    name: a.name,
    kind: a.type,
    endpoint: a.mgmtEndpoint,
    apiToken: a.apiToken,
    nfsEndpoint: a.nfsEndpoint,
    labels: a.labels,
    ...extra,
  };
}

export function rosterOf(fleet: RunningFleet, extra: Partial<FleetRoster> = {}): FleetRoster {
  return { arrays: fleet.arrays.map((a) => memberOf(fleet, a.name)), caPem: fleet.caCertPem, ...extra };
}

/** The session token a session holds right now (test-only peek; production code never reveals it). */
export function sessionTokenOf(session: PureRestSession): string | undefined {
  return (session as unknown as { sessionToken?: Secret }).sessionToken?.reveal();
}

/** Every credential must be absent from every text the tests collected. */
export function expectNoCredentials(texts: readonly string[], credentials: readonly string[]): void {
  const secrets = credentials.filter((c) => c.length >= 6);
  expect(secrets.length).toBeGreaterThan(0);
  const leaks = texts.filter((t) => secrets.some((s) => t.includes(s)));
  expect(leaks).toEqual([]);
}

/** Text of an error, as deep as anything could print it. */
export function errorText(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  return `${err.name}: ${err.message} ${JSON.stringify(err)} ${inspect(err, { depth: 6, showHidden: true })}`;
}

/** Count of requests with a status on one endpoint, from the simulator's counters. */
export async function countOf(
  fleet: RunningFleet,
  array: string,
  endpoint: string,
  status?: number,
): Promise<number> {
  const counts = await fleet.control.counters(array);
  const entry = counts.endpoints[endpoint];
  if (!entry) return 0;
  return status === undefined ? entry.count : (entry.byStatus[String(status)] ?? 0);
}
