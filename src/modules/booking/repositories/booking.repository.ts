import { Injectable } from '@nestjs/common';
import { and, asc, eq, gt, inArray, lt, ne, or } from 'drizzle-orm';
import type { ClinicId } from '../../../common/auth/caller';
import type { Db } from '../../../common/database/database';
import { byTenantKey } from '../../../common/database/tenant-key';
import { surgicalCases } from '../../theater/repositories/theater.schema';
import { calendarBookings, type BookingSource } from './booking.schema';

export type BookingRow = typeof calendarBookings.$inferSelect;

/** Reads of the booking ledger; its rows are written by the database's triggers only. */
@Injectable()
export class BookingRepository {
  /** The bookings of any of `resourceIds` meeting [start, end), other than `except`'s, in time order. */
  overlapping(
    db: Db,
    clinicId: ClinicId,
    resourceIds: readonly string[],
    start: Date,
    end: Date,
    except?: { kind: BookingSource; id: string },
  ): Promise<BookingRow[]> {
    if (resourceIds.length === 0) return Promise.resolve([]);
    return db
      .select()
      .from(calendarBookings)
      .where(
        and(
          eq(calendarBookings.clinicId, clinicId),
          inArray(calendarBookings.resourceId, [...resourceIds]),
          lt(calendarBookings.startsAt, end),
          gt(calendarBookings.endsAt, start),
          except
            ? or(
                ne(calendarBookings.sourceKind, except.kind),
                ne(calendarBookings.sourceId, except.id),
              )
            : undefined,
        ),
      )
      .orderBy(asc(calendarBookings.startsAt), asc(calendarBookings.resourceId));
  }

  /** A surgical case as a conflict names it: its number, room and times (never its patient). */
  async caseHolder(
    db: Db,
    clinicId: ClinicId,
    id: string,
  ): Promise<
    { id: string; caseNumber: string; operatingRoomId: string; start: Date; end: Date } | undefined
  > {
    const [row] = await db
      .select({
        id: surgicalCases.id,
        caseNumber: surgicalCases.caseNumber,
        operatingRoomId: surgicalCases.operatingRoomId,
        start: surgicalCases.scheduledStart,
        end: surgicalCases.scheduledEnd,
      })
      .from(surgicalCases)
      .where(byTenantKey(surgicalCases, clinicId, id));
    return row;
  }
}
