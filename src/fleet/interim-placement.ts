// Interim placement for the foundation issue: the FlashArray with the most free capacity among
// those matching the label selector. Replaced by src/fleet/placement (filters, scorers, ledger).

import type { FleetConnection } from './connection';

export interface InterimPlacement {
  readonly array: string;
  readonly reason: string;
}

export async function placeOnMostFreeFlashArray(
  fleet: FleetConnection,
  sizeBytes: number,
  labelSelector: Readonly<Record<string, string>>,
  signal?: AbortSignal,
): Promise<InterimPlacement> {
  const candidates = fleet.members.filter(
    (m) => m.kind === 'flasharray' && Object.entries(labelSelector).every(([k, v]) => m.labels[k] === v),
  );
  if (candidates.length === 0) throw new Error('no FlashArray in the roster matches the requested labels');
  const free = await Promise.all(
    candidates.map(async (m) => {
      const space = await fleet.flashArray(m.name).getSpace(signal);
      const used = space.space.total_physical ?? space.space.total_used ?? 0;
      return { name: m.name, free: space.capacity - used };
    }),
  );
  free.sort((a, b) => b.free - a.free || a.name.localeCompare(b.name));
  const best = free[0];
  if (!best || best.free < sizeBytes) throw new Error('no FlashArray has room for this volume');
  return { array: best.name, reason: `most free capacity (${best.free} bytes free)` };
}
