// Protection of block volumes: `snapshot_every` and `snapshot_retention` make the volume a member
// of a fleet-owned protection group with that schedule on its array. There is one group per
// distinct schedule per array, named `<fleet>-snap-<every>-<retention>`, created when a volume
// first needs it and removed when its last member leaves. State shows the group and the time of
// its newest snapshot; a schedule change moves the volume to the other group in place.

import { FlashArrayProtectionClient, type ProtectionSchedule } from '../fleet/clients/flasharray-protection';
import { isUnknown, type Unknown } from '../provider/cty/value';
import type { Diagnostics } from '../provider/framework/diagnostics';
import type { OperationContext } from '../provider/framework/resource';
import { attr } from '../provider/framework/schema';
import type { Validator } from '../provider/framework/validators';
import type { PureProviderData } from './provider-data';

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const DURATION = /^(\d+)([mhd])$/;
/** Purity takes a snapshot at most every five minutes. */
const MIN_EVERY_MS = 300_000;

/** Milliseconds of a duration such as "30m", "1h", "7d"; undefined when it is not one. */
export function parseDuration(text: string): number | undefined {
  const m = DURATION.exec(text.trim());
  if (!m) return undefined;
  return Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS];
}

/** The shortest exact spelling of a duration in minutes, hours or days. */
export function formatDuration(ms: number): string {
  for (const unit of ['d', 'h', 'm'] as const)
    if (ms % UNIT_MS[unit] === 0) return `${ms / UNIT_MS[unit]}${unit}`;
  return `${Math.round(ms / 60_000)}m`;
}

function durationValidator(what: string, minMs: number, minText: string): Validator {
  return {
    description: `a positive duration in minutes, hours or days ("30m", "1h", "7d"), at least ${minText}`,
    validate(value, path, diags) {
      if (typeof value !== 'string') return;
      const ms = parseDuration(value);
      if (ms === undefined || ms <= 0)
        diags.error(
          `Invalid ${what}`,
          `"${value.slice(0, 40)}" is not a positive duration; write a whole number of minutes, hours or days, e.g. "30m", "1h", "7d".`,
          path,
        );
      else if (ms < minMs) diags.error(`Invalid ${what}`, `"${value}" is shorter than ${minText}.`, path);
    },
  };
}

/** The attributes pure_volume gains (spread into its schema). */
export const protectionAttributes = {
  snapshot_every: attr.string({
    optional: true,
    description:
      'Block volumes: take a snapshot this often ("1h", "30m", "1d"; at least 5m). The volume joins the fleet\'s protection group with this schedule on its array. Set together with `snapshot_retention`.',
    validators: [durationValidator('snapshot schedule', MIN_EVERY_MS, '5 minutes')],
  }),
  snapshot_retention: attr.string({
    optional: true,
    description: 'Block volumes: keep each snapshot this long ("7d", "12h"); more than zero.',
    validators: [durationValidator('snapshot retention', 60_000, '1 minute')],
  }),
  protection_group: attr.string({
    computed: true,
    description: "The fleet's protection group on the volume's array that the volume is a member of.",
  }),
  newest_snapshot: attr.string({
    computed: true,
    description: "When the protection group's newest snapshot was taken (RFC 3339), as of the last refresh.",
  }),
};

interface ProtectionModel {
  readonly snapshot_every?: string | null | Unknown;
  readonly snapshot_retention?: string | null | Unknown;
}

export interface ProtectionState {
  snapshot_every: string | null;
  snapshot_retention: string | null;
  protection_group: string | null;
  newest_snapshot: string | null;
}

/** The two attributes go together. */
export function validateProtectionConfig(config: ProtectionModel, diags: Diagnostics): void {
  const every = config.snapshot_every;
  const keep = config.snapshot_retention;
  if (isUnknown(every) || isUnknown(keep)) return;
  if ((every === null) !== (keep === null))
    diags.error(
      'A snapshot schedule needs both attributes',
      'Set snapshot_every and snapshot_retention together (or neither).',
      [{ attribute: every === null ? 'snapshot_every' : 'snapshot_retention' }],
    );
}

/** The schedule a known plan asks for; null for none, undefined while unknown or invalid. */
export function scheduleOf(model: ProtectionModel): ProtectionSchedule | null | undefined {
  const { snapshot_every: every, snapshot_retention: keep } = model;
  if (isUnknown(every) || isUnknown(keep)) return undefined;
  if (typeof every !== 'string' || typeof keep !== 'string') return null;
  const frequencyMs = parseDuration(every);
  const retentionMs = parseDuration(keep);
  if (!frequencyMs || !retentionMs) return undefined;
  return { frequencyMs, retentionSec: retentionMs / 1000 };
}

