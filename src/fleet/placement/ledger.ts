// The in-process ledger: what this process has placed but the telemetry does not show yet.
//
// Every decision reserves, on the chosen array, the request's expected physical bytes, its expected
// IOPS and one volume. The engine adds the reservations to the array's readings, so the next
// decision sees the array fuller and a burst spreads instead of herding onto the emptiest array
// (the Storage DRS 5.0 bug; Cinder's consume_from_volume is the same idea).
//
// A reservation's life:
//   reserve   — at the decision; the create is now in flight.
//   confirm   — the create succeeded at `confirmedAtMs`. The array now counts the volume: its
//               provisioned total includes it at once, and the fleet's committed IOPS do too.
//   released  — by the first reading of that array observed at or after confirmedAtMs + lag
//               (readings are stamped when the request was sent, so such a reading includes the
//               volume and keeping the reservation would count it twice); or explicitly, when the
//               create failed or the volume was deleted before any reading showed it; or, if never
//               confirmed, `reservationTtlMs` after it was made (a caller that crashed).
// An unconfirmed reservation is never released by a reading: the create may still land after it.

/** One reservation; quantities are those charged to the chosen array. */
export interface Reservation {
  readonly key: string;
  readonly arrayId: string;
  readonly slot: number;
  /** Expected physical bytes on this array. */
  readonly physicalBytes: number;
  /** Expected IOPS on this array. */
  readonly iops: number;
  /** Engine clock when reserved, ms since the epoch. */
  readonly reservedAtMs: number;
  /** When the create succeeded, ms since the epoch; null while in flight. */
  readonly confirmedAtMs: number | null;
}

/** The ledger's own copy; callers only ever see it as a Reservation (read-only). */
type HeldReservation = { -readonly [K in keyof Reservation]: Reservation[K] };

export class PlacementLedger {
  private readonly byKey = new Map<string, HeldReservation>();
  private readonly keysBySlot: Set<string>[] = [];

  /** Σ physical bytes reserved per slot. */
  reservedBytes: Float64Array = new Float64Array(0);
  /** Σ IOPS reserved per slot. */
  reservedIops: Float64Array = new Float64Array(0);
  /** Reserved volumes per slot (for object limits). */
  reservedVolumes: Float64Array = new Float64Array(0);
  /** Unconfirmed (in-flight) reservations per slot (for burst spreading). */
  inFlight: Float64Array = new Float64Array(0);

  get size(): number {
    return this.byKey.size;
  }

  has(key: string): boolean {
    return this.byKey.has(key);
  }

  get(key: string): Reservation | undefined {
    const held = this.byKey.get(key);
    return held && { ...held };
  }

  /** Every reservation, in the order they were made. */
  list(): Reservation[] {
    return [...this.byKey.values()].map((r) => ({ ...r }));
  }

  /** Makes room for slots [0, slotCount). */
  ensureSlots(slotCount: number): void {
    if (slotCount <= this.reservedBytes.length) return;
    const length = Math.max(16, slotCount, this.reservedBytes.length * 2);
    const widen = (old: Float64Array): Float64Array => {
      const next = new Float64Array(length);
      next.set(old);
      return next;
    };
    this.reservedBytes = widen(this.reservedBytes);
    this.reservedIops = widen(this.reservedIops);
    this.reservedVolumes = widen(this.reservedVolumes);
    this.inFlight = widen(this.inFlight);
  }

  reserve(reservation: Omit<Reservation, 'confirmedAtMs'>): Reservation {
    if (this.byKey.has(reservation.key)) {
      throw new Error(`placement ledger already holds a reservation for "${reservation.key}"`);
    }
    if (!Number.isInteger(reservation.slot) || reservation.slot < 0) {
      throw new Error(`placement ledger: bad slot ${reservation.slot} for "${reservation.key}"`);
    }
    const stored: HeldReservation = {
      key: reservation.key,
      arrayId: reservation.arrayId,
      slot: reservation.slot,
      physicalBytes: reservation.physicalBytes,
      iops: reservation.iops,
      reservedAtMs: reservation.reservedAtMs,
      confirmedAtMs: null,
    };
    this.ensureSlots(stored.slot + 1);
    this.byKey.set(stored.key, stored);
    (this.keysBySlot[stored.slot] ??= new Set()).add(stored.key);
    this.apply(stored, 1);
    return stored;
  }

