// bottleneck: the tighter of capacity and load.

import type { Scorer } from './scorer';
import { headroomScore } from './scorer';

/**
 * bottleneck: 100 × (1 − max(capacity utilisation, load)). Rates an array by its tighter dimension,
 * so a roomy but busy array (or an idle but full one) is not chosen until the other dimension
 * catches up: the vector-packing remedy for stranded capacity.
 */
export const BottleneckScorer: Scorer = {
  name: 'bottleneck',
  score(c, count, scores) {
    const u = c.capacityUtilisation;
    const load = c.load;
    for (let j = 0; j < count; j++) scores[j] = headroomScore(Math.max(u[j]!, load[j]!));
  },
};