export function groupName(fleet: string, schedule: ProtectionSchedule): string {
  return `${fleet}-snap-${formatDuration(schedule.frequencyMs)}-${formatDuration(schedule.retentionSec * 1000)}`;
}

const groupPrefix = (fleet: string): string => `${fleet}-snap-`;

/**
 * Group changes on one array run one at a time within the provider process: volumes applied in
 * parallel share groups, and "create when first needed, remove when last unused" must not
 * interleave (one volume removing the group another is joining).
 */
const arrayLocks = new Map<string, Promise<unknown>>();
function serialised<T>(array: string, work: () => Promise<T>): Promise<T> {
  const previous = arrayLocks.get(array) ?? Promise.resolve();
  const next = previous.then(work, work);
  arrayLocks.set(
    array,
    next.catch(() => undefined),
  );
  return next;
}

function client(data: PureProviderData, array: string): FlashArrayProtectionClient {
  return new FlashArrayProtectionClient(data.fleet.session(array));
}

/** The fleet's groups the volume is in, as the array has them. */
async function fleetGroupsOf(
  c: FlashArrayProtectionClient,
  fleet: string,
  volume: string,
  signal: AbortSignal,
): Promise<string[]> {
  return (await c.groupsOf(volume, signal)).filter((g) => g.startsWith(groupPrefix(fleet)));
}

/** Removes a fleet group that no volume is left in. */
async function removeIfUnused(
  c: FlashArrayProtectionClient,
  group: string,
  signal: AbortSignal,
): Promise<void> {
  if ((await c.memberCount(group, signal)) === 0) await c.deleteGroup(group, signal);
}

/** What the array says about the volume's protection; configured spellings kept where they mean the same. */
export async function readProtection(
  data: PureProviderData,
  array: string,
  fleet: string,
  volume: string,
  base: ProtectionModel,
  signal: AbortSignal,
): Promise<ProtectionState> {
  const c = client(data, array);
  const [group] = await fleetGroupsOf(c, fleet, volume, signal);
  const none = {
    snapshot_every: null,
    snapshot_retention: null,
    protection_group: null,
    newest_snapshot: null,
  };
  if (!group) return none;
  const info = await c.getGroup(group, signal);
  const schedule = info ? FlashArrayProtectionClient.scheduleOf(info) : undefined;
  if (!schedule) return { ...none, protection_group: group };
  const keep = (configured: string | null | Unknown | undefined, ms: number): string =>
    typeof configured === 'string' && parseDuration(configured) === ms ? configured : formatDuration(ms);
  const newest = await c.newestSnapshot(group, signal);
  return {
    snapshot_every: keep(base.snapshot_every, schedule.frequencyMs),
    snapshot_retention: keep(base.snapshot_retention, schedule.retentionSec * 1000),
    protection_group: group,
    newest_snapshot: newest === undefined ? null : new Date(newest).toISOString(),
  };
}

/** Puts the volume in exactly the group its schedule asks for (or none), cleaning up emptied groups. */
export async function reconcileProtection(
  ctx: OperationContext<PureProviderData>,
  array: string,
  fleet: string,
  volume: string,
  model: ProtectionModel,
): Promise<ProtectionState> {
  const schedule = scheduleOf(model);
  if (schedule === undefined) throw new Error('the snapshot schedule is not known at apply time');
  const c = client(ctx.providerData, array);
  await serialised(array, async () => {
    const current = await fleetGroupsOf(c, fleet, volume, ctx.signal);
    const wanted = schedule ? groupName(fleet, schedule) : undefined;
    if (schedule && wanted) {
      await c.ensureGroup(wanted, schedule, ctx.signal);
      if (!current.includes(wanted)) await c.addMember(wanted, volume, ctx.signal);
    }
    for (const g of current.filter((g) => g !== wanted)) {
      await c.removeMember(g, volume, ctx.signal);
      await removeIfUnused(c, g, ctx.signal);
    }
  });
  return readProtection(ctx.providerData, array, fleet, volume, model, ctx.signal);
}

/** Takes the volume out of the fleet's groups before it is destroyed; a group left empty is removed. */
export async function leaveProtection(
  data: PureProviderData,
  array: string,
  fleet: string,
  volume: string,
  signal: AbortSignal,
): Promise<void> {
  const c = client(data, array);
  await serialised(array, async () => {
    for (const g of await fleetGroupsOf(c, fleet, volume, signal)) {
      await c.removeMember(g, volume, signal);
      await removeIfUnused(c, g, signal);
    }
  });
}
