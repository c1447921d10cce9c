import { Injectable } from '@nestjs/common';
import { and, asc, eq, gte, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { ClinicId } from '../../../common/auth/caller';
import type { Db } from '../../../common/database/database';
import { returnedRow } from '../../../common/database/tenant-key';
import { users } from '../../user/repositories/user.schema';
import { scheduleExceptions, workingHours } from './working-hours.schema';

export type WorkingHoursRow = typeof workingHours.$inferSelect;
export type NewWorkingHours = Omit<typeof workingHours.$inferInsert, 'createdAt' | 'updatedAt'>;
export type ScheduleExceptionRow = typeof scheduleExceptions.$inferSelect;
export type NewScheduleException = Omit<
  typeof scheduleExceptions.$inferInsert,
  'createdAt' | 'updatedAt'
>;

/** The roles that see patients on the calendar: a provider is an active one of them. */
export const PROVIDER_ROLES = ['SURGEON', 'NURSE'] as const;

/** Weekly patterns and time off (docs/calendar.md "Working hours and free slots"). */
@Injectable()
export class WorkingHoursRepository {
  /** The patterns of `resourceIds` (every resource's without), by resource, weekday, start. */
  listHours(
    db: Db,
    clinicId: ClinicId,
    resourceIds?: readonly string[],
  ): Promise<WorkingHoursRow[]> {
    return db
      .select()
      .from(workingHours)
      .where(
        and(
          eq(workingHours.clinicId, clinicId),
          resourceIds ? inArray(workingHours.resourceId, [...resourceIds]) : undefined,
        ),
      )
      .orderBy(
        asc(workingHours.resourceKind),
        asc(workingHours.resourceId),
        asc(workingHours.weekday),
        asc(workingHours.startsAt),
      );
  }

  /**
   * In one query: the patterns of `roomId` and of the providers asked for (`providerIds`), or of
   * every active SURGEON and NURSE with one (no `providerIds`) — a deactivated user's rows stay
   * but offer nothing.
   */
  hoursForAvailability(
    db: Db,
    clinicId: ClinicId,
    providerIds: readonly string[] | undefined,
    roomId: string | undefined,
  ): Promise<WorkingHoursRow[]> {
    const providers = providerIds
      ? and(
          eq(workingHours.resourceKind, 'PROVIDER'),
          inArray(workingHours.resourceId, [...providerIds]),
        )
      : and(
          eq(workingHours.resourceKind, 'PROVIDER'),
          inArray(
            workingHours.resourceId,
            db
              .select({ id: users.id })
              .from(users)
              .where(
                and(
                  eq(users.clinicId, clinicId),
                  eq(users.active, true),
                  inArray(users.role, [...PROVIDER_ROLES]),
                ),
              ),
          ),
        );
    return db
      .select()
      .from(workingHours)
      .where(
        and(
          eq(workingHours.clinicId, clinicId),
          roomId
            ? or(
                providers,
                and(eq(workingHours.resourceKind, 'ROOM'), eq(workingHours.resourceId, roomId)),
              )
            : providers,
        ),
      )
      .orderBy(asc(workingHours.resourceId), asc(workingHours.weekday), asc(workingHours.startsAt));
  }

  /**
   * Serializes writes of one resource's week: two concurrent replacements would otherwise both
   * delete nothing the other sees and both insert. Released at the transaction's end.
   */
  async lockResource(db: Db, clinicId: ClinicId, resourceId: string): Promise<void> {
    await db.execute(
      sql`SELECT pg_advisory_xact_lock(hashtextextended(${`working_hours:${clinicId}:${resourceId}`}, 0))`,
    );
  }

  async replaceHours(
    db: Db,
    clinicId: ClinicId,
    resourceId: string,
    rows: readonly NewWorkingHours[],
  ): Promise<WorkingHoursRow[]> {
    await db
      .delete(workingHours)
      .where(and(eq(workingHours.clinicId, clinicId), eq(workingHours.resourceId, resourceId)));
    if (rows.length === 0) return [];
    return db
      .insert(workingHours)
      .values([...rows])
      .returning();
  }

  /**
   * The exceptions meeting the days [from, to]: with `resourceIds`, the clinic's holidays and
   * those resources' own; without, every one.
   */
  listExceptions(
    db: Db,
    clinicId: ClinicId,
    from: string,
    to: string,
    resourceIds?: readonly string[],
  ): Promise<ScheduleExceptionRow[]> {
    return db
      .select()
      .from(scheduleExceptions)
      .where(
        and(
          eq(scheduleExceptions.clinicId, clinicId),
          lte(scheduleExceptions.startsOn, to),
          gte(scheduleExceptions.endsOn, from),
          resourceIds
            ? or(
                isNull(scheduleExceptions.resourceId),
                resourceIds.length > 0
                  ? inArray(scheduleExceptions.resourceId, [...resourceIds])
                  : undefined,
              )
            : undefined,
        ),
      )
      .orderBy(asc(scheduleExceptions.startsOn), asc(scheduleExceptions.id));
  }

  async insertException(db: Db, row: NewScheduleException): Promise<ScheduleExceptionRow> {
    return returnedRow(
      await db.insert(scheduleExceptions).values(row).returning(),
      'INSERT … RETURNING gives the row',
    );
  }

  /** Deletes it and answers it; undefined when the clinic has none by that id. */
  async deleteException(
    db: Db,
    clinicId: ClinicId,
    id: string,
  ): Promise<ScheduleExceptionRow | undefined> {
    const [row] = await db
      .delete(scheduleExceptions)
      .where(and(eq(scheduleExceptions.clinicId, clinicId), eq(scheduleExceptions.id, id)))
      .returning();
    return row;
  }
}
