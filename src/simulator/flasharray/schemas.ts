// Request bodies the FlashArray simulator accepts (FA 2.0 / 2.56 VolumePost,
// VolumePatch, HostPost, HostPatch, ConnectionPost, TagBatch). Fields that
// exist in the spec but the simulator does not model are still listed so
// the error says what is unsupported rather than "unknown field".
import { BOOL, REFERENCE, STR, obj, type FieldSchema } from '../http/body-schema';
import type { HostRecord } from './records';

export const MAX_PROVISIONED = 4_503_599_627_370_496;
export const MIN_BANDWIDTH = 1_048_576;
export const MAX_BANDWIDTH = 549_755_813_888;
export const MIN_IOPS = 100;
export const MAX_IOPS = 100_000_000;

const BANDWIDTH: FieldSchema = { type: 'integer', min: MIN_BANDWIDTH, max: MAX_BANDWIDTH };
const IOPS: FieldSchema = { type: 'integer', min: MIN_IOPS, max: MAX_IOPS };
const UNSET: FieldSchema = { type: 'emptyString' };

export const QOS_POST = obj({ bandwidth_limit: BANDWIDTH, iops_limit: IOPS });
export const QOS_PATCH = obj({
  bandwidth_limit: {
    type: 'oneOf',
    options: [BANDWIDTH, UNSET],
    hint: `an integer from ${MIN_BANDWIDTH} to ${MAX_BANDWIDTH} or ""`,
  },
  iops_limit: {
    type: 'oneOf',
    options: [IOPS, UNSET],
    hint: `an integer from ${MIN_IOPS} to ${MAX_IOPS} or ""`,
  },
});

const PROVISIONED: FieldSchema = { type: 'integer', min: 0, max: MAX_PROVISIONED };
const PRIORITY_ADJUSTMENT = obj({
  priority_adjustment_operator: { type: 'string', enum: ['+', '-', '='] },
  priority_adjustment_value: { type: 'integer', min: -10, max: 10 },
});

const TAG_IN = obj(
  {
    key: { type: 'string', maxLength: 64 },
    value: { type: 'string', maxLength: 256 },
    namespace: { type: 'string', maxLength: 64 },
    copyable: BOOL,
    resource: REFERENCE,
  },
  ['key', 'value'],
);

/** `NonCopyableTag` (FA 2.56): what `HostGroupPost.tags` holds; no `copyable`. */
export const NON_COPYABLE_TAG_IN = obj(
  {
    key: { type: 'string', maxLength: 64 },
    value: { type: 'string', maxLength: 256 },
    namespace: { type: 'string', maxLength: 64 },
    resource: REFERENCE,
  },
  ['key', 'value'],
);

export const VOLUME_POST_2_0 = obj({
  destroyed: BOOL,
  provisioned: PROVISIONED,
  qos: QOS_POST,
  source: REFERENCE,
  subtype: STR,
});

export const VOLUME_POST = obj({
  destroyed: BOOL,
  provisioned: PROVISIONED,
  qos: QOS_POST,
  source: REFERENCE,
  subtype: STR,
  priority_adjustment: PRIORITY_ADJUSTMENT,
  protocol_endpoint: obj({ container_version: STR }),
  tags: { type: 'array', items: TAG_IN, maxItems: 30 },
  workload: obj({ id: STR, name: STR, resource_type: STR, configuration: STR }),
});

export const VOLUME_PATCH_2_0 = obj({
  destroyed: BOOL,
  name: STR,
  pod: REFERENCE,
  provisioned: PROVISIONED,
  qos: QOS_PATCH,
  volume_group: REFERENCE,
});

export const VOLUME_PATCH = obj({
  destroyed: BOOL,
  name: STR,
  pod: REFERENCE,
  provisioned: PROVISIONED,
  qos: QOS_PATCH,
  volume_group: REFERENCE,
  priority_adjustment: PRIORITY_ADJUSTMENT,
  protocol_endpoint: obj({ container_version: STR }),
  requested_promotion_state: STR,
  workload: obj({ id: STR, name: STR, resource_type: STR }),
});

const STRING_LIST: FieldSchema = { type: 'array', items: { type: 'string', maxLength: 256 }, maxItems: 256 };
const CHAP = obj({ host_password: STR, host_user: STR, target_password: STR, target_user: STR });

export const HOST_POST = obj({
  chap: CHAP,
  iqns: STRING_LIST,
  nqns: STRING_LIST,
  wwns: STRING_LIST,
  personality: STR,
  preferred_arrays: { type: 'array', items: REFERENCE, maxItems: 16 },
  qos: QOS_POST,
  tags: { type: 'array', items: TAG_IN, maxItems: 30 },
  vlan: STR,
});

export const HOST_PATCH = obj({
  name: STR,
  add_iqns: STRING_LIST,
  add_nqns: STRING_LIST,
  add_wwns: STRING_LIST,
  remove_iqns: STRING_LIST,
  remove_nqns: STRING_LIST,
  remove_wwns: STRING_LIST,
  chap: CHAP,
  host_group: obj({ name: STR }),
  iqns: STRING_LIST,
  nqns: STRING_LIST,
  wwns: STRING_LIST,
  personality: STR,
  preferred_arrays: { type: 'array', items: REFERENCE, maxItems: 16 },
  qos: QOS_PATCH,
  vlan: STR,
  nvme_stretch: STR,
});

export const CONNECTION_POST = obj({
  lun: { type: 'integer', min: 1, max: 4095 },
  protocol_endpoint: REFERENCE,
});

export const TAG_BATCH: FieldSchema = { type: 'array', items: TAG_IN, minItems: 1, maxItems: 30 };

export const PERSONALITIES = [
  'aix',
  'esxi',
  'hitachi-vsp',
  'hpux',
  'nutanix-cluster',
  'nutanix-mgmt',
  'oracle-vm-server',
  'solaris',
  'vms',
  'windows',
] as const;

// Request body types (what validateBody returns for the schemas above).
export type QosBody = { bandwidth_limit?: number | ''; iops_limit?: number | '' };
export type TagIn = { key: string; value: string; namespace?: string; copyable?: boolean };

export interface VolumePostBody {
  destroyed?: boolean;
  provisioned?: number;
  qos?: { bandwidth_limit?: number; iops_limit?: number };
  source?: { id?: string; name?: string };
  subtype?: string;
  priority_adjustment?: { priority_adjustment_operator?: string; priority_adjustment_value?: number };
  protocol_endpoint?: unknown;
  tags?: TagIn[];
  workload?: unknown;
}

export interface VolumePatchBody {
  destroyed?: boolean;
  name?: string;
  pod?: unknown;
  provisioned?: number;
  qos?: QosBody;
  volume_group?: unknown;
  priority_adjustment?: { priority_adjustment_operator?: string; priority_adjustment_value?: number };
  protocol_endpoint?: unknown;
  requested_promotion_state?: string;
  workload?: unknown;
}

export interface HostBody {
  name?: string;
  iqns?: string[];
  wwns?: string[];
  nqns?: string[];
  add_iqns?: string[];
  add_wwns?: string[];
  add_nqns?: string[];
  remove_iqns?: string[];
  remove_wwns?: string[];
  remove_nqns?: string[];
  personality?: string;
  chap?: HostRecord['chap'];
  host_group?: { name?: string };
  preferred_arrays?: unknown[];
  qos?: unknown;
  tags?: TagIn[];
  vlan?: string;
  nvme_stretch?: string;
}
