// Creates that survive kills, lost answers and faults, with real terraform against the simulator
// over HTTPS and its fault injection. After every case: each volume exists exactly once on the
// arrays and once in state, with no import by hand; and `apply -refresh-only` and `plan` write
// nothing to any array. (The long versions: bench/faults.)

import { spawn } from 'node:child_process';
import type { RunningFleet } from '../../src/simulator';
import { Workspace } from './harness/workspace';
import { FAULT_MIXES, faultedRound, killedRound, summarise } from './support/soak';
import {
  copiesOnArrays,
  providerConfig,
  startFaultFleet,
  tally,
  volumesConfig,
  writesSinceReset,
} from './support/faults';

jest.setTimeout(600_000);

let fleet: RunningFleet;

beforeAll(async () => {
  fleet = await startFaultFleet();
});

afterAll(async () => {
  await fleet?.stop();
});

afterEach(async () => {
  await fleet.control.resetFaults();
});

/** Every volume once on the arrays and once in state; then refresh-only and plan write nothing. */
async function expectConverged(workspace: Workspace, wanted: readonly string[]): Promise<void> {
  const state = await workspace.state();
  expect(await tally(fleet, state, wanted)).toEqual({ lost: 0, orphaned: 0, duplicated: 0, phantom: 0 });
  // Requests of the apply before that the simulator still holds (injected latency) land first, so
  // the counters below see only what refresh-only and plan send.
  await new Promise((r) => setTimeout(r, 3_000));
  await fleet.control.resetCounters();
  await workspace.run(['apply', '-refresh-only', '-auto-approve', '-input=false', '-no-color']);
  const plan = await workspace.plan();
  expect(plan.code).toBe(0);
  expect(await writesSinceReset(fleet)).toEqual({});
}

const names = (prefix: string, count: number): string[] =>
  Array.from({ length: count }, (_, i) => `safe-${prefix}${i}`);

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('terraform', () => {
  let workspace: Workspace;
  let base: string;

  beforeAll(async () => {
    workspace = new Workspace('terraform');
    base = providerConfig(fleet, { requestTimeoutSeconds: 1 });
    workspace.writeConfig(base);
    await workspace.init();
    await workspace.apply(); // the pure_fleet first, so each case's apply creates only volumes
  });

  afterAll(() => workspace?.dispose());

  // The create's answer is lost (or never comes) and the existence check after it fails too: each
  // way it can. The check's faults start once the apply has read the fleet's telemetry and listing
  // (both GET volumes as well), so the create is sent.
  it.each([
    {
      name: 'three arrays, 1 s timeout, 1.5 s on volume POSTs and GETs (check times out)',
      post: { latencyMs: 1_500 },
      check: { latencyMs: 1_500 },
    },
    {
      name: 'create connection reset, every check answered 503',
      post: { dropNext: 1 },
      check: { errorRate: 1, errorStatus: 503 },
    },
    {
      name: 'create answer lost, every check reset',
      post: { latencyMs: 1_500 },
      check: { dropRate: 1 },
    },
  ])(
    '$name: one volume on one array or a clear error and none; then one plain apply converges',
    async ({ name, post, check }) => {
      const prefix = `chk${name.length}x`;
      const backend = `safe-${prefix}0`;
      workspace.writeConfig(base + volumesConfig(1, '10G', prefix));
      await workspace.run(['plan', '-input=false', '-no-color', '-out=tfplan']);
      await fleet.control.resetCounters();
      for (const a of fleet.arrays)
        await fleet.control.injectFaults(a.name, { ...post, match: ['POST /api/2.x/volumes'] });
      const applying = workspace.run(['apply', '-input=false', '-no-color', 'tfplan'], {
        allowFailure: true,
      });
      await waitFor(async () => {
        const arrays = Object.values((await fleet.control.counters()).arrays);
        return (
          arrays.length === fleet.arrays.length &&
          arrays.every(
            (c) =>
              (c.endpoints['GET /api/2.x/arrays/space']?.count ?? 0) > 0 &&
              (c.endpoints['GET /api/2.x/volumes']?.count ?? 0) >= 2,
          )
        );
      }, 30_000);
      for (const a of fleet.arrays)
        await fleet.control.injectFaults(a.name, {
          ...post,
          ...check,
          match: ['POST /api/2.x/volumes', 'GET /api/2.x/volumes'],
        });
      const result = await applying;
      await fleet.control.resetFaults();
      await new Promise((r) => setTimeout(r, 2_000)); // every delayed request lands
      const where = (await copiesOnArrays(fleet)).get(backend) ?? [];
      expect(where.length).toBeLessThanOrEqual(1);
      const counters = await fleet.control.counters();
      const postedTo = Object.entries(counters.arrays)
        .filter(([, c]) => (c.endpoints['POST /api/2.x/volumes']?.count ?? 0) > 0)
        .map(([a]) => a);
      // Every create went to one array: nothing was tried elsewhere.
      expect(postedTo).toHaveLength(1);
      if (result.code !== 0) {
        expect(result.stderr).toMatch(/Volume create outcome unknown/);
        expect(result.stderr).toMatch(/not\s+tried\s+on\s+any\s+other\s+array/);
        expect(result.stderr).not.toMatch(/No array can take this volume|already exists/);
      } else {
        expect(where).toHaveLength(1);
      }
      // One plain apply, no import: the copy this fleet made is adopted (or created if none landed).
      const again = await workspace.apply();
      if (result.code !== 0 && where.length === 1) expect(again.stdout + again.stderr).toMatch(/[Aa]dopt/);
      await expectConverged(workspace, [backend]);
    },
  );

  it('lost create answers (POST slower than the request timeout): each create resolved on its array, no duplicates', async () => {
    workspace.writeConfig(base + volumesConfig(6, '10G', 'lost'));
    for (const a of fleet.arrays)
      await fleet.control.injectFaults(a.name, { latencyMs: 1_300, match: ['POST /api/2.x/volumes'] });
    const result = await workspace.apply();
    expect(result.code).toBe(0);
    await fleet.control.resetFaults();
    await expectConverged(workspace, names('lost', 6));
  });

  it('SIGKILL of terraform (or of it and its provider) mid-apply of 20 volumes: one plain apply converges (3 rounds)', async () => {
    let orphansAdopted = 0;
    for (let round = 0; round < 3; round++) {
      const prefix = `k${round}x`;
      workspace.writeConfig(base + volumesConfig(20, '10G', prefix));
      await fleet.control.resetCounters();
      const killed = await applyKilledAt(workspace, 1 + Math.floor(Math.random() * 18), round % 2 === 0);
      const before = await tally(fleet, await workspace.state(), names(prefix, 20));
      orphansAdopted += before.orphaned;
      const result = await workspace.run(['apply', '-auto-approve', '-input=false', '-no-color'], {
        allowFailure: true,
      });
      expect({ round, killed, stderr: result.stderr }).toEqual({ round, killed, stderr: '' });
      await expectConverged(workspace, names(prefix, 20));
    }
    // The kills landed while creates were in flight: some volumes were on the arrays and not in state.
    expect(orphansAdopted).toBeGreaterThan(0);
  });

  it('short soak: faulted applies with mixed faults (5xx, 429, resets, expired sessions, lost answers) converge after at most one clean re-apply', async () => {
    const mixes = [FAULT_MIXES[0], FAULT_MIXES[2], FAULT_MIXES[4], FAULT_MIXES[6]];
    const results = [];
    for (const [i, mix] of mixes.entries())
      if (mix) results.push(await faultedRound(fleet, workspace, base, i, mix, 4));
    expect(summarise(results)).toMatchObject({
      lost: 0,
      orphaned: 0,
      duplicated: 0,
      phantom: 0,
      neverConverged: 0,
    });
    expect(summarise(results).maxAppliesToConverge).toBeLessThanOrEqual(2);
    // A transient fault is never reported as a fleet without room, nor as someone else's volume.
    for (const r of results) {
      expect(r.faultedStderr).not.toMatch(/No array can take this volume/);
      expect(r.faultedStderr).not.toMatch(/Volume already exists/);
    }
    await fleet.control.resetCounters();
    await workspace.run(['apply', '-refresh-only', '-auto-approve', '-input=false', '-no-color']);
    expect((await workspace.plan()).code).toBe(0);
    expect(await writesSinceReset(fleet)).toEqual({});
  });
});

