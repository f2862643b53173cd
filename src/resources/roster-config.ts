// The provider configuration → the fleet's roster: `array` blocks, then the arrays of a PSO
// values file. Tokens (and API client keys) left out of the configuration come from the
// environment.

import { createPrivateKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { AttributePath } from '../provider/cty/path';
import type { StateModel } from '../provider/framework/schema';
import type { ApiClientCredentials } from '../fleet/rest/api-client';
import type { ArrayMember } from '../fleet/roster';
import type { providerSchema } from './provider-schema';

type ProviderConfig = StateModel<typeof providerSchema>;

export function tokenEnvironmentVariable(arrayName: string): string {
  return `PURE_API_TOKEN_${arrayName.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

/** A roster problem, with the attribute it belongs to. */
export class RosterConfigError extends Error {
  constructor(
    readonly summary: string,
    message: string,
    readonly path: AttributePath,
  ) {
    super(message);
  }
}

export function apiClientKeyEnvironmentVariable(arrayName: string): string {
  return `PURE_API_CLIENT_KEY_${arrayName.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

type ArrayBlock = NonNullable<ProviderConfig['array']>[number];

/** An api_client block → credentials; the private key from the block, its file, or the environment. */
function apiClientOf(
  name: string,
  client: NonNullable<ArrayBlock['api_client']>,
  index: number,
  env: NodeJS.ProcessEnv,
): ApiClientCredentials {
  const path: AttributePath = [{ attribute: 'array' }, { index }, { attribute: 'api_client' }];
  let pem = client.private_key ?? undefined;
  let where: AttributePath = [...path, { attribute: 'private_key' }];
  if (!pem && client.private_key_file) {
    where = [...path, { attribute: 'private_key_file' }];
    try {
      pem = readFileSync(client.private_key_file, 'utf8');
    } catch (err) {
      throw new RosterConfigError(
        'Cannot read the private key file',
        `Array "${name}": ${err instanceof Error ? err.message : String(err)}`,
        where,
      );
    }
  }
  pem ||= env[apiClientKeyEnvironmentVariable(name)];
  if (!pem) {
    throw new RosterConfigError(
      'Missing private key',
      `Array "${name}" logs in as an API client but has no private key: set private_key, private_key_file or the environment variable ${apiClientKeyEnvironmentVariable(name)}.`,
      [...path, { attribute: 'private_key' }],
    );
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(pem);
  } catch {
    // The parser's message could quote the key; say only what is wrong.
    throw new RosterConfigError(
      'Invalid private key',
      `Array "${name}": the API client's private key is not a PEM private key.`,
      where,
    );
  }
  if (privateKey.asymmetricKeyType !== 'rsa') {
    throw new RosterConfigError(
      'Invalid private key',
      `Array "${name}": the API client's key must be an RSA key (the arrays verify RS256).`,
      where,
    );
  }
  return {
    clientId: client.client_id as string,
    keyId: client.key_id as string,
    issuer: client.issuer as string,
    user: client.user as string,
    privateKey,
  };
}

export function membersFromBlocks(config: ProviderConfig, env: NodeJS.ProcessEnv): ArrayMember[] {
  return (config.array ?? []).map((a, index) => {
    const name = a.name as string;
    const common = {
      name,
      kind: a.type as ArrayMember['kind'],
      endpoint: a.endpoint as string,
      ...(a.nfs_endpoint ? { nfsEndpoint: a.nfs_endpoint } : {}),
      labels: a.labels ?? {},
      ...(a.cordoned ? { cordoned: true } : {}),
      ...(a.volume_limit ? { volumeLimit: a.volume_limit.toNumber() } : {}),
      ...(a.saturation_iops ? { saturationIops: a.saturation_iops.toNumber() } : {}),
    };
    if (a.api_client) {
      if (a.api_token) {
        throw new RosterConfigError(
          'Two ways to log in',
          `Array "${name}" has both api_token and api_client: keep one.`,
          [{ attribute: 'array' }, { index }, { attribute: 'api_client' }],
        );
      }
      return { ...common, apiClient: apiClientOf(name, a.api_client, index, env) };
    }
    const token = a.api_token ?? env[tokenEnvironmentVariable(name)];
    if (!token) {
      throw new RosterConfigError(
        'Missing API token',
        `Array "${name}" has no API token: set api_token, an api_client block, or the environment variable ${tokenEnvironmentVariable(name)}.`,
        [{ attribute: 'array' }, { index }, { attribute: 'api_token' }],
      );
    }
    return { ...common, apiToken: token };
  });
}

export async function membersFromPsoFile(file: string): Promise<ArrayMember[]> {
  const [{ parse }, { membersFromPso }] = await Promise.all([import('yaml'), import('../fleet/roster')]);
  let document: unknown;
  try {
    document = parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new RosterConfigError(
      'Cannot read the PSO values file',
      err instanceof Error ? err.message : String(err),
      [{ attribute: 'pso_values_file' }],
    );
  }
  const arrays =
    document && typeof document === 'object' ? (document as { arrays?: unknown }).arrays : undefined;
  try {
    return membersFromPso(arrays, file);
  } catch (err) {
    throw new RosterConfigError('Invalid PSO values file', err instanceof Error ? err.message : String(err), [
      { attribute: 'pso_values_file' },
    ]);
  }
}

/** Every array of the configuration, names unique across blocks and the values file. */
export async function rosterMembers(config: ProviderConfig, env: NodeJS.ProcessEnv): Promise<ArrayMember[]> {
  const members = membersFromBlocks(config, env);
  const valuesFile = config.pso_values_file ?? env.PURE_PSO_VALUES_FILE;
  if (valuesFile) members.push(...(await membersFromPsoFile(valuesFile)));
  const seen = new Set<string>();
  for (const m of members) {
    if (seen.has(m.name)) {
      throw new RosterConfigError(
        'Duplicate array',
        `The array "${m.name}" appears more than once in the roster (array blocks and PSO values file).`,
        [],
      );
    }
    seen.add(m.name);
  }
  return members;
}
