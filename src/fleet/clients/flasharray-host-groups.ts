// FlashArray host groups (FA 2.x `host-groups`, `host-groups/hosts`, `host-groups/tags`): hosts
// that share volumes, such as a cluster. A group the fleet registers carries the fleet's mark
// (flasharray-fleet-mark.ts). Creating a group follows the never-blind-create rule (common.ts);
// joining is a create too (a repeated join is refused), so after an unknown outcome the members
// are read back and only the hosts still missing are added, once. A host can be in at most one
// group, and `POST/DELETE host-groups/hosts` name one group at a time, as the spec says.

import { OutcomeUnknownError, PureApiError } from '../rest/errors';
import type { ItemsResponse, RestTransport } from '../rest/session';
import { createWithExistenceCheck, deleteByName, findByName, firstOf, type CreateOutcome } from './common';
import { fleetMarkOf, fleetTags, putFleetMark } from './flasharray-fleet-mark';

export interface FlashArrayHostGroup {
  readonly name: string;
  readonly host_count?: number;
  readonly connection_count?: number;
}

interface Membership {
  readonly group?: { readonly name?: string };
  readonly member?: { readonly name?: string };
}

const lower = (names: readonly string[]): Set<string> => new Set(names.map((n) => n.toLowerCase()));

export class FlashArrayHostGroupsClient {
  constructor(readonly session: RestTransport) {}

  get name(): string {
    return this.session.arrayName;
  }

  getGroup(name: string, signal?: AbortSignal): Promise<FlashArrayHostGroup | undefined> {
    return findByName<FlashArrayHostGroup>(this.session, 'host-groups', name, signal);
  }

  /** The fleet named by the group's ownership tag, or undefined when it carries none. */
  ownerOf(name: string, signal?: AbortSignal): Promise<string | undefined> {
    return fleetMarkOf(this.session, 'host-groups', name, signal);
  }

  /** Names of the group's member hosts, sorted. */
  async members(name: string, signal?: AbortSignal): Promise<string[]> {
    const rows = await this.session.listAll<Membership>('host-groups/hosts', { group_names: name }, signal);
    return rows
      .map((r) => r.member?.name)
      .filter((n): n is string => typeof n === 'string')
      .sort();
  }

  /** Creates a group carrying the fleet's mark; after an unknown outcome it is looked up first. */
  async createGroup(
    name: string,
    fleet: string,
    signal?: AbortSignal,
  ): Promise<{ group: FlashArrayHostGroup; outcome: CreateOutcome }> {
    const { object, outcome } = await createWithExistenceCheck({
      array: this.session.arrayName,
      object: `host group "${name}"`,
      create: async () => {
        const response = await this.session.request<ItemsResponse<FlashArrayHostGroup>>(
          'POST',
          'host-groups',
          { query: { names: name }, body: { tags: fleetTags(fleet) }, retrySafe: false, signal },
        );
        return firstOf(this.session, 'POST', 'host-groups', response.items, 'host group');
      },
      lookup: () => this.getGroup(name, signal),
    });
    return { group: object, outcome };
  }

  /** Puts the fleet's mark on a group (adoption of a group created outside the fleet). */
  markGroup(name: string, fleet: string, signal?: AbortSignal): Promise<void> {
    return putFleetMark(this.session, 'host-groups', name, fleet, signal);
  }

  /** Adds hosts to the group; a host already in it counts as added. */
  async addMembers(name: string, hosts: readonly string[], signal?: AbortSignal): Promise<void> {
    if (hosts.length === 0) return;
    const post = (names: readonly string[]): Promise<unknown> =>
      this.session.request<unknown>('POST', 'host-groups/hosts', {
        query: { group_names: name, member_names: names.join(',') },
        retrySafe: false,
        signal,
      });
    try {
      await post(hosts);
      return;
    } catch (err) {
      if (!(err instanceof OutcomeUnknownError)) throw err;
    }
    const missing = await this.missing(name, hosts, signal);
    if (missing.length === 0) return;
    try {
      await post(missing);
    } catch (err) {
      // A late landing of the first POST makes this one a repeat, which the array refuses.
      const late = err instanceof PureApiError || err instanceof OutcomeUnknownError;
      if (!late || (await this.missing(name, hosts, signal)).length > 0) throw err;
    }
  }

  /** Removes hosts from the group; a host no longer in it counts as removed. */
  async removeMembers(name: string, hosts: readonly string[], signal?: AbortSignal): Promise<void> {
    if (hosts.length === 0) return;
    try {
      await this.session.request<unknown>('DELETE', 'host-groups/hosts', {
        query: { group_names: name, member_names: hosts.join(',') },
        retrySafe: true,
        signal,
      });
    } catch (err) {
      if (!(err instanceof PureApiError)) throw err;
      // The array refuses the whole batch when one host already left: remove the rest one by one.
      const present = lower(await this.members(name, signal));
      const still = hosts.filter((h) => present.has(h.toLowerCase()));
      if (still.length === hosts.length) throw err;
      for (const host of still)
        await this.session.request<unknown>('DELETE', 'host-groups/hosts', {
          query: { group_names: name, member_names: host },
          retrySafe: true,
          signal,
        });
    }
  }

  /** Deletes an empty, unconnected group; one already gone counts as deleted. */
  async deleteGroup(name: string, signal?: AbortSignal): Promise<void> {
    await deleteByName(this.session, 'host-groups', name, signal);
  }

  private async missing(name: string, hosts: readonly string[], signal?: AbortSignal): Promise<string[]> {
    const present = lower(await this.members(name, signal));
    return hosts.filter((h) => !present.has(h.toLowerCase()));
  }
}
