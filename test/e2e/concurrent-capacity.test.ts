// Capacity safety across processes: two and four `terraform apply` runs (and two `tofu apply` runs)
// at the same moment, in separate working directories, into a fleet near its capacity threshold.
// Each run alone fits; all together do not. New volumes start empty, as on a real array: creating
// them moves no array's physical used, so the arrays' space reports alone cannot tell the runs
// apart. No array's projected fill (physical used + what the recent creates are expected to hold and
// do not yet) may end past its threshold, and once every volume is written as expected no array is
// past it; the runs that could not fit fail with a clear message; after space is freed, re-running
// them converges. Then refresh-only and plan write nothing. (engineering/fault-safety.md §4.)

import type { FleetDescription, RunningFleet } from '../../src/simulator';
import { startFleet } from '../../src/simulator';
import type { CliName } from './harness/workspace';
import { Workspace } from './harness/workspace';
import {
  faultFleetDescription,
  providerConfig,
  tally,
  volumesOnArrays,
  writesSinceReset,
} from './support/faults';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

jest.setTimeout(600_000);

const THRESHOLD = 0.85;
// Placement judges capacity by physical fill (engineering/placement-capacity.md): a new volume is
// charged size × written fraction ÷ data reduction. Here every volume is fully written
// (fillRatio 1) and nothing reduces (1), so that charge is the size itself and the arithmetic is
// exact: 10 TiB arrays 70% physically full (plus 0.3% system space) have 1.47 TiB of room below 85%
// each, so six 230 GiB volumes per array (1.35 TiB) fit and a seventh (1.57 TiB) does not: 12 in
// the fleet. A new volume is empty; once written (the simulator's `fill`), it holds its size.
const USED = 0.7;
const SIZE = '230G';

function fleetDescription(): FleetDescription {
  const base = faultFleetDescription({ arrays: 2, capacity: '10TiB', preexistingUsed: USED });
  return { ...base, arrays: base.arrays.map((a) => ({ ...a, fillRatio: 1, dataReductionRatio: 1 })) };
}

let fleet: RunningFleet;

beforeAll(async () => {
  fleet = await startFleet(fleetDescription(), {
    stateDir: mkdtempSync(join(tmpdir(), 'pure-sim-contention-')),
  });
});

afterAll(async () => {
  await fleet?.stop();
});

// Eradicated on destroy: a destroyed FlashArray volume keeps its physical space until eradicated,
// and the next test starts from the same 70% fill.
function volumes(run: string, count: number): string {
  return `resource "pure_volume" "${run}" {\n  count = ${count}\n  fleet = pure_fleet.f.name\n  name  = "${run}-\${count.index}"\n  size  = "${SIZE}"\n  deletion_policy = "eradicate"\n}\n`;
}

/**
 * Each array's utilisation as placement sees it, physical used ÷ usable (the engine's
 * baselinePhysicalBytes ÷ usableBytes; a FlashArray reports total_used = total_physical), and its
 * projected fill: physical used plus, for each of the fleet's volumes on it, what it is expected to
 * hold and does not yet — here its size (written fraction 1, no reduction) less its unique bytes.
 */
async function fill(): Promise<Record<string, { physical: number; projected: number }>> {
  const volumes = await volumesOnArrays(fleet);
  const out: Record<string, { physical: number; projected: number }> = {};
  for (const a of fleet.arrays) {
    const c = (await fleet.control.array(a.name)).capacity;
    let unreflected = 0;
    for (const v of volumes.get(a.name) ?? [])
      unreflected += Math.max(0, v.provisioned - (v.space?.unique ?? 0));
    out[a.name] = {
      physical: c.totalPhysical / c.capacity,
      projected: (c.totalPhysical + unreflected) / c.capacity,
    };
  }
  return out;
}

/** Writes every fleet volume as the model expects (the simulator's `fill`: its fill ratio, 1 here). */
async function writeAll(): Promise<number> {
  let n = 0;
  for (const [array, volumes] of await volumesOnArrays(fleet))
    for (const v of volumes) {
      await fleet.control.change(array, { action: 'fill', name: v.name });
      n++;
    }
  return n;
}

