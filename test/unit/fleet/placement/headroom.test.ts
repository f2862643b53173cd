import { FleetHeadroom } from '../../../../src/fleet/placement/headroom';

const TIB = 2 ** 40;

describe('FleetHeadroom', () => {
  it('is the IOPS of headroom per byte of headroom, per kind, over arrays that have both', () => {
    const headroom = new FleetHeadroom();
    headroom.set(0, 0, 100 * TIB, 50_000);
    headroom.set(1, 0, 300 * TIB, 30_000);
    headroom.set(2, 1, 10 * TIB, 1_000);
    headroom.set(3, 0, 0, 90_000); // full: its performance cannot be used
    headroom.set(4, 0, 100 * TIB, 0); // saturated: its capacity cannot be used
    expect(headroom.density(0) * TIB).toBeCloseTo(80_000 / 400, 9);
    expect(headroom.density(1) * TIB).toBeCloseTo(100, 9);
  });

  it('follows updates and removals, and is 0 for a kind with no headroom', () => {
    const headroom = new FleetHeadroom();
    headroom.set(0, 0, 100 * TIB, 50_000);
    headroom.set(0, 0, 50 * TIB, 50_000);
    expect(headroom.density(0) * TIB).toBeCloseTo(1_000, 9);
    headroom.set(0, -1, 0, 0);
    expect(headroom.density(0)).toBe(0);
    expect(headroom.density(1)).toBe(0);
  });

  it('does not depend on the order arrays were seen or updated in (exact integer sums)', () => {
    const figures = Array.from({ length: 50 }, (_, i) => ({
      capacity: (1 + ((i * 7919) % 97)) * 1.37e12 + 0.3,
      performance: (1 + ((i * 104_729) % 89)) * 1_234.567,
    }));
    const forward = new FleetHeadroom();
    figures.forEach((f, i) => forward.set(i, 0, f.capacity, f.performance));
    const backward = new FleetHeadroom();
    [...figures].reverse().forEach((f, i) => backward.set(i, 0, f.capacity, f.performance));
    const churned = new FleetHeadroom();
    figures.forEach((f, i) => churned.set(i, 0, f.capacity * 3, f.performance / 3));
    figures.forEach((f, i) => churned.set(i, 0, f.capacity, f.performance));
    expect(backward.density(0)).toBe(forward.density(0));
    expect(churned.density(0)).toBe(forward.density(0));
  });
});
