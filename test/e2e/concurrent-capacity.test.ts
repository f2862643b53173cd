// Capacity safety across processes: two and four `terraform apply` runs at the same moment, in
// separate working directories, into a fleet near its capacity threshold. Each run alone fits; all
// together do not. No array may end past its threshold; the runs that could not fit fail with a
// clear message; after space is freed, re-running them converges. Then refresh-only and plan write
// nothing. (engineering/fault-safety.md states the guarantee.)

import type { FleetDescription, RunningFleet } from '../../src/simulator';
import { startFleet } from '../../src/simulator';
import { Workspace } from './harness/workspace';
import { faultFleetDescription, providerConfig, tally, writesSinceReset } from './support/faults';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

jest.setTimeout(600_000);

const THRESHOLD = 0.85;
// Placement judges capacity by physical fill (engineering/placement-capacity.md): a new volume is
// charged size × written fraction ÷ data reduction. Here every volume is fully written
// (fillRatio 1) and nothing reduces (1), so that charge is the size itself and the arithmetic is
// exact: 10 TiB arrays 70% physically full have 1.5 TiB of room below 85% each, so six 230 GiB
// volumes per array (1.35 TiB) fit and a seventh (1.57 TiB) does not: 12 in the fleet.
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
 * Each array's capacity utilisation as placement sees it: physical used ÷ usable (the engine's
 * baselinePhysicalBytes ÷ usableBytes; a FlashArray reports total_used = total_physical).
 */
async function utilisation(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const a of fleet.arrays) {
    const c = (await fleet.control.array(a.name)).capacity;
    out[a.name] = c.totalPhysical / c.capacity;
  }
  return out;
}

async function concurrentRuns(runs: number, perRun: number, tag: string): Promise<void> {
  const spaces = Array.from({ length: runs }, () => new Workspace('terraform'));
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
    const results = await Promise.all(
      spaces.map((w) =>
        w.apply().then(
          () => 0,
          (e: { result?: { stderr: string } }) => e,
        ),
      ),
    );
    const util = await utilisation();
    for (const u of Object.values(util)) expect(u).toBeLessThanOrEqual(THRESHOLD + 1e-9);
    const failed = results.filter((r) => r !== 0) as { result?: { stderr: string } }[];
    // Together they do not fit: some run failed, and said why.
    expect(failed.length).toBeGreaterThan(0);
    for (const f of failed) {
      expect(f.result?.stderr).toMatch(/No room for this volume|No array can take this volume/);
      expect(f.result?.stderr).not.toMatch(/outcome unknown|already exists/i);
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

it('two concurrent applies of 8 volumes each (12 fit): no array past its threshold, the loser fails clearly, a re-run converges', async () => {
  await concurrentRuns(2, 8, 'two');
});

it('four concurrent applies of 4 volumes each (12 fit)', async () => {
  await concurrentRuns(4, 4, 'four');
});
