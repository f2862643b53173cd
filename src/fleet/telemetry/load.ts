// Turning an array's performance sample into the engine's `load` (0..1 of saturation),
// `saturationIops` and `latencyUsec`.
//
// FlashArray: Purity reports, per operation type, the time an I/O spent queued inside the array
// (queue_usec_per_*_op) apart from the time it was being served (service_usec_per_*_op). For a
// single-server queue (M/M/1) the waiting time is W_q = ρ/(1−ρ) × W_s, so
//     W_q / (W_q + W_s) = ρ,
// the utilisation, without knowing the array's maximum. The estimate used is
//     load = Σ_k n_k·q_k / Σ_k n_k·(q_k + s_k),   k ∈ {read, write, mirrored write}, n_k = ops/s,
// i.e. queue time over queue + service time, weighted by the read/write mix. SAN time (the
// network) and QoS rate-limit time (a policy, not saturation) are left out on purpose.
// Against the simulator's model (service = b(1 + 0.3u), queue = b·u/(1 − min(u, 0.95))) this gives
//     load = u / (1 + 0.3·u·(1 − u))  for u ≤ 0.95,
// an underestimate of at most 0.042 (at u ≈ 0.66 and at the simulator's ceiling u = 0.98), and
// exact at 0 and 1 — test/unit/fleet/telemetry/load.test.ts checks this over the whole range.
// Real arrays are not M/M/1 (many parallel servers, batching), where W_q/(W_q+W_s) understates ρ
// at moderate load and rises steeply near saturation; the engine's thresholds (0.8) leave room.
//
// saturationIops = served IOPS ÷ load when load ≥ minLoadForEstimate (default 0.1): below that the
// queue time is a few µs and rounding dominates. In the simulator this overestimates the true
// maximum by the factor 1 + 0.3u(1 − u) ≤ 1.075. Otherwise the model table (model-defaults.ts)
// gives it. A per-array value in the roster overrides both.
//
// FlashBlade reports no queue/service split (FB ArrayPerformance has only usec_per_*_op), so its
// load is served IOPS ÷ saturationIops, with saturationIops from the roster or the model table:
// exactly as good as that figure.

import type { FlashArrayPerformance } from '../clients/flasharray';
import type { FlashBladePerformance } from '../clients/flashblade';

export type LoadMethod = 'queue-share' | 'iops-over-saturation';
export type SaturationSource = 'roster' | 'observed' | 'model-table' | 'unknown-model';

export interface PerformanceFigures {
  /** Front-end operations per second: reads + writes + others. */
  readonly servedIops: number;
  readonly readsPerSec: number;
  readonly writesPerSec: number;
  readonly othersPerSec: number;
  readonly readBytesPerSec: number;
  readonly writeBytesPerSec: number;
  /** Read/write-weighted mean latency per op, µs; undefined when not reported. */
  readonly latencyUsec?: number;
  /** Read/write-weighted queue and service time per op, µs (FlashArray only). */
  readonly queueUsecPerOp?: number;
  readonly serviceUsecPerOp?: number;
  /** The sample's time on the array's clock, ms. */
  readonly sampleTimeMs?: number;
}

export interface LoadEstimate {
  readonly load: number;
  readonly method: LoadMethod;
  readonly saturationIops: number;
  readonly saturationSource: SaturationSource;
}

const num = (x: unknown): number => (typeof x === 'number' && Number.isFinite(x) && x > 0 ? x : 0);
const opt = (x: unknown): number | undefined => (typeof x === 'number' && Number.isFinite(x) ? x : undefined);

/** Mean of `values` weighted by `weights`; the plain mean of the reported values when no weight is positive. */
function weightedMean(pairs: readonly (readonly [number | undefined, number])[]): number | undefined {
  const reported = pairs.filter((p): p is readonly [number, number] => p[0] !== undefined);
  if (reported.length === 0) return undefined;
  const weight = reported.reduce((sum, [, w]) => sum + w, 0);
  if (weight > 0) return reported.reduce((sum, [v, w]) => sum + v * w, 0) / weight;
  return reported.reduce((sum, [v]) => sum + v, 0) / reported.length;
}

