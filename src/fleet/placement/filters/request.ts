// Filters on what the request asks for: the array kind, the label selector, a pin, and arrays the
// caller ruled out. There is no fallback: when the label filter leaves nothing, the request is
// rejected with every array's reason (PSO fell back outside the requested topology and leaked
// volumes).

import { labelsMatch } from '../fleet-columns';
import type { PlacementFilter } from './context';
import { exclusion } from './context';

/** Block volumes go to FlashArrays, file systems to FlashBlades. */
export const KindFilter: PlacementFilter = {
  reason: 'KIND_MISMATCH',
  static: true,
  admits: (ctx, slot) => ctx.fleet.kind[slot] === ctx.arrayKindCode,
  describe: (ctx, slot) =>
    exclusion(
      'KIND_MISMATCH',
      `a ${ctx.request.kind} volume needs a ${ctx.request.kind === 'block' ? 'FlashArray' : 'FlashBlade'}; ` +
        `this array is a ${ctx.fleet.readings[slot]?.kind ?? 'different kind'}`,
    ),
};

/** Every selector entry must be on the array with the same value. Never relaxed. */
export const LabelFilter: PlacementFilter = {
  reason: 'LABEL_MISMATCH',
  static: true,
  admits: (ctx, slot) => labelsMatch(ctx.fleet.readings[slot]?.labels ?? {}, ctx.request.labelSelector),
  describe: (ctx, slot) => {
    const labels = ctx.fleet.readings[slot]?.labels ?? {};
    const missing = Object.entries(ctx.request.labelSelector)
      .filter(([key, value]) => labels[key] !== value)
      .map(
        ([key, value]) =>
          `${key}=${value} (array has ${labels[key] === undefined ? 'none' : `${key}=${labels[key]}`})`,
      );
    return exclusion('LABEL_MISMATCH', `label selector not matched: ${missing.join(', ')}`);
  },
};

/** A pinned request may only go to its array. */
export const PinnedFilter: PlacementFilter = {
  reason: 'NOT_PINNED',
  static: false,
  admits: (ctx, slot) =>
    ctx.request.pinnedArrayId === undefined || ctx.fleet.ids[slot] === ctx.request.pinnedArrayId,
  // Named as the roster names the array, not by the id the engine keys on.
  describe: (ctx) => {
    const id = ctx.request.pinnedArrayId as string;
    const slot = ctx.fleet.slotById.get(id);
    const name = slot === undefined ? undefined : ctx.fleet.readings[slot]?.name;
    return exclusion(
      'NOT_PINNED',
      name === undefined
        ? `the volume is pinned elsewhere (${id})`
        : `the volume is pinned to array "${name}"`,
    );
  },
};

/** Arrays the caller ruled out, e.g. where a create already failed. */
export const CallerExclusionFilter: PlacementFilter = {
  reason: 'EXCLUDED_BY_CALLER',
  static: false,
  admits: (ctx, slot) => !(ctx.request.excludedArrayIds?.includes(ctx.fleet.ids[slot]!) ?? false),
  describe: () =>
    exclusion('EXCLUDED_BY_CALLER', 'excluded by the caller (an earlier create attempt failed there)'),
};