// OpenTofu re-plans during apply as terraform does, but is its own implementation of it: the
// adoption path (plan predicts, create takes) is checked with it too.
describe('tofu', () => {
  let workspace: Workspace;
  let base: string;

  beforeAll(async () => {
    workspace = new Workspace('tofu');
    base = providerConfig(fleet, { requestTimeoutSeconds: 1 });
    workspace.writeConfig(base);
    await workspace.init();
    await workspace.apply();
  });

  afterAll(() => workspace?.dispose());

  it('SIGKILL of tofu and its provider mid-apply of 20 volumes: one plain apply converges', async () => {
    const r = await killedRound(fleet, workspace, base, 100, 20, 8, true);
    expect(r.orphansBeforeReapply).toBeGreaterThan(0);
    expect(r.tally).toEqual({ lost: 0, orphaned: 0, duplicated: 0, phantom: 0 });
    expect(r.appliesToConverge).toBe(1);
    await expectConverged(
      workspace,
      Array.from({ length: 20 }, (_, i) => `safe-k100x${i}`),
    );
  });
});

/**
 * Starts an apply and SIGKILLs it once `creates` volume POSTs have been answered: terraform alone,
 * or terraform and the provider it started (its process group). Returns whether it was killed.
 */
async function applyKilledAt(workspace: Workspace, creates: number, wholeGroup: boolean): Promise<boolean> {
  const child = spawn(workspace.binary, ['apply', '-auto-approve', '-input=false', '-no-color'], {
    cwd: workspace.dir,
    env: workspace.env(),
    detached: true,
    stdio: 'ignore',
  });
  let done = false;
  const exited = new Promise<void>((r) =>
    child.on('exit', () => {
      done = true;
      r();
    }),
  );
  await waitFor(async () => {
    if (done) return true;
    const counters = await fleet.control.counters();
    const posts = Object.values(counters.arrays).reduce(
      (n, c) => n + (c.endpoints['POST /api/2.x/volumes']?.count ?? 0),
      0,
    );
    return posts >= creates;
  }, 60_000);
  let killed = false;
  if (!done && child.pid !== undefined) {
    try {
      process.kill(wholeGroup ? -child.pid : child.pid, 'SIGKILL');
      killed = true;
    } catch {
      // it had just finished
    }
  }
  await exited;
  return killed;
}
