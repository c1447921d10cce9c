import { Injectable } from '@nestjs/common';
import { AuditWriter } from '../../../common/audit/audit-writer';
import type { Caller, ClinicId } from '../../../common/auth/caller';
import { Clock } from '../../../common/clock';
import type { Db } from '../../../common/database/database';
import { TransactionRunner } from '../../../common/database/transaction-runner';
import { NotFound, ValidationFailed } from '../../../common/errors/domain-error';
import type { Page } from '../../../common/http/pagination';
import { lockedAtVersion } from '../../../common/http/versioning';
import { newId } from '../../../common/ids';
import { zonedDate, zonedInstant } from '../../../common/time-zone';
import { BookingLedger, namingLostRace, ScheduleConflict } from '../../booking';
import { ClinicService } from '../../clinic';
import { ConsultationService } from '../../consultation';
import { PatientService } from '../../patient';
import {
  MAX_APPOINTMENT_HOURS,
  type AppointmentDetailResponse,
  type AppointmentResponse,
  type CancelAppointmentBody,
  type CompleteAppointmentBody,
  type ConfirmAppointmentBody,
  type CreateAppointmentBody,
  type ListAppointmentsQuery,
  type PatientAppointmentsResponse,
  type UpdateAppointmentBody,
} from '../dto/appointment.dto';
import {
  AppointmentRepository,
  type AppointmentChanges,
  type AppointmentRow,
  type AppointmentView,
} from '../repositories/appointment.repository';
import type { AppointmentEventAction, AppointmentType } from '../repositories/appointment.schema';
import { AppointmentChangeHooks } from './appointment-change-hooks';
import { AppointmentLifecycle } from './appointment-lifecycle';
import { AppointmentTypes } from './appointment-types';
import { ConsultationNeedsSurgeon } from './consultation-needs-surgeon.error';
import { ExamRoomService } from './exam-room.service';

const ENTITY = 'Appointment';
/** A start this far in the past is still taken (the desk typing a walk-in). */
const PAST_GRACE_MS = 5 * 60_000;
const MAX_YEARS_AHEAD = 2;
/** How many past appointments the patient page shows. */
const PAST_LIMIT = 50;

/** Who, where and when an appointment holds time. */
interface Slot {
  providerId: string;
  examRoomId: string | null;
  start: Date;
  end: Date;
}

/**
 * Appointments (docs/calendar.md "Appointments"): booking, rescheduling, the day's check-in and
 * completion, cancellation and no-shows. The booking ledger (triggers and one exclusion
 * constraint) keeps a provider or a room from being held twice, surgeries included; every write
 * leaves a history event, an audit event, and runs the change hooks (reminders) in its transaction.
 */
/** The longest reason a consultation record takes (its DTO's limit). */
const CONSULTATION_REASON_MAX = 2000;

