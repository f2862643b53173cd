// Drives fuzzed requests (./inputs.ts) into a launched provider process over its real gRPC
// interface, ten in flight as Terraform's -parallelism sends them, and reports what came back:
// diagnostics, gRPC errors by code, hangs past the deadline, the process's memory and latency.
// A failure is anything a host must never see: the process gone, a request unanswered by the
// deadline, a gRPC error for a well-formed request (or a handler's error for any request), a
// health check not answered, or a diagnostic that reads like an internal error. Each failure
// keeps its seed and index, from which ./inputs.ts rebuilds the exact request.

import type { ServiceError } from '@grpc/grpc-js';
import { status } from '@grpc/grpc-js';
import { readFileSync } from 'node:fs';
import { encodeMsgpack } from '../../../src/provider/cty/msgpack';
import { CtyNumber } from '../../../src/provider/cty/number';
import { ctyObject } from '../../../src/provider/cty/value';
import type { CtyValue } from '../../../src/provider/cty/value';
import { schemaType } from '../../../src/provider/framework/schema';
import { providerSchema } from '../../../src/resources/provider-schema';
import type { GenericClient, LaunchedProvider } from '../plugin-process';
import { call, callRaw, dial } from '../plugin-process';
import { objectOf } from '../schema-objects';
import type { FuzzInput } from './inputs';
import { fuzzInput } from './inputs';

export interface FuzzOptions {
  readonly seed: number;
  /** Inputs 0 … count-1, unless `only` names one. */
  readonly count: number;
  readonly only?: number;
  readonly concurrency?: number;
  /** A request unanswered after this long is a hang. */
  readonly deadlineMs?: number;
  /** Called every `progressEvery` requests. */
  readonly onProgress?: (done: number) => void;
  readonly progressEvery?: number;
}

export interface FuzzFailure {
  readonly seed: number;
  readonly index: number;
  readonly kind: string;
  readonly method: string;
  readonly problem: string;
}

export interface Percentiles {
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
}

export interface FuzzReport {
  readonly seed: number;
  readonly requests: number;
  /** Requests answered with at least one error diagnostic / with only warnings or nothing. */
  readonly withErrorDiagnostics: number;
  readonly withoutErrors: number;
  readonly grpcErrors: Readonly<Record<string, number>>;
  readonly hangs: number;
  readonly crashed: boolean;
  readonly healthChecks: number;
  readonly summaries: Readonly<Record<string, number>>;
  readonly latencyMs: Percentiles;
  readonly byMethod: Readonly<Record<string, { readonly count: number } & Percentiles>>;
  readonly rssKiB: { readonly start: number; readonly end: number; readonly peak: number };
  readonly wallSeconds: number;
  readonly failures: readonly FuzzFailure[];
}

/** Summaries that mean the provider failed in itself, not that the request was bad. */
const INTERNAL_SUMMARIES = /^(Unexpected failure|Provider bug)/;

