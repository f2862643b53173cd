// Per-call cost of the provider process, measured from outside it as Terraform sees it: a fresh
// provider is launched (AutoMTLS, code cache warm), a client sends N calls ten at a time (as
// Terraform's -parallelism does), and the provider's own CPU time for them is read from
// /proc/<pid>/stat. Two kinds of call, each in its own fresh process:
//   GetMetadata      does nothing: what gRPC, HTTP/2 and TLS cost per call in Node (grpc-js)
//   pure_volume      ValidateResourceConfig + PlanResourceChange of a new volume, unconfigured
//                    provider (no array is contacted): the framework, codec and schema on top
// Both cold (the first calls of a process, as in a plan) and, for GetMetadata, warm.
//
//   npm run bench:rpc [-- --calls 400 --rounds 5]   (Linux: reads /proc)

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeMsgpack } from '../../src/provider/cty/msgpack';
import { UNKNOWN, ctyObject } from '../../src/provider/cty/value';
import type { CtyValue } from '../../src/provider/cty/value';
import { schemaType } from '../../src/provider/framework/schema';
import { volumeSchema } from '../../src/resources/volume-schema';
import type { GenericClient, LaunchedProvider } from '../../test/support/plugin-process';
import { call, dial, launchProvider } from '../../test/support/plugin-process';

const arg = (name: string, fallback: number): number =>
  process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : fallback;
const CALLS = arg('--calls', 400);
const ROUNDS = arg('--rounds', 5);
const PARALLELISM = 10;
/** Built by run.mjs, which runs this file from the project root. */
const PROVIDER = join(process.cwd(), 'dist', 'terraform-provider-pure');

/** User + system CPU of a process so far, in ms (Linux). */
function cpuMs(pid: number): number {
  const fields = (readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1] ?? '').split(' ');
  const ticksPerSecond = 100;
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
}

const volumeType = schemaType(volumeSchema);
const volume = (values: Record<string, CtyValue>): CtyValue =>
  ctyObject(Object.keys(volumeType.attributes).map((k) => [k, values[k] ?? null]));

type Caller = (client: GenericClient, index: number) => Promise<unknown>;

const getMetadata: Caller = (client) => call(client, 'GetMetadata');

/** One "call" here is the pair Terraform sends for each new instance in a plan walk. */
const validateAndPlanVolume: Caller = async (client, i) => {
  const config = volume({ name: `v${i}`, fleet: 'f', size: '10G' });
  await call(client, 'ValidateResourceConfig', {
    type_name: 'pure_volume',
    config: { msgpack: encodeMsgpack(config, volumeType) },
  });
  const computed = ['array', 'id', 'backend_name', 'serial', 'size_bytes', 'placement'];
  const proposed = volume({
    name: `v${i}`,
    fleet: 'f',
    size: '10G',
    ...Object.fromEntries(computed.map((k) => [k, UNKNOWN])),
  });
  await call(client, 'PlanResourceChange', {
    type_name: 'pure_volume',
    prior_state: { msgpack: Buffer.from([0xc0]) },
    proposed_new_state: { msgpack: encodeMsgpack(proposed, volumeType) },
    config: { msgpack: encodeMsgpack(config, volumeType) },
  });
};

/** CPU ms the provider spent on `count` calls made after `warmup` others, in a fresh process. */
async function measure(caller: Caller, count: number, warmup = 0): Promise<number> {
  const provider: LaunchedProvider = await launchProvider({ binary: PROVIDER });
  try {
    const client = dial(provider, 'provider');
    const run = async (n: number): Promise<void> => {
      let next = 0;
      await Promise.all(
        Array.from({ length: PARALLELISM }, async () => {
          while (next < n) await caller(client, next++);
        }),
      );
    };
    await run(warmup);
    const before = cpuMs(provider.child.pid as number);
    await run(count);
    return cpuMs(provider.child.pid as number) - before;
  } finally {
    provider.kill();
  }
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2
    ? (s[(s.length - 1) / 2] as number)
    : ((s[s.length / 2 - 1] as number) + (s[s.length / 2] as number)) / 2;
};

async function main(): Promise<void> {
  const subjects = [
    { name: `GetMetadata x${CALLS}, cold`, calls: CALLS, run: () => measure(getMetadata, CALLS) },
    {
      name: `GetMetadata x${CALLS}, after ${CALLS * 5} warm-up calls`,
      calls: CALLS,
      run: () => measure(getMetadata, CALLS, CALLS * 5),
    },
    {
      name: `pure_volume validate + plan x${CALLS / 2} (${CALLS} calls), cold`,
      calls: CALLS,
      run: () => measure(validateAndPlanVolume, CALLS / 2),
    },
  ];
  const samples = new Map<string, number[]>(subjects.map((s) => [s.name, []]));
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const s of subjects) samples.get(s.name)?.push(await s.run());
  }
  console.log(`provider CPU per call, median of ${ROUNDS} fresh processes, ${PARALLELISM} calls at a time`);
  console.table(
    subjects.map((s) => {
      const ms = median(samples.get(s.name) ?? []);
      return { subject: s.name, provider_cpu_ms: ms, per_call_us: Math.round((ms / s.calls) * 1000) };
    }),
  );
}

void main().then(() => process.exit(0));
