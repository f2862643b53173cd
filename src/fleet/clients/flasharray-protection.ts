// FlashArray protection groups (FA 2.x `protection-groups`, `protection-groups/volumes`,
// `protection-group-snapshots`): snapshot schedules that volumes join as members. Creating a group
// follows the never-blind-create rule; membership changes are made idempotent by treating "already
// a member" and "not a member" as done, and after an unknown outcome they are read back.

import { OutcomeUnknownError, PureApiError } from '../rest/errors';
import type { ItemsResponse, RestTransport } from '../rest/session';
import { createWithExistenceCheck, findByName, firstOf } from './common';
import { createOrTakeExisting } from './create-outcome';
import type { ProtectionSchedule, ScheduledProtection } from './scheduled-protection';

export type { ProtectionSchedule } from './scheduled-protection';

export interface FlashArrayProtectionGroup {
  readonly name: string;
  readonly destroyed?: boolean;
  readonly volume_count?: number;
  readonly snapshot_schedule?: { readonly enabled?: boolean; readonly frequency?: number };
  readonly source_retention?: { readonly all_for_sec?: number };
}

interface Member {
  readonly group: { readonly name: string };
  readonly member: { readonly name: string };
}

const isAlready = (err: unknown): boolean =>
  err instanceof PureApiError &&
  err.status === 400 &&
  err.items.some((i) => /already a member/i.test(i.message));
const isNotMember = (err: unknown): boolean =>
  err instanceof PureApiError && err.status === 400 && err.items.some((i) => /not a member/i.test(i.message));

export class FlashArrayProtectionClient implements ScheduledProtection {
  constructor(readonly session: RestTransport) {}

  // --- ScheduledProtection --------------------------------------------------

  membershipsOf(volume: string, signal?: AbortSignal): Promise<string[]> {
    return this.groupsOf(volume, signal);
  }

  async runningSchedule(group: string, signal?: AbortSignal): Promise<ProtectionSchedule | undefined> {
    const info = await this.getGroup(group, signal);
    return info ? FlashArrayProtectionClient.scheduleOf(info) : undefined;
  }

  ensure(group: string, schedule: ProtectionSchedule, signal?: AbortSignal): Promise<void> {
    return this.ensureGroup(group, schedule, signal);
  }

  remove(group: string, signal?: AbortSignal): Promise<void> {
    return this.deleteGroup(group, signal);
  }

  /** A group's snapshots hold all its members: the group's newest one is the volume's. */
  async newestSnapshot(group: string, _volume?: string, signal?: AbortSignal): Promise<number | undefined> {
    const r = await this.session.request<ItemsResponse<{ created?: number }>>(
      'GET',
      'protection-group-snapshots',
      {
        query: { source_names: group, sort: '-created', limit: 1 },
        signal,
      },
    );
    return r.items[0]?.created;
  }

  // --- protection groups ------------------------------------------------------

  getGroup(name: string, signal?: AbortSignal): Promise<FlashArrayProtectionGroup | undefined> {
    return findByName<FlashArrayProtectionGroup>(this.session, 'protection-groups', name, signal);
  }

  /** The schedule a group runs, or undefined when its snapshot schedule is off. */
  static scheduleOf(group: FlashArrayProtectionGroup): ProtectionSchedule | undefined {
    const s = group.snapshot_schedule;
    if (!s?.enabled || !s.frequency) return undefined;
    return { frequencyMs: s.frequency, retentionSec: group.source_retention?.all_for_sec ?? 0 };
  }

  /** The group with exactly this schedule, created when absent. */
  async ensureGroup(name: string, schedule: ProtectionSchedule, signal?: AbortSignal): Promise<void> {
    let group = await this.getGroup(name, signal);
    if (!group) group = await this.createGroup(name, signal);
    const now = FlashArrayProtectionClient.scheduleOf(group);
    if (now?.frequencyMs !== schedule.frequencyMs || now.retentionSec !== schedule.retentionSec)
      await this.setSchedule(name, schedule, signal);
  }

  /** Creates an empty group; one created meanwhile by another caller is taken as it is. */
  private async createGroup(name: string, signal?: AbortSignal): Promise<FlashArrayProtectionGroup> {
    return createOrTakeExisting(
      async () =>
        (
          await createWithExistenceCheck({
            array: this.session.arrayName,
            object: `protection group "${name}"`,
            create: async () => {
              const r = await this.session.request<ItemsResponse<FlashArrayProtectionGroup>>(
                'POST',
                'protection-groups',
                { query: { names: name }, retrySafe: false, signal },
              );
              return firstOf(this.session, 'POST', 'protection-groups', r.items, 'protection group');
            },
            lookup: () => this.getGroup(name, signal),
          })
        ).object,
      () => this.getGroup(name, signal),
    );
  }

  async setSchedule(name: string, schedule: ProtectionSchedule, signal?: AbortSignal): Promise<void> {
    await this.session.request<unknown>('PATCH', 'protection-groups', {
      query: { names: name },
      body: {
        snapshot_schedule: { enabled: true, frequency: schedule.frequencyMs },
        source_retention: { all_for_sec: schedule.retentionSec },
      },
      retrySafe: true,
      signal,
    });
  }

  /** Names of the groups the volume is a member of. */
  async groupsOf(volume: string, signal?: AbortSignal): Promise<string[]> {
    try {
      const rows = await this.session.listAll<Member>(
        'protection-groups/volumes',
        { member_names: volume },
        signal,
      );
      return rows.map((r) => r.group.name);
    } catch (err) {
      if (err instanceof PureApiError && err.isNotFound()) return [];
      throw err;
    }
  }

  async memberCount(group: string, signal?: AbortSignal): Promise<number> {
    return (await this.session.listAll<Member>('protection-groups/volumes', { group_names: group }, signal))
      .length;
  }

  async addMember(group: string, volume: string, signal?: AbortSignal): Promise<void> {
    const post = (): Promise<unknown> =>
      this.session.request<unknown>('POST', 'protection-groups/volumes', {
        query: { group_names: group, member_names: volume },
        retrySafe: false,
        signal,
      });
    try {
      await post();
    } catch (err) {
      if (isAlready(err)) return;
      if (!(err instanceof OutcomeUnknownError)) throw err;
      if ((await this.groupsOf(volume, signal)).includes(group)) return;
      try {
        await post();
      } catch (again) {
        if (!isAlready(again)) throw again;
      }
    }
  }

  async removeMember(group: string, volume: string, signal?: AbortSignal): Promise<void> {
    try {
      await this.session.request<unknown>('DELETE', 'protection-groups/volumes', {
        query: { group_names: group, member_names: volume },
        retrySafe: true,
        signal,
      });
    } catch (err) {
      if (isNotMember(err) || (err instanceof PureApiError && err.isNotFound())) return;
      throw err;
    }
  }

  /** Destroys and eradicates a group (and its snapshots); one already gone counts as removed. */
  async deleteGroup(name: string, signal?: AbortSignal): Promise<void> {
    try {
      await this.session.request<unknown>('PATCH', 'protection-groups', {
        query: { names: name },
        body: { destroyed: true },
        retrySafe: true,
        signal,
      });
      await this.session.request<unknown>('DELETE', 'protection-groups', {
        query: { names: name },
        retrySafe: true,
        signal,
      });
    } catch (err) {
      if (err instanceof PureApiError && err.isNotFound()) return;
      throw err;
    }
  }
}
