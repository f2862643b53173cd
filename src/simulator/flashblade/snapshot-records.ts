// FlashBlade snapshot scheduling policies (`policies`) and the file-system snapshots they take,
// in the form written to the state file.

export interface SnapshotRuleRecord {
  /** Take a snapshot every this many milliseconds. */
  every: number;
  /** Keep each snapshot this many milliseconds. */
  keepFor: number;
  /** Milliseconds after midnight (UTC; see `timeZone`) for daily rules; null otherwise. */
  at: number | null;
  timeZone: string | null;
  /** The schedule counts from here (creation, or the last change of the rule). */
  scheduleFrom: number;
}

export interface SnapshotPolicyRecord {
  seq: number;
  id: string;
  name: string;
  enabled: boolean;
  rules: SnapshotRuleRecord[];
  /** File systems the policy snapshots, by id, in the order they joined. */
  memberIds: string[];
  nextSuffix: number;
}

export interface FileSystemSnapshotRecord {
  seq: number;
  id: string;
  /** The name is `<file system>.<suffix>`, following renames of the file system. */
  suffix: string;
  ownerId: string;
  created: number;
  /** The policy that took it; null for a manual snapshot or once its policy is deleted. */
  policyId: string | null;
  /** Removed by the array this long after `created` (the rule's keep_for when taken). */
  keepFor: number | null;
}

export interface PersistedSnapshotPolicies {
  /** Absent in state files written before snapshot policies existed. */
  snapshotPolicies?: SnapshotPolicyRecord[];
  fileSystemSnapshots?: FileSystemSnapshotRecord[];
}
