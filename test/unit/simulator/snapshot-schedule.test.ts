// When the simulated FlashBlade's snapshot rules fall due (file-system-snapshots.ts dueTimes):
// every `every` from the rule's start, or at `at` after midnight for daily rules; never before
// the start, and at most a bounded number after a long clock jump.

import { dueTimes } from '../../../src/simulator/flashblade/file-system-snapshots';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const rule = (every: number, scheduleFrom: number, at: number | null = null) => ({
  every,
  keepFor: every,
  at,
  timeZone: null,
  scheduleFrom,
});

test('hourly from the start: due at each whole hour after it, not at the start itself', () => {
  expect(dueTimes(rule(HOUR, 1000), 1000)).toEqual([]);
  expect(dueTimes(rule(HOUR, 1000), 1000 + HOUR - 1)).toEqual([]);
  expect(dueTimes(rule(HOUR, 1000), 1000 + 3 * HOUR)).toEqual([
    1000 + HOUR,
    1000 + 2 * HOUR,
    1000 + 3 * HOUR,
  ]);
});

test('daily at 02:00: due at 02:00 of each day after the start, whatever the start time', () => {
  const start = 10 * DAY + 5 * HOUR;
  expect(dueTimes(rule(DAY, start, 2 * HOUR), start + 2 * DAY)).toEqual([
    11 * DAY + 2 * HOUR,
    12 * DAY + 2 * HOUR,
  ]);
});

test('a long jump is bounded to the newest 1000 times', () => {
  const due = dueTimes(rule(300_000, 0), 5000 * 300_000);
  expect(due.length).toBe(1000);
  expect(due[due.length - 1]).toBe(5000 * 300_000);
});
