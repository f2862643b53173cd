// A per-process cache of one value per key (an array's telemetry, an array's volume listing) with
// a maximum age, where concurrent callers share one fetch per key:
// - a value is served while `now − timestamp(value) ≤ maxAgeMs` (timestamp = when its fetch began);
// - a caller that finds no fresh value joins the fetch already running for the key, if any, else
//   starts one;
// - invalidate(key) forgets the value and detaches a running fetch: callers after it start a new
//   one, and the detached fetch's result is not stored, because it may predate the caller's write;
// - each caller may abort its own wait without cancelling the fetch others wait on.

import { waitWithSignal } from '../rest/concurrency';

export { waitWithSignal };

export class SharedFetchCache<V> {
  private readonly values = new Map<string, V>();
  private readonly inFlight = new Map<string, { generation: number; promise: Promise<V> }>();
  private readonly generations = new Map<string, number>();
  /** Fetches started, for tests that count them. */
  fetchesStarted = 0;

  constructor(
    private readonly timestampOf: (value: V) => number,
    private readonly now: () => number,
  ) {}

  /** The cached value, fresh or not. */
  peek(key: string): V | undefined {
    return this.values.get(key);
  }

  /**
   * Every key's value, when each one is cached and fresh; else undefined. The callers' fast path:
   * a plan asks for the same cached readings once per resource, and answering from the map
   * spares it the promises and abort listeners of get().
   */
  freshValues(keys: readonly string[], maxAgeMs: number): V[] | undefined {
    const now = this.now();
    const out = new Array<V>(keys.length);
    for (let i = 0; i < keys.length; i += 1) {
      const value = this.values.get(keys[i] as string);
      if (value === undefined || now - this.timestampOf(value) > maxAgeMs) return undefined;
      out[i] = value;
    }
    return out;
  }

  isFresh(key: string, maxAgeMs: number): boolean {
    const value = this.values.get(key);
    return value !== undefined && this.now() - this.timestampOf(value) <= maxAgeMs;
  }

  get(key: string, maxAgeMs: number, fetch: () => Promise<V>, signal?: AbortSignal): Promise<V> {
    const cached = this.values.get(key);
    if (cached !== undefined && this.now() - this.timestampOf(cached) <= maxAgeMs)
      return Promise.resolve(cached);
    let running = this.inFlight.get(key);
    if (!running) {
      const generation = this.generations.get(key) ?? 0;
      this.fetchesStarted += 1;
      const promise = fetch().then((value) => {
        if ((this.generations.get(key) ?? 0) === generation) {
          const previous = this.values.get(key);
          // A slower fetch that began earlier must not replace a newer value.
          if (previous === undefined || this.timestampOf(previous) <= this.timestampOf(value))
            this.values.set(key, value);
        }
        return value;
      });
      const settle = (): void => {
        if (this.inFlight.get(key)?.promise === promise) this.inFlight.delete(key);
      };
      promise.then(settle, settle);
      running = { generation, promise };
      this.inFlight.set(key, running);
    }
    return waitWithSignal(running.promise, signal);
  }

  /** Forgets one key (or every key) and detaches fetches running for it. */
  invalidate(key?: string): void {
    const keys =
      key === undefined ? new Set([...this.values.keys(), ...this.inFlight.keys()]) : new Set([key]);
    for (const k of keys) {
      this.values.delete(k);
      this.inFlight.delete(k);
      this.generations.set(k, (this.generations.get(k) ?? 0) + 1);
    }
  }

  /** Keys with a value or a running fetch. */
  keys(): string[] {
    return [...new Set([...this.values.keys(), ...this.inFlight.keys()])];
  }
}
