// Roster problems found when the provider logs in at configure time, reported on the attribute of
// the provider configuration that is wrong: a refused credential on the array block's api_token
// (or api_client block), an endpoint that does not answer on its endpoint. Arrays from a PSO values file
// are reported on pso_values_file. A cordoned array takes no new volumes, so its problem is a
// warning: cordoning is how an operator keeps running while an array is down.

import type { MemberProblem } from '../fleet/connection';
import type { ArrayMember } from '../fleet/roster';
import type { AttributePath } from '../provider/cty/path';
import type { Diagnostics } from '../provider/framework/diagnostics';
import type { StateModel } from '../provider/framework/schema';
import type { providerSchema } from './provider-schema';

type ProviderConfig = StateModel<typeof providerSchema>;

function problemPath(problem: MemberProblem, config: ProviderConfig): AttributePath {
  const index = (config.array ?? []).findIndex((a) => a.name === problem.array);
  if (index < 0) return [{ attribute: 'pso_values_file' }];
  const credential = config.array?.[index]?.api_client ? 'api_client' : 'api_token';
  return [
    { attribute: 'array' },
    { index },
    { attribute: problem.cause === 'credentials' ? credential : 'endpoint' },
  ];
}

export function reportMemberProblems(
  problems: readonly MemberProblem[],
  members: readonly ArrayMember[],
  config: ProviderConfig,
  diags: Diagnostics,
): void {
  for (const problem of problems) {
    const member = members.find((m) => m.name === problem.array);
    const path = problemPath(problem, config);
    const summary =
      problem.cause === 'credentials'
        ? `Array "${problem.array}" refused its credentials`
        : `Array "${problem.array}" does not answer`;
    if (member?.cordoned) {
      diags.warning(
        summary,
        `${problem.message}. The array is cordoned, so nothing new is placed on it.`,
        path,
      );
    } else if (problem.cause === 'credentials') {
      diags.error(summary, `${problem.message}. Check the credentials of this array block.`, path);
    } else {
      diags.error(
        summary,
        `${problem.message}. Check the endpoint of this array block, and that the array is up; while it is down, cordoned = true on the block plans without it.`,
        path,
      );
    }
  }
}
