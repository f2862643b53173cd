// Placement for one provider process: the engine fed with the process's telemetry. Two ledgers,
// because Terraform plans and applies in different ways (DESIGN.md "Placement"):
//   - plan time: every volume the process plans is reserved in a plan-only ledger, so a batch that
//     does not fit together fails as a batch, naming each array and why it was excluded;
//   - apply time: choose on fresh telemetry and reserve, create, confirm; a burst of creates
//     (Terraform's -parallelism) spreads instead of herding, and a create the array refused for
//     its own reasons is tried on another array (at most three in all).
// Arrays are named as the roster names them; the engine keys on the ids the arrays report.
// Both engines see each array as the fleet-wide listing corrects it (recent-creates.ts): the fleet's
// recent creates, this run's and other runs', count as reserved until the array shows their data.

import { CreateOutcomeUnknownError } from './clients/create-outcome';
import { CapacityContendedError, contendedLosers } from './contention';
import { withRecentCreates } from './recent-creates';
import {
  ArrayUnreachableError,
  OutcomeUnknownError,
  PureApiError,
  UnsupportedApiVersionError,
} from './rest/errors';
import type { FleetConnection } from './connection';
import type {
  ArrayCandidate,
  PlacementDecision,
  PlacementOutcome,
  PlacementPolicyOverrides,
  PlacementRequest,
  VolumeKind,
} from './placement';
import { PlacementEngine, placeVolume } from './placement';
import type { PlacedVolume, Reservation } from './placement';

/** A volume's needs, in the fleet's terms. */
export interface VolumeRequirements {
  /** Stable key of the volume, `<fleet>/<name>`: keys reservations, seeds the tie-break. */
  readonly key: string;
  readonly kind: VolumeKind;
  /** Provisioned size, bytes. */
  readonly sizeBytes: number;
  /** Only arrays carrying every one of these labels may take the volume. */
  readonly labelSelector: Readonly<Record<string, string>>;
  readonly expectedIops?: number;
  /** Roster name of the array the user pinned the volume to. */
  readonly pinnedArray?: string;
}

/**
 * The engine request for a volume, given the arrays the telemetry knows. A pinned roster name the
 * telemetry does not know still pins: no array matches, and the explanation says so, rather than
 * placing the volume elsewhere.
 */
export function placementRequest(
  requirements: VolumeRequirements,
  arrays: readonly { readonly id: string; readonly name: string }[],
): PlacementRequest {
  const pinned = requirements.pinnedArray;
  return {
    key: requirements.key,
    kind: requirements.kind,
    sizeBytes: requirements.sizeBytes,
    labelSelector: requirements.labelSelector,
    ...(requirements.expectedIops === undefined ? {} : { expectedIops: requirements.expectedIops }),
    ...(pinned === undefined
      ? {}
      : { pinnedArrayId: arrays.find((a) => a.name === pinned)?.id ?? `unknown array "${pinned}"` }),
  };
}

/**
 * Errors that say "this array did not create it and cannot now", so another array may be tried:
 * only a known "not created". An unreachable array reaches here only when the create was never
 * sent (the session turns any other transport failure of a create into an unknown outcome, which
 * the client resolves on the array itself); a 429 comes from the gateway, before the array; a
 * refusal for space is the array's answer. A create whose outcome stayed unknown
 * (CreateOutcomeUnknownError) may exist where it was sent: trying elsewhere could make a second.
 */
export function isArrayProblem(error: unknown): boolean {
  if (error instanceof CreateOutcomeUnknownError || error instanceof OutcomeUnknownError) return false;
  if (error instanceof ArrayUnreachableError || error instanceof CapacityContendedError) return true;
  // Refused before any create was sent (e.g. an export policy on a FlashBlade at REST 2.0).
  if (error instanceof UnsupportedApiVersionError) return true;
  if (error instanceof PureApiError) {
    if (error.status >= 500) return false; // unresolved by the client: unknown, not "no"
    return (
      error.status === 429 || error.items.some((i) => /space|capacity|limit|quota|full/i.test(i.message))
    );
  }
  return false;
}

