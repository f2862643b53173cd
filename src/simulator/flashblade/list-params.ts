// The list parameters every FlashBlade GET accepts, plus those of one endpoint.
import { LIST_PARAMS } from '../http/listing';
import { atLeast, type ApiVersion } from '../versions';

export function listParams(v: ApiVersion | null, extra: readonly string[]): string[] {
  return [
    ...LIST_PARAMS,
    ...extra,
    ...(v !== null && atLeast(v, 2, 1) && extra.includes('allow_errors') ? ['context_names'] : []),
  ];
}
