// FlashBlade snapshot scheduling policies (FB 2.0+ `policies`, `policies/file-systems`,
// `file-system-snapshots`): the file-volume side of ScheduledProtection. A fleet policy holds one
// rule, `{every, keep_for}`; file systems join it as members. Creating a policy follows the
// never-blind-create rule; membership changes treat "already a member" and "not a member" as
// done, and after an unknown outcome they are read back.

import { OutcomeUnknownError, PureApiError } from '../rest/errors';
import type { ItemsResponse, RestTransport } from '../rest/session';
import { createWithExistenceCheck, deleteByName, findByName, firstOf } from './common';
import { createOrTakeExisting } from './create-outcome';
import type { ProtectionSchedule, ScheduledProtection } from './scheduled-protection';

export interface FlashBladeSnapshotRule {
  readonly every?: number;
  readonly keep_for?: number;
  readonly at?: number;
  readonly time_zone?: string;
}

export interface FlashBladeSnapshotPolicy {
  readonly name: string;
  readonly enabled?: boolean;
  readonly rules?: readonly FlashBladeSnapshotRule[];
}

interface Member {
  readonly member: { readonly name: string };
  readonly policy: { readonly name: string };
}

const MEMBERS = 'policies/file-systems';

const messageMatches = (err: unknown, pattern: RegExp): boolean =>
  err instanceof PureApiError && err.status === 400 && err.items.some((i) => pattern.test(i.message));
const isAlready = (err: unknown): boolean => messageMatches(err, /already a member/i);
const isNotMember = (err: unknown): boolean => messageMatches(err, /not a member/i);

/** The policy's one rule as the fleet writes it. */
function ruleOf(schedule: ProtectionSchedule): FlashBladeSnapshotRule {
  return { every: schedule.frequencyMs, keep_for: schedule.retentionSec * 1000 };
}

export class FlashBladeSnapshotPolicyClient implements ScheduledProtection {
  constructor(readonly session: RestTransport) {}

  getPolicy(name: string, signal?: AbortSignal): Promise<FlashBladeSnapshotPolicy | undefined> {
    return findByName<FlashBladeSnapshotPolicy>(this.session, 'policies', name, signal);
  }

  /** The schedule of an enabled policy with exactly one plain rule; undefined otherwise. */
  static scheduleOf(policy: FlashBladeSnapshotPolicy): ProtectionSchedule | undefined {
    const [rule, ...more] = policy.rules ?? [];
    if (policy.enabled === false || !rule || more.length > 0 || rule.at !== undefined) return undefined;
    if (!rule.every || !rule.keep_for) return undefined;
    return { frequencyMs: rule.every, retentionSec: rule.keep_for / 1000 };
  }

  async runningSchedule(name: string, signal?: AbortSignal): Promise<ProtectionSchedule | undefined> {
    const policy = await this.getPolicy(name, signal);
    return policy ? FlashBladeSnapshotPolicyClient.scheduleOf(policy) : undefined;
  }

  async ensure(name: string, schedule: ProtectionSchedule, signal?: AbortSignal): Promise<void> {
    const policy = (await this.getPolicy(name, signal)) ?? (await this.create(name, schedule, signal));
    const now = FlashBladeSnapshotPolicyClient.scheduleOf(policy);
    if (now?.frequencyMs !== schedule.frequencyMs || now.retentionSec !== schedule.retentionSec)
      await this.setSchedule(name, schedule, signal);
  }

  /** Creates the policy with its rule; one created meanwhile by another caller is taken as it is. */
  private async create(
    name: string,
    schedule: ProtectionSchedule,
    signal?: AbortSignal,
  ): Promise<FlashBladeSnapshotPolicy> {
    return createOrTakeExisting(
      async () =>
        (
          await createWithExistenceCheck({
            array: this.session.arrayName,
            object: `snapshot policy "${name}"`,
            create: async () => {
              const r = await this.session.request<ItemsResponse<FlashBladeSnapshotPolicy>>(
                'POST',
                'policies',
                {
                  query: { names: name },
                  body: { enabled: true, rules: [ruleOf(schedule)] },
                  retrySafe: false,
                  signal,
                },
              );
              return firstOf(this.session, 'POST', 'policies', r.items, 'snapshot policy');
            },
            lookup: () => this.getPolicy(name, signal),
          })
        ).object,
      () => this.getPolicy(name, signal),
    );
  }

  /**
   * Sets the policy back to the one rule its name states (it was changed out of band). Shortening
   * keep_for removes older snapshots, which FlashBlade allows only with `destroy_snapshots=true`:
   * the fleet owns the policy, and its name is the retention the configuration asks for.
   */
  async setSchedule(name: string, schedule: ProtectionSchedule, signal?: AbortSignal): Promise<void> {
    await this.session.request<unknown>('PATCH', 'policies', {
      query: { names: name, destroy_snapshots: true },
      body: { enabled: true, rules: [ruleOf(schedule)] },
      retrySafe: true,
      signal,
    });
  }

  /** Names of the policies the file system is a member of; none when it does not exist. */
  async membershipsOf(fileSystem: string, signal?: AbortSignal): Promise<string[]> {
    try {
      const rows = await this.session.listAll<Member>(MEMBERS, { member_names: fileSystem }, signal);
      return rows.map((r) => r.policy.name);
    } catch (err) {
      if (err instanceof PureApiError && err.isNotFound()) return [];
      throw err;
    }
  }

  async memberCount(policy: string, signal?: AbortSignal): Promise<number> {
    return (await this.session.listAll<Member>(MEMBERS, { policy_names: policy }, signal)).length;
  }

  async addMember(policy: string, fileSystem: string, signal?: AbortSignal): Promise<void> {
    const post = (): Promise<unknown> =>
      this.session.request<unknown>('POST', MEMBERS, {
        query: { policy_names: policy, member_names: fileSystem },
        retrySafe: false,
        signal,
      });
    try {
      await post();
    } catch (err) {
      if (isAlready(err)) return;
      if (!(err instanceof OutcomeUnknownError)) throw err;
      if ((await this.membershipsOf(fileSystem, signal)).includes(policy)) return;
      try {
        await post();
      } catch (again) {
        if (!isAlready(again)) throw again;
      }
    }
  }

  async removeMember(policy: string, fileSystem: string, signal?: AbortSignal): Promise<void> {
    try {
      await this.session.request<unknown>('DELETE', MEMBERS, {
        query: { policy_names: policy, member_names: fileSystem },
        retrySafe: true,
        signal,
      });
    } catch (err) {
      if (isNotMember(err) || (err instanceof PureApiError && err.isNotFound())) return;
      throw err;
    }
  }

  /** Deletes the policy; the snapshots it took stay with their file systems. */
  async remove(name: string, signal?: AbortSignal): Promise<void> {
    await deleteByName(this.session, 'policies', name, signal);
  }

  /** The file system's newest live snapshot (any policy's, or a manual one), as its time in ms. */
  async newestSnapshot(
    _policy: string,
    fileSystem: string,
    signal?: AbortSignal,
  ): Promise<number | undefined> {
    try {
      const r = await this.session.request<ItemsResponse<{ created?: number }>>(
        'GET',
        'file-system-snapshots',
        {
          query: { names_or_owner_names: fileSystem, destroyed: false, sort: '-created', limit: 1 },
          signal,
        },
      );
      return r.items[0]?.created;
    } catch (err) {
      if (err instanceof PureApiError && err.isNotFound()) return undefined;
      throw err;
    }
  }
}
