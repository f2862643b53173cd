// capacity: LeastAllocated on relative, not absolute, free space.

import type { Scorer } from './scorer';
import { headroomScore } from './scorer';

/** capacity: 100 × (1 − projected capacity utilisation). Prefers the emptiest array in relative terms. */
export const CapacityScorer: Scorer = {
  name: 'capacity',
  score(c, count, scores) {
    const u = c.capacityUtilisation;
    for (let j = 0; j < count; j++) scores[j] = headroomScore(u[j]!);
  },
};
