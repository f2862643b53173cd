// The fault soak shared by bench/faults (long) and the e2e suite (short): faulted applies with
// mixed faults, each followed by at most one clean re-apply, and SIGKILLed applies followed by one
// plain apply. After each: what the arrays hold against what the state records.

import { spawn } from 'node:child_process';
import type { RunningFleet } from '../../../src/simulator';
import type { FaultSettings } from '../../../src/simulator/runtime';
import type { Workspace } from '../harness/workspace';
import { tally, volumesConfig, type Tally } from './faults';

export interface FaultMix {
  readonly name: string;
  /** Faults set on every array before the apply. */
  readonly faults: Partial<FaultSettings>;
  /** Sessions expired on every array before the apply (and once more while it runs). */
  readonly expireSessions?: boolean;
}

/** The mixes: 5xx, 429 bursts, resets, expired sessions, timeouts longer than the request timeout. */
export const FAULT_MIXES: readonly FaultMix[] = [
  { name: '503 on creates', faults: { failNext: 2, errorStatus: 503, match: ['POST /api/2.x/volumes'] } },
  { name: '5xx on 30% of calls', faults: { errorRate: 0.3, errorStatus: 502 } },
  { name: '429 bursts', faults: { rateLimitBurst: 6 } },
  { name: 'connection resets', faults: { dropRate: 0.15 } },
  { name: 'expired sessions', faults: {}, expireSessions: true },
  {
    name: 'create answers lost (latency > request timeout)',
    faults: { latencyMs: 2_500, match: ['POST /api/2.x/volumes'] },
  },
  {
    name: 'mixed: resets, 5xx, slow creates',
    faults: { dropRate: 0.1, errorRate: 0.1, errorStatus: 503, latencyMs: 600, latencyJitterMs: 2_500 },
    expireSessions: true,
  },
];

export interface RoundResult {
  readonly round: number;
  readonly mix: string;
  readonly faultedApplyOk: boolean;
  /** What the faulted apply printed on stderr (its diagnostics). */
  readonly faultedStderr?: string;
  /** Applies until the plan was empty (1: the faulted apply itself sufficed); Infinity if never. */
  readonly appliesToConverge: number;
  readonly tally: Tally;
}

const APPLY = ['apply', '-auto-approve', '-input=false', '-no-color'];

async function converged(workspace: Workspace): Promise<boolean> {
  const plan = await workspace.run(['plan', '-input=false', '-no-color', '-detailed-exitcode'], {
    allowFailure: true,
  });
  return plan.code === 0;
}

export function wantedNames(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `safe-${prefix}${i}`);
}

/** One faulted apply of `count` new volumes, then at most one clean apply. */
export async function faultedRound(
  fleet: RunningFleet,
  workspace: Workspace,
  base: string,
  round: number,
  mix: FaultMix,
  count: number,
): Promise<RoundResult> {
  const prefix = `f${round}x`;
  workspace.writeConfig(base + volumesConfig(count, '10G', prefix));
  for (const a of fleet.arrays) {
    await fleet.control.injectFaults(a.name, { ...mix.faults, match: mix.faults.match ?? [] });
    if (mix.expireSessions) await fleet.control.expireSessions(a.name);
  }
  const applying = workspace.run(APPLY, { allowFailure: true });
  if (mix.expireSessions) {
    await new Promise((r) => setTimeout(r, 1_500));
    for (const a of fleet.arrays) await fleet.control.expireSessions(a.name);
  }
  const faulted = await applying;
  await fleet.control.resetFaults();
  await new Promise((r) => setTimeout(r, 2_600)); // every delayed create lands
  let applies = 1;
  if (!(await converged(workspace))) {
    applies = 2;
    await workspace.run(APPLY, { allowFailure: true });
    if (!(await converged(workspace))) applies = Infinity;
  }
  return {
    round,
    mix: mix.name,
    faultedApplyOk: faulted.code === 0,
    faultedStderr: faulted.stderr,
    appliesToConverge: applies,
    tally: await tally(fleet, await workspace.state(), wantedNames(prefix, count)),
  };
}

/**
 * An apply of `count` new volumes SIGKILLed once `creates` volume POSTs were answered — terraform
 * alone, or terraform and its provider (the process group) — then one plain apply.
 */
export async function killedRound(
  fleet: RunningFleet,
  workspace: Workspace,
  base: string,
  round: number,
  count: number,
  creates: number,
  wholeGroup: boolean,
): Promise<RoundResult & { readonly orphansBeforeReapply: number }> {
  const prefix = `k${round}x`;
  workspace.writeConfig(base + volumesConfig(count, '10G', prefix));
  await fleet.control.resetCounters();
  const child = spawn(workspace.binary, APPLY, {
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
  const until = Date.now() + 60_000;
  while (!done && Date.now() < until) {
    const counters = await fleet.control.counters();
    const posts = Object.values(counters.arrays).reduce(
      (n, c) => n + (c.endpoints['POST /api/2.x/volumes']?.count ?? 0),
      0,
    );
    if (posts >= creates) break;
    await new Promise((r) => setTimeout(r, 25));
  }
  if (!done && child.pid !== undefined) {
    try {
      process.kill(wholeGroup ? -child.pid : child.pid, 'SIGKILL');
    } catch {
      // it had just finished
    }
  }
  await exited;
  await new Promise((r) => setTimeout(r, 500)); // a provider left running finishes its creates
  const before = await tally(fleet, await workspace.state(), wantedNames(prefix, count));
  const again = await workspace.run(APPLY, { allowFailure: true });
  const ok = again.code === 0 && (await converged(workspace));
  return {
    round,
    mix: wholeGroup ? 'SIGKILL terraform + provider' : 'SIGKILL terraform',
    faultedApplyOk: false,
    appliesToConverge: ok ? 1 : Infinity,
    tally: await tally(fleet, await workspace.state(), wantedNames(prefix, count)),
    orphansBeforeReapply: before.orphaned,
  };
}

/** Sums of a soak's rounds. */
export function summarise(results: readonly RoundResult[]): {
  rounds: number;
  lost: number;
  orphaned: number;
  duplicated: number;
  phantom: number;
  neverConverged: number;
  maxAppliesToConverge: number;
} {
  const sum = (f: (t: Tally) => number): number => results.reduce((n, r) => n + f(r.tally), 0);
  return {
    rounds: results.length,
    lost: sum((t) => t.lost),
    orphaned: sum((t) => t.orphaned),
    duplicated: sum((t) => t.duplicated),
    phantom: sum((t) => t.phantom),
    neverConverged: results.filter((r) => r.appliesToConverge === Infinity).length,
    maxAppliesToConverge: Math.max(0, ...results.map((r) => r.appliesToConverge)),
  };
}