function procStatusKiB(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(
      readFileSync(`/proc/${pid}/status`, 'utf8'),
    );
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

function percentiles(values: readonly number[]): Percentiles {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { p50: at(0.5), p90: at(0.9), p99: at(0.99), max: sorted[sorted.length - 1] ?? 0 };
}

const providerType = schemaType(providerSchema);

/**
 * A configuration whose arrays refuse connections (closed loopback ports), so that applies and
 * reads go all the way to the fleet layer and fail there, fast.
 */
export function unreachableFleetConfig(): { msgpack: Uint8Array } {
  const array = (name: string, port: number): CtyValue =>
    ctyObject(
      Object.entries(
        objectOf(providerSchema.blocks.array, {
          name,
          type: 'flasharray',
          endpoint: `127.0.0.1:${port}`,
          api_token: 'fuzz-token',
        }),
      ) as [string, CtyValue][],
    );
  const config = ctyObject(
    Object.entries(
      objectOf(providerSchema, {
        request_timeout_seconds: CtyNumber.of(2),
        array: [array('fa-1', 9), array('fa-2', 1)],
      }),
    ) as [string, CtyValue][],
  );
  return { msgpack: encodeMsgpack(config, providerType) };
}

interface Outcome {
  readonly ms: number;
  readonly diagnostics?: readonly { severity: string; summary: string; detail?: string }[];
  readonly error?: ServiceError;
}

async function send(client: GenericClient, input: FuzzInput, deadlineMs: number): Promise<Outcome> {
  const started = performance.now();
  try {
    let diagnostics: Outcome['diagnostics'];
    if (input.raw) await callRaw(client, input.method, input.raw, deadlineMs);
    else {
      const response = await call<{ diagnostics?: Outcome['diagnostics'] }>(
        client,
        input.method,
        input.request,
        deadlineMs,
      );
      diagnostics = response.diagnostics ?? [];
    }
    return { ms: performance.now() - started, diagnostics };
  } catch (error) {
    return { ms: performance.now() - started, error: error as ServiceError };
  }
}

const STATUS_NAMES = new Map<number, string>(
  Object.entries(status)
    .filter((e): e is [string, number] => typeof e[1] === 'number')
    .map(([name, code]) => [code, name]),
);

/** Problems with one outcome, as a host would see them; empty when the answer is acceptable. */
function problemsOf(input: FuzzInput, outcome: Outcome): string[] {
  const problems: string[] = [];
  const { error } = outcome;
  if (error) {
    const code = STATUS_NAMES.get(error.code) ?? String(error.code);
    if (error.code === status.DEADLINE_EXCEEDED) problems.push('hang: no answer by the deadline');
    else if (!input.raw) problems.push(`gRPC ${code} for a well-formed request: ${error.details}`);
    else if (error.details?.startsWith(`${input.method.split('/').pop()}:`)) {
      problems.push(`the handler failed: ${error.details}`);
    }
  }
  for (const d of outcome.diagnostics ?? []) {
    if (INTERNAL_SUMMARIES.test(d.summary)) problems.push(`internal error: ${d.summary}: ${d.detail ?? ''}`);
  }
  return problems;
}

export async function runFuzz(provider: LaunchedProvider, options: FuzzOptions): Promise<FuzzReport> {
  const { seed, count } = options;
  const concurrency = options.concurrency ?? 10;
  const deadlineMs = options.deadlineMs ?? 10_000;
  const pid = provider.child.pid as number;
  const client = dial(provider, 'provider');
  const health = dial(provider, 'health');
  let crashed = false;
  void provider.exited.then(() => (crashed = true));

  const configure = (): Promise<unknown> =>
    call(client, 'ConfigureProvider', { terraform_version: '1.11.4', config: unreachableFleetConfig() });
  await configure();
  const rssStart = procStatusKiB(pid, 'VmRSS');

  const indices = options.only !== undefined ? [options.only] : Array.from({ length: count }, (_, i) => i);
  const latencies: number[] = [];
  const byMethod = new Map<string, number[]>();
  const grpcErrors: Record<string, number> = {};
  const summaries: Record<string, number> = {};
  const failures: FuzzFailure[] = [];
  let withErrorDiagnostics = 0;
  let withoutErrors = 0;
  let hangs = 0;
  let healthChecks = 0;
  let next = 0;
  let done = 0;
  const started = performance.now();

  const fail = (input: FuzzInput, problem: string): void => {
    failures.push({ seed, index: input.index, kind: input.kind, method: input.method, problem });
  };

  const worker = async (): Promise<void> => {
    while (next < indices.length && !crashed) {
      const input = fuzzInput(seed, indices[next++] as number);
      const outcome = await send(client, input, deadlineMs);
      latencies.push(outcome.ms);
      const method = input.raw ? 'raw bytes' : input.method;
      let list = byMethod.get(method);
      if (!list) byMethod.set(method, (list = []));
      list.push(outcome.ms);
      if (outcome.error) {
        const code = STATUS_NAMES.get(outcome.error.code) ?? String(outcome.error.code);
        grpcErrors[code] = (grpcErrors[code] ?? 0) + 1;
        if (outcome.error.code === status.DEADLINE_EXCEEDED) hangs++;
      } else if (outcome.diagnostics?.some((d) => d.severity === 'ERROR')) withErrorDiagnostics++;
      else withoutErrors++;
      for (const d of outcome.diagnostics ?? []) summaries[d.summary] = (summaries[d.summary] ?? 0) + 1;
      for (const problem of problemsOf(input, outcome)) fail(input, problem);
      done++;
      if (done % 250 === 0) {
        healthChecks++;
        const answer = await call<{ status: string }>(
          health,
          'Check',
          { service: 'plugin' },
          deadlineMs,
        ).catch((err: Error) => ({ status: err.message }));
        if (answer.status !== 'SERVING') fail(input, `health check after it answered ${answer.status}`);
        // Fuzzed ConfigureProvider requests replace the fleet; put the unreachable one back.
        await configure().catch(() => undefined);
      }
      if (options.onProgress && done % (options.progressEvery ?? 1000) === 0) options.onProgress(done);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  if (crashed) {
    failures.push({
      seed,
      index: indices[Math.max(0, next - 1)] as number,
      kind: 'process',
      method: '',
      problem: `the provider process exited (one of the last ${concurrency} inputs before this index)`,
    });
  }
  client.close();
  health.close();
  return {
    seed,
    requests: done,
    withErrorDiagnostics,
    withoutErrors,
    grpcErrors,
    hangs,
    crashed,
    healthChecks,
    summaries,
    latencyMs: percentiles(latencies),
    byMethod: Object.fromEntries(
      [...byMethod].map(([method, values]) => [method, { count: values.length, ...percentiles(values) }]),
    ),
    rssKiB: { start: rssStart, end: procStatusKiB(pid, 'VmRSS'), peak: procStatusKiB(pid, 'VmHWM') },
    wallSeconds: (performance.now() - started) / 1000,
    failures,
  };
}

/** The report as a Markdown table, as engineering/fuzzing.md records it. */
export function formatReport(report: FuzzReport): string {
  const ms = (p: Percentiles): string =>
    `${p.p50.toFixed(1)} / ${p.p90.toFixed(1)} / ${p.p99.toFixed(1)} / ${p.max.toFixed(0)}`;
  const lines = [
    `| measure | value |`,
    `|---|---|`,
    `| seed | ${report.seed} |`,
    `| requests | ${report.requests} |`,
    `| answered with error diagnostics | ${report.withErrorDiagnostics} |`,
    `| answered without errors | ${report.withoutErrors} |`,
    `| gRPC errors by code | ${
      Object.entries(report.grpcErrors)
        .map(([c, n]) => `${c} ${n}`)
        .join(', ') || 'none'
    } |`,
    `| hangs past the deadline | ${report.hangs} |`,
    `| process crashed | ${report.crashed ? 'yes' : 'no'} |`,
    `| health checks (all SERVING unless listed as failures) | ${report.healthChecks} |`,
    `| failures | ${report.failures.length} |`,
    `| RSS start / end / peak (MiB) | ${(report.rssKiB.start / 1024).toFixed(0)} / ${(report.rssKiB.end / 1024).toFixed(0)} / ${(report.rssKiB.peak / 1024).toFixed(0)} |`,
    `| latency p50 / p90 / p99 / max (ms) | ${ms(report.latencyMs)} |`,
    `| wall time (s) | ${report.wallSeconds.toFixed(1)} |`,
    '',
    `| method | requests | p50 / p90 / p99 / max (ms) |`,
    `|---|---|---|`,
    ...Object.entries(report.byMethod)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([method, p]) => `| ${method} | ${p.count} | ${ms(p)} |`),
  ];
  return lines.join('\n');
}
