import { Injectable } from '@nestjs/common';
import {
  and,
  asc,
  count,
  desc,
  eq,
  gt,
  gte,
  inArray,
  isNotNull,
  lt,
  or,
  sql,
  type AnyColumn,
  type SQL,
} from 'drizzle-orm';
import type { ClinicId } from '../../../common/auth/caller';
import type { Db } from '../../../common/database/database';
import { preparedRowById } from '../../../common/database/prepared-query';
import { byTenantKey, returnedRow, tenantJoin } from '../../../common/database/tenant-key';
import { Keyset, type Page } from '../../../common/http/pagination';
import { consultations } from '../../consultation/repositories/consultation.schema';
import { patients } from '../../patient/repositories/patient.schema';
import { procedurePlans } from '../../procedure-plan/repositories/procedure-plan.schema';
import { surgicalCases } from '../../theater/repositories/theater.schema';
import { users } from '../../user/repositories/user.schema';
import type { ListAppointmentsQuery } from '../dto/appointment.dto';
import { appointmentEvents, appointments } from './appointment.schema';
import { examRooms } from './exam-room.schema';

export type AppointmentRow = typeof appointments.$inferSelect;
export type NewAppointment = Omit<
  typeof appointments.$inferInsert,
  'version' | 'createdAt' | 'updatedAt'
>;
export type AppointmentChanges = Partial<
  Omit<AppointmentRow, 'clinicId' | 'id' | 'version' | 'createdAt' | 'updatedAt'>
>;
export type AppointmentEventRow = typeof appointmentEvents.$inferSelect;
export type NewAppointmentEvent = Omit<typeof appointmentEvents.$inferInsert, 'at'>;

/** An appointment with the names it is shown with. */
export interface AppointmentView {
  row: AppointmentRow;
  patient: { id: string; firstName: string; lastName: string; mrn: string };
  providerName: string;
  examRoomName: string | null;
}

export interface AppointmentHistoryRow extends AppointmentEventRow {
  actorName: string;
}

/** Time-bound lists: by start, then id (the appointments_start_idx order). */
const byStart = new Keyset([appointments.startsAt, appointments.id]);
/** A patient's or a case's list also holds PROPOSED visits: by start, else the day proposed. */
const dueAt = sql<Date>`coalesce(${appointments.startsAt}, ${appointments.proposedOn}::timestamptz)`;
const byDue = new Keyset([dueAt as unknown as AnyColumn, appointments.id]);

const appointmentsById = preparedRowById('appointments_by_id', appointments);
const appointmentsLockedById = preparedRowById('appointments_locked_by_id', appointments, 'update');

const LIVE = ['BOOKED', 'CHECKED_IN', 'PROPOSED'] as const;

@Injectable()
export class AppointmentRepository {
  async insert(db: Db, row: NewAppointment): Promise<AppointmentRow> {
    return returnedRow(
      await db.insert(appointments).values(row).returning(),
      'INSERT … RETURNING gives the row',
    );
  }

  async insertMany(db: Db, rows: NewAppointment[]): Promise<AppointmentRow[]> {
    if (rows.length === 0) return [];
    return db.insert(appointments).values(rows).returning();
  }

  findById(db: Db, clinicId: ClinicId, id: string): Promise<AppointmentRow | undefined> {
    return appointmentsById(db, clinicId, id);
  }

  lockById(db: Db, clinicId: ClinicId, id: string): Promise<AppointmentRow | undefined> {
    return appointmentsLockedById(db, clinicId, id);
  }

  async update(
    db: Db,
    clinicId: ClinicId,
    id: string,
    changes: AppointmentChanges,
  ): Promise<AppointmentRow> {
    return returnedRow(
      await db
        .update(appointments)
        .set({ ...changes, version: sql`${appointments.version} + 1`, updatedAt: sql`now()` })
        .where(byTenantKey(appointments, clinicId, id))
        .returning(),
      'the row was locked by the caller',
    );
  }

  async addEvent(db: Db, event: NewAppointmentEvent): Promise<void> {
    await db.insert(appointmentEvents).values(event);
  }

  /** Several appointments' events in one statement. */
  async addEvents(db: Db, events: readonly NewAppointmentEvent[]): Promise<void> {
    if (events.length === 0) return;
    await db.insert(appointmentEvents).values([...events]);
  }

  history(db: Db, clinicId: ClinicId, appointmentId: string): Promise<AppointmentHistoryRow[]> {
    return db
      .select({ ...selectEvent, actorName: users.name })
      .from(appointmentEvents)
      .innerJoin(users, tenantJoin(users, appointmentEvents.clinicId, appointmentEvents.actorId))
      .where(
        and(
          eq(appointmentEvents.clinicId, clinicId),
          eq(appointmentEvents.appointmentId, appointmentId),
        ),
      )
      .orderBy(asc(appointmentEvents.at), asc(appointmentEvents.id));
  }

  /** The rows with their patient's, provider's and room's names, in the order given. */
  async views(db: Db, clinicId: ClinicId, rows: AppointmentRow[]): Promise<AppointmentView[]> {
    if (rows.length === 0) return [];
    const named = await db
      .select({
        id: appointments.id,
        patientFirstName: patients.firstName,
        patientLastName: patients.lastName,
        mrn: patients.mrn,
        providerName: users.name,
        examRoomName: examRooms.name,
      })
      .from(appointments)
      .innerJoin(patients, tenantJoin(patients, appointments.clinicId, appointments.patientId))
      .innerJoin(users, tenantJoin(users, appointments.clinicId, appointments.providerId))
      .leftJoin(examRooms, tenantJoin(examRooms, appointments.clinicId, appointments.examRoomId))
      .where(
        and(
          eq(appointments.clinicId, clinicId),
          inArray(
            appointments.id,
            rows.map((r) => r.id),
          ),
        ),
      );
    const byId = new Map(named.map((n) => [n.id, n]));
    return rows.flatMap((row) => {
      const n = byId.get(row.id);
      return n
        ? [
            {
              row,
              patient: {
                id: row.patientId,
                firstName: n.patientFirstName,
                lastName: n.patientLastName,
                mrn: n.mrn,
              },
              providerName: n.providerName,
              examRoomName: n.examRoomName,
            },
          ]
        : [];
    });
  }