@Injectable()
export class AppointmentService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly appointments: AppointmentRepository,
    private readonly lifecycle: AppointmentLifecycle,
    private readonly rooms: ExamRoomService,
    private readonly types: AppointmentTypes,
    private readonly hooks: AppointmentChangeHooks,
    private readonly ledger: BookingLedger,
    private readonly patients: PatientService,
    private readonly consultations: ConsultationService,
    private readonly clinics: ClinicService,
    private readonly audit: AuditWriter,
    private readonly clock: Clock,
  ) {}

  book(caller: Caller, body: CreateAppointmentBody): Promise<AppointmentResponse> {
    const start = new Date(body.start);
    this.assertBookableStart(start);
    let slot: Slot | undefined;
    return this.namingConflicts(
      caller.clinicId,
      () => slot,
      undefined,
      () =>
        this.tx.run(async (db) => {
          await this.patients.assertPatientExists(db, caller.clinicId, body.patientId);
          await this.assertProvider(db, caller.clinicId, body.providerId);
          const examRoomId = body.examRoomId ?? null;
          if (examRoomId) await this.rooms.assertBookable(db, caller.clinicId, examRoomId);
          await this.assertLinks(db, caller.clinicId, body.patientId, body);
          const end = await this.endOf(db, caller.clinicId, body.type, start, body.end);
          slot = { providerId: body.providerId, examRoomId, start, end };
          await this.assertFree(db, caller.clinicId, slot);
          const created = await this.appointments.insert(db, {
            clinicId: caller.clinicId,
            id: newId(),
            patientId: body.patientId,
            type: body.type,
            status: 'BOOKED',
            providerId: body.providerId,
            examRoomId,
            startsAt: start,
            endsAt: end,
            notes: body.notes ?? null,
            consultationId: body.consultationId ?? null,
            procedurePlanId: body.procedurePlanId ?? null,
            surgicalCaseId: body.surgicalCaseId ?? null,
            createdById: caller.userId,
          });
          await this.audit.record(db, caller, {
            action: 'appointment.create',
            entityType: ENTITY,
            entityId: created.id,
            changedFields: Object.keys(body),
            metadata: { patientId: created.patientId, type: created.type },
          });
          return this.written(db, caller, created, 'BOOKED');
        }),
    );
  }

  update(
    caller: Caller,
    id: string,
    body: UpdateAppointmentBody,
    ifMatch: number | undefined,
  ): Promise<AppointmentResponse> {
    let slot: Slot | undefined;
    return this.namingConflicts(
      caller.clinicId,
      () => slot,
      id,
      () =>
        this.tx.run(async (db) => {
          const row = await this.lock(db, caller, id, ifMatch);
          const moves =
            body.start !== undefined ||
            body.end !== undefined ||
            (body.providerId !== undefined && body.providerId !== row.providerId) ||
            (body.examRoomId !== undefined && body.examRoomId !== row.examRoomId);
          const notes = body.notes === undefined ? {} : { notes: body.notes };
          if (!moves) {
            const updated = await this.lifecycle.fire(
              db,
              caller,
              row,
              'update',
              { changes: notes, changedFields: Object.keys(notes) },
              this.factsOf(row),
            );
            await this.hooks.run(db, caller, updated);
            return this.present(db, caller.clinicId, updated);
          }
          this.lifecycle.assertAllows(row, 'reschedule');
          slot = await this.movedSlot(db, caller.clinicId, row, body);
          await this.assertFree(db, caller.clinicId, slot, id);
          const moved = await this.lifecycle.fire(
            db,
            caller,
            row,
            'reschedule',
            {
              changes: {
                ...notes,
                providerId: slot.providerId,
                examRoomId: slot.examRoomId,
                startsAt: slot.start,
                endsAt: slot.end,
              },
              changedFields: Object.keys(body).filter((k) => k !== 'reason'),
              metadata: { hasReason: body.reason !== undefined },
            },
            this.factsOf(row),
          );
          return this.written(db, caller, moved, 'RESCHEDULED', body.reason ?? null);
        }),
    );
  }

  confirm(
    caller: Caller,
    id: string,
    body: ConfirmAppointmentBody,
    ifMatch: number | undefined,
  ): Promise<AppointmentResponse> {
    const start = new Date(body.start);
    this.assertBookableStart(start);
    let slot: Slot | undefined;
    return this.namingConflicts(
      caller.clinicId,
      () => slot,
      id,
      () =>
        this.tx.run(async (db) => {
          const row = await this.lock(db, caller, id, ifMatch);
          this.lifecycle.assertAllows(row, 'confirm');
          const providerId = body.providerId ?? row.providerId;
          await this.assertProvider(db, caller.clinicId, providerId);
          const examRoomId = body.examRoomId === undefined ? row.examRoomId : body.examRoomId;
          if (examRoomId) await this.rooms.assertBookable(db, caller.clinicId, examRoomId);
          const end = await this.endOf(db, caller.clinicId, row.type, start, body.end);
          slot = { providerId, examRoomId, start, end };
          await this.assertFree(db, caller.clinicId, slot, id);
          const booked = await this.lifecycle.fire(
            db,
            caller,
            row,
            'confirm',
            { changes: { providerId, examRoomId, startsAt: start, endsAt: end } },
            this.factsOf(row),
          );
          return this.written(db, caller, booked, 'BOOKED');
        }),
    );
  }

  checkIn(caller: Caller, id: string, ifMatch: number | undefined): Promise<AppointmentResponse> {
    return this.tx.run(async (db) => {
      const row = await this.lock(db, caller, id, ifMatch);
      const checkedIn = await this.lifecycle.fire(
        db,
        caller,
        row,
        'check-in',
        { changes: { checkedInAt: this.clock.now(), checkedInById: caller.userId } },
        this.factsOf(row),
      );
      return this.written(db, caller, checkedIn, 'CHECKED_IN');
    });
  }

  /**
   * CHECKED_IN → COMPLETED. A consultation appointment with no consultation record yet opens one
   * (the seed's step 1), held by the provider, who must be an active surgeon.
   */
  complete(
    caller: Caller,
    id: string,
    body: CompleteAppointmentBody,
    ifMatch: number | undefined,
  ): Promise<AppointmentResponse> {
    return this.tx.run(async (db) => {
      const row = await this.lock(db, caller, id, ifMatch);
      this.lifecycle.assertAllows(row, 'complete');
      const changes: Omit<AppointmentChanges, 'status'> = {
        completedAt: this.clock.now(),
        completedById: caller.userId,
        ...(body.notes === undefined ? {} : { notes: body.notes }),
      };
      if (row.type === 'CONSULTATION' && row.consultationId === null) {
        const provider = await this.appointments.provider(db, caller.clinicId, row.providerId);
        if (provider?.role !== 'SURGEON' || !provider.active) throw new ConsultationNeedsSurgeon();
        // The appointment's notes are the consultation's reason when they fit one; longer
        // ones are kept whole as its notes, under a plain reason.
        const text = (body.notes ?? row.notes ?? '').trim();
        const fitsReason = text.length > 0 && text.length <= CONSULTATION_REASON_MAX;
        const consultation = await this.consultations.createConsultation(caller, {
          patientId: row.patientId,
          surgeonId: row.providerId,
          consultationDate: (row.startsAt ?? this.clock.now()).toISOString(),
          reason: fitsReason ? text : 'Consultation',
          ...(text.length > CONSULTATION_REASON_MAX ? { notes: text } : {}),
        });
        changes.consultationId = consultation.id;
      }
      const completed = await this.lifecycle.fire(
        db,
        caller,
        row,
        'complete',
        { changes },
        this.factsOf(row),
      );
      return this.written(db, caller, completed, 'COMPLETED');
    });
  }

  cancel(
    caller: Caller,
    id: string,
    body: CancelAppointmentBody,
    ifMatch: number | undefined,
  ): Promise<AppointmentResponse> {
    return this.tx.run(async (db) => {
      const row = await this.lock(db, caller, id, ifMatch);
      const cancelled = await this.lifecycle.fire(
        db,
        caller,
        row,
        'cancel',
        { changes: { cancelledAt: this.clock.now(), cancelReason: body.reason } },
        this.factsOf(row),
      );
      return this.written(db, caller, cancelled, 'CANCELLED', body.reason);
    });
  }

  noShow(caller: Caller, id: string, ifMatch: number | undefined): Promise<AppointmentResponse> {
    return this.tx.run(async (db) => {
      const row = await this.lock(db, caller, id, ifMatch);
      const missed = await this.lifecycle.fire(
        db,
        caller,
        row,
        'no-show',
        { changes: { noShowAt: this.clock.now() } },
        this.factsOf(row),
      );
      return this.written(db, caller, missed, 'NO_SHOW');
    });
  }

  get(caller: Caller, id: string): Promise<AppointmentDetailResponse> {
    return this.tx.run(async (db) => {
      const row = await this.appointments.findById(db, caller.clinicId, id);
      if (!row) throw new NotFound(ENTITY, id);
      const [view] = await this.appointments.views(db, caller.clinicId, [row]);
      if (!view) throw new NotFound(ENTITY, id);
      const history = await this.appointments.history(db, caller.clinicId, id);
      await this.audit.recordReads(db, caller, 'appointment.read', ENTITY, [id]);
      return {
        ...toAppointmentResponse(view),
        history: history.map((e) => ({
          action: e.action,
          at: e.at.toISOString(),
          actorId: e.actorId,
          actorName: e.actorName,
          start: e.startsAt?.toISOString() ?? null,
          end: e.endsAt?.toISOString() ?? null,
          providerId: e.providerId,
          examRoomId: e.examRoomId,
          reason: e.reason,
        })),
      };
    });
  }

  list(caller: Caller, query: ListAppointmentsQuery): Promise<Page<AppointmentResponse>> {
    return this.tx.run(async (db) => {
      const page = await this.appointments.list(db, caller.clinicId, query);
      const views = await this.appointments.views(db, caller.clinicId, page.data);
      await this.audit.recordReads(
        db,
        caller,
        'appointment.list',
        ENTITY,
        page.data.map((a) => a.id),
      );
      return { data: views.map(toAppointmentResponse), nextCursor: page.nextCursor };
    });
  }

  /** The patient page's calendar: what is ahead, the last 50 past, and the no-shows counted. */
  ofPatient(caller: Caller, patientId: string): Promise<PatientAppointmentsResponse> {
    return this.tx.run(async (db) => {
      await this.patients.assertPatientExists(db, caller.clinicId, patientId);
      const timeZone = await this.clinics.timeZoneOf(caller.clinicId, db);
      const today = zonedDate(this.clock.now(), timeZone);
      const since = zonedInstant(today, '00:00', timeZone);
      const upcoming = await this.appointments.upcomingOf(
        db,
        caller.clinicId,
        patientId,
        since,
        today,
      );
      const past = await this.appointments.pastOf(
        db,
        caller.clinicId,
        patientId,
        since,
        today,
        PAST_LIMIT,
      );
      const noShowCount = await this.appointments.noShowsOf(db, caller.clinicId, patientId);
      const views = await this.appointments.views(db, caller.clinicId, [...upcoming, ...past]);
      await this.audit.recordReads(
        db,
        caller,
        'appointment.list',
        ENTITY,
        views.map((v) => v.row.id),
      );
      const responses = views.map(toAppointmentResponse);
      return {
        upcoming: responses.slice(0, upcoming.length),
        past: responses.slice(upcoming.length),
        noShowCount,
      };
    });
  }

  /** Adds a history event, runs the change hooks, and answers the appointment. */
  private async written(
    db: Db,
    caller: Caller,
    row: AppointmentRow,
    action: AppointmentEventAction,
    reason: string | null = null,
  ): Promise<AppointmentResponse> {
    await this.appointments.addEvent(db, {
      clinicId: row.clinicId,
      id: newId(),
      appointmentId: row.id,
      action,
      actorId: caller.userId,
      startsAt: row.startsAt,
      endsAt: row.endsAt,
      providerId: row.providerId,
      examRoomId: row.examRoomId,
      reason,
    });
    await this.hooks.run(db, caller, row);
    return this.present(db, caller.clinicId, row);
  }

  private async present(
    db: Db,
    clinicId: ClinicId,
    row: AppointmentRow,
  ): Promise<AppointmentResponse> {
    const [view] = await this.appointments.views(db, clinicId, [row]);
    if (!view) throw new NotFound(ENTITY, row.id);
    return toAppointmentResponse(view);
  }

  private async lock(
    db: Db,
    caller: Caller,
    id: string,
    ifMatch: number | undefined,
  ): Promise<AppointmentRow> {
    return lockedAtVersion(
      await this.appointments.lockById(db, caller.clinicId, id),
      ifMatch,
      ENTITY,
      id,
    );
  }

  private factsOf(row: AppointmentRow): { started: boolean } {
    return { started: row.startsAt !== null && row.startsAt <= this.clock.now() };
  }

  /** The slot a reschedule asks for: a start alone keeps the length; checked like a booking. */
  private async movedSlot(
    db: Db,
    clinicId: ClinicId,
    row: AppointmentRow,
    body: UpdateAppointmentBody,
  ): Promise<Slot> {
    const oldStart = row.startsAt ?? this.clock.now();
    const oldEnd = row.endsAt ?? oldStart;
    const start = body.start === undefined ? oldStart : new Date(body.start);
    const end =
      body.end !== undefined
        ? new Date(body.end)
        : new Date(start.getTime() + (oldEnd.getTime() - oldStart.getTime()));
    if (body.start !== undefined) this.assertBookableStart(start);
    assertLength(start, end);
    const providerId = body.providerId ?? row.providerId;
    if (body.providerId !== undefined) await this.assertProvider(db, clinicId, providerId);
    const examRoomId = body.examRoomId === undefined ? row.examRoomId : body.examRoomId;
    if (examRoomId && examRoomId !== row.examRoomId)
      await this.rooms.assertBookable(db, clinicId, examRoomId);
    return { providerId, examRoomId, start, end };
  }

  private async endOf(
    db: Db,
    clinicId: ClinicId,
    type: AppointmentType,
    start: Date,
    end: string | undefined,
  ): Promise<Date> {
    const ends =
      end === undefined
        ? new Date(
            start.getTime() + (await this.types.of(db, clinicId, type)).defaultMinutes * 60_000,
          )
        : new Date(end);
    assertLength(start, ends);
    return ends;
  }

  private assertBookableStart(start: Date): void {
    const now = this.clock.now();
    if (start.getTime() < now.getTime() - PAST_GRACE_MS)
      throw ValidationFailed.field('start', 'Must not be in the past');
    const latest = new Date(now);
    latest.setUTCFullYear(now.getUTCFullYear() + MAX_YEARS_AHEAD);
    if (start > latest)
      throw ValidationFailed.field('start', `Must be within ${MAX_YEARS_AHEAD} years from now`);
  }

  private async assertProvider(db: Db, clinicId: ClinicId, providerId: string): Promise<void> {
    const provider = await this.appointments.provider(db, clinicId, providerId);
    if (!provider || !provider.active || (provider.role !== 'SURGEON' && provider.role !== 'NURSE'))
      throw ValidationFailed.field(
        'providerId',
        'Must be an active surgeon or nurse of this clinic',
      );
  }

  /** Each link is this clinic's (404) and the patient's own (400). */
  private async assertLinks(
    db: Db,
    clinicId: ClinicId,
    patientId: string,
    links: {
      consultationId?: string | null | undefined;
      procedurePlanId?: string | null | undefined;
      surgicalCaseId?: string | null | undefined;
    },
  ): Promise<void> {
    const checks = [
      [
        'consultationId',
        'Consultation',
        'consultation',
        links.consultationId,
        (id: string) => this.appointments.consultationPatient(db, clinicId, id),
      ],
      [
        'procedurePlanId',
        'ProcedurePlan',
        'plan',
        links.procedurePlanId,
        (id: string) => this.appointments.planPatient(db, clinicId, id),
      ],
      [
        'surgicalCaseId',
        'SurgicalCase',
        'case',
        links.surgicalCaseId,
        (id: string) => this.appointments.casePatient(db, clinicId, id),
      ],
    ] as const;
    for (const [field, entity, noun, id, ownerOf] of checks) {
      if (!id) continue;
      const owner = await ownerOf(id);
      if (owner === undefined) throw new NotFound(entity, id);
      if (owner !== patientId)
        throw ValidationFailed.field(field, `The ${noun} is of another patient`);
    }
  }

  /** 409 naming what holds the provider (first) or the room then, never its patient. */
  private async assertFree(
    db: Db,
    clinicId: ClinicId,
    slot: Slot,
    exceptId?: string,
  ): Promise<void> {
    const conflict = await this.conflictOf(db, clinicId, slot, exceptId);
    if (conflict) throw conflict;
  }

  private async conflictOf(
    db: Db,
    clinicId: ClinicId,
    slot: Slot,
    exceptId: string | undefined,
  ): Promise<ScheduleConflict | undefined> {
    const resources = slot.examRoomId ? [slot.providerId, slot.examRoomId] : [slot.providerId];
    const held = await this.ledger.held(
      db,
      clinicId,
      resources,
      slot,
      exceptId ? { kind: 'APPOINTMENT', id: exceptId } : undefined,
    );
    const other = held.find((b) => b.resourceId === slot.providerId) ?? held[0];
    if (!other) return undefined;
    const timeZone = await this.clinics.timeZoneOf(clinicId, db);
    return new ScheduleConflict(
      other.resourceId === slot.providerId ? 'provider' : 'examRoom',
      await this.ledger.holderOf(db, clinicId, other),
      [],
      timeZone,
    );
  }

  /** The booking `work`, a lost race answered as the ledger check would have (lost-race.ts). */
  private namingConflicts<T>(
    clinicId: ClinicId,
    slotOf: () => Slot | undefined,
    exceptId: string | undefined,
    work: () => Promise<T>,
  ): Promise<T> {
    return namingLostRace(work, async () => {
      const slot = slotOf();
      // The work's transaction has rolled back, so `tx.db` is the plain handle again.
      return slot && this.conflictOf(this.tx.db, clinicId, slot, exceptId);
    });
  }
}