async function concurrentRuns(cli: CliName, runs: number, perRun: number, tag: string): Promise<void> {
  const spaces = Array.from({ length: runs }, () => new Workspace(cli));
  try {
    const configs = spaces.map((_, i) => providerConfig(fleet) + volumes(`${tag}${i}`, perRun));
    // pure_fleet is state only (no array object): each directory records its own.
    await Promise.all(
      spaces.map(async (w, i) => {
        w.writeConfig(configs[i] as string);
        await w.init();
      }),
    );
    // Each run alone fits: its plan passes.
    for (const w of spaces) expect((await w.plan()).code).toBe(2);
    const before = await fill();
    const results = await Promise.all(
      spaces.map((w) =>
        w.apply().then(
          () => 0,
          (e: { result?: { stderr: string } }) => e,
        ),
      ),
    );
    const after = await fill();
    const created = [...(await volumesOnArrays(fleet)).values()].flat();
    expect(created.length).toBeGreaterThan(0);
    for (const a of fleet.arrays) {
      // The creates wrote nothing: physical used is where it was (a real array's new volume is empty).
      expect(after[a.name]!.physical).toBe(before[a.name]!.physical);
      expect(after[a.name]!.projected).toBeLessThanOrEqual(THRESHOLD + 1e-9);
    }
    const failed = results.filter((r) => r !== 0) as { result?: { stderr: string } }[];
    // Together they do not fit: some run failed, and said why.
    expect(failed.length).toBeGreaterThan(0);
    for (const f of failed) {
      expect(f.result?.stderr).toMatch(
        /No room for this volume: concurrent runs filled the fleet|No array can take this volume/,
      );
      expect(f.result?.stderr).not.toMatch(/outcome unknown|already exists/i);
    }
    // The data arrives: every volume written as expected, and still no array past its threshold.
    expect(await writeAll()).toBe(created.length);
    for (const [name, u] of Object.entries(await fill())) {
      expect({ name, physical: u.physical }).toEqual({ name, physical: u.projected });
      expect(u.physical).toBeLessThanOrEqual(THRESHOLD + 1e-9);
    }
    // Free space (another workload shrank), and re-run every directory: all converge.
    for (const a of fleet.arrays) await fleet.control.setCapacity(a.name, { preexistingUsed: '1.8TiB' });
    for (const w of spaces) await w.apply();
    const all: string[] = [];
    for (const [i, w] of spaces.entries()) {
      const wanted = Array.from({ length: perRun }, (_, k) => `safe-${tag}${i}-${k}`);
      all.push(...wanted);
      expect(await tally(fleet, await w.state(), wanted)).toEqual({
        lost: 0,
        orphaned: 0,
        duplicated: 0,
        phantom: 0,
      });
    }
    await fleet.control.resetCounters();
    for (const w of spaces) {
      await w.run(['apply', '-refresh-only', '-auto-approve', '-input=false', '-no-color']);
      expect((await w.plan()).code).toBe(0);
    }
    expect(await writesSinceReset(fleet)).toEqual({});
    for (const w of spaces) await w.destroy();
  } finally {
    for (const w of spaces) w.dispose();
    for (const a of fleet.arrays)
      await fleet.control.setCapacity(a.name, { preexistingUsed: `${USED * 10}TiB` });
  }
}

it('one apply of 12 volumes alone fits exactly: its own creates are counted once, by the ledger or the listing', async () => {
  const w = new Workspace('terraform');
  try {
    w.writeConfig(providerConfig(fleet) + volumes('solo', 12));
    await w.init();
    await w.apply();
    const counts = [...(await volumesOnArrays(fleet)).values()].map((v) => v.length);
    expect(counts).toEqual([6, 6]);
    for (const u of Object.values(await fill())) expect(u.projected).toBeLessThanOrEqual(THRESHOLD + 1e-9);
    // A thirteenth does not fit, at plan time: the twelve count although the arrays show no data.
    w.writeConfig(providerConfig(fleet) + volumes('solo', 13));
    const plan = await w.run(['plan', '-input=false', '-no-color'], { allowFailure: true });
    expect(plan.code).toBe(1);
    expect(plan.stderr).toMatch(/No array can take this volume/);
    w.writeConfig(providerConfig(fleet) + volumes('solo', 12));
    await w.destroy();
  } finally {
    w.dispose();
  }
});

it('two concurrent applies of 8 volumes each (12 fit): no array past its threshold, the loser fails clearly, a re-run converges', async () => {
  await concurrentRuns('terraform', 2, 8, 'two');
});

it('four concurrent applies of 4 volumes each (12 fit)', async () => {
  await concurrentRuns('terraform', 4, 4, 'four');
});

it('with tofu: two concurrent applies of 8 volumes each', async () => {
  await concurrentRuns('tofu', 2, 8, 'tofu');
});
