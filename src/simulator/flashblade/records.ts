// The FlashBlade objects the simulator keeps, in the form written to the state file.
import type { PersistedArrayBase } from '../array-base';
import type { PersistedSnapshotPolicies } from './snapshot-records';

export interface FileSystemRecord {
  seq: number;
  id: string;
  name: string;
  created: number;
  /** Bytes; null = unlimited. */
  provisioned: number | null;
  hardLimitEnabled: boolean;
  destroyed: boolean;
  destroyedAt: number | null;
  nfs: { v3Enabled: boolean; v41Enabled: boolean; rules: string; exportPolicyId: string | null };
  smbEnabled: boolean;
  httpEnabled: boolean;
  snapshotDirectoryEnabled: boolean;
  fastRemoveDirectoryEnabled: boolean;
  writable: boolean;
  defaultUserQuota: number;
  defaultGroupQuota: number;
  accessControlStyle: string;
  safeguardAcls: boolean;
  /** Logical bytes written; null means nothing yet (a new file system is empty). */
  written: number | null;
  /** The QoS policy (REST 2.17+); absent in state files written before QoS policies existed. */
  qosPolicyId?: string | null;
}

export interface NfsRuleRecord {
  id: string;
  client: string;
  permission: 'rw' | 'ro';
  access: 'root-squash' | 'all-squash' | 'no-squash';
  anonuid: number | null;
  anongid: number | null;
  atime: boolean;
  fileid32bit: boolean;
  secure: boolean;
  security: string[];
  requiredTransportSecurity: string;
}

export interface NfsPolicyRecord {
  seq: number;
  id: string;
  name: string;
  enabled: boolean;
  version: string;
  rules: NfsRuleRecord[];
}

/** A QoS policy (qos-policies.ts); a null limit is no limit. */
export interface QosPolicyRecord {
  seq: number;
  id: string;
  name: string;
  enabled: boolean;
  maxTotalOpsPerSec: number | null;
  maxTotalBytesPerSec: number | null;
}

export interface NetworkInterfaceRecord {
  seq: number;
  id: string;
  name: string;
  address: string;
  services: string[];
  type: 'vip';
  subnet: string;
  vlan: number;
  mtu: number;
  netmask: string;
  gateway: string;
}

export interface PersistedFlashBlade extends PersistedArrayBase, PersistedSnapshotPolicies {
  type: 'flashblade';
  fileSystems: FileSystemRecord[];
  policies: NfsPolicyRecord[];
  networkInterfaces: NetworkInterfaceRecord[];
  /** Absent in state files written before QoS policies existed. */
  qosPolicies?: QosPolicyRecord[];
}
