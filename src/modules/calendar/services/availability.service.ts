import { Injectable } from '@nestjs/common';
import type { Caller, ClinicId } from '../../../common/auth/caller';
import type { Db } from '../../../common/database/database';
import { TransactionRunner } from '../../../common/database/transaction-runner';
import { NotFound, ValidationFailed } from '../../../common/errors/domain-error';
import { nextDay, zonedInstant } from '../../../common/time-zone';
import { BookingLedger } from '../../booking';
import { ClinicService } from '../../clinic';
import { OperatingRoomService } from '../../theater';
import type { AvailabilityQuery, AvailabilityResponse } from '../dto/calendar-hours.dto';
import { RoomLookupRepository } from '../repositories/room-lookup.repository';
import {
  PROVIDER_ROLES,
  WorkingHoursRepository,
  type ScheduleExceptionRow,
  type WorkingHoursRow,
} from '../repositories/working-hours.repository';
import { AppointmentTypes } from './appointment-types';
import { freeSlots, type Span, type TimeOff, type WeeklyInterval } from './availability';

const WEEK = [1, 2, 3, 4, 5, 6, 7];

/** The room asked for: an exam room (its pattern, if any) or an operating room (its hours). */
interface RoomAsked {
  id: string;
  hours: WeeklyInterval[] | null;
  isExamRoom: boolean;
}

/**
 * `GET /availability`: free slots of a type's length for providers (and a room), from their
 * weekly patterns, time off and the booking ledger (docs/calendar.md "Working hours and free
 * slots"). Whatever the number of providers: one query for the hours, one for the exceptions, one
 * for the ledger.
 */
@Injectable()
export class AvailabilityService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly hours: WorkingHoursRepository,
    private readonly lookup: RoomLookupRepository,
    private readonly ledger: BookingLedger,
    private readonly clinics: ClinicService,
    private readonly types: AppointmentTypes,
    private readonly operatingRooms: OperatingRoomService,
  ) {}

  find(caller: Caller, query: AvailabilityQuery): Promise<AvailabilityResponse> {
    return this.tx.run(async (db) => {
      const clinicId = caller.clinicId;
      const timeZone = await this.clinics.timeZoneOf(clinicId, db);
      const { defaultMinutes } = await this.types.of(db, clinicId, query.type);
      if (query.providerId) await this.assertProviders(db, clinicId, query.providerId);
      const room = query.roomId ? await this.roomAsked(db, clinicId, query.roomId) : undefined;

      const rows = await this.hours.hoursForAvailability(
        db,
        clinicId,
        query.providerId,
        room?.isExamRoom ? room.id : undefined,
      );
      const providerIds = query.providerId ?? [
        ...new Set(rows.filter((r) => r.resourceKind === 'PROVIDER').map((r) => r.resourceId)),
      ];
      const result: AvailabilityResponse = { timeZone, slotMinutes: defaultMinutes, data: [] };
      if (providerIds.length === 0) return result;
      const resourceIds = room ? [...providerIds, room.id] : providerIds;
      const exceptions = await this.hours.listExceptions(
        db,
        clinicId,
        query.from,
        query.to,
        resourceIds,
      );
      const now = new Date();
      const window = {
        start: new Date(
          Math.max(now.getTime(), zonedInstant(query.from, '00:00', timeZone).getTime()),
        ),
        end: zonedInstant(nextDay(query.to), '00:00', timeZone),
      };
      const busy = new Map<string, Span[]>();
      if (window.end > window.start)
        for (const b of await this.ledger.held(db, clinicId, resourceIds, window))
          busy.set(b.resourceId, (busy.get(b.resourceId) ?? []).concat(b));

      const slots = freeSlots({
        timeZone,
        from: query.from,
        to: query.to,
        slotMinutes: defaultMinutes,
        now,
        holidays: exceptions.filter((e) => e.resourceId === null).map(toTimeOff),
        providers: providerIds.map((id) => ({
          id,
          hours: rows.filter((r) => r.resourceId === id).map(toInterval),
          timeOff: exceptions.filter((e) => e.resourceId === id).map(toTimeOff),
          busy: busy.get(id) ?? [],
        })),
        ...(room
          ? {
              room: {
                id: room.id,
                hours: room.isExamRoom
                  ? patternOrNull(rows.filter((r) => r.resourceId === room.id))
                  : room.hours,
                timeOff: exceptions.filter((e) => e.resourceId === room.id).map(toTimeOff),
                busy: busy.get(room.id) ?? [],
              },
            }
          : {}),
      });
      result.data = slots.map((s) => ({
        providerId: s.providerId,
        roomId: s.roomId,
        start: s.start.toISOString(),
        end: s.end.toISOString(),
      }));
      return result;
    });
  }

  /**
   * Each id asked for is an active SURGEON or NURSE of the clinic: 404 for an id the clinic does
   * not have (another clinic's), 400 naming the field for another role or a deactivated user.
   */
  private async assertProviders(db: Db, clinicId: ClinicId, ids: readonly string[]) {
    const found = new Map((await this.lookup.usersAmong(db, clinicId, ids)).map((u) => [u.id, u]));
    for (const id of ids) {
      const user = found.get(id);
      if (!user) throw new NotFound('Provider');
      if (!user.active || !(PROVIDER_ROLES as readonly string[]).includes(user.role))
        throw ValidationFailed.field(
          'providerId',
          `${id} is not an active surgeon or nurse of this clinic`,
        );
    }
  }

  /** An active exam room, else an active operating room; 404 when neither, 400 when inactive. */
  private async roomAsked(db: Db, clinicId: ClinicId, id: string): Promise<RoomAsked> {
    const exam = await this.lookup.examRoom(db, clinicId, id);
    if (exam) {
      if (!exam.active)
        throw ValidationFailed.field('roomId', `${exam.name} is deactivated: choose another room`);
      return { id, hours: null, isExamRoom: true };
    }
    try {
      const theater = await this.operatingRooms.assertBookable(db, clinicId, id);
      return {
        id,
        hours: WEEK.map((weekday) => ({ weekday, start: theater.opensAt, end: theater.closesAt })),
        isExamRoom: false,
      };
    } catch (error) {
      if (error instanceof NotFound) throw new NotFound('Room');
      if (error instanceof ValidationFailed)
        throw ValidationFailed.field('roomId', error.errors[0]?.message ?? 'Not bookable');
      throw error;
    }
  }
}

function toInterval(r: WorkingHoursRow): WeeklyInterval {
  return { weekday: r.weekday, start: r.startsAt, end: r.endsAt };
}

/** An exam room without rows has no pattern: open whenever its provider works. */
function patternOrNull(rows: readonly WorkingHoursRow[]): WeeklyInterval[] | null {
  return rows.length === 0 ? null : rows.map(toInterval);
}

function toTimeOff(e: ScheduleExceptionRow): TimeOff {
  return { startsOn: e.startsOn, endsOn: e.endsOn, startTime: e.startTime, endTime: e.endTime };
}