  /** The create succeeded at `confirmedAtMs`. False if the key holds no reservation. */
  confirm(key: string, confirmedAtMs: number): boolean {
    const held = this.byKey.get(key);
    if (!held) return false;
    if (held.confirmedAtMs !== null) return true;
    this.inFlight[held.slot] = (this.inFlight[held.slot] ?? 0) - 1;
    held.confirmedAtMs = confirmedAtMs;
    return true;
  }

  /** Drops a reservation (create failed, volume deleted); returns it, or undefined if none. */
  release(key: string): Reservation | undefined {
    const held = this.byKey.get(key);
    if (!held) return undefined;
    this.byKey.delete(key);
    const remaining = this.keysBySlot[held.slot];
    remaining?.delete(key);
    this.apply(held, -1);
    if (remaining?.size === 0) this.zeroSlot(held.slot); // no rounding residue on an empty slot
    return held;
  }

  /**
   * Applies a new reading of `slot`: releases the confirmed reservations it reflects and the
   * unconfirmed ones older than the TTL. Returns what was released.
   */
  settle(slot: number, observedAtMs: number, nowMs: number, lagMs: number, ttlMs: number): Reservation[] {
    const keys = this.keysBySlot[slot];
    if (!keys || keys.size === 0) return [];
    const released: Reservation[] = [];
    for (const key of [...keys]) {
      const held = this.byKey.get(key);
      if (!held) continue;
      const reflected = held.confirmedAtMs !== null && observedAtMs >= held.confirmedAtMs + lagMs;
      const abandoned = held.confirmedAtMs === null && nowMs - held.reservedAtMs >= ttlMs;
      if (reflected || abandoned) released.push(this.release(key) ?? held);
    }
    return released;
  }

  /** Drops every reservation on a slot (its array left the fleet). */
  releaseSlot(slot: number): Reservation[] {
    return [...(this.keysBySlot[slot] ?? [])].map((key) => this.release(key)).filter((r) => r !== undefined);
  }

  /** An independent copy, for plan-time what-ifs that must not touch the real ledger. */
  clone(): PlacementLedger {
    const copy = new PlacementLedger();
    copy.ensureSlots(this.reservedBytes.length);
    for (const reservation of this.byKey.values()) {
      copy.byKey.set(reservation.key, { ...reservation });
      (copy.keysBySlot[reservation.slot] ??= new Set()).add(reservation.key);
    }
    copy.reservedBytes.set(this.reservedBytes);
    copy.reservedIops.set(this.reservedIops);
    copy.reservedVolumes.set(this.reservedVolumes);
    copy.inFlight.set(this.inFlight);
    return copy;
  }

  private zeroSlot(slot: number): void {
    this.reservedBytes[slot] = 0;
    this.reservedIops[slot] = 0;
    this.reservedVolumes[slot] = 0;
    this.inFlight[slot] = 0;
  }

  private apply(reservation: Reservation, sign: 1 | -1): void {
    const { slot } = reservation;
    // Clamp at 0: floating-point sums of many adds and removes may leave -1e-9 behind.
    this.reservedBytes[slot] = Math.max(
      0,
      (this.reservedBytes[slot] ?? 0) + sign * reservation.physicalBytes,
    );
    this.reservedIops[slot] = Math.max(0, (this.reservedIops[slot] ?? 0) + sign * reservation.iops);
    this.reservedVolumes[slot] = (this.reservedVolumes[slot] ?? 0) + sign;
    if (reservation.confirmedAtMs === null) this.inFlight[slot] = (this.inFlight[slot] ?? 0) + sign;
  }
}
