// Roster problems found at configure, on the right attribute: a refused credential on api_token
// (or the api_client block), an endpoint on endpoint, an array of a PSO values file on
// pso_values_file; a cordoned array's problem is only a warning.

import type { MemberProblem } from '../../../src/fleet/connection';
import type { ArrayMember } from '../../../src/fleet/roster';
import { Diagnostics } from '../../../src/provider/framework/diagnostics';
import type { StateModel } from '../../../src/provider/framework/schema';
import type { providerSchema } from '../../../src/resources/provider-schema';
import { reportMemberProblems } from '../../../src/resources/roster-diagnostics';

type Config = StateModel<typeof providerSchema>;
type Block = NonNullable<Config['array']>[number];

const block = (name: string, extra: Partial<Block> = {}): Block => ({
  name,
  type: 'flasharray',
  endpoint: `${name}:443`,
  api_token: 't',
  nfs_endpoint: null,
  labels: null,
  cordoned: null,
  volume_limit: null,
  saturation_iops: null,
  api_client: null,
  ...extra,
});
const member = (name: string, cordoned = false): ArrayMember => ({
  name,
  kind: 'flasharray',
  endpoint: `${name}:443`,
  apiToken: 't',
  labels: {},
  ...(cordoned ? { cordoned } : {}),
});

test('each problem lands on its own attribute, and a cordoned array only warns', () => {
  const client = {
    client_id: 'c',
    key_id: 'k',
    issuer: 'i',
    user: 'u',
    private_key: 'x',
    private_key_file: null,
  };
  const config = {
    array: [
      block('ok'),
      block('bad-token'),
      block('bad-client', { api_token: null, api_client: client }),
      block('dead'),
      block('drained', { cordoned: true }),
    ],
  } as unknown as Config;
  const members = ['ok', 'bad-token', 'bad-client', 'dead'].map((n) => member(n));
  members.push(member('drained', true), member('10.0.0.9'));
  const problems: MemberProblem[] = [
    { array: 'bad-token', cause: 'credentials', message: 'bad-token: authentication failed' },
    { array: 'bad-client', cause: 'credentials', message: 'bad-client: authentication failed' },
    { array: 'dead', cause: 'endpoint', message: 'dead: unreachable' },
    { array: 'drained', cause: 'endpoint', message: 'drained: unreachable' },
    { array: '10.0.0.9', cause: 'endpoint', message: '10.0.0.9: unreachable' },
  ];
  const diags = new Diagnostics();
  reportMemberProblems(problems, members, config, diags);
  expect(diags.all.map((d) => [d.severity, d.summary, d.path])).toEqual([
    [
      'error',
      'Array "bad-token" refused its credentials',
      [{ attribute: 'array' }, { index: 1 }, { attribute: 'api_token' }],
    ],
    [
      'error',
      'Array "bad-client" refused its credentials',
      [{ attribute: 'array' }, { index: 2 }, { attribute: 'api_client' }],
    ],
    [
      'error',
      'Array "dead" does not answer',
      [{ attribute: 'array' }, { index: 3 }, { attribute: 'endpoint' }],
    ],
    [
      'warning',
      'Array "drained" does not answer',
      [{ attribute: 'array' }, { index: 4 }, { attribute: 'endpoint' }],
    ],
    ['error', 'Array "10.0.0.9" does not answer', [{ attribute: 'pso_values_file' }]],
  ]);
});