  async list(db: Db, clinicId: ClinicId, q: ListAppointmentsQuery): Promise<Page<AppointmentRow>> {
    const withProposed = q.patientId !== undefined || q.surgicalCaseId !== undefined;
    const keyset = withProposed ? byDue : byStart;
    const conditions: (SQL | undefined)[] = [
      eq(appointments.clinicId, clinicId),
      withProposed ? undefined : isNotNull(appointments.startsAt),
      q.from === undefined ? undefined : gt(appointments.endsAt, new Date(q.from)),
      q.to === undefined ? undefined : lt(appointments.startsAt, new Date(q.to)),
      q.providerId === undefined ? undefined : eq(appointments.providerId, q.providerId),
      q.examRoomId === undefined ? undefined : eq(appointments.examRoomId, q.examRoomId),
      q.patientId === undefined ? undefined : eq(appointments.patientId, q.patientId),
      q.surgicalCaseId === undefined
        ? undefined
        : eq(appointments.surgicalCaseId, q.surgicalCaseId),
      q.status === undefined ? undefined : eq(appointments.status, q.status),
      q.type === undefined ? undefined : eq(appointments.type, q.type),
      keyset.after(q),
    ];
    const rows = await db
      .select({ row: appointments, due: dueAt })
      .from(appointments)
      .where(and(...conditions))
      .orderBy(...keyset.orderBy())
      .limit(keyset.fetchSize(q));
    return keyset.toPage(
      rows,
      q,
      (r) => [new Date(r.due).toISOString(), r.row.id],
      (r) => r.row,
    );
  }

  /** A patient's appointments still ahead: from `since` (start) or `today` (proposed day) on. */
  upcomingOf(
    db: Db,
    clinicId: ClinicId,
    patientId: string,
    since: Date,
    today: string,
  ): Promise<AppointmentRow[]> {
    return db
      .select()
      .from(appointments)
      .where(
        and(
          eq(appointments.clinicId, clinicId),
          eq(appointments.patientId, patientId),
          upcoming(since, today),
        ),
      )
      .orderBy(asc(dueAt), asc(appointments.id));
  }

  /** The rest of a patient's appointments, newest first. */
  pastOf(
    db: Db,
    clinicId: ClinicId,
    patientId: string,
    since: Date,
    today: string,
    limit: number,
  ): Promise<AppointmentRow[]> {
    return db
      .select()
      .from(appointments)
      .where(
        and(
          eq(appointments.clinicId, clinicId),
          eq(appointments.patientId, patientId),
          sql`NOT (${upcoming(since, today)})`,
        ),
      )
      .orderBy(desc(dueAt), desc(appointments.id))
      .limit(limit);
  }

  async noShowsOf(db: Db, clinicId: ClinicId, patientId: string): Promise<number> {
    const [row] = await db
      .select({ n: count() })
      .from(appointments)
      .where(
        and(
          eq(appointments.clinicId, clinicId),
          eq(appointments.patientId, patientId),
          eq(appointments.status, 'NO_SHOW'),
        ),
      );
    return row?.n ?? 0;
  }

  /** Whose the linked consultation, plan or case is: undefined when not this clinic's. */
  async consultationPatient(db: Db, clinicId: ClinicId, id: string): Promise<string | undefined> {
    const [row] = await db
      .select({ patientId: consultations.patientId })
      .from(consultations)
      .where(byTenantKey(consultations, clinicId, id));
    return row?.patientId;
  }

  async planPatient(db: Db, clinicId: ClinicId, id: string): Promise<string | undefined> {
    const [row] = await db
      .select({ patientId: procedurePlans.patientId })
      .from(procedurePlans)
      .where(byTenantKey(procedurePlans, clinicId, id));
    return row?.patientId;
  }

  async casePatient(db: Db, clinicId: ClinicId, id: string): Promise<string | undefined> {
    const [row] = await db
      .select({ patientId: surgicalCases.patientId })
      .from(surgicalCases)
      .where(byTenantKey(surgicalCases, clinicId, id));
    return row?.patientId;
  }

  /** The provider's role and state, to check it is an active SURGEON or NURSE of the clinic. */
  async provider(
    db: Db,
    clinicId: ClinicId,
    id: string,
  ): Promise<{ role: string; active: boolean } | undefined> {
    const [row] = await db
      .select({ role: users.role, active: users.active })
      .from(users)
      .where(byTenantKey(users, clinicId, id));
    return row;
  }
}

const selectEvent = {
  clinicId: appointmentEvents.clinicId,
  id: appointmentEvents.id,
  appointmentId: appointmentEvents.appointmentId,
  action: appointmentEvents.action,
  at: appointmentEvents.at,
  actorId: appointmentEvents.actorId,
  startsAt: appointmentEvents.startsAt,
  endsAt: appointmentEvents.endsAt,
  providerId: appointmentEvents.providerId,
  examRoomId: appointmentEvents.examRoomId,
  reason: appointmentEvents.reason,
};

function upcoming(since: Date, today: string): SQL {
  return and(
    inArray(appointments.status, [...LIVE]),
    or(
      gte(appointments.startsAt, since),
      and(sql`${appointments.startsAt} IS NULL`, gte(appointments.proposedOn, today)),
    ),
  ) as SQL;
}
