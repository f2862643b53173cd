// The `pure` provider: its configuration is the fleet's roster (DESIGN.md "Where the fleet is
// defined"). Arrays come from `array` blocks and/or a PSO values file; tokens may come from the
// environment. The fleet layer (and its HTTP client) loads only when the provider is configured.

import { readFileSync } from 'node:fs';
import { CtyNumber } from '../provider/cty/number';
import type { CtyValue } from '../provider/cty/value';
import type { StateModel } from '../provider/framework/schema';
import { attr, block, defineSchema, whollyKnownModel } from '../provider/framework/schema';
import type { ProviderDefinition } from '../provider/framework/resource';
import { validate } from '../provider/framework/validators';
import type { FleetConnection } from '../fleet/connection';
import type { ArrayMember } from '../fleet/roster';
import { fleetResource } from './fleet';
import { volumeResource } from './volume';

export interface PureProviderData {
  readonly fleet: FleetConnection;
}

export const ARRAY_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,62}$/;

export const providerSchema = defineSchema({
  description:
    'Federates Pure Storage FlashArrays and FlashBlades into one storage service: `pure_volume` states what it needs and the provider places it on the best array of the fleet.',
  attributes: {
    pso_values_file: attr.string({
      optional: true,
      description:
        'Path of a Pure Service Orchestrator values.yaml whose `arrays:` section (FlashArrays/FlashBlades with MgmtEndPoint, APIToken, NFSEndPoint, Labels) adds arrays to the roster. Also read from `PURE_PSO_VALUES_FILE`.',
    }),
    ca_file: attr.string({
      optional: true,
      description:
        "PEM file of the CA certificates that sign the arrays' management certificates. Also read from `PURE_CA_FILE`.",
    }),
    insecure_skip_tls_verify: attr.bool({
      optional: true,
      description: 'Do not verify array certificates. Logged as a warning; prefer `ca_file`.',
    }),
    request_timeout_seconds: attr.number({
      optional: true,
      description: 'Timeout of each REST request to an array, in seconds (default 30).',
      validators: [validate.numberBetween(1, 600, 'seconds')],
    }),
  },
  blocks: {
    array: block('list', {
      description: 'One member array of the fleet.',
      attributes: {
        name: attr.string({
          required: true,
          description: 'Name of the array within this fleet; volumes record it as their placement.',
          validators: [
            validate.matches(
              ARRAY_NAME_PATTERN,
              'must be 1-63 letters, digits, ".", "_", ":" or "-", starting with a letter or digit',
            ),
          ],
        }),
        type: attr.string({
          required: true,
          description: '`flasharray` (block volumes) or `flashblade` (file systems).',
          validators: [validate.oneOf(['flasharray', 'flashblade'])],
        }),
        endpoint: attr.string({
          required: true,
          description: 'Management address: `host`, `host:port` or an https URL.',
        }),
        api_token: attr.string({
          optional: true,
          sensitive: true,
          description:
            'API token of the array. When unset, read from the environment variable `PURE_API_TOKEN_<NAME>` (name upper-cased, other characters as `_`).',
        }),
        nfs_endpoint: attr.string({
          optional: true,
          description: 'FlashBlade data VIP that clients mount from.',
        }),
        labels: attr.stringMap({
          optional: true,
          description: "Business-policy labels (e.g. `zone`), matched exactly by volumes' `array_labels`.",
        }),
      },
    }),
  },
});

type ProviderConfig = StateModel<typeof providerSchema>;