export function flashArrayPerformanceFigures(p: FlashArrayPerformance): PerformanceFigures {
  const reads = num(p.reads_per_sec);
  const writes = num(p.writes_per_sec);
  const mirrored = num(p.mirrored_writes_per_sec);
  const others = num(p.others_per_sec);
  const queue = weightedMean([
    [opt(p.queue_usec_per_read_op), reads],
    [opt(p.queue_usec_per_write_op), writes],
    ...(mirrored > 0 ? [[opt(p.queue_usec_per_mirrored_write_op), mirrored] as const] : []),
  ]);
  const service = weightedMean([
    [opt(p.service_usec_per_read_op), reads],
    [opt(p.service_usec_per_write_op), writes],
    ...(mirrored > 0 ? [[opt(p.service_usec_per_mirrored_write_op), mirrored] as const] : []),
  ]);
  return {
    servedIops: reads + writes + others,
    readsPerSec: reads,
    writesPerSec: writes,
    othersPerSec: others,
    readBytesPerSec: num(p.read_bytes_per_sec),
    writeBytesPerSec: num(p.write_bytes_per_sec),
    latencyUsec: weightedMean([
      [opt(p.usec_per_read_op), reads],
      [opt(p.usec_per_write_op), writes],
    ]),
    queueUsecPerOp: queue,
    serviceUsecPerOp: service,
    sampleTimeMs: opt(p.time),
  };
}

export function flashBladePerformanceFigures(p: FlashBladePerformance): PerformanceFigures {
  const reads = num(p.reads_per_sec);
  const writes = num(p.writes_per_sec);
  const others = num(p.others_per_sec);
  return {
    servedIops: reads + writes + others,
    readsPerSec: reads,
    writesPerSec: writes,
    othersPerSec: others,
    readBytesPerSec: num(p.read_bytes_per_sec),
    writeBytesPerSec: num(p.write_bytes_per_sec),
    latencyUsec: weightedMean([
      [opt(p.usec_per_read_op), reads],
      [opt(p.usec_per_write_op), writes],
    ]),
    sampleTimeMs: opt(p.time),
  };
}

/** Queue share of the time an I/O spends inside the array; undefined without the split. */
export function queueShareLoad(figures: PerformanceFigures): number | undefined {
  const { queueUsecPerOp: q, serviceUsecPerOp: s } = figures;
  if (q === undefined || s === undefined) return undefined;
  if (figures.readsPerSec + figures.writesPerSec <= 0) return 0;
  const total = Math.max(0, q) + Math.max(0, s);
  return total > 0 ? Math.min(1, Math.max(0, q) / total) : 0;
}

export interface LoadInputs {
  readonly figures: PerformanceFigures;
  /** From the roster; wins over everything. */
  readonly rosterSaturationIops?: number;
  /** From the model table. */
  readonly tableSaturationIops: number;
  readonly tableKnowsModel: boolean;
  /** Below this load the observed saturation estimate is not trusted (default 0.1). */
  readonly minLoadForEstimate?: number;
}

/** The load and saturation figures the engine gets; see the header comment for the formulas. */
export function estimateLoad(inputs: LoadInputs): LoadEstimate {
  const { figures } = inputs;
  const minLoad = inputs.minLoadForEstimate ?? 0.1;
  const roster =
    inputs.rosterSaturationIops !== undefined && inputs.rosterSaturationIops > 0
      ? inputs.rosterSaturationIops
      : undefined;
  const table = {
    value: inputs.tableSaturationIops,
    source: (inputs.tableKnowsModel ? 'model-table' : 'unknown-model') as SaturationSource,
  };
  const share = queueShareLoad(figures);
  if (share !== undefined) {
    if (roster !== undefined)
      return { load: share, method: 'queue-share', saturationIops: roster, saturationSource: 'roster' };
    if (share >= minLoad && figures.servedIops > 0)
      return {
        load: share,
        method: 'queue-share',
        saturationIops: figures.servedIops / share,
        saturationSource: 'observed',
      };
    return {
      load: share,
      method: 'queue-share',
      saturationIops: table.value,
      saturationSource: table.source,
    };
  }
  const saturation = roster ?? table.value;
  return {
    load: figures.servedIops / saturation,
    method: 'iops-over-saturation',
    saturationIops: saturation,
    saturationSource: roster !== undefined ? 'roster' : table.source,
  };
}
