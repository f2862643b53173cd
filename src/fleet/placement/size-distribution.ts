// What the engine learns online about the requests it is asked to place, for distribution-aware
// slots (see the engine's slotThreshold): per kind, the distribution of request sizes, and the size
// of the bursts of concurrent creates.
//
// Sizes go into a decayed histogram over quarter-octave buckets of the size in bytes (bucket
// ⌊4·log₂ size⌋, 256 buckets: 1 byte to 2^64). Each bucket keeps a decayed count and a decayed sum
// of the exact sizes, so the mean of any upper tail is exact up to the decay. The decay weighs the
// last `horizon` requests of the kind most (a request's weight falls by 1 − 1 ÷ horizon per later
// request), implemented by growing the weight of new requests instead of shrinking the old ones.
// Everything is a function of the sequence of requests alone: two engines that were asked the same
// requests hold the same figures to the last bit, whatever else differs.

const BUCKETS_PER_OCTAVE = 4;
const BUCKETS = 64 * BUCKETS_PER_OCTAVE;
/** Renormalise before the growing weight could lose precision or overflow. */
const RENORMALISE_ABOVE = 2 ** 200;

/** The histogram bucket of a size, bytes (> 0). */
export function sizeBucket(sizeBytes: number): number {
  const b = Math.floor(Math.log2(sizeBytes) * BUCKETS_PER_OCTAVE);
  return b < 0 ? 0 : b >= BUCKETS ? BUCKETS - 1 : b;
}

/** The smallest size, bytes, in a bucket (for explanations). */
export function bucketFloorBytes(bucket: number): number {
  return 2 ** (bucket / BUCKETS_PER_OCTAVE);
}

export class SizeDistribution {
  private readonly count = new Float64Array(BUCKETS);
  private readonly bytes = new Float64Array(BUCKETS);
  private totalCount = 0;
  private totalBytes = 0;
  /** Weight of the next request (grows by 1 ÷ (1 − 1 ÷ horizon) per request). */
  private weight = 1;
  private readonly growth: number;

  constructor(horizon: number) {
    this.growth = 1 / (1 - 1 / horizon);
  }

  /** Requests seen, decayed (0 before the first). */
  get size(): number {
    return this.totalCount / this.weight;
  }

  /** Mean request size, bytes; 0 before the first request. */
  get meanBytes(): number {
    return this.totalCount > 0 ? this.totalBytes / this.totalCount : 0;
  }

  add(sizeBytes: number): void {
    const b = sizeBucket(sizeBytes);
    const w = this.weight;
    this.count[b] = this.count[b]! + w;
    this.bytes[b] = this.bytes[b]! + w * sizeBytes;
    this.totalCount += w;
    this.totalBytes += w * sizeBytes;
    this.weight = w * this.growth;
    if (this.weight > RENORMALISE_ABOVE) this.renormalise();
  }

  /**
   * The lowest bucket an array should still accept when it may take `slotShare` of the volumes to
   * come and needs their bytes at `meanRatio` × the mean size (the classic online rule: accept only
   * above a quantile). Accepting every bucket from b up gives volumes of mean E[X | X ≥ b]; the
   * answer is the lower of two thresholds: the lowest b whose tail mean still reaches meanRatio × the
   * mean (the array then fills its slots with volumes as large as it needs on average), and the
   * quantile above which `slotShare` of the requests lie (a higher threshold would leave slots empty
   * and carry fewer bytes, not more). 0 (accept everything) when nothing has been learned or the
   * array needs no more than the mean.
   */
  thresholdBucket(meanRatio: number, slotShare: number): number {
    if (!(this.totalCount > 0) || !(meanRatio > 1) || !(slotShare < 1)) return 0;
    const target = meanRatio * (this.totalBytes / this.totalCount);
    const quantileMass = slotShare * this.totalCount;
    let tailCount = 0;
    let tailBytes = 0;
    for (let b = BUCKETS - 1; b >= 0; b--) {
      const c = this.count[b]!;
      if (c === 0) continue;
      const above = tailCount;
      tailCount += c;
      tailBytes += this.bytes[b]!;
      // b is accepted when it lies above the slot quantile or keeps the tail mean on target
      if (above < quantileMass || tailBytes >= target * tailCount) continue;
      return b + 1;
    }
    return 0;
  }

  private renormalise(): void {
    const scale = 1 / this.weight;
    for (let b = 0; b < BUCKETS; b++) {
      this.count[b] = this.count[b]! * scale;
      this.bytes[b] = this.bytes[b]! * scale;
    }
    this.totalCount *= scale;
    this.totalBytes *= scale;
    this.weight = 1;
  }
}

/**
 * The size of the bursts of concurrent creates, learned from the ledger: a burst is a run of
 * decisions between two moments with nothing in flight; its size is the most creates in flight
 * during it. Decayed mean over the last `horizon` bursts; 0 before the first burst has ended.
 */
export class BurstSizeEstimate {
  private sum = 0;
  private weightSum = 0;
  private peak = 0;
  private readonly keep: number;

  constructor(horizon: number) {
    this.keep = 1 - 1 / horizon;
  }

  /** Called before each decision with the creates then in flight (all arrays). */
  beforeDecision(inFlight: number): void {
    if (inFlight > 0 || this.peak === 0) return;
    this.sum = this.sum * this.keep + this.peak;
    this.weightSum = this.weightSum * this.keep + 1;
    this.peak = 0;
  }

  /** Called after a reservation with the creates then in flight. */
  afterReservation(inFlight: number): void {
    if (inFlight > this.peak) this.peak = inFlight;
  }

  /** The typical burst, creates (rounded); 0 when none has ended yet. */
  get typical(): number {
    return this.weightSum > 0 ? Math.round(this.sum / this.weightSum) : 0;
  }
}