export class FleetPlacer {
  private readonly planEngine: PlacementEngine;
  private readonly applyEngine: PlacementEngine;

  /** Throws PlacementPolicyError (listing every problem) for an invalid policy. */
  constructor(
    private readonly connection: FleetConnection,
    private readonly policy: PlacementPolicyOverrides = {},
  ) {
    this.planEngine = new PlacementEngine({ policy });
    this.applyEngine = new PlacementEngine({ policy });
  }

  /** Readings each engine last observed, so cached telemetry is fed to it only once. */
  private readonly observed = new WeakMap<PlacementEngine, string>();

  /**
   * Names (lower-cased, on the array) of the creates this process made at apply time, with their
   * request keys: while the apply ledger still holds such a create's reservation, the listing's
   * charge for it would count it twice.
   */
  private readonly createdHere = new Map<string, string>();

  private async observe(
    engine: PlacementEngine,
    signal?: AbortSignal,
    prefix?: string,
  ): Promise<readonly { id: string; name: string }[]> {
    const candidates = await this.connection.telemetry.candidates({ signal });
    const snapshot =
      prefix === undefined ? undefined : await this.connection.volumes.snapshot(prefix, { signal });
    // Telemetry and listings are cached for the process; every PlanResourceChange would otherwise
    // re-feed the engine the same readings.
    const stamp = candidates
      .map((c) => {
        const listing = snapshot?.status(c.name);
        return `${c.id}@${c.observedAtMs}/${listing?.state === 'read' ? listing.observedAtMs : '-'}`;
      })
      .join(',');
    if (this.observed.get(engine) !== stamp) {
      const nowMs = Date.now();
      const reservations = new Map(engine.reservations().map((r) => [r.key, r]));
      engine.observe(
        snapshot
          ? candidates.map((c) =>
              withRecentCreates(c, snapshot, engine.policy, nowMs, this.heldBy(engine, reservations, c)),
            )
          : candidates,
      );
      this.observed.set(engine, stamp);
    }
    return candidates;
  }

  /**
   * Whether a listed create is still held by `engine`'s ledger once a reading of `reading`'s array
   * stamped `observedAtMs` settles it (PlacementLedger.settle's rule), so the listing must not
   * charge it again. A reservation on another array (the plan ledger's choice, placed elsewhere at
   * apply time) is not settled by this reading at all, and still counts the volume there.
   */
  private heldBy(
    engine: PlacementEngine,
    reservations: ReadonlyMap<string, Reservation>,
    reading: ArrayCandidate,
  ): (name: string, observedAtMs: number) => boolean {
    const lagMs = engine.policy.telemetryLagMs;
    return (name, observedAtMs) => {
      const key = this.createdHere.get(name.toLowerCase());
      const held = key === undefined ? undefined : reservations.get(key);
      if (!held) return false;
      if (held.arrayId !== reading.id || held.confirmedAtMs === null) return true;
      return observedAtMs < held.confirmedAtMs + lagMs;
    };
  }

  /**
   * Starts reading the fleet's telemetry without waiting for it, so that a caller with other
   * reads to make first overlaps them; the next check or placement shares the same fetch. Never
   * rejects: an unreachable array is a reading like any other, and the real call reports errors.
   */
  prefetchTelemetry(signal?: AbortSignal): void {
    this.connection.telemetry.candidates({ signal }).catch(() => undefined);
  }

  /**
   * Plan time: does the volume fit, together with every volume this process planned before it?
   * Reserves in the plan-only ledger; the outcome's explanation names every excluded array.
   */
  async checkFits(
    requirements: VolumeRequirements,
    signal?: AbortSignal,
    prefix?: string,
  ): Promise<PlacementOutcome> {
    const arrays = await this.observe(this.planEngine, signal, prefix);
    // Only a rejection is shown at plan time, and rejections always carry their explanation.
    return this.planEngine.chooseAndReserve(placementRequest(requirements, arrays), { explain: false });
  }

