// The scale measurement: 100,000 decisions over 1,000 arrays, timed end to end (choose, reserve and
// confirm), on the apply-time path (explain: false) and, for comparison, with explanations.

import type { ArrayCandidate, PlacementRequest } from '../../src/fleet/placement';
import { PlacementEngine } from '../../src/fleet/placement';
import { TIB } from './fleet';
import { Random } from './prng';

export interface ScaleResult {
  readonly arrays: number;
  readonly decisions: number;
  /** Wall time of each repetition, ms, apply-time path. */
  readonly runsMs: readonly number[];
  readonly medianMs: number;
  /**
   * CPU time (user + system) of this process in each repetition, ms. On a shared machine wall time
   * includes waiting for a core; CPU time is the cost of the work itself.
   */
  readonly runsCpuMs: readonly number[];
  readonly medianCpuMs: number;
  /** Decisions per second at the median. */
  readonly decisionsPerSecond: number;
  readonly placed: number;
  /** Median ms for 10,000 decisions with explanations (exhaustive path), scaled to 100,000. */
  readonly withExplanationsMsPer100k: number;
}

function makeArrays(rng: Random, count: number): ArrayCandidate[] {
  const arrays: ArrayCandidate[] = [];
  for (let i = 0; i < count; i++) {
    const block = i % 4 !== 3;
    const usableBytes = rng.pick([1, 2, 4, 8]) * (block ? 50 : 100) * TIB;
    const dataReductionRatio = block ? rng.uniform(2, 4) : rng.uniform(1.3, 2);
    const provisionedBytes = usableBytes * dataReductionRatio * rng.uniform(0, 0.3);
    arrays.push({
      id: `array-${String(i).padStart(4, '0')}`,
      name: `array-${i}`,
      kind: block ? 'flasharray' : 'flashblade',
      labels: { zone: `zone-${i % 5}` },
      observedAtMs: 0,
      health: { reachable: true, cordoned: false, problems: [] },
      capacity: {
        usableBytes,
        physicalUsedBytes: (0.6 * provisionedBytes) / dataReductionRatio,
        provisionedBytes,
        dataReductionRatio,
      },
      performance: {
        load: rng.uniform(0.05, 0.3),
        saturationIops: 150_000 * rng.uniform(0.6, 3),
        committedIops: 0,
        latencyUsec: rng.uniform(200, 800),
      },
      objects: { volumeCount: rng.int(0, 2000), volumeLimit: 10_000 },
    });
  }
  return arrays;
}

function makeRequests(rng: Random, count: number): PlacementRequest[] {
  const requests: PlacementRequest[] = [];
  for (let i = 0; i < count; i++) {
    const sizeBytes = Math.round(rng.logNormal(64 * 2 ** 30, 1));
    requests.push({
      key: `fleet/vol-${i}`,
      kind: rng.next() < 0.75 ? 'block' : 'file',
      sizeBytes,
      labelSelector: rng.next() < 0.3 ? { zone: `zone-${rng.int(0, 5)}` } : {},
      expectedIops: (sizeBytes / TIB) * 200,
    });
  }
  return requests;
}

/** Places `requests` in bursts of 10 (confirmed after each burst); returns wall ms and placements. */
function timeRun(arrays: readonly ArrayCandidate[], requests: readonly PlacementRequest[], explain: boolean) {
  const engine = new PlacementEngine({ clock: () => 1_000 });
  engine.observe(arrays, 0);
  let placed = 0;
  const cpuBefore = process.cpuUsage();
  const started = process.hrtime.bigint();
  for (let i = 0; i < requests.length; i += 10) {
    const end = Math.min(i + 10, requests.length);
    for (let j = i; j < end; j++) {
      if (engine.chooseAndReserve(requests[j]!, { nowMs: 1_000, explain }).placed) placed++;
    }
    for (let j = i; j < end; j++) engine.confirm(requests[j]!.key, 1_000);
  }
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const cpu = process.cpuUsage(cpuBefore);
  return { ms, cpuMs: (cpu.user + cpu.system) / 1000, placed };
}

export function measureScale(repetitions = 5): ScaleResult {
  const rng = new Random(20_240_601);
  const arrays = makeArrays(rng, 1_000);
  const requests = makeRequests(rng, 100_000);
  timeRun(arrays, requests.slice(0, 20_000), false); // warm-up: let the JIT compile the hot path
  const runs = Array.from({ length: repetitions }, () => timeRun(arrays, requests, false));
  const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const runsMs = runs.map((r) => r.ms);
  const medianMs = median(runsMs);
  const runsCpuMs = runs.map((r) => r.cpuMs);
  const explained = Array.from({ length: 3 }, () => timeRun(arrays, requests.slice(0, 10_000), true).ms).sort(
    (a, b) => a - b,
  );
  return {
    arrays: arrays.length,
    decisions: requests.length,
    runsMs,
    medianMs,
    runsCpuMs,
    medianCpuMs: median(runsCpuMs),
    decisionsPerSecond: (requests.length / medianMs) * 1000,
    placed: runs[0]!.placed,
    withExplanationsMsPer100k: explained[1]! * 10,
  };
}
