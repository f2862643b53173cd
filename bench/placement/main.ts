// npm run bench:placement [-- --seeds 20] [-- --skip-scale]
// Runs every policy on every workload over the seeds, then the 100,000 × 1,000 scale measurement;
// writes bench/results/placement.json and prints the tables docs/placement.md quotes.

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DEFAULT_PLACEMENT_POLICY } from '../../src/fleet/placement';
import { POLICIES } from './policies';
import type { RunResult } from './simulate';
import { BURST_SIZE, CHECKPOINTS, WORKLOADS, simulate } from './simulate';
import type { Summary } from './stats';
import { summarise } from './stats';
import type { ScaleResult } from './scale';
import { measureScale } from './scale';

interface Options {
  seeds: number;
  scale: boolean;
  out: string;
}

function parseOptions(argv: readonly string[]): Options {
  const options: Options = { seeds: 20, scale: true, out: 'bench/results/placement.json' };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--seeds') options.seeds = Number(argv[++i]);
    else if (arg === '--skip-scale') options.scale = false;
    else if (arg === '--out') options.out = argv[++i] ?? options.out;
    else throw new Error(`unknown option ${arg}`);
  }
  if (!Number.isInteger(options.seeds) || options.seeds < 2) throw new Error('--seeds needs an integer >= 2');
  return options;
}

type Figures = Record<string, Summary>;

const pct = (level: number) => String(Math.round(level * 100));

/** Every figure the issue asks for, summarised over seeds. */
function figuresOf(runs: readonly RunResult[]): Figures {
  const figures: Figures = {};
  const at = (i: number) => runs.map((r) => r.checkpoints[i] ?? null);
  CHECKPOINTS.forEach((level, i) => {
    figures[`rejectionsAt${pct(level)}`] = summarise(at(i).map((c) => c?.rejections ?? null));
    figures[`rejectionRateAt${pct(level)}`] = summarise(at(i).map((c) => c?.rejectionRate ?? null));
    figures[`capacityUtilisationStdDevAt${pct(level)}`] = summarise(
      at(i).map((c) => c?.capacityUtilisationStdDev ?? null),
    );
    figures[`maxCapacityOverLowerBoundAt${pct(level)}`] = summarise(
      at(i).map((c) => c?.maxCapacityOverLowerBound ?? null),
    );
    figures[`maxLoadOverLowerBoundAt${pct(level)}`] = summarise(
      at(i).map((c) => c?.maxLoadOverLowerBound ?? null),
    );
  });
  const threshold = DEFAULT_PLACEMENT_POLICY.capacityThreshold;
  figures.utilisationAtFirstRejection = summarise(runs.map((r) => r.utilisationAtFirstRejection));
  figures.utilisationAtFirstRejectionOverThreshold = summarise(
    runs.map((r) => r.utilisationAtFirstRejection / threshold),
  );
  figures.seedsWithoutRejection = summarise(runs.map((r) => (r.rejectedAtAll ? 0 : 1)));
  figures.meanBurstMaxShare = summarise(runs.map((r) => r.meanBurstMaxShare));
  figures.worstBurstMaxShare = summarise(runs.map((r) => r.worstBurstMaxShare));
  figures.burstBoundViolations = summarise(runs.map((r) => r.burstBoundViolations));
  figures.burstBoundViolationsBelow90 = summarise(runs.map((r) => r.burstBoundViolationsBelow90));
  figures.newArrayShareOfNext50 = summarise(runs.map((r) => r.newArrayShare));
  figures.constraintViolations = summarise(
    runs.map((r) => r.capacityOvercommits + r.performanceOverloads + r.selectorViolations),
  );
  figures.capacityOvercommits = summarise(runs.map((r) => r.capacityOvercommits));
  figures.performanceOverloads = summarise(runs.map((r) => r.performanceOverloads));
  figures.selectorViolations = summarise(runs.map((r) => r.selectorViolations));
  figures.fallbackRetries = summarise(runs.map((r) => r.fallbackRetries));
  figures.determinism = summarise(runs.map((r) => r.determinism));
  figures.decisionP50Us = summarise(runs.map((r) => r.decisionP50Us));
  figures.decisionP99Us = summarise(runs.map((r) => r.decisionP99Us));
  figures.requests = summarise(runs.map((r) => r.requests));
  return figures;
}

