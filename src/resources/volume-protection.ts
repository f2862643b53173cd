// Protection of volumes of either kind: `snapshot_every` and `snapshot_retention` make the volume a
// member of a fleet-owned schedule container on its array: a protection group on a FlashArray, a
// snapshot policy on a FlashBlade (the kind's client, behind ScheduledProtection). There is one
// container per distinct schedule per array, named `<fleet>-snap-<every>-<retention>`, created
// when a volume first needs it and removed when its last member leaves. State shows the container
// and the time of the newest snapshot; a schedule change moves the volume to the other container
// in place. The schedule's rules (durations, minimums) are checked here once for both kinds.

import { FlashArrayProtectionClient } from '../fleet/clients/flasharray-protection';
import { FlashBladeSnapshotPolicyClient } from '../fleet/clients/flashblade-snapshot-policies';
import type { ProtectionSchedule, ScheduledProtection } from '../fleet/clients/scheduled-protection';
import { isUnknown, type Unknown } from '../provider/cty/value';
import type { Diagnostics } from '../provider/framework/diagnostics';
import type { OperationContext } from '../provider/framework/resource';
import { attr } from '../provider/framework/schema';
import type { Validator } from '../provider/framework/validators';
import type { PureProviderData } from './provider-data';
import type { VolumeKind } from '../fleet/placement/model';

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
      'Take a snapshot this often ("1h", "30m", "1d"; at least 5m). A block volume joins the fleet\'s protection group with this schedule on its FlashArray, a file volume the fleet\'s snapshot policy with this schedule on its FlashBlade. Set together with `snapshot_retention`.',
    validators: [durationValidator('snapshot schedule', MIN_EVERY_MS, '5 minutes')],
  }),
  snapshot_retention: attr.string({
    optional: true,
    description:
      'Keep each snapshot this long ("7d", "12h"); at least `snapshot_every`, so a snapshot is kept until the next one is taken.',
    validators: [durationValidator('snapshot retention', 60_000, '1 minute')],
  }),
  protection_group: attr.string({
    computed: true,
    description:
      "The fleet's schedule the volume is a member of on its array: a protection group (block volumes) or a snapshot policy (file volumes), `<fleet>-snap-<every>-<retention>`.",
  }),
  newest_snapshot: attr.string({
    computed: true,
    description:
      "When the newest snapshot was taken (RFC 3339), as of the last refresh: the protection group's (block) or the file system's (file).",
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

export const NO_PROTECTION: ProtectionState = {
  snapshot_every: null,
  snapshot_retention: null,
  protection_group: null,
  newest_snapshot: null,
};

/** The two attributes go together. */
export function validateProtectionConfig(config: ProtectionModel, diags: Diagnostics): void {
  const every = config.snapshot_every;
  const keep = config.snapshot_retention;
  if (isUnknown(every) || isUnknown(keep)) return;
  if ((every === null) !== (keep === null)) {
    diags.error(
      'A snapshot schedule needs both attributes',
      'Set snapshot_every and snapshot_retention together (or neither).',
      [{ attribute: every === null ? 'snapshot_every' : 'snapshot_retention' }],
    );
    return;
  }
  // FlashBlade refuses a rule whose keep_for is shorter than its every; one rule for both kinds,
  // since such a schedule leaves gaps with no snapshot at all.
  const everyMs = typeof every === 'string' ? parseDuration(every) : undefined;
  const keepMs = typeof keep === 'string' ? parseDuration(keep) : undefined;
  if (everyMs && keepMs && keepMs < everyMs)
    diags.error(
      'Invalid snapshot retention',
      `"${String(keep)}" is shorter than snapshot_every ("${String(every)}"): each snapshot must be kept at least until the next one is taken.`,
      [{ attribute: 'snapshot_retention' }],
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

/** The array's schedule containers: protection groups on a FlashArray, snapshot policies on a FlashBlade. */
function client(data: PureProviderData, array: string, kind: VolumeKind): ScheduledProtection {
  const session = data.fleet.session(array);
  return kind === 'file'
    ? new FlashBladeSnapshotPolicyClient(session)
    : new FlashArrayProtectionClient(session);
}

/** The fleet's containers the volume is in, as the array has them. */
async function fleetContainersOf(
  c: ScheduledProtection,
  fleet: string,
  volume: string,
  signal: AbortSignal,
): Promise<string[]> {
  return (await c.membershipsOf(volume, signal)).filter((g) => g.startsWith(groupPrefix(fleet)));
}

/** Removes a fleet container that no volume is left in. */
async function removeIfUnused(c: ScheduledProtection, container: string, signal: AbortSignal): Promise<void> {
  if ((await c.memberCount(container, signal)) === 0) await c.remove(container, signal);
}

/** Where a volume is protected: its array and the kind of volume it holds. */
export interface ProtectedVolume {
  readonly array: string;
  readonly kind: VolumeKind;
  readonly fleet: string;
  /** The volume's (or file system's) name on the array. */
  readonly name: string;
}

/** What the array says about the volume's protection; configured spellings kept where they mean the same. */
export async function readProtection(
  data: PureProviderData,
  where: ProtectedVolume,
  base: ProtectionModel,
  signal: AbortSignal,
): Promise<ProtectionState> {
  const c = client(data, where.array, where.kind);
  const [container] = await fleetContainersOf(c, where.fleet, where.name, signal);
  if (!container) return NO_PROTECTION;
  const schedule = await c.runningSchedule(container, signal);
  if (!schedule) return { ...NO_PROTECTION, protection_group: container };
  const keep = (configured: string | null | Unknown | undefined, ms: number): string =>
    typeof configured === 'string' && parseDuration(configured) === ms ? configured : formatDuration(ms);
  const newest = await c.newestSnapshot(container, where.name, signal);
  return {
    snapshot_every: keep(base.snapshot_every, schedule.frequencyMs),
    snapshot_retention: keep(base.snapshot_retention, schedule.retentionSec * 1000),
    protection_group: container,
    newest_snapshot: newest === undefined ? null : new Date(newest).toISOString(),
  };
}

/** Puts the volume in exactly the container its schedule asks for (or none), cleaning up emptied ones. */
export async function reconcileProtection(
  ctx: OperationContext<PureProviderData>,
  where: ProtectedVolume,
  model: ProtectionModel,
): Promise<ProtectionState> {
  const schedule = scheduleOf(model);
  if (schedule === undefined) throw new Error('the snapshot schedule is not known at apply time');
  const c = client(ctx.providerData, where.array, where.kind);
  await serialised(where.array, async () => {
    const current = await fleetContainersOf(c, where.fleet, where.name, ctx.signal);
    const wanted = schedule ? groupName(where.fleet, schedule) : undefined;
    if (schedule && wanted) {
      await c.ensure(wanted, schedule, ctx.signal);
      if (!current.includes(wanted)) await c.addMember(wanted, where.name, ctx.signal);
    }
    for (const g of current.filter((g) => g !== wanted)) {
      await c.removeMember(g, where.name, ctx.signal);
      await removeIfUnused(c, g, ctx.signal);
    }
  });
  return readProtection(ctx.providerData, where, model, ctx.signal);
}

/** Takes the volume out of the fleet's containers before it is destroyed; one left empty is removed. */
export async function leaveProtection(
  data: PureProviderData,
  where: ProtectedVolume,
  signal: AbortSignal,
): Promise<void> {
  const c = client(data, where.array, where.kind);
  await serialised(where.array, async () => {
    for (const g of await fleetContainersOf(c, where.fleet, where.name, signal)) {
      await c.removeMember(g, where.name, signal);
      await removeIfUnused(c, g, signal);
    }
  });
}
