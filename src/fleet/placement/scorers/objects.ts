// objects: room left under the model's volume limit.

import type { Scorer } from './scorer';
import { headroomScore } from './scorer';

/** objects: 100 × (1 − volumes after placement ÷ usable limit). */
export const ObjectCountScorer: Scorer = {
  name: 'objects',
  score(c, count, scores) {
    const fill = c.volumeFill;
    for (let j = 0; j < count; j++) scores[j] = headroomScore(fill[j]!);
  },
};