function assertLength(start: Date, end: Date): void {
  const minutes = (end.getTime() - start.getTime()) / 60_000;
  if (minutes <= 0) throw ValidationFailed.field('end', 'Must be after start');
  if (minutes > MAX_APPOINTMENT_HOURS * 60)
    throw ValidationFailed.field(
      'end',
      `An appointment lasts at most ${MAX_APPOINTMENT_HOURS} hours`,
    );
}

export function toAppointmentResponse(view: AppointmentView): AppointmentResponse {
  const a = view.row;
  return {
    id: a.id,
    patientId: a.patientId,
    patient: view.patient,
    type: a.type,
    status: a.status,
    providerId: a.providerId,
    providerName: view.providerName,
    examRoomId: a.examRoomId,
    examRoomName: view.examRoomName,
    start: a.startsAt?.toISOString() ?? null,
    end: a.endsAt?.toISOString() ?? null,
    proposedOn: a.proposedOn,
    postOpDay: a.postOpDay,
    notes: a.notes,
    consultationId: a.consultationId,
    procedurePlanId: a.procedurePlanId,
    surgicalCaseId: a.surgicalCaseId,
    checkedInAt: a.checkedInAt?.toISOString() ?? null,
    completedAt: a.completedAt?.toISOString() ?? null,
    cancelledAt: a.cancelledAt?.toISOString() ?? null,
    cancelReason: a.cancelReason,
    noShowAt: a.noShowAt?.toISOString() ?? null,
    version: a.version,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
  };
}