export function tokenEnvironmentVariable(arrayName: string): string {
  return `PURE_API_TOKEN_${arrayName.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

function str(value: CtyValue | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export class ProviderConfigError extends Error {
  constructor(
    message: string,
    readonly path: { attribute: string } | { attribute: string; index: number; field: string },
  ) {
    super(message);
  }
}

async function loadPsoMembers(file: string): Promise<ArrayMember[]> {
  const [{ parse }, { membersFromPso }] = await Promise.all([import('yaml'), import('../fleet/roster')]);
  const document: unknown = parse(readFileSync(file, 'utf8'));
  const arrays =
    document && typeof document === 'object' ? (document as { arrays?: unknown }).arrays : undefined;
  return membersFromPso(arrays, file);
}

function membersFromBlocks(config: ProviderConfig, env: NodeJS.ProcessEnv): ArrayMember[] {
  return (config.array ?? []).map((a, index) => {
    const name = a.name as string;
    const token = str(a.api_token) ?? env[tokenEnvironmentVariable(name)];
    if (!token) {
      throw new ProviderConfigError(
        `Array "${name}" has no API token: set api_token or the environment variable ${tokenEnvironmentVariable(name)}.`,
        { attribute: 'array', index, field: 'api_token' },
      );
    }
    return {
      name,
      kind: a.type as ArrayMember['kind'],
      endpoint: a.endpoint as string,
      apiToken: token,
      nfsEndpoint: a.nfs_endpoint ?? undefined,
      labels: a.labels ?? {},
    };
  });
}

export function pureProvider(
  env: NodeJS.ProcessEnv = process.env,
): ProviderDefinition<typeof providerSchema, PureProviderData> {
  return {
    typeName: 'pure',
    schema: providerSchema,
    validateConfig(config, { diags }) {
      // A dynamic block over a value not known yet: nothing to check until it is.
      if (!Array.isArray(config.array)) return;
      const seen = new Map<string, number>();
      config.array.forEach((a, index) => {
        if (typeof a.name !== 'string') return;
        const previous = seen.get(a.name);
        if (previous !== undefined) {
          diags.error(
            'Duplicate array name',
            `Array name "${a.name}" is already used by array block ${previous + 1}.`,
            [{ attribute: 'array' }, { index }, { attribute: 'name' }],
          );
        }
        seen.set(a.name, index);
        if (a.type === 'flashblade' && a.nfs_endpoint === null) {
          diags.error(
            'Missing NFS endpoint',
            'A FlashBlade needs nfs_endpoint, the data VIP clients mount from.',
            [{ attribute: 'array' }, { index }, { attribute: 'nfs_endpoint' }],
          );
        }
      });
    },
    async configure(planConfig, { diags, logger }) {
      const config = whollyKnownModel<typeof providerSchema>(planConfig);
      if (!config) {
        logger.debug('provider configuration not yet known; planning without the fleet');
        return undefined;
      }
      const members: ArrayMember[] = [];
      try {
        members.push(...membersFromBlocks(config, env));
      } catch (err) {
        if (!(err instanceof ProviderConfigError)) throw err;
        const p = err.path;
        diags.error(
          'Missing API token',
          err.message,
          'index' in p ? [{ attribute: p.attribute }, { index: p.index }, { attribute: p.field }] : [p],
        );
        return undefined;
      }
      const valuesFile = str(config.pso_values_file) ?? env.PURE_PSO_VALUES_FILE;
      if (valuesFile) {
        try {
          members.push(...(await loadPsoMembers(valuesFile)));
        } catch (err) {
          diags.error('Cannot read the PSO values file', err instanceof Error ? err.message : String(err), [
            { attribute: 'pso_values_file' },
          ]);
          return undefined;
        }
      }
      const names = new Set<string>();
      for (const m of members) {
        if (names.has(m.name)) {
          diags.error(
            'Duplicate array',
            `The array "${m.name}" appears more than once in the roster (array blocks and PSO values file).`,
          );
          return undefined;
        }
        names.add(m.name);
      }
      const caFile = str(config.ca_file) ?? env.PURE_CA_FILE;
      let caPem: string | undefined;
      if (caFile) {
        try {
          caPem = readFileSync(caFile, 'utf8');
        } catch (err) {
          diags.error('Cannot read the CA file', err instanceof Error ? err.message : String(err), [
            { attribute: 'ca_file' },
          ]);
          return undefined;
        }
      }
      const timeout = config.request_timeout_seconds;
      const { FleetConnection } = await import('../fleet/connection');
      const fleet = new FleetConnection(
        {
          arrays: members,
          caPem,
          insecureSkipVerify: config.insecure_skip_tls_verify === true,
          requestTimeoutMs: timeout instanceof CtyNumber ? timeout.toNumber() * 1000 : undefined,
        },
        logger,
      );
      return { fleet };
    },
    resources: [fleetResource, volumeResource],
    dataSources: [],
  };
}
