// Capacity safety across processes with empty new volumes (src/fleet/contention.ts,
// src/fleet/recent-creates.ts): a new volume moves no physical space on a real array, so the
// post-create check and placement charge each recent fleet create what the capacity model expects
// it to hold and the array does not show yet.

import type { FlashArrayVolume } from '../../../src/fleet/clients/flasharray';
import { CONTENTION_WINDOW_MS, contendedLosers, type ContentionSource } from '../../../src/fleet/contention';
import { DEFAULT_PLACEMENT_POLICY, PlacementEngine } from '../../../src/fleet/placement';
import type { ArrayCandidate } from '../../../src/fleet/placement';
import { previewPlacements } from '../../../src/fleet/preview';
import { chargeCreates, recentCreate, withRecentCreates } from '../../../src/fleet/recent-creates';
import type { TelemetryReading } from '../../../src/fleet/telemetry';
import { FleetVolumeSnapshot, nameKey, type FleetObject } from '../../../src/fleet/volumes';
import { NOW, TIB, array, request } from './placement/fixtures';

const PREFIX = 'f-';

/**
 * 100 TiB usable, 70 TiB physically used by fully written, unreduced data (w = 1, DRR 1), plus
 * `creates` new volumes of 2 TiB each on top of the 70 TiB provisioned. Room below 85%: 15 TiB, so
 * seven such volumes are expected to fit (84%) and an eighth is not (86%).
 */
function fullArray(creates: number, extra: Partial<ArrayCandidate['capacity']> = {}): ArrayCandidate {
  return array('fa-1', {
    capacity: {
      usableBytes: 100 * TIB,
      physicalUsedBytes: 70 * TIB,
      provisionedBytes: (70 + 2 * creates) * TIB,
      writtenBytes: 70 * TIB,
      dataReductionRatio: 1,
      ...extra,
    },
  });
}

function volume(index: number, written = 0, createdAtMs = NOW - 60_000 + index): FleetObject {
  const name = `${PREFIX}v${index}`;
  const v: FlashArrayVolume = {
    id: `id-${index}`,
    name,
    serial: `S${index}`,
    provisioned: 2 * TIB,
    destroyed: false,
    created: createdAtMs,
    space: { total_provisioned: 2 * TIB, virtual: written, unique: written },
  };
  return { kind: 'flasharray', name, volume: v };
}

function snapshot(objects: readonly FleetObject[], observedAtMs = NOW): FleetVolumeSnapshot {
  return new FleetVolumeSnapshot(PREFIX, [
    {
      array: 'fa-1',
      kind: 'flasharray',
      status: { state: 'read', observedAtMs, objectCount: objects.length, requestsSent: 1 },
      objects: new Map(objects.map((o) => [nameKey(o.name), o])),
    },
  ]);
}

function source(candidate: ArrayCandidate, objects: readonly FleetObject[]): ContentionSource {
  const reading = { member: 'fa-1', kind: 'flasharray', candidate, observedAtMs: NOW, reachable: true };
  return {
    telemetry: { read: () => Promise.resolve(reading as TelemetryReading) },
    volumes: { snapshot: () => Promise.resolve(snapshot(objects)) },
  };
}

const check = (volume: string) => ({
  array: 'fa-1',
  kind: 'block' as const,
  volume,
  prefix: PREFIX,
  createdAtMs: NOW - 1,
});

const eight = Array.from({ length: 8 }, (_, i) => volume(i));

describe('the post-create check charges empty new volumes what they are expected to hold', () => {
  it('eight empty 2 TiB volumes on a 70%-full array: physical used has not moved, yet the newest loses', async () => {
    // The array reports 70% used: the old check (physical used alone) kept all eight.
    const losers = await contendedLosers(source(fullArray(8), eight), {}, check(`${PREFIX}v7`));
    expect(losers).toEqual([`${PREFIX}v7`]);
  });

  it('an older volume of the same burst keeps its place (every run computes the same verdict)', async () => {
    const losers = await contendedLosers(source(fullArray(8), eight), {}, check(`${PREFIX}v3`));
    expect(losers).toEqual([`${PREFIX}v7`]);
    expect(losers).not.toContain(`${PREFIX}v3`);
  });

  it('seven fit: no loser', async () => {
    const seven = eight.slice(0, 7);
    expect(await contendedLosers(source(fullArray(7), seven), {}, check(`${PREFIX}v6`))).toEqual([]);
  });

  it('a volume already written is charged only what the array does not show yet', async () => {
    // v0 holds its 2 TiB: the array shows 72 TiB, v0's charge is max(0, 2 − 2) = 0, the rest 2 each.
    const objects = [volume(0, 2 * TIB), ...eight.slice(1)];
    const reading = fullArray(8, { physicalUsedBytes: 72 * TIB, writtenBytes: 72 * TIB });
    const { charges } = chargeCreates(
      reading,
      objects.map((o) => recentCreate(o)!),
      DEFAULT_PLACEMENT_POLICY,
    );
    expect(charges.map((c) => c.unreflectedBytes / TIB)).toEqual([0, 2, 2, 2, 2, 2, 2, 2]);
    expect(await contendedLosers(source(reading, objects), {}, check(`${PREFIX}v7`))).toEqual([
      `${PREFIX}v7`,
    ]);
  });

  it("the model's ratios come from the array before the burst, not as the empty volumes dilute it", () => {
    // As read, w = 70 ÷ 86 = 0.81: eight volumes would look like 13 TiB and all fit.
    const { physicalPerProvisionedByte } = chargeCreates(
      fullArray(8),
      eight.map((o) => recentCreate(o)!),
      DEFAULT_PLACEMENT_POLICY,
    );
    expect(physicalPerProvisionedByte).toBe(1);
  });

  it('expected_fill_ratio, the same override placement uses, sets the charge', async () => {
    // Half of each volume expected written: 8 × 1 TiB fit in the 15 TiB of room.
    expect(
      await contendedLosers(source(fullArray(8), eight), { expectedFillRatio: 0.5 }, check(`${PREFIX}v7`)),
    ).toEqual([]);
  });

  it('creates older than the window before this one do not contend', async () => {
    const old = eight.map((o, i) => (i < 4 ? volume(i, 0, NOW - CONTENTION_WINDOW_MS - 120_000) : o));
    expect(await contendedLosers(source(fullArray(8), old), {}, check(`${PREFIX}v7`))).toEqual([]);
  });
});

