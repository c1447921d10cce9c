import { Injectable } from '@nestjs/common';
import { AuditWriter } from '../../../common/audit/audit-writer';
import type { Caller, ClinicId } from '../../../common/auth/caller';
import type { Db } from '../../../common/database/database';
import { TransactionRunner } from '../../../common/database/transaction-runner';
import { NotFound, ValidationFailed } from '../../../common/errors/domain-error';
import { newId } from '../../../common/ids';
import { nextDay, zonedInstant } from '../../../common/time-zone';
import { BookingLedger, type Booking } from '../../booking';
import { ClinicService } from '../../clinic';
import type {
  CreateScheduleExceptionBody,
  CreatedScheduleExceptionResponse,
  ListScheduleExceptionsQuery,
  ListWorkingHoursQuery,
  PutWorkingHoursBody,
  ScheduleExceptionResponse,
  WorkingHoursResponse,
} from '../dto/calendar-hours.dto';
import { RoomLookupRepository } from '../repositories/room-lookup.repository';
import {
  PROVIDER_ROLES,
  WorkingHoursRepository,
  type ScheduleExceptionRow,
  type WorkingHoursRow,
} from '../repositories/working-hours.repository';
import { daysBetween } from './availability';

type ResourceKind = 'PROVIDER' | 'ROOM';

/**
 * Weekly patterns of providers and exam rooms, and time off: holidays, leave, rooms closed
 * (docs/calendar.md "Working hours and free slots").
 */
