import { Injectable } from '@nestjs/common';
import type { ClinicId } from '../../../common/auth/caller';
import { Clock } from '../../../common/clock';
import type { Db } from '../../../common/database/database';
import { isExclusionViolation } from '../../../common/database/exclusion-violation';
import { TransactionRunner } from '../../../common/database/transaction-runner';
import { ValidationFailed } from '../../../common/errors/domain-error';
import { SurgicalCaseRepository } from '../repositories/surgical-case.repository';
import { ScheduleConflict, type ConflictingCase } from './schedule-conflict.error';

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
    private readonly clock: Clock,
  ) {}

  async assertNoOverlap(db: Db, clinicId: ClinicId, slot: Slot, exceptId?: string): Promise<void> {
    const other = await this.cases.findOverlapping(db, clinicId, slot, exceptId);
    if (other) throw conflictWith(slot, other);
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
      // The plain handle, not a transaction: a transaction would store this lookup as the
      // request's idempotent answer (TransactionRunner's before-commit hooks).
      const other = await this.cases.findOverlapping(this.tx.db, clinicId, slot, exceptId);
      if (!other) throw error;
      throw conflictWith(slot, other);
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

/** The room is named when it is the room that is taken, else the surgeon. */
function conflictWith(slot: Slot, other: ConflictingCase): ScheduleConflict {
  return new ScheduleConflict(
    other.operatingRoomId === slot.operatingRoomId ? 'operatingRoom' : 'surgeon',
    other,
  );
}
