import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  tenantForeignKey,
  tenantKeyColumns,
  timestampColumns,
} from '../../../common/database/columns';
import { patients } from '../../patient/repositories/patient.schema';
import {
  procedurePlans,
  procedureType,
} from '../../procedure-plan/repositories/procedure-plan.schema';
import { users } from '../../user/repositories/user.schema';

/** A theater. Deactivated, never deleted: past cases name it. */
export const operatingRooms = pgTable(
  'operating_rooms',
  {
    ...tenantKeyColumns(),
    name: text('name').notNull(),
    active: boolean('active').notNull().default(true),
    /** Opening hours, "HH:MM" in the clinic's local time: free slots are offered inside them. */
    opensAt: text('opens_at').notNull().default('07:00'),
    closesAt: text('closes_at').notNull().default('19:00'),
    version: integer('version').notNull().default(1),
    ...timestampColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    uniqueIndex('operating_rooms_name_unique').on(t.clinicId, sql`lower(${t.name})`),
    check('operating_rooms_opens_at_hhmm', sql`${t.opensAt} ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'`),
    check('operating_rooms_closes_at_hhmm', sql`${t.closesAt} ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'`),
    check('operating_rooms_closes_after_opens', sql`${t.closesAt} > ${t.opensAt}`),
  ],
);

export const CASE_STATUSES = ['SCHEDULED', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
export const caseStatus = pgEnum('surgical_case_status', CASE_STATUSES);

/**
 * The execution of a plan (the seed's SurgicalCase): the procedure details are copied from the
 * plan once, at scheduling, and never change; only a SCHEDULED case's room and time move.
 * Two live cases never overlap in one room or for one surgeon: the exclusion constraints
 * `surgical_cases_room_no_overlap` and `surgical_cases_surgeon_no_overlap` (migration
 * 0009_theater_no_overlap.sql; drizzle cannot declare EXCLUDE) hold that in the database.
 */
export const surgicalCases = pgTable(
  'surgical_cases',
  {
    ...tenantKeyColumns(),
    caseNumber: text('case_number').notNull(),
    procedurePlanId: uuid('procedure_plan_id').notNull(),
    patientId: uuid('patient_id').notNull(),
    surgeonId: uuid('surgeon_id').notNull(),
    operatingRoomId: uuid('operating_room_id').notNull(),
    scheduledStart: timestamp('scheduled_start', { withTimezone: true, mode: 'date' }).notNull(),
    scheduledEnd: timestamp('scheduled_end', { withTimezone: true, mode: 'date' }).notNull(),
    status: caseStatus('status').notNull().default('SCHEDULED'),
    procedureName: text('procedure_name').notNull(),
    procedureCode: text('procedure_code').notNull(),
    cptCodes: text('cpt_codes').array().notNull(),
    diagnosisCodes: text('diagnosis_codes').array().notNull(),
    procedureType: procedureType('procedure_type').notNull(),
    /** Copied too: the bill's payers follow the case, never a later edit of the plan. */
    insuranceCptCodes: text('insurance_cpt_codes').array().notNull(),
    createdById: uuid('created_by_id').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true, mode: 'date' }),
    startedById: uuid('started_by_id'),
    /** Why the case was started on another day than its booked one (docs/theater.md). */
    startReason: text('start_reason'),
    completedAt: timestamp('completed_at', { withTimezone: true, mode: 'date' }),
    completedById: uuid('completed_by_id'),
    completionNotes: text('completion_notes'),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true, mode: 'date' }),
    cancelReason: text('cancel_reason'),
    version: integer('version').notNull().default(1),
    ...timestampColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    uniqueIndex('surgical_cases_number_unique').on(t.clinicId, t.caseNumber),
    // A plan has at most one case that is not cancelled.
    uniqueIndex('surgical_cases_one_live_per_plan')
      .on(t.clinicId, t.procedurePlanId)
      .where(sql`${t.status} <> 'CANCELLED'`),
    tenantForeignKey('surgical_cases_plan_fk', [t.clinicId, t.procedurePlanId], procedurePlans),
    tenantForeignKey('surgical_cases_patient_fk', [t.clinicId, t.patientId], patients),
    tenantForeignKey('surgical_cases_surgeon_fk', [t.clinicId, t.surgeonId], users),
    tenantForeignKey('surgical_cases_room_fk', [t.clinicId, t.operatingRoomId], operatingRooms),
    tenantForeignKey('surgical_cases_created_by_fk', [t.clinicId, t.createdById], users),
    tenantForeignKey('surgical_cases_started_by_fk', [t.clinicId, t.startedById], users),
    tenantForeignKey('surgical_cases_completed_by_fk', [t.clinicId, t.completedById], users),
    check('surgical_cases_end_after_start', sql`${t.scheduledEnd} > ${t.scheduledStart}`),
    index('surgical_cases_start_idx').on(t.clinicId, t.scheduledStart, t.id),
    // A calendar window (?from=&to=) is `start < to AND end > from`: the start index reads every
    // case before `to`, this one every case after `from`; the planner takes the smaller.
    index('surgical_cases_end_idx').on(t.clinicId, t.scheduledEnd),
    index('surgical_cases_status_idx').on(t.clinicId, t.status, t.scheduledStart, t.id),
    index('surgical_cases_room_idx').on(t.clinicId, t.operatingRoomId, t.scheduledStart),
    index('surgical_cases_surgeon_idx').on(t.clinicId, t.surgeonId, t.scheduledStart),
    index('surgical_cases_plan_idx').on(t.clinicId, t.procedurePlanId),
    // A patient's cases (the patient page, `?patientId=`), in schedule order.
    index('surgical_cases_patient_idx').on(t.clinicId, t.patientId, t.scheduledStart),
    // The surgeon-productivity report's cases completed in a range (docs/reports.md).
    index('surgical_cases_completed_idx').on(t.clinicId, t.completedAt),
  ],
);
