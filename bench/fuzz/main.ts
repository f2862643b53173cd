// The long fuzz of the provider process (issue 14): 100,000 seeded requests over its real gRPC
// interface, ten in flight, with the report engineering/fuzzing.md records. The short run of the
// same fuzzer is test/integration/provider/fuzz.test.ts.
//
//   npm run bench:fuzz [-- --seed 1 --requests 100000 --deadline-ms 10000]
//   npm run bench:fuzz -- --seed S --only I      replays input I of seed S alone
//
// Exits 1 when any input failed, listing each with the command that replays it.

import { formatReport, runFuzz } from '../../test/support/fuzz/run';
import { launchProvider } from '../../test/support/plugin-process';
import { join } from 'node:path';

const arg = (name: string): string | undefined =>
  process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined;
const seed = Number(arg('--seed') ?? 1);
const requests = Number(arg('--requests') ?? 100_000);
const only = arg('--only') === undefined ? undefined : Number(arg('--only'));
const deadlineMs = Number(arg('--deadline-ms') ?? 10_000);

async function main(): Promise<void> {
  // Built by run.mjs, which runs this file from the project root.
  const provider = await launchProvider({ binary: join(process.cwd(), 'dist', 'terraform-provider-pure') });
  const started = Date.now();
  try {
    const report = await runFuzz(provider, {
      seed,
      count: requests,
      ...(only !== undefined ? { only } : {}),
      deadlineMs,
      progressEvery: 10_000,
      onProgress: (done) =>
        process.stderr.write(`${done} requests, ${((Date.now() - started) / 1000).toFixed(0)} s\n`),
    });
    console.log(formatReport(report));
    console.log('\nDiagnostic summaries:');
    for (const [summary, count] of Object.entries(report.summaries).sort((a, b) => b[1] - a[1])) {
      console.log(`  ${count}\t${summary}`);
    }
    if (report.failures.length > 0) {
      console.log(`\n${report.failures.length} failures:`);
      for (const f of report.failures.slice(0, 50)) {
        console.log(`  #${f.index} ${f.method} (${f.kind}): ${f.problem.slice(0, 300)}`);
        console.log(`    replay: npm run bench:fuzz -- --seed ${f.seed} --only ${f.index}`);
      }
      process.exitCode = 1;
    }
  } finally {
    provider.kill();
  }
}

void main();
