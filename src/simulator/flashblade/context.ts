// What the parts of a simulated FlashBlade (file systems, export policies, inventory) need from
// the array they belong to.
import type { ResolvedArrayConfig } from '../description';
import type { AlertRecord, HealthState } from '../array-base';
import type { ApiRequest } from '../http/types';
import type { ModelSpec } from '../model/models';
import type { ArraySpaceFigures } from '../model/space';
import type { PerformanceSample } from '../model/performance';
import type { SimClock } from '../runtime';

export interface FlashBladeContext {
  readonly config: ResolvedArrayConfig;
  readonly clock: SimClock;
  /** The array's id (restored from the state file after construction). */
  arrayId(): string;
  takeSeq(): number;
  /** After every change that must reach the state file. */
  changed(): void;
  /** A 400 unless `context_names` is absent or names this array. */
  checkContext(req: ApiRequest): void;
  /** The name of a file system exported through the policy, if any. */
  fileSystemUsing(policyId: string): string | undefined;
}

export interface InventorySource {
  readonly id: string;
  readonly config: ResolvedArrayConfig;
  readonly clock: SimClock;
  readonly model: ModelSpec;
  readonly health: HealthState;
  readonly alerts: readonly AlertRecord[];
  spaceFigures(): ArraySpaceFigures;
  performance(timeMs: number): PerformanceSample;
  parity(): number;
  hardwareComponentToDegrade(): { name: string; type: string };
  checkContext(req: ApiRequest): void;
  takeSeq(): number;
}
