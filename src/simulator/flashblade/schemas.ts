// Request bodies the FlashBlade simulator accepts (FB 2.0 / 2.28 FileSystemPost,
// FileSystemPatch, NfsExportPolicyPost/Patch, NfsExportPolicyRule), version-aware.
import { BOOL, REFERENCE, STR, obj, type FieldSchema } from '../http/body-schema';
import { atLeast, type ApiVersion } from '../versions';
import type { NfsRuleRecord } from './records';

export const MAX_FS_SIZE = 2 ** 62;
export const SIZE: FieldSchema = {
  type: 'oneOf',
  options: [{ type: 'integer', min: 0, max: MAX_FS_SIZE }, { type: 'emptyString' }],
  hint: 'a size in bytes, or "" for unlimited',
};
export const NFS_BASE = {
  rules: { type: 'string', maxLength: 4096 } as FieldSchema,
  v3_enabled: BOOL,
  v4_1_enabled: BOOL,
};

export function fsPostSchema(v: ApiVersion): FieldSchema {
  const nfs: Record<string, FieldSchema> = { ...NFS_BASE };
  if (atLeast(v, 2, 3)) nfs.export_policy = REFERENCE;
  const props: Record<string, FieldSchema> = {
    default_group_quota: { type: 'integer', min: 0 },
    default_user_quota: { type: 'integer', min: 0 },
    fast_remove_directory_enabled: BOOL,
    hard_limit_enabled: BOOL,
    http: obj({ enabled: BOOL }),
    multi_protocol: obj({ access_control_style: STR, safeguard_acls: BOOL }),
    nfs: obj(nfs),
    provisioned: SIZE,
    smb: obj({ enabled: BOOL }),
    snapshot_directory_enabled: BOOL,
    source: REFERENCE,
    writable: BOOL,
  };
  if (atLeast(v, 2, 1)) {
    props.eradication_config = obj({ eradication_mode: STR });
    props.group_ownership = STR;
    props.node_group = REFERENCE;
    props.workload = obj({ id: STR, name: STR, resource_type: STR, configuration: STR });
    props.smb = obj({
      enabled: BOOL,
      client_policy: REFERENCE,
      share_policy: REFERENCE,
      continuous_availability_enabled: BOOL,
    });
  }
  // FB 2.17+ (py-pure-client's FB_2_17 FileSystemPost/Patch first carry it).
  if (atLeast(v, 2, 17)) props.qos_policy = REFERENCE;
  return obj(props);
}

export function fsPatchSchema(v: ApiVersion): FieldSchema {
  const base = fsPostSchema(v) as { properties: Record<string, FieldSchema> };
  const nfs = { ...(base.properties.nfs as { properties: Record<string, FieldSchema> }).properties };
  nfs.add_rules = STR;
  nfs.remove_rules = STR;
  nfs.after = STR;
  return obj({
    ...base.properties,
    nfs: obj(nfs),
    name: STR,
    destroyed: BOOL,
    requested_promotion_state: STR,
  });
}

export const RULE_SCHEMA = obj({
  access: { type: 'string', enum: ['root-squash', 'all-squash', 'no-squash'] },
  anongid: {
    type: 'oneOf',
    options: [{ type: 'integer', min: 0, max: 4294967295 }, { type: 'emptyString' }],
    hint: 'a GID or ""',
  },
  anonuid: {
    type: 'oneOf',
    options: [{ type: 'integer', min: 0, max: 4294967295 }, { type: 'emptyString' }],
    hint: 'a UID or ""',
  },
  atime: BOOL,
  client: { type: 'string', maxLength: 255 },
  fileid_32bit: BOOL,
  permission: { type: 'string', enum: ['rw', 'ro'] },
  secure: BOOL,
  security: {
    type: 'array',
    items: { type: 'string', enum: ['sys', 'krb5', 'krb5i', 'krb5p'] },
    maxItems: 4,
    minItems: 1,
  },
  required_transport_security: { type: 'string', enum: ['none', 'tls'] },
  index: { type: 'integer', min: 1, max: 1000 },
  policy: REFERENCE,
});
export const POLICY_POST = obj({
  enabled: BOOL,
  rules: { type: 'array', items: RULE_SCHEMA, maxItems: 200 },
});
export const POLICY_PATCH = obj({
  enabled: BOOL,
  name: STR,
  rules: { type: 'array', items: RULE_SCHEMA, maxItems: 200 },
});

export interface RuleBody {
  access?: NfsRuleRecord['access'];
  anongid?: number | '';
  anonuid?: number | '';
  atime?: boolean;
  client?: string;
  fileid_32bit?: boolean;
  permission?: 'rw' | 'ro';
  secure?: boolean;
  security?: string[];
  required_transport_security?: string;
}

export interface FsBody {
  name?: string;
  destroyed?: boolean;
  provisioned?: number | '';
  hard_limit_enabled?: boolean;
  nfs?: {
    rules?: string;
    v3_enabled?: boolean;
    v4_1_enabled?: boolean;
    export_policy?: { id?: string; name?: string };
    add_rules?: string;
    remove_rules?: string;
    after?: string;
  };
  smb?: {
    enabled?: boolean;
    client_policy?: unknown;
    share_policy?: unknown;
    continuous_availability_enabled?: boolean;
  };
  http?: { enabled?: boolean };
  snapshot_directory_enabled?: boolean;
  fast_remove_directory_enabled?: boolean;
  writable?: boolean;
  default_user_quota?: number;
  default_group_quota?: number;
  multi_protocol?: { access_control_style?: string; safeguard_acls?: boolean };
  source?: unknown;
  node_group?: unknown;
  qos_policy?: { id?: string; name?: string };
  workload?: unknown;
  eradication_config?: { eradication_mode?: string };
  group_ownership?: string;
  requested_promotion_state?: string;
}
