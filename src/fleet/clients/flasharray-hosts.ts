// FlashArray hosts and the fleet's mark on them (FA 2.56 `hosts`, `hosts/tags`). A host the fleet
// registers carries a tag naming the fleet (flasharray-fleet-mark.ts); that tag, read from the
// array, is what tells the fleet's own host from one of the same name that another workload
// created. Creates follow the
// never-blind-create rule (common.ts); every other write sets an absolute state and is safe to
// repeat.

import type { ItemsResponse, RestTransport } from '../rest/session';
import { createWithExistenceCheck, deleteByName, findByName, firstOf, type CreateOutcome } from './common';
import { fleetMarkOf, fleetTags, putFleetMark } from './flasharray-fleet-mark';

export { FLEET_TAG_KEY, FLEET_TAG_NAMESPACE } from './flasharray-fleet-mark';

export interface FlashArrayHost {
  readonly name: string;
  readonly iqns?: readonly string[];
  readonly nqns?: readonly string[];
  readonly wwns?: readonly string[];
  readonly personality?: string | null;
  readonly connection_count?: number;
  /** The host group the host is a member of (a host is in at most one). */
  readonly host_group?: { readonly name?: string } | null;
}

/** What a host is declared to be: its ports and personality (`null` = not set). */
export interface HostSpec {
  readonly iqns: readonly string[];
  readonly nqns: readonly string[];
  readonly wwns: readonly string[];
  readonly personality: string | null;
}

export class FlashArrayHostsClient {
  constructor(readonly session: RestTransport) {}

  get name(): string {
    return this.session.arrayName;
  }

  getHost(name: string, signal?: AbortSignal): Promise<FlashArrayHost | undefined> {
    return findByName<FlashArrayHost>(this.session, 'hosts', name, signal);
  }

  /** The fleet named by the host's ownership tag, or undefined when it carries none. */
  ownerOf(name: string, signal?: AbortSignal): Promise<string | undefined> {
    return fleetMarkOf(this.session, 'hosts', name, signal);
  }

  /** Creates a host carrying the fleet's mark; after an unknown outcome it is looked up first. */
  async createHost(
    name: string,
    spec: HostSpec,
    fleet: string,
    signal?: AbortSignal,
  ): Promise<{ host: FlashArrayHost; outcome: CreateOutcome }> {
    const { object, outcome } = await createWithExistenceCheck({
      array: this.session.arrayName,
      object: `host "${name}"`,
      create: async () => {
        const response = await this.session.request<ItemsResponse<FlashArrayHost>>('POST', 'hosts', {
          query: { names: name },
          body: {
            iqns: spec.iqns,
            nqns: spec.nqns,
            wwns: spec.wwns,
            ...(spec.personality ? { personality: spec.personality } : {}),
            tags: fleetTags(fleet),
          },
          retrySafe: false,
          signal,
        });
        return firstOf(this.session, 'POST', 'hosts', response.items, 'host');
      },
      lookup: () => this.getHost(name, signal),
    });
    return { host: object, outcome };
  }

  /** Sets the host's ports and personality to exactly `spec`. */
  async setHost(name: string, spec: HostSpec, signal?: AbortSignal): Promise<FlashArrayHost> {
    const response = await this.session.request<ItemsResponse<FlashArrayHost>>('PATCH', 'hosts', {
      query: { names: name },
      body: { iqns: spec.iqns, nqns: spec.nqns, wwns: spec.wwns, personality: spec.personality ?? '' },
      retrySafe: true,
      signal,
    });
    return firstOf(this.session, 'PATCH', 'hosts', response.items, 'host');
  }

  /** Puts the fleet's mark on a host (adoption of a host created outside the fleet). */
  markHost(name: string, fleet: string, signal?: AbortSignal): Promise<void> {
    return putFleetMark(this.session, 'hosts', name, fleet, signal);
  }

  /** Deletes a host; one already gone counts as deleted. */
  async deleteHost(name: string, signal?: AbortSignal): Promise<void> {
    await deleteByName(this.session, 'hosts', name, signal);
  }
}
