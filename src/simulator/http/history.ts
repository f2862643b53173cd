// `start_time` / `end_time` / `resolution` on /arrays/space and
// /arrays/performance. Without them the array returns its latest sample;
// with them, one sample per resolution step. The models are functions of
// time, so past samples are recomputed rather than stored.
import { badRequest } from '../errors';
import type { QueryReader } from './query';

export const ARRAY_RESOLUTIONS = [
  1000, 30_000, 300_000, 1_800_000, 7_200_000, 28_800_000, 86_400_000,
] as const;
const MAX_SAMPLES = 2000;

export function sampleTimes(
  q: QueryReader,
  now: number,
  resolutions: readonly number[] = ARRAY_RESOLUTIONS,
): number[] {
  const start = q.int('start_time', 0, 8_640_000_000_000);
  const end = q.int('end_time', 0, 8_640_000_000_000);
  const resolution = q.int('resolution', 1, 2 ** 31 - 1);
  if (start === undefined && end === undefined && resolution === undefined) return [now];
  const res = resolution ?? (resolutions[0] as number);
  if (!resolutions.includes(res)) {
    throw badRequest(`Invalid resolution. Valid values: ${resolutions.join(', ')}.`, 'resolution');
  }
  const endTime = Math.min(end ?? now, now);
  const startTime = start ?? endTime - res;
  if (startTime > endTime) throw badRequest('start_time must not be later than end_time.', 'start_time');
  const first = Math.ceil(startTime / res) * res;
  const count = Math.floor((endTime - first) / res) + 1;
  if (count > MAX_SAMPLES) {
    throw badRequest(
      `The time range holds more than ${MAX_SAMPLES} samples; use a coarser resolution.`,
      'resolution',
    );
  }
  const times: number[] = [];
  for (let t = first; t <= endTime; t += res) times.push(t);
  return times.length > 0 ? times : [endTime];
}
