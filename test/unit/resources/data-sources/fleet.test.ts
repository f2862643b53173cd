// pure_fleet's state from telemetry readings, without arrays: a healthy array's figures (NaN and
// Infinity become null, reservations raise the share), an array never read (no figures, the
// failure said), an array unreachable now but read before (its last figures, marked
// unreachable), and totals over the reachable arrays only.

import type { ArrayMember } from '../../../../src/fleet/roster';
import { candidateFrom, figuresFrom, unreachableCandidate } from '../../../../src/fleet/telemetry';
import type { TelemetryReading } from '../../../../src/fleet/telemetry';
import { CtyNumber } from '../../../../src/provider/cty/number';
import { Diagnostics } from '../../../../src/provider/framework/diagnostics';
import { silentLogger } from '../../../../src/provider/log';
import { fleetDataSource } from '../../../../src/resources/data-sources/fleet';
import type { PureProviderData } from '../../../../src/resources/provider';

const TIB = 2 ** 40;
const NOW = Date.parse('2026-01-02T03:04:05.000Z');

const member = (name: string, extra: Partial<ArrayMember> = {}): ArrayMember => ({
  name,
  kind: 'flasharray',
  endpoint: `${name}.example`,
  apiToken: 't',
  labels: { zone: 'a' },
  ...extra,
});

function readingOf(m: ArrayMember, usedTib: number): TelemetryReading {
  const figures = figuresFrom(m, {
    kind: 'flasharray',
    info: { id: `id-${m.name}`, name: `${m.name}-own`, version: '6.7.2', capacity: 100 * TIB },
    space: {
      capacity: 100 * TIB,
      time: NOW - 1000,
      space: {
        total_physical: usedTib * TIB,
        total_provisioned: 2 * usedTib * TIB,
        data_reduction: 3,
        unique: 1,
      },
    },
    performance: {
      reads_per_sec: 1000,
      writes_per_sec: 1000,
      others_per_sec: 0,
      usec_per_read_op: 500,
      usec_per_write_op: 500,
    },
    volumeCount: 10,
    unreadable: [],
    apiVersion: '2.56',
  });
  return {
    member: m.name,
    kind: m.kind,
    candidate: candidateFrom(m, figures, NOW, 0),
    observedAtMs: NOW,
    completedAtMs: NOW + 5,
    reachable: true,
    figures,
    idKnown: true,
    requestsSent: 7,
  };
}

function unreachable(m: ArrayMember, last?: TelemetryReading): TelemetryReading {
  return {
    member: m.name,
    kind: m.kind,
    candidate: unreachableCandidate(m, 'connection refused', NOW, last?.figures),
    observedAtMs: NOW,
    completedAtMs: NOW,
    reachable: false,
    failure: { error: 'ArrayUnreachableError', reason: 'connection refused' },
    figures: last?.figures,
    idKnown: last !== undefined,
    requestsSent: 1,
  };
}

async function read(
  members: ArrayMember[],
  readings: TelemetryReading[],
  reserved = new Map<string, number>(),
) {
  const providerData = {
    fleet: {
      members,
      member: (name: string) => members.find((m) => m.name === name)!,
      telemetry: { readAll: async () => readings },
    },
    placer: { reservedPhysicalBytes: () => reserved },
    policy: {},
  } as unknown as PureProviderData;
  const diags = new Diagnostics();
  const state = await fleetDataSource.read(
    { config: { arrays: null, totals: null, read_at: null } },
    { diags, logger: silentLogger, signal: new AbortController().signal, providerData },
  );
  expect(diags.all).toEqual([]);
  return state!;
}

const n = (x: CtyNumber | null | undefined) => (x instanceof CtyNumber ? x.toNumber() : x);

test("a healthy array's figures, with reservations raising the share", async () => {
  const m = member('fa-1', { volumeLimit: 500 });
  const state = await read([m], [readingOf(m, 20)], new Map([['id-fa-1', 5 * TIB]]));
  const a = state.arrays![0]!;
  expect(a).toMatchObject({
    name: 'fa-1',
    type: 'flasharray',
    reachable: true,
    healthy: true,
    failure: null,
    array_id: 'id-fa-1',
    array_name: 'fa-1-own',
    purity_version: '6.7.2',
    api_version: '2.56',
    observed_at: '2026-01-02T03:04:05.000Z',
    labels: { zone: 'a' },
  });
  expect(n(a.capacity?.used_share)).toBe(0.2);
  expect(n(a.capacity?.share_after_reservations)).toBe(0.25);
  expect(a.capacity?.data_reduction_ratio).toBeNull(); // too little data to trust the ratio
  expect(a.capacity?.sampled_at).toBe('2026-01-02T03:04:04.000Z');
  expect(n(a.volumes?.count)).toBe(10);
  expect(n(a.volumes?.limit)).toBe(500);
  expect(a.volumes?.limit_source).toBe('roster');
  expect(n(a.performance?.latency_ms)).toBe(0.5);
});

test('an array never read, and one unreachable now: marked so, and left out of the totals', async () => {
  const good = member('fa-1');
  const never = member('fa-2');
  const lost = member('fa-3');
  const before = readingOf(lost, 50);
  const state = await read(
    [good, never, lost],
    [readingOf(good, 20), unreachable(never), unreachable(lost, before)],
  );
  const [, a2, a3] = state.arrays!;
  expect(a2).toMatchObject({
    reachable: false,
    healthy: false,
    failure: 'connection refused',
    array_id: null,
    capacity: null,
  });
  expect(a3).toMatchObject({ reachable: false, healthy: false, array_id: 'id-fa-3' });
  expect(n(a3?.capacity?.used_share)).toBe(0.5); // the last figures, shown as such
  const totals = state.totals!;
  expect([n(totals.arrays), n(totals.reachable_arrays), n(totals.healthy_arrays)]).toEqual([3, 1, 1]);
  expect(n(totals.usable_bytes)).toBe(100 * TIB);
  expect(n(totals.used_share)).toBe(0.2);
});
