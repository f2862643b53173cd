// What protecting a volume by a snapshot schedule means on either kind of array, so the resource
// layer has one "one container per distinct schedule per array, created when first needed,
// removed when last unused" rule for both: FlashArray protection groups
// (flasharray-protection.ts) and FlashBlade snapshot policies (flashblade-snapshot-policies.ts).

export interface ProtectionSchedule {
  /** Snapshot every this many milliseconds. */
  readonly frequencyMs: number;
  /** Keep every snapshot this many seconds. */
  readonly retentionSec: number;
}

/**
 * One array's schedule containers (protection groups or snapshot policies) and their members.
 * Every write is safe to retry or is read back after an unknown outcome; "already a member" and
 * "not a member" count as done.
 */
export interface ScheduledProtection {
  /** Names of the containers the volume (or file system) is a member of. */
  membershipsOf(volume: string, signal?: AbortSignal): Promise<string[]>;
  /** The schedule a container runs; undefined when it is absent or runs none. */
  runningSchedule(container: string, signal?: AbortSignal): Promise<ProtectionSchedule | undefined>;
  /** The container with exactly this schedule, created (never blindly) when absent. */
  ensure(container: string, schedule: ProtectionSchedule, signal?: AbortSignal): Promise<void>;
  addMember(container: string, volume: string, signal?: AbortSignal): Promise<void>;
  removeMember(container: string, volume: string, signal?: AbortSignal): Promise<void>;
  memberCount(container: string, signal?: AbortSignal): Promise<number>;
  /** Removes the container; one already gone counts as removed. */
  remove(container: string, signal?: AbortSignal): Promise<void>;
  /** When the newest snapshot protecting the volume was taken (ms), or undefined when none. */
  newestSnapshot(container: string, volume: string, signal?: AbortSignal): Promise<number | undefined>;
}