@Injectable()
export class WorkingHoursService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly hours: WorkingHoursRepository,
    private readonly lookup: RoomLookupRepository,
    private readonly ledger: BookingLedger,
    private readonly clinics: ClinicService,
    private readonly audit: AuditWriter,
  ) {}

  listHours(
    caller: Caller,
    query: ListWorkingHoursQuery,
  ): Promise<{ data: WorkingHoursResponse[] }> {
    return this.tx.run(async (db) => {
      const rows = await this.hours.listHours(
        db,
        caller.clinicId,
        query.resourceId ? [query.resourceId] : undefined,
      );
      return { data: groupWeeks(rows) };
    });
  }

  /** Replaces one resource's week (an empty list clears it). Audited. */
  putHours(
    caller: Caller,
    resourceId: string,
    body: PutWorkingHoursBody,
  ): Promise<WorkingHoursResponse> {
    return this.tx.run(async (db) => {
      await this.assertResource(db, caller.clinicId, body.resourceKind, resourceId, 'resourceKind');
      await this.hours.lockResource(db, caller.clinicId, resourceId);
      const rows = await this.hours.replaceHours(
        db,
        caller.clinicId,
        resourceId,
        body.intervals.map((i) => ({
          clinicId: caller.clinicId,
          id: newId(),
          resourceKind: body.resourceKind,
          resourceId,
          weekday: i.weekday,
          startsAt: i.start,
          endsAt: i.end,
        })),
      );
      await this.audit.record(db, caller, {
        action: 'working-hours.replace',
        entityType: 'WorkingHours',
        entityId: resourceId,
        changedFields: ['intervals'],
        metadata: { resourceKind: body.resourceKind, intervals: rows.length },
      });
      return {
        resourceKind: body.resourceKind,
        resourceId,
        intervals: rows
          .map(toInterval)
          .sort((a, b) => a.weekday - b.weekday || (a.start < b.start ? -1 : 1)),
      };
    });
  }

  listExceptions(
    caller: Caller,
    query: ListScheduleExceptionsQuery,
  ): Promise<{ data: ScheduleExceptionResponse[] }> {
    return this.tx.run(async (db) => {
      const rows = await this.hours.listExceptions(
        db,
        caller.clinicId,
        query.from,
        query.to,
        query.resourceId ? [query.resourceId] : undefined,
      );
      return { data: rows.map(toException) };
    });
  }

  /**
   * Records time off and answers what is already booked in it (`clashes`, from the ledger): it is
   * not moved or cancelled here; staff must move it. Audited.
   */
  createException(
    caller: Caller,
    body: CreateScheduleExceptionBody,
  ): Promise<CreatedScheduleExceptionResponse> {
    return this.tx.run(async (db) => {
      const resourceKind: ResourceKind | null =
        body.kind === 'HOLIDAY' ? null : body.kind === 'LEAVE' ? 'PROVIDER' : 'ROOM';
      const resourceId = body.resourceId ?? null;
      if (resourceKind && resourceId)
        await this.assertResource(db, caller.clinicId, resourceKind, resourceId, 'resourceId');
      const row = await this.hours.insertException(db, {
        clinicId: caller.clinicId,
        id: newId(),
        kind: body.kind,
        resourceKind,
        resourceId,
        startsOn: body.startsOn,
        endsOn: body.endsOn,
        startTime: body.startTime ?? null,
        endTime: body.endTime ?? null,
        reason: body.reason ?? null,
        createdById: caller.userId,
      });
      const clashes = await this.clashesOf(db, caller.clinicId, row);
      await this.audit.record(db, caller, {
        action: 'schedule-exception.create',
        entityType: 'ScheduleException',
        entityId: row.id,
        changedFields: Object.keys(body),
        metadata: { kind: row.kind, clashes: clashes.length },
      });
      return { ...toException(row), clashes };
    });
  }

  /** Removes time off; 404 when the clinic has none by that id. Audited. */
  deleteException(caller: Caller, id: string): Promise<void> {
    return this.tx.run(async (db) => {
      const row = await this.hours.deleteException(db, caller.clinicId, id);
      if (!row) throw new NotFound('ScheduleException', id);
      await this.audit.record(db, caller, {
        action: 'schedule-exception.delete',
        entityType: 'ScheduleException',
        entityId: id,
        metadata: { kind: row.kind },
      });
    });
  }

  /**
   * A PROVIDER is an active SURGEON or NURSE of the clinic; a ROOM an exam room of the clinic
   * (an operating room's hours are its opensAt–closesAt). 404 for an id the clinic does not have.
   */
  private async assertResource(
    db: Db,
    clinicId: ClinicId,
    kind: ResourceKind,
    id: string,
    field: string,
  ): Promise<void> {
    if (kind === 'ROOM') {
      const room = await this.lookup.examRoom(db, clinicId, id);
      if (room) return;
      const [user] = await this.lookup.usersAmong(db, clinicId, [id]);
      if (user) throw ValidationFailed.field(field, 'This id is a user: give PROVIDER');
      throw new NotFound('ExamRoom', id);
    }
    const [user] = await this.lookup.usersAmong(db, clinicId, [id]);
    if (!user) {
      if (await this.lookup.examRoom(db, clinicId, id))
        throw ValidationFailed.field(field, 'This id is an exam room: give ROOM');
      throw new NotFound('Provider', id);
    }
    if (!user.active || !(PROVIDER_ROLES as readonly string[]).includes(user.role))
      throw ValidationFailed.field(field, 'Must be an active surgeon or nurse of this clinic');
  }

  /** The cases and appointments holding the resource (or anyone, for a holiday) in the time off. */
  private async clashesOf(
    db: Db,
    clinicId: ClinicId,
    row: ScheduleExceptionRow,
  ): Promise<CreatedScheduleExceptionResponse['clashes']> {
    const zone = await this.clinics.timeZoneOf(clinicId, db);
    const windows = daysBetween(row.startsOn, row.endsOn).map((day) =>
      row.startTime && row.endTime
        ? {
            start: zonedInstant(day, row.startTime, zone),
            end: zonedInstant(day, row.endTime, zone),
          }
        : {
            start: zonedInstant(day, '00:00', zone),
            end: zonedInstant(nextDay(day), '00:00', zone),
          },
    );
    const span = { start: windows[0]!.start, end: windows.at(-1)!.end };
    // Every booking holds a provider (a case its surgeon), so a holiday's are its providers'.
    const resourceIds = row.resourceId
      ? [row.resourceId]
      : await this.lookup.providerIds(db, clinicId);
    const held: Booking[] = await this.ledger.held(db, clinicId, resourceIds, span);
    const seen = new Set<string>();
    const clashes: CreatedScheduleExceptionResponse['clashes'] = [];
    for (const b of held) {
      const key = `${b.sourceKind}:${b.sourceId}`;
      if (seen.has(key)) continue;
      if (!windows.some((w) => b.start < w.end && b.end > w.start)) continue;
      seen.add(key);
      clashes.push({
        kind: b.sourceKind,
        id: b.sourceId,
        start: b.start.toISOString(),
        end: b.end.toISOString(),
      });
    }
    return clashes;
  }
}

function toInterval(r: WorkingHoursRow): { weekday: number; start: string; end: string } {
  return { weekday: r.weekday, start: r.startsAt, end: r.endsAt };
}

/** Rows (sorted by kind, resource, weekday, start) as one week per resource. */
function groupWeeks(rows: readonly WorkingHoursRow[]): WorkingHoursResponse[] {
  const weeks = new Map<string, WorkingHoursResponse>();
  for (const r of rows) {
    let week = weeks.get(r.resourceId);
    if (!week) {
      week = { resourceKind: r.resourceKind, resourceId: r.resourceId, intervals: [] };
      weeks.set(r.resourceId, week);
    }
    week.intervals.push(toInterval(r));
  }
  return [...weeks.values()];
}

export function toException(r: ScheduleExceptionRow): ScheduleExceptionResponse {
  return {
    id: r.id,
    kind: r.kind,
    resourceKind: r.resourceKind,
    resourceId: r.resourceId,
    startsOn: r.startsOn,
    endsOn: r.endsOn,
    startTime: r.startTime,
    endTime: r.endTime,
    reason: r.reason,
    createdById: r.createdById,
    createdAt: r.createdAt.toISOString(),
  };
}