describe('placement counts the recent creates as reserved until the array shows their data', () => {
  const engineOn = (reading: ArrayCandidate) => {
    const engine = new PlacementEngine({ clock: () => NOW });
    engine.observe([reading]);
    return engine;
  };

  it("another run's seven empty volumes leave no room for this run's eighth", () => {
    const reading = fullArray(7);
    // On telemetry alone the array looks 70% full and takes it.
    expect(engineOn(reading).chooseAndReserve(request('f/x', { sizeBytes: 2 * TIB })).placed).toBe(true);
    const seen = withRecentCreates(reading, snapshot(eight.slice(0, 7)), DEFAULT_PLACEMENT_POLICY, NOW);
    expect(seen.capacity.physicalUsedBytes).toBe(84 * TIB);
    const outcome = engineOn(seen).chooseAndReserve(request('f/x', { sizeBytes: 2 * TIB }));
    expect(outcome.placed).toBe(false);
    expect(outcome.explanation?.excluded[0]?.message).toMatch(/^fa-1 is 84% full; /);
  });

  it('creates older than the window, and creates the caller still holds reserved, are not charged again', () => {
    const reading = fullArray(7);
    const objects = eight
      .slice(0, 7)
      .map((o, i) => (i < 3 ? volume(i, 0, NOW - CONTENTION_WINDOW_MS - 1) : o));
    // Four recent ones, charged at the written fraction of the array without them: 70 ÷ (84 − 8).
    const each = (2 * 70) / 76;
    const seen = withRecentCreates(reading, snapshot(objects), DEFAULT_PLACEMENT_POLICY, NOW);
    expect(seen.capacity.physicalUsedBytes / TIB).toBeCloseTo(70 + 4 * each, 9);
    const held = (name: string) => name === `${PREFIX}v6`;
    const withHeld = withRecentCreates(reading, snapshot(objects), DEFAULT_PLACEMENT_POLICY, NOW, held);
    expect(withHeld.capacity.physicalUsedBytes / TIB).toBeCloseTo(70 + 3 * each, 9);
  });

  it('is stamped with the older of the reading and the listing, so the ledger keeps what the listing may miss', () => {
    const seen = withRecentCreates(
      fullArray(7),
      snapshot(eight.slice(0, 7), NOW - 5_000),
      DEFAULT_PLACEMENT_POLICY,
      NOW,
    );
    expect(seen.observedAtMs).toBe(NOW - 5_000);
  });

  it('the placement preview counts them too, given the fleet prefix', async () => {
    const now = Date.now();
    const recent = Array.from({ length: 7 }, (_, i) => volume(i, 0, now - 1_000));
    const preview = (prefix?: string) =>
      previewPlacements(
        {
          telemetry: { candidates: () => Promise.resolve([{ ...fullArray(7), observedAtMs: now }]) },
          volumes: { snapshot: () => Promise.resolve(snapshot(recent, now)) },
        },
        [{ key: 'f/x', kind: 'block', sizeBytes: 2 * TIB, labelSelector: {} }],
        prefix === undefined ? {} : { prefix },
      );
    expect((await preview())[0]?.placed).toBe(true);
    expect((await preview(PREFIX))[0]?.placed).toBe(false);
  });

  it('an unreadable listing leaves the reading as it is', () => {
    const reading = fullArray(7);
    const unreadable = new FleetVolumeSnapshot(PREFIX, [
      {
        array: 'fa-1',
        kind: 'flasharray',
        status: { state: 'unreadable', observedAtMs: NOW, error: 'E', reason: 'r', unreachable: true },
        objects: new Map(),
      },
    ]);
    expect(withRecentCreates(reading, unreadable, DEFAULT_PLACEMENT_POLICY, NOW)).toBe(reading);
  });
});