  /**
   * A volume this process eradicated: its space is free before the next telemetry reading shows
   * it, so placements later in the same run may use it. (A destroyed but not eradicated
   * FlashArray volume keeps its space, and is not reported here.) Arrays this process has not
   * read yet need nothing: their first reading will be current.
   */
  recordEradication(volume: {
    key: string;
    arrayName: string;
    sizeBytes: number;
    expectedIops?: number;
  }): void {
    const array = this.applyEngine.arrays().find((a) => a.name === volume.arrayName);
    if (!array) return;
    this.applyEngine.recordDeletion(volume.key, {
      arrayId: array.id,
      sizeBytes: volume.sizeBytes,
      ...(volume.expectedIops === undefined ? {} : { expectedIops: volume.expectedIops }),
    });
  }

  /**
   * Apply time: chooses an array on fresh telemetry, reserves, and runs `create` there; when the
   * array refuses for its own reasons, tries another (three arrays at most). With `contention`,
   * each create is followed by a fresh look at its array (contention.ts): if concurrent runs
   * together pushed it past its threshold and this create lost, it is taken back and placed
   * elsewhere. Throws PlacementFailedError, with the explanation, when no array can take the volume.
   */
  async place<T>(
    requirements: VolumeRequirements,
    create: (arrayName: string, decision: PlacementDecision) => Promise<T>,
    signal?: AbortSignal,
    contention?: ContentionOptions,
  ): Promise<PlacedVolume<T>> {
    const arrays = await this.observe(this.applyEngine, signal, contention?.prefix);
    return placeVolume(
      this.applyEngine,
      placementRequest(requirements, arrays),
      async (decision) => {
        // Known before the create is sent: a listing may show the volume before the create returns.
        if (contention) this.createdHere.set(contention.volume.toLowerCase(), requirements.key);
        const created = await create(decision.arrayName, decision);
        if (contention) await this.settleContention(decision.arrayName, requirements, contention, signal);
        return created;
      },
      { tryAnotherArray: isArrayProblem },
    );
  }

  /**
   * Physical bytes this process holds reserved per array id and the telemetry does not show yet:
   * the larger of the plan-time and apply-time ledgers' (one run uses one of them).
   */
  reservedPhysicalBytes(): Map<string, number> {
    const out = new Map<string, number>();
    for (const engine of [this.planEngine, this.applyEngine]) {
      const mine = new Map<string, number>();
      for (const r of engine.reservations())
        mine.set(r.arrayId, (mine.get(r.arrayId) ?? 0) + r.physicalBytes);
      for (const [id, bytes] of mine) out.set(id, Math.max(out.get(id) ?? 0, bytes));
    }
    return out;
  }

  private async settleContention(
    array: string,
    requirements: VolumeRequirements,
    contention: ContentionOptions,
    signal?: AbortSignal,
  ): Promise<void> {
    const losers = await contendedLosers(this.connection, this.policy, {
      array,
      kind: requirements.kind,
      volume: contention.volume,
      prefix: contention.prefix,
      createdAtMs: Date.now(),
      ...(signal ? { signal } : {}),
    });
    if (!losers.some((l) => l.toLowerCase() === contention.volume.toLowerCase())) return;
    await contention.takeBack(array);
    throw new CapacityContendedError(array, contention.volume, losers);
  }
}

/** What the contention check needs to know about the volume being created. */
export interface ContentionOptions {
  /** Its full name on the array. */
  readonly volume: string;
  /** The fleet's name prefix, for the listing. */
  readonly prefix: string;
  /** Removes the new, empty volume from `array` for good (it is in no state yet). */
  readonly takeBack: (array: string) => Promise<void>;
}
