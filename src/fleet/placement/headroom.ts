// The fleet's headroom per array kind: capacity below the capacity threshold and performance below
// the performance threshold, reservations included, summed over the healthy arrays that have both.
// Their ratio, IOPS of headroom per byte of headroom, is the average density the kind could still
// absorb if it filled evenly: the reference the fit scorer measures each array against.
//
// The totals are kept incrementally (one array changes per reading or reservation) in whole MiB and
// whole IOPS, so that they are exact integers: the sum does not depend on the order arrays were
// observed or updated in, and two engines that saw the same readings compute the same density to the
// last bit (the determinism the tie-break promises).

import { KIND_CODE } from './fleet-columns';

const BYTES_PER_MIB = 2 ** 20;
const KINDS = Object.keys(KIND_CODE).length;

export class FleetHeadroom {
  /** Per slot: the kind code it contributes to, or -1 when it contributes nothing. */
  private kindOf = new Int8Array(0);
  private capacityMiB = new Float64Array(0);
  private performanceIops = new Float64Array(0);
  private readonly totalCapacityMiB = new Float64Array(KINDS);
  private readonly totalPerformanceIops = new Float64Array(KINDS);

  /**
   * Sets a slot's contribution: its capacity headroom (bytes) and performance headroom (IOPS), or
   * none (kindCode -1, or either headroom exhausted: the other cannot be used then).
   */
  set(slot: number, kindCode: number, capacityBytes: number, performanceIops: number): void {
    this.ensure(slot + 1);
    const previous = this.kindOf[slot]!;
    if (previous >= 0) {
      this.totalCapacityMiB[previous] = this.totalCapacityMiB[previous]! - this.capacityMiB[slot]!;
      this.totalPerformanceIops[previous] =
        this.totalPerformanceIops[previous]! - this.performanceIops[slot]!;
    }
    const capacity = Math.floor(capacityBytes / BYTES_PER_MIB);
    const performance = Math.floor(performanceIops);
    if (kindCode < 0 || !(capacity > 0) || !(performance > 0)) {
      this.kindOf[slot] = -1;
      this.capacityMiB[slot] = 0;
      this.performanceIops[slot] = 0;
      return;
    }
    this.kindOf[slot] = kindCode;
    this.capacityMiB[slot] = capacity;
    this.performanceIops[slot] = performance;
    this.totalCapacityMiB[kindCode] = this.totalCapacityMiB[kindCode]! + capacity;
    this.totalPerformanceIops[kindCode] = this.totalPerformanceIops[kindCode]! + performance;
  }

  /** IOPS of performance headroom per byte of capacity headroom for the kind; 0 when it has none. */
  density(kindCode: number): number {
    const capacity = this.totalCapacityMiB[kindCode] ?? 0;
    return capacity > 0 ? (this.totalPerformanceIops[kindCode] ?? 0) / (capacity * BYTES_PER_MIB) : 0;
  }

  /**
   * The slot's share of its kind's free room (physical capacity headroom below the threshold,
   * reservations included, summed over the arrays that contribute); 0 when it contributes none.
   */
  roomShare(slot: number): number {
    const kind = slot < this.kindOf.length ? this.kindOf[slot]! : -1;
    if (kind < 0) return 0;
    const total = this.totalCapacityMiB[kind]!;
    return total > 0 ? this.capacityMiB[slot]! / total : 0;
  }

  private ensure(length: number): void {
    if (this.kindOf.length >= length) return;
    const n = Math.max(16, length, this.kindOf.length * 2);
    const kindOf = new Int8Array(n).fill(-1);
    kindOf.set(this.kindOf);
    const capacity = new Float64Array(n);
    capacity.set(this.capacityMiB);
    const performance = new Float64Array(n);
    performance.set(this.performanceIops);
    this.kindOf = kindOf;
    this.capacityMiB = capacity;
    this.performanceIops = performance;
  }
}
