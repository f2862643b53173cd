// The fault soak, long version (engineering/fault-safety.md §6): against a simulated fleet of
// three FlashArrays over HTTPS, with real terraform,
//   - N faulted applies (default 50) of 5 new volumes each, cycling through mixed faults (5xx,
//     429 bursts, resets, expired sessions, create answers lost to latency longer than the request
//     timeout), each followed by at most one clean re-apply;
//   - K applies of 20 volumes (default 20) SIGKILLed once k creates were answered (terraform alone,
//     or terraform and its provider), each followed by one plain apply.
// Prints, per kind of round, the volumes lost / orphaned / duplicated / recorded-but-absent and the
// applies it took to reach an empty plan.
//
//   npm run bench:faults [-- --faulted 50 --killed 20]

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Workspace, type E2ESetup } from '../../test/e2e/harness/workspace';
import { providerConfig, startFaultFleet } from '../../test/e2e/support/faults';
import {
  FAULT_MIXES,
  faultedRound,
  killedRound,
  summarise,
  type RoundResult,
} from '../../test/e2e/support/soak';

const arg = (name: string, fallback: number): number =>
  process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : fallback;

async function main(): Promise<void> {
  const faultedCount = arg('--faulted', 50);
  const killedCount = arg('--killed', 20);
  const fleet = await startFaultFleet();
  // Run from the project root (run.mjs does): the set-up it wrote is found from there.
  const setup = JSON.parse(
    readFileSync(join(process.cwd(), '.cache', 'bench-faults', 'setup.json'), 'utf8'),
  ) as E2ESetup;
  const workspace = new Workspace('terraform', setup);
  const started = Date.now();
  try {
    const base = providerConfig(fleet, { requestTimeoutSeconds: 2 });
    workspace.writeConfig(base);
    await workspace.init();
    await workspace.apply();
    const faulted: RoundResult[] = [];
    for (let i = 0; i < faultedCount; i++) {
      const mix = FAULT_MIXES[i % FAULT_MIXES.length]!;
      const r = await faultedRound(fleet, workspace, base, i, mix, 5);
      faulted.push(r);
      process.stderr.write(
        `faulted ${i + 1}/${faultedCount} ${mix.name}: apply ${r.faultedApplyOk ? 'ok' : 'failed'}, ` +
          `converged after ${r.appliesToConverge} apply(s), ${JSON.stringify(r.tally)}\n`,
      );
    }
    const killed: (RoundResult & { orphansBeforeReapply: number })[] = [];
    for (let i = 0; i < killedCount; i++) {
      const r = await killedRound(
        fleet,
        workspace,
        base,
        i,
        20,
        1 + Math.floor(Math.random() * 19),
        i % 2 === 0,
      );
      killed.push(r);
      process.stderr.write(
        `killed ${i + 1}/${killedCount} (${r.mix}): ${r.orphansBeforeReapply} orphans before the re-apply, ` +
          `${JSON.stringify(r.tally)}\n`,
      );
    }
    const rows = [
      ['faulted applies (5 volumes each)', summarise(faulted)],
      ['SIGKILLed applies (20 volumes each)', summarise(killed)],
    ] as const;
    const byMix = new Map<string, number>();
    for (const r of faulted) if (!r.faultedApplyOk) byMix.set(r.mix, (byMix.get(r.mix) ?? 0) + 1);
    console.log(
      '| rounds | kind | lost | orphaned | duplicated | in state, not on array | never converged | max applies to converge |',
    );
    console.log('|---|---|---|---|---|---|---|---|');
    for (const [kind, s] of rows)
      console.log(
        `| ${s.rounds} | ${kind} | ${s.lost} | ${s.orphaned} | ${s.duplicated} | ${s.phantom} | ${s.neverConverged} | ${s.maxAppliesToConverge} |`,
      );
    console.log(
      `\nfaulted applies that failed (then converged on the clean re-apply): ${[...byMix].map(([m, n]) => `${m} ${n}`).join('; ') || 'none'}`,
    );
    console.log(`orphans adopted after kills: ${killed.reduce((n, r) => n + r.orphansBeforeReapply, 0)}`);
    console.log(`wall time: ${Math.round((Date.now() - started) / 1000)} s`);
  } finally {
    workspace.dispose();
    await fleet.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
