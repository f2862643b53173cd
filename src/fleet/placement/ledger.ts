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
//
// Deletions are the mirror image. A volume deleted after a reading showed it stays in that array's
// readings until the next one, so for up to a refresh the array looks fuller than it is: near full,
// an array that could take a volume looks as if it could not, and burst spreading counts one
// eligible array too few. A deletion credit subtracts the volume's expected physical bytes, IOPS and
// one volume from the array until a reading that may no longer show it arrives (observed at or after
// deletedAtMs − lag: skew could put a reading that omits it just before the delete; ending early
// only makes the view conservative again, never counts the space twice). Until then the credit is
// the caller's word that the space is free; the next reading is the array's word, and replaces it.

/** A deleted volume the readings still show; quantities are those it was charged on its array. */
export interface DeletionCredit {
  readonly key: string;
  readonly slot: number;
  readonly physicalBytes: number;
  readonly iops: number;
  /** When the delete completed, ms since the epoch. */
  readonly deletedAtMs: number;
}

/** One reservation; quantities are those charged to the chosen array. */
export interface Reservation {
  readonly key: string;
  readonly arrayId: string;
  readonly slot: number;
  /** Provisioned size the request asked for, bytes (0 when the caller of the ledger did not say). */
  readonly sizeBytes: number;
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
  /** Keys reserved per slot, unordered (an array: adding is a push, no hashing on the hot path). */
  private readonly keysBySlot: string[][] = [];

