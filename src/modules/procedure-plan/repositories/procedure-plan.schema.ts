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
  moneyColumn,
  tenantForeignKey,
  tenantKeyColumns,
  timestampColumns,
} from '../../../common/database/columns';
import { consultations } from '../../consultation/repositories/consultation.schema';
import { inventoryItems } from '../../inventory/repositories/inventory-item.schema';
import { patients } from '../../patient/repositories/patient.schema';
import { users } from '../../user/repositories/user.schema';

export const PROCEDURE_TYPES = ['COSMETIC', 'RECONSTRUCTIVE', 'HYBRID'] as const;
export type ProcedureType = (typeof PROCEDURE_TYPES)[number];
export const procedureType = pgEnum('procedure_type', PROCEDURE_TYPES);

export const PLAN_STATUSES = [
  'DRAFT',
  'QUOTED',
  'APPROVED',
  'SCHEDULED',
  'COMPLETED',
  'CANCELLED',
] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];
export const planStatus = pgEnum('procedure_plan_status', PLAN_STATUSES);

/** The seed's ProcedurePlan (docs/design.md §3), field for field. */
export const procedurePlans = pgTable(
  'procedure_plans',
  {
    ...tenantKeyColumns(),
    planNumber: text('plan_number').notNull(),
    patientId: uuid('patient_id').notNull(),
    consultationId: uuid('consultation_id'),
    procedureName: text('procedure_name').notNull(),
    procedureType: procedureType('procedure_type').notNull(),
    primaryCptCode: text('primary_cpt_code').notNull(),
    cptCodes: text('cpt_codes').array().notNull(),
    diagnosisCodes: text('diagnosis_codes')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    insuranceCptCodes: text('insurance_cpt_codes')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    estimatedCost: moneyColumn('estimated_cost'),
    insuranceCoverage: boolean('insurance_coverage').notNull(),
    insurancePortion: moneyColumn('insurance_portion'),
    patientPortion: moneyColumn('patient_portion'),
    status: planStatus('status').notNull().default('DRAFT'),
    notes: text('notes'),
    createdById: uuid('created_by_id').notNull(),
    approvedById: uuid('approved_by_id'),
    /** The patient link the patient approved through (docs/procedure-plans.md); no foreign key:
     * the links are the patient portal's, which depends on this module. */
    approvedByPatientLinkId: uuid('approved_by_patient_link_id'),
    approvedAt: timestamp('approved_at', { withTimezone: true, mode: 'date' }),
    /** What the staff member recording the patient's approval noted (POST …/approve `notes`). */
    approvalNotes: text('approval_notes'),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true, mode: 'date' }),
    cancelReason: text('cancel_reason'),
    version: integer('version').notNull().default(1),
    ...timestampColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    uniqueIndex('procedure_plans_number_unique').on(t.clinicId, t.planNumber),
    tenantForeignKey('procedure_plans_patient_fk', [t.clinicId, t.patientId], patients),
    tenantForeignKey(
      'procedure_plans_consultation_fk',
      [t.clinicId, t.consultationId],
      consultations,
    ),
    tenantForeignKey('procedure_plans_created_by_fk', [t.clinicId, t.createdById], users),
    tenantForeignKey('procedure_plans_approved_by_fk', [t.clinicId, t.approvedById], users),
    // An approval is recorded for one approver: a member of staff or the patient's link.
    check(
      'procedure_plans_approved_by_one',
      sql`${t.approvedAt} IS NULL OR num_nonnulls(${t.approvedById}, ${t.approvedByPatientLinkId}) = 1`,
    ),
    index('procedure_plans_patient_idx').on(t.clinicId, t.patientId, t.id),
    index('procedure_plans_consultation_idx').on(t.clinicId, t.consultationId, t.id),
    index('procedure_plans_status_idx').on(t.clinicId, t.status, t.id),
    // The plans created in a window of days (`?from=&to=`).
    index('procedure_plans_created_idx').on(t.clinicId, t.createdAt, t.id),
  ],
);

/** The seed's ProcedureInventoryRequirement: what the procedure needs from stock. */
export const procedureInventoryRequirements = pgTable(
  'procedure_inventory_requirements',
  {
    ...tenantKeyColumns(),
    planId: uuid('plan_id').notNull(),
    inventoryItemId: uuid('inventory_item_id').notNull(),
    quantity: integer('quantity').notNull(),
    requiresSerialNumber: boolean('requires_serial_number').notNull(),
    sizeRequirement: text('size_requirement'),
    shapeRequirement: text('shape_requirement'),
    isRequired: boolean('is_required').notNull().default(true),
    isPreAllocated: boolean('is_pre_allocated').notNull().default(false),
    preAllocatedBatchId: uuid('pre_allocated_batch_id'),
    ...timestampColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    tenantForeignKey(
      'procedure_requirements_plan_fk',
      [t.clinicId, t.planId],
      procedurePlans,
    ).onDelete('cascade'),
    tenantForeignKey(
      'procedure_requirements_item_fk',
      [t.clinicId, t.inventoryItemId],
      inventoryItems,
    ),
    check('procedure_requirements_quantity_positive', sql`${t.quantity} > 0`),
    index('procedure_requirements_plan_idx').on(t.clinicId, t.planId, t.id),
  ],
);