interface Entry {
  readonly policy: string;
  readonly workload: string;
  readonly seeds: number;
  readonly figures: Figures;
}

function fmt(summary: Summary | undefined, digits = 2): string {
  if (!summary || summary.n === 0) return 'n/a';
  return `${summary.mean.toFixed(digits)} ± ${summary.ci95.toFixed(digits)}`;
}

function table(entries: readonly Entry[], workload: string): string {
  const columns: [string, string, number][] = [
    ['rej@50', 'rejectionsAt50', 1],
    ['rej@70', 'rejectionsAt70', 1],
    ['rej@90', 'rejectionsAt90', 1],
    ['rej@100', 'rejectionsAt100', 1],
    ['util@1st rej ÷ thr', 'utilisationAtFirstRejectionOverThreshold', 3],
    ['max u ÷ LB @90', 'maxCapacityOverLowerBoundAt90', 3],
    ['σ(u) @70', 'capacityUtilisationStdDevAt70', 3],
    ['σ(u) @90', 'capacityUtilisationStdDevAt90', 3],
    ['burst max share', 'worstBurstMaxShare', 2],
    ['bound breaches (<90%)', 'burstBoundViolationsBelow90', 1],
    ['new array share (50)', 'newArrayShareOfNext50', 2],
    ['violations', 'constraintViolations', 1],
    ['determinism', 'determinism', 4],
    ['p50 µs', 'decisionP50Us', 1],
    ['p99 µs', 'decisionP99Us', 1],
  ];
  const header = `| policy | ${columns.map((c) => c[0]).join(' | ')} |`;
  const rule = `|---|${columns.map(() => '---').join('|')}|`;
  const rows = entries
    .filter((e) => e.workload === workload)
    .map((e) => `| ${e.policy} | ${columns.map(([, key, d]) => fmt(e.figures[key], d)).join(' | ')} |`);
  return [`### ${workload}`, '', header, rule, ...rows].join('\n');
}

function main(): void {
  const options = parseOptions(process.argv.slice(2));
  const entries: Entry[] = [];
  const started = Date.now();
  for (const workload of WORKLOADS) {
    for (const policy of POLICIES) {
      const runs: RunResult[] = [];
      for (let seed = 1; seed <= options.seeds; seed++) runs.push(simulate(policy.make, workload, seed));
      entries.push({
        policy: policy.name,
        workload: workload.name,
        seeds: options.seeds,
        figures: figuresOf(runs),
      });
      process.stderr.write(
        `${workload.name} / ${policy.name}: ${((Date.now() - started) / 1000).toFixed(0)} s\n`,
      );
    }
  }
  let scale: ScaleResult | null = null;
  if (options.scale) scale = measureScale();

  const result = {
    command: 'npm run bench:placement',
    node: process.version,
    generatedAt: new Date().toISOString(),
    config: {
      seeds: options.seeds,
      burstSize: BURST_SIZE,
      checkpoints: CHECKPOINTS,
      capacityThreshold: DEFAULT_PLACEMENT_POLICY.capacityThreshold,
      performanceThreshold: DEFAULT_PLACEMENT_POLICY.performanceThreshold,
      workloads: WORKLOADS,
      policies: POLICIES.map((p) => p.name),
    },
    entries,
    scale,
  };
  const out = resolve(options.out);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);

  for (const workload of WORKLOADS) console.log(`${table(entries, workload.name)}\n`);
  if (scale) {
    console.log(
      `### scale\n\n${scale.decisions} decisions over ${scale.arrays} arrays: median ${scale.medianMs.toFixed(0)} ms wall, ` +
        `${scale.medianCpuMs.toFixed(0)} ms CPU (wall ${scale.runsMs.map((ms) => ms.toFixed(0)).join(', ')} ms; ` +
        `CPU ${scale.runsCpuMs.map((ms) => ms.toFixed(0)).join(', ')} ms; ${Math.round(scale.decisionsPerSecond)} decisions/s; ` +
        `${scale.placed} placed); with explanations ≈ ${scale.withExplanationsMsPer100k.toFixed(0)} ms per 100,000\n`,
    );
  }
  console.log(`wrote ${options.out}`);
}

main();
