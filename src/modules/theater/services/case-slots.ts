import { Injectable } from '@nestjs/common';
import type { ClinicId } from '../../../common/auth/caller';
import { Clock } from '../../../common/clock';
import type { Db } from '../../../common/database/database';
import { isExclusionViolation } from '../../../common/database/exclusion-violation';
import { TransactionRunner } from '../../../common/database/transaction-runner';
import { ValidationFailed } from '../../../common/errors/domain-error';
import { zonedDate, zonedInstant } from '../../../common/time-zone';
import { OperatingRoomRepository } from '../repositories/operating-room.repository';
import { SurgicalCaseRepository } from '../repositories/surgical-case.repository';
import { ClinicZone } from './clinic-zone';
import { nearestFreeSlots, type Interval } from './free-slots';
import { ScheduleConflict, type ConflictingCase } from './schedule-conflict.error';

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
 * The theater's booking rules for a slot: a time that can be booked, and no live case in the way
 * of the room or the surgeon, named when there is one (docs/theater.md).
 */
@Injectable()
export class CaseSlots {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly cases: SurgicalCaseRepository,
    private readonly rooms: OperatingRoomRepository,
    private readonly zone: ClinicZone,
    private readonly clock: Clock,
  ) {}

  async assertNoOverlap(db: Db, clinicId: ClinicId, slot: Slot, exceptId?: string): Promise<void> {
    const other = await this.cases.findOverlapping(db, clinicId, slot, exceptId);
    if (other) throw await this.conflictWith(db, clinicId, slot, other, exceptId);
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
    const busy = await this.cases.busyIntervals(
      db,
      clinicId,
      slot,
      { start: open, end: close },
      exceptId,
    );
    const duration = slot.end.getTime() - slot.start.getTime();
    return { slots: nearestFreeSlots(slot.start, duration, open, close, busy), timeZone };
  }

  /** The room is named when it is the room that is taken, else the surgeon. */
  private async conflictWith(
    db: Db,
    clinicId: ClinicId,
    slot: Slot,
    other: ConflictingCase,
    exceptId: string | undefined,
  ): Promise<ScheduleConflict> {
    const { slots, timeZone } = await this.suggestSlots(db, clinicId, slot, exceptId);
    return new ScheduleConflict(
      other.operatingRoomId === slot.operatingRoomId ? 'operatingRoom' : 'surgeon',
      other,
      slots,
      timeZone,
    );
  }

  /**
   * Two bookings racing for one slot both pass the overlap check before either commits; the
   * exclusion constraint refuses the second. Its transaction is gone by then, so the case it
   * lost to is looked up afterwards, to name it as the check would have.
   */
  async namingConflicts<T>(
    clinicId: ClinicId,
    slotOf: () => Slot | undefined,
    exceptId: string | undefined,
    work: () => Promise<T>,
  ): Promise<T> {
    try {
      return await work();
    } catch (error) {
      const slot = slotOf();
      if (!isExclusionViolation(error) || !slot) throw error;
      // The work's transaction has rolled back, so `tx.db` is the plain handle again.
      const other = await this.cases.findOverlapping(this.tx.db, clinicId, slot, exceptId);
      if (!other) throw error;
      throw await this.conflictWith(this.tx.db, clinicId, slot, other, exceptId);
    }
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
