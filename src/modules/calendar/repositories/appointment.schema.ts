import { sql } from 'drizzle-orm';
import {
  check,
  date,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  tenantForeignKey,
  tenantKeyColumns,
  timestampColumns,
} from '../../../common/database/columns';
import { consultations } from '../../consultation/repositories/consultation.schema';
import { patients } from '../../patient/repositories/patient.schema';
import { procedurePlans } from '../../procedure-plan/repositories/procedure-plan.schema';
import { surgicalCases } from '../../theater/repositories/theater.schema';
import { users } from '../../user/repositories/user.schema';
import { examRooms } from './exam-room.schema';

export const APPOINTMENT_TYPES = [
  'CONSULTATION',
  'PRE_OP',
  'POST_OP',
  'FOLLOW_UP',
  'PROCEDURE_IN_OFFICE',
] as const;
export type AppointmentType = (typeof APPOINTMENT_TYPES)[number];
export const appointmentType = pgEnum('appointment_type', APPOINTMENT_TYPES);

/**
 * PROPOSED (a post-op visit the schedule suggests, no time held) → BOOKED → CHECKED_IN →
 * COMPLETED; BOOKED → CANCELLED (with a reason) or NO_SHOW; PROPOSED → CANCELLED. Only BOOKED and
 * CHECKED_IN hold time (calendar_bookings).
 */
export const APPOINTMENT_STATUSES = [
  'PROPOSED',
  'BOOKED',
  'CHECKED_IN',
  'COMPLETED',
  'CANCELLED',
  'NO_SHOW',
] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];
export const appointmentStatus = pgEnum('appointment_status', APPOINTMENT_STATUSES);

export const appointments = pgTable(
  'appointments',
  {
    ...tenantKeyColumns(),
    patientId: uuid('patient_id').notNull(),
    type: appointmentType('type').notNull(),
    status: appointmentStatus('status').notNull(),
    /** A SURGEON or NURSE of the clinic. */
    providerId: uuid('provider_id').notNull(),
    /** Optional: a phone follow-up needs no room. */
    examRoomId: uuid('exam_room_id'),
    /** Null only while PROPOSED. */
    startsAt: timestamp('starts_at', { withTimezone: true, mode: 'date' }),
    endsAt: timestamp('ends_at', { withTimezone: true, mode: 'date' }),
    /** The clinic-local day a PROPOSED visit is due (kept once booked). */
    proposedOn: date('proposed_on', { mode: 'string' }),
    /** Days after surgery, for a post-op schedule's visits (1, 7, 42, 91, 365 by default). */
    postOpDay: integer('post_op_day'),
    notes: text('notes'),
    consultationId: uuid('consultation_id'),
    procedurePlanId: uuid('procedure_plan_id'),
    surgicalCaseId: uuid('surgical_case_id'),
    createdById: uuid('created_by_id').notNull(),
    checkedInAt: timestamp('checked_in_at', { withTimezone: true, mode: 'date' }),
    checkedInById: uuid('checked_in_by_id'),
    completedAt: timestamp('completed_at', { withTimezone: true, mode: 'date' }),
    completedById: uuid('completed_by_id'),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true, mode: 'date' }),
    cancelReason: text('cancel_reason'),
    noShowAt: timestamp('no_show_at', { withTimezone: true, mode: 'date' }),
    version: integer('version').notNull().default(1),
    ...timestampColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    tenantForeignKey('appointments_patient_fk', [t.clinicId, t.patientId], patients),
    tenantForeignKey('appointments_provider_fk', [t.clinicId, t.providerId], users),
    tenantForeignKey('appointments_exam_room_fk', [t.clinicId, t.examRoomId], examRooms),
    tenantForeignKey('appointments_consultation_fk', [t.clinicId, t.consultationId], consultations),
    tenantForeignKey('appointments_plan_fk', [t.clinicId, t.procedurePlanId], procedurePlans),
    tenantForeignKey('appointments_case_fk', [t.clinicId, t.surgicalCaseId], surgicalCases),
    tenantForeignKey('appointments_created_by_fk', [t.clinicId, t.createdById], users),
    tenantForeignKey('appointments_checked_in_by_fk', [t.clinicId, t.checkedInById], users),
    tenantForeignKey('appointments_completed_by_fk', [t.clinicId, t.completedById], users),
    check(
      'appointments_times',
      sql`(${t.startsAt} IS NULL AND ${t.endsAt} IS NULL AND ${t.status} IN ('PROPOSED', 'CANCELLED'))
        OR (${t.startsAt} IS NOT NULL AND ${t.endsAt} > ${t.startsAt})`,
    ),
    check(
      'appointments_proposed_on',
      sql`${t.status} <> 'PROPOSED' OR ${t.proposedOn} IS NOT NULL`,
    ),
    index('appointments_start_idx').on(t.clinicId, t.startsAt, t.id),
    index('appointments_provider_idx').on(t.clinicId, t.providerId, t.startsAt),
    index('appointments_room_idx').on(t.clinicId, t.examRoomId, t.startsAt),
    index('appointments_patient_idx').on(t.clinicId, t.patientId, t.startsAt),
    index('appointments_case_idx').on(t.clinicId, t.surgicalCaseId),
  ],
);

export const APPOINTMENT_EVENT_ACTIONS = [
  'PROPOSED',
  'BOOKED',
  'RESCHEDULED',
  'CHECKED_IN',
  'COMPLETED',
  'CANCELLED',
  'NO_SHOW',
] as const;
export type AppointmentEventAction = (typeof APPOINTMENT_EVENT_ACTIONS)[number];
export const appointmentEventAction = pgEnum('appointment_event_action', APPOINTMENT_EVENT_ACTIONS);

/**
 * An appointment's history, append-only: every booking, reschedule, check-in, completion,
 * cancellation and no-show, with who, when, why, and the times, provider and room after it
 * (a reschedule's "from" is the event before it).
 */
export const appointmentEvents = pgTable(
  'appointment_events',
  {
    ...tenantKeyColumns(),
    appointmentId: uuid('appointment_id').notNull(),
    action: appointmentEventAction('action').notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    actorId: uuid('actor_id').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true, mode: 'date' }),
    endsAt: timestamp('ends_at', { withTimezone: true, mode: 'date' }),
    providerId: uuid('provider_id').notNull(),
    examRoomId: uuid('exam_room_id'),
    reason: text('reason'),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    tenantForeignKey(
      'appointment_events_appointment_fk',
      [t.clinicId, t.appointmentId],
      appointments,
    ),
    tenantForeignKey('appointment_events_actor_fk', [t.clinicId, t.actorId], users),
    index('appointment_events_appointment_idx').on(t.clinicId, t.appointmentId, t.at),
  ],
);
