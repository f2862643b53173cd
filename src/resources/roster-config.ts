// The provider configuration → the fleet's roster: `array` blocks, then the arrays of a PSO
// values file. Tokens left out of the configuration come from the environment.

import { readFileSync } from 'node:fs';
import type { AttributePath } from '../provider/cty/path';
import type { StateModel } from '../provider/framework/schema';
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

export function membersFromBlocks(config: ProviderConfig, env: NodeJS.ProcessEnv): ArrayMember[] {
  return (config.array ?? []).map((a, index) => {
    const name = a.name as string;
    const token = a.api_token ?? env[tokenEnvironmentVariable(name)];
    if (!token) {
      throw new RosterConfigError(
        'Missing API token',
        `Array "${name}" has no API token: set api_token or the environment variable ${tokenEnvironmentVariable(name)}.`,
        [{ attribute: 'array' }, { index }, { attribute: 'api_token' }],
      );
    }
    return {
      name,
      kind: a.type as ArrayMember['kind'],
      endpoint: a.endpoint as string,
      apiToken: token,
      ...(a.nfs_endpoint ? { nfsEndpoint: a.nfs_endpoint } : {}),
      labels: a.labels ?? {},
      ...(a.cordoned ? { cordoned: true } : {}),
      ...(a.volume_limit ? { volumeLimit: a.volume_limit.toNumber() } : {}),
      ...(a.saturation_iops ? { saturationIops: a.saturation_iops.toNumber() } : {}),
    };
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
