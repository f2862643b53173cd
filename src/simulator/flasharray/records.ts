// The FlashArray objects the simulator keeps, in the form written to the
// state file. Times are milliseconds on the fleet clock.
import type { PersistedArrayBase } from '../array-base';

export interface TagRecord {
  namespace: string;
  key: string;
  value: string;
  copyable: boolean;
}

export interface VolumeRecord {
  seq: number;
  id: string;
  name: string;
  serial: string;
  created: number;
  provisioned: number;
  destroyed: boolean;
  destroyedAt: number | null;
  bandwidthLimit: number | null;
  iopsLimit: number | null;
  /** Logical bytes written; null means nothing yet (a new volume is empty). */
  written: number | null;
  source: { id: string; name: string } | null;
  priorityAdjustment: { operator: string; value: number } | null;
  tags: TagRecord[];
}

/** A new volume's settings before the store gives it an identity: no limits, tags or data. */
export function blankVolume(): VolumeRecord {
  return {
    seq: 0,
    id: '',
    name: '',
    serial: '',
    created: 0,
    provisioned: 0,
    destroyed: false,
    destroyedAt: null,
    bandwidthLimit: null,
    iopsLimit: null,
    written: null,
    source: null,
    priorityAdjustment: null,
    tags: [],
  };
}

export interface HostRecord {
  seq: number;
  id: string;
  name: string;
  iqns: string[];
  wwns: string[];
  nqns: string[];
  personality: string | null;
  chap: { host_user?: string; host_password?: string; target_user?: string; target_password?: string } | null;
  /** Tags (FA 2.56 `hosts/tags`); absent in state files written before hosts had them. */
  tags?: TagRecord[];
  /** Id of the host group the host is a member of (a host is in at most one). */
  hostGroupId?: string;
}

export interface HostGroupRecord {
  seq: number;
  id: string;
  name: string;
  /** Tags (FA 2.56 `host-groups/tags`); absent in state files written before groups had them. */
  tags?: TagRecord[];
}

export interface ConnectionRecord {
  seq: number;
  /** The host's id, or the host group's id for a shared connection. */
  hostId: string;
  /** A shared connection: to a host group, seen by every host in it. */
  shared?: boolean;
  volumeId: string;
  lun: number;
}

export interface ProtectionGroupRecord {
  seq: number;
  id: string;
  name: string;
  created: number;
  destroyed: boolean;
  destroyedAt: number | null;
  schedule: { enabled: boolean; frequencyMs: number; at?: number };
  retention: { allForSec: number; perDay: number; days: number };
  volumeIds: string[];
  /** When the schedule last took a snapshot (or was enabled): the next one is due a frequency later. */
  scheduleFrom: number;
  nextSuffix: number;
}

export interface ProtectionGroupSnapshotRecord {
  seq: number;
  id: string;
  groupId: string;
  suffix: number;
  created: number;
  volumeNames: string[];
}

export interface PersistedFlashArray extends PersistedArrayBase {
  type: 'flasharray';
  serialPrefix: string;
  nextSerial: number;
  volumes: VolumeRecord[];
  hosts: HostRecord[];
  connections: ConnectionRecord[];
  /** Absent in state files written before host groups and protection groups existed. */
  hostGroups?: HostGroupRecord[];
  protectionGroups?: ProtectionGroupRecord[];
  protectionGroupSnapshots?: ProtectionGroupSnapshotRecord[];
}
