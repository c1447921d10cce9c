import { Injectable } from '@nestjs/common';
import type { ClinicId } from '../../../common/auth/caller';
import { Clock } from '../../../common/clock';
import type { Db } from '../../../common/database/database';
import { TransactionRunner } from '../../../common/database/transaction-runner';
import { ValidationFailed } from '../../../common/errors/domain-error';
import { zonedDate, zonedInstant } from '../../../common/time-zone';
import { BookingLedger, namingLostRace, ScheduleConflict, type Booking } from '../../booking';
import { OperatingRoomRepository } from '../repositories/operating-room.repository';
import { SurgicalCaseRepository } from '../repositories/surgical-case.repository';
import { ClinicZone } from './clinic-zone';
import { nearestFreeSlots, type Interval } from './free-slots';

/** Suggested starts are never sooner than now rounded up to this. */
const SLOT_GRID_MS = 15 * 60_000;

/** A booking further out than this is a typo. */
const MAX_YEARS_AHEAD = 2;

/** Where and when a case is booked, with whom. */
export interface Slot {
  operatingRoomId: string;
  surgeonId: string;
  start: Date;
  end: Date;
}

/**
 * The theater's booking rules for a slot: a time that can be booked, and nothing in the way of
 * the room or the surgeon (a live case, or the surgeon's appointment: the booking ledger of
 * docs/calendar.md), named when there is something (docs/theater.md).
 */
@Injectable()
export class CaseSlots {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly cases: SurgicalCaseRepository,
    private readonly rooms: OperatingRoomRepository,
    private readonly zone: ClinicZone,
    private readonly clock: Clock,
    private readonly ledger: BookingLedger,
  ) {}

  async assertNoOverlap(db: Db, clinicId: ClinicId, slot: Slot, exceptId?: string): Promise<void> {
    const [other] = await this.holding(db, clinicId, slot, slot, exceptId);
    if (other) throw await this.conflictWith(db, clinicId, slot, other, exceptId);
  }

  /** What holds the slot's room or surgeon during `window`, the case `exceptId` aside. */
  private holding(
    db: Db,
    clinicId: ClinicId,
    slot: Slot,
    window: { start: Date; end: Date },
    exceptId: string | undefined,
  ): Promise<Booking[]> {
    return this.ledger.held(
      db,
      clinicId,
      [slot.operatingRoomId, slot.surgeonId],
      window,
      exceptId ? { kind: 'SURGICAL_CASE', id: exceptId } : undefined,
    );
  }

  /**
   * The nearest free slots of the same length that day (the clinic's local day), for the same
   * room and surgeon, inside the room's opening hours and not in the past.
   */
  async suggestSlots(
    db: Db,
    clinicId: ClinicId,
    slot: Slot,
    exceptId?: string,
  ): Promise<{ slots: Interval[]; timeZone: string }> {
    const timeZone = await this.zone.zoneOf(db, clinicId);
    const room = await this.rooms.findById(db, clinicId, slot.operatingRoomId);
    if (!room) return { slots: [], timeZone };
    const day = zonedDate(slot.start, timeZone);
    const now = Math.ceil(this.clock.now().getTime() / SLOT_GRID_MS) * SLOT_GRID_MS;
    const open = new Date(Math.max(zonedInstant(day, room.opensAt, timeZone).getTime(), now));
    const close = zonedInstant(day, room.closesAt, timeZone);
    if (open >= close) return { slots: [], timeZone };
    const busy = await this.holding(db, clinicId, slot, { start: open, end: close }, exceptId);
    const duration = slot.end.getTime() - slot.start.getTime();
    return { slots: nearestFreeSlots(slot.start, duration, open, close, busy), timeZone };
  }

  /** The room is named when it is the room that is taken, else the surgeon. */
  private async conflictWith(
    db: Db,
    clinicId: ClinicId,
    slot: Slot,
    other: Booking,
    exceptId: string | undefined,
  ): Promise<ScheduleConflict> {
    const { slots, timeZone } = await this.suggestSlots(db, clinicId, slot, exceptId);
    return new ScheduleConflict(
      other.resourceId === slot.operatingRoomId ? 'operatingRoom' : 'surgeon',
      await this.ledger.holderOf(db, clinicId, other),
      slots,
      timeZone,
    );
  }

  /** The booking `work`, a lost race answered as the overlap check would have (lost-race.ts). */
  namingConflicts<T>(
    clinicId: ClinicId,
    slotOf: () => Slot | undefined,
    exceptId: string | undefined,
    work: () => Promise<T>,
  ): Promise<T> {
    return namingLostRace(work, async () => {
      const slot = slotOf();
      if (!slot) return undefined;
      // The work's transaction has rolled back, so `tx.db` is the plain handle again.
      const [other] = await this.holding(this.tx.db, clinicId, slot, slot, exceptId);
      return other && this.conflictWith(this.tx.db, clinicId, slot, other, exceptId);
    });
  }

  assertBookableTime(slot: Slot): void {
    const now = this.clock.now();
    if (slot.start < now) throw ValidationFailed.field('scheduledStart', 'Must be in the future');
    const latest = new Date(now);
    latest.setUTCFullYear(now.getUTCFullYear() + MAX_YEARS_AHEAD);
    if (slot.start > latest)
      throw ValidationFailed.field(
        'scheduledStart',
        `Must be within ${MAX_YEARS_AHEAD} years from now`,
      );
  }
}
