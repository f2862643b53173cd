// bottleneck: the tighter of capacity and load, each measured against its own threshold.

import type { Scorer } from './scorer';
import { headroomScore } from './scorer';

/**
 * bottleneck: 100 × (1 − max(u ÷ capacity threshold, load ÷ performance threshold)). Rates an array
 * by the dimension nearer its limit, so a roomy but busy array (or an idle but full one) is not
 * chosen until the other dimension catches up: the vector-packing remedy for stranded capacity.
 * Each dimension is taken against its own threshold because that is where the array stops taking
 * volumes: with the defaults (0.85 and 0.8) an array at load 0.75 is nearer its limit than one at
 * utilisation 0.78, which raw figures would rank the other way. Measured in the benchmark (20 seeds,
 * engine-raw-bottleneck is the raw form): rejections at 90% offered load 1.65 → 1.00 on zones, 0.25
 * → 0.10 on heterogeneous, σ(utilisation) lower or equal on every workload.
 */
export const BottleneckScorer: Scorer = {
  name: 'bottleneck',
  score(c, count, scores) {
    const u = c.capacityUtilisation;
    const load = c.load;
    const capacityLimit = c.policy.capacityThreshold;
    const performanceLimit = c.policy.performanceThreshold;
    for (let j = 0; j < count; j++) {
      scores[j] = headroomScore(Math.max(u[j]! / capacityLimit, load[j]! / performanceLimit));
    }
  },
};