  /** Σ physical bytes reserved per slot. */
  reservedBytes: Float64Array = new Float64Array(0);
  /** Σ IOPS reserved per slot. */
  reservedIops: Float64Array = new Float64Array(0);
  /** Reserved volumes per slot (for object limits). */
  reservedVolumes: Float64Array = new Float64Array(0);
  /** Unconfirmed (in-flight) reservations per slot (for burst spreading). */
  inFlight: Float64Array = new Float64Array(0);
  /** Unconfirmed (in-flight) reservations on all slots. */
  inFlightTotal = 0;
  /** Σ physical bytes of deletion credits per slot (deleted, still in the readings). */
  creditedBytes: Float64Array = new Float64Array(0);
  /** Σ IOPS of deletion credits per slot. */
  creditedIops: Float64Array = new Float64Array(0);
  /** Deletion credits per slot (volumes). */
  creditedVolumes: Float64Array = new Float64Array(0);
  private readonly credits = new Map<string, DeletionCredit>();

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
    this.creditedBytes = widen(this.creditedBytes);
    this.creditedIops = widen(this.creditedIops);
    this.creditedVolumes = widen(this.creditedVolumes);
  }

  /** Deletion credits held, in the order they were made. */
  listCredits(): DeletionCredit[] {
    return [...this.credits.values()].map((c) => ({ ...c }));
  }

  /**
   * Credits a deleted volume that the latest reading of its array still shows (see the header).
   * A second credit for the same key replaces the first.
   */
  credit(credit: DeletionCredit): void {
    if (!Number.isInteger(credit.slot) || credit.slot < 0) {
      throw new Error(`placement ledger: bad slot ${credit.slot} for "${credit.key}"`);
    }
    this.dropCredit(credit.key);
    this.ensureSlots(credit.slot + 1);
    this.credits.set(credit.key, { ...credit });
    this.applyCredit(credit, 1);
  }

  reserve(
    reservation: Omit<Reservation, 'confirmedAtMs' | 'sizeBytes'> & { readonly sizeBytes?: number },
  ): Reservation {
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
      sizeBytes: reservation.sizeBytes ?? 0,
      physicalBytes: reservation.physicalBytes,
      iops: reservation.iops,
      reservedAtMs: reservation.reservedAtMs,
      confirmedAtMs: null,
    };
    this.ensureSlots(stored.slot + 1);
    this.byKey.set(stored.key, stored);
    (this.keysBySlot[stored.slot] ??= []).push(stored.key);
    this.apply(stored, 1);
    return stored;
  }

  /** The create succeeded at `confirmedAtMs`. False if the key holds no reservation. */
  confirm(key: string, confirmedAtMs: number): boolean {
    const held = this.byKey.get(key);
    if (!held) return false;
    if (held.confirmedAtMs !== null) return true;
    this.inFlight[held.slot] = (this.inFlight[held.slot] ?? 0) - 1;
    this.inFlightTotal--;
    held.confirmedAtMs = confirmedAtMs;
    return true;
  }

  /** Drops a reservation (create failed, volume deleted); returns it, or undefined if none. */
  release(key: string): Reservation | undefined {
    const held = this.byKey.get(key);
    if (!held) return undefined;
    this.byKey.delete(key);
    const remaining = this.keysBySlot[held.slot];
    if (remaining) {
      const index = remaining.indexOf(key);
      remaining[index] = remaining[remaining.length - 1]!;
      remaining.pop();
    }
    this.apply(held, -1);
    if (remaining?.length === 0) this.zeroSlot(held.slot); // no rounding residue on an empty slot
    return held;
  }

  /**
   * Applies a new reading of `slot`: releases the confirmed reservations it reflects and the
   * unconfirmed ones older than the TTL. Returns what was released.
   */
  settle(slot: number, observedAtMs: number, nowMs: number, lagMs: number, ttlMs: number): Reservation[] {
    for (const credit of this.credits.values()) {
      // Unlike a reservation, a credit errs towards ending early: a reading that may already omit
      // the volume (taken up to `lagMs` before the delete, clock skew) ends it, never counting it twice.
      if (credit.slot === slot && observedAtMs >= credit.deletedAtMs - lagMs) this.dropCredit(credit.key);
    }
    const keys = this.keysBySlot[slot];
    if (!keys || keys.length === 0) return [];
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

  /** Drops every reservation and credit on a slot (its array left the fleet). */
  releaseSlot(slot: number): Reservation[] {
    for (const credit of this.credits.values()) if (credit.slot === slot) this.dropCredit(credit.key);
    return [...(this.keysBySlot[slot] ?? [])].map((key) => this.release(key)).filter((r) => r !== undefined);
  }

  /** An independent copy, for plan-time what-ifs that must not touch the real ledger. */
  clone(): PlacementLedger {
    const copy = new PlacementLedger();
    copy.ensureSlots(this.reservedBytes.length);
    for (const reservation of this.byKey.values()) {
      copy.byKey.set(reservation.key, { ...reservation });
      (copy.keysBySlot[reservation.slot] ??= []).push(reservation.key);
    }
    copy.reservedBytes.set(this.reservedBytes);
    copy.reservedIops.set(this.reservedIops);
    copy.reservedVolumes.set(this.reservedVolumes);
    copy.inFlight.set(this.inFlight);
    copy.inFlightTotal = this.inFlightTotal;
    for (const credit of this.credits.values()) copy.credits.set(credit.key, { ...credit });
    copy.creditedBytes.set(this.creditedBytes);
    copy.creditedIops.set(this.creditedIops);
    copy.creditedVolumes.set(this.creditedVolumes);
    return copy;
  }

  private dropCredit(key: string): void {
    const credit = this.credits.get(key);
    if (!credit) return;
    this.credits.delete(key);
    this.applyCredit(credit, -1);
    if (this.creditedVolumes[credit.slot] === 0) {
      this.creditedBytes[credit.slot] = 0; // no rounding residue on a slot without credits
      this.creditedIops[credit.slot] = 0;
    }
  }

  private applyCredit(credit: DeletionCredit, sign: 1 | -1): void {
    const { slot } = credit;
    this.creditedBytes[slot] = Math.max(0, this.creditedBytes[slot]! + sign * credit.physicalBytes);
    this.creditedIops[slot] = Math.max(0, this.creditedIops[slot]! + sign * credit.iops);
    this.creditedVolumes[slot] = this.creditedVolumes[slot]! + sign;
  }

  private zeroSlot(slot: number): void {
    this.reservedBytes[slot] = 0;
    this.reservedIops[slot] = 0;
    this.reservedVolumes[slot] = 0;
    this.inFlightTotal -= this.inFlight[slot]!; // 0 unless a count drifted
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
    if (reservation.confirmedAtMs === null) {
      this.inFlight[slot] = (this.inFlight[slot] ?? 0) + sign;
      this.inFlightTotal += sign;
    }
  }
}
