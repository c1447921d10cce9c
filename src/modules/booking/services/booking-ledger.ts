import { Injectable } from '@nestjs/common';
import type { ClinicId } from '../../../common/auth/caller';
import type { Db } from '../../../common/database/database';
import { BookingRepository, type BookingRow } from '../repositories/booking.repository';
import type { BookedResource, BookingSource } from '../repositories/booking.schema';
import type { TimeHolder } from './schedule-conflict.error';

/** Time a resource is held: by a surgical case or an appointment. */
export interface Booking {
  sourceKind: BookingSource;
  sourceId: string;
  resourceKind: BookedResource;
  resourceId: string;
  start: Date;
  end: Date;
}

/**
 * The one ledger of held time, across surgical cases and appointments (docs/calendar.md "One
 * booking table"). The database writes it (triggers) and holds its rule (an exclusion
 * constraint); services ask it what is in the way, to name it in a 409, and what is busy, to
 * offer free slots.
 */
@Injectable()
export class BookingLedger {
  constructor(private readonly bookings: BookingRepository) {}

  /**
   * What holds any of `resourceIds` during [start, end), other than `except` itself (the record
   * being moved), in time order. Half-open: 10:00–11:00 and 11:00–12:00 do not meet. What a new
   * booking would collide with, and what a free slot must avoid.
   */
  async held(
    db: Db,
    clinicId: ClinicId,
    resourceIds: readonly string[],
    window: { start: Date; end: Date },
    except?: { kind: BookingSource; id: string },
  ): Promise<Booking[]> {
    const rows = await this.bookings.overlapping(
      db,
      clinicId,
      resourceIds,
      window.start,
      window.end,
      except,
    );
    return rows.map(toBooking);
  }

  /**
   * What holds the time, as a 409 SCHEDULE_CONFLICT names it: a surgical case by its number and
   * room, an appointment by its id.
   */
  async holderOf(db: Db, clinicId: ClinicId, booking: Booking): Promise<TimeHolder> {
    const theCase =
      booking.sourceKind === 'SURGICAL_CASE'
        ? await this.bookings.caseHolder(db, clinicId, booking.sourceId)
        : undefined;
    return theCase
      ? { kind: 'SURGICAL_CASE', ...theCase }
      : { kind: 'APPOINTMENT', id: booking.sourceId, start: booking.start, end: booking.end };
  }
}

function toBooking(row: BookingRow): Booking {
  return {
    sourceKind: row.sourceKind,
    sourceId: row.sourceId,
    resourceKind: row.resourceKind,
    resourceId: row.resourceId,
    start: row.startsAt,
    end: row.endsAt,
  };
}
