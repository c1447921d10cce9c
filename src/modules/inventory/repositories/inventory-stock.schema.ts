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
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  tenantForeignKey,
  tenantKeyColumns,
  timestampColumns,
} from '../../../common/database/columns';
import {
  procedureInventoryRequirements,
  procedurePlans,
} from '../../procedure-plan/repositories/procedure-plan.schema';
import { patients } from '../../patient/repositories/patient.schema';
import { surgicalCases } from '../../theater/repositories/theater.schema';
import { users } from '../../user/repositories/user.schema';
import { inventoryItems } from './inventory-item.schema';

/**
 * A lot of one item (docs/design.md §3). `on_hand` counts what is on the shelf (for serial-tracked
 * items: its AVAILABLE and RESERVED units); `reserved` what plans hold of it. The CHECK makes
 * over-commitment impossible whatever the code does: reserved never exceeds on hand.
 */
export const inventoryBatches = pgTable(
  'inventory_batches',
  {
    ...tenantKeyColumns(),
    itemId: uuid('item_id').notNull(),
    batchNumber: text('batch_number').notNull(),
    expiresAt: date('expires_at', { mode: 'string' }),
    onHand: integer('on_hand').notNull().default(0),
    reserved: integer('reserved').notNull().default(0),
    receivedById: uuid('received_by_id').notNull(),
    version: integer('version').notNull().default(1),
    ...timestampColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    tenantForeignKey('inventory_batches_item_fk', [t.clinicId, t.itemId], inventoryItems),
    tenantForeignKey('inventory_batches_received_by_fk', [t.clinicId, t.receivedById], users),
    uniqueIndex('inventory_batches_number_unique').on(t.clinicId, t.itemId, t.batchNumber),
    check('inventory_batches_on_hand_not_negative', sql`${t.onHand} >= 0`),
    check('inventory_batches_reserved_not_negative', sql`${t.reserved} >= 0`),
    check('inventory_batches_reserved_within_on_hand', sql`${t.reserved} <= ${t.onHand}`),
    index('inventory_batches_expiry_idx').on(t.clinicId, t.expiresAt, t.id),
  ],
);

export const UNIT_STATUSES = ['AVAILABLE', 'RESERVED', 'CONSUMED', 'REMOVED'] as const;
export type UnitStatus = (typeof UNIT_STATUSES)[number];
export const unitStatus = pgEnum('inventory_unit_status', UNIT_STATUSES);

/** One serial-numbered device (an implant): traceable to the patient who received it, forever. */
export const inventoryUnits = pgTable(
  'inventory_units',
  {
    ...tenantKeyColumns(),
    itemId: uuid('item_id').notNull(),
    batchId: uuid('batch_id').notNull(),
    serialNumber: text('serial_number').notNull(),
    status: unitStatus('status').notNull().default('AVAILABLE'),
    procedurePlanId: uuid('procedure_plan_id'),
    surgicalCaseId: uuid('surgical_case_id'),
    patientId: uuid('patient_id'),
    consumedAt: timestamp('consumed_at', { withTimezone: true, mode: 'date' }),
    ...timestampColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    tenantForeignKey('inventory_units_item_fk', [t.clinicId, t.itemId], inventoryItems),
    tenantForeignKey('inventory_units_batch_fk', [t.clinicId, t.batchId], inventoryBatches),
    tenantForeignKey('inventory_units_plan_fk', [t.clinicId, t.procedurePlanId], procedurePlans),
    tenantForeignKey('inventory_units_patient_fk', [t.clinicId, t.patientId], patients),
    tenantForeignKey('inventory_units_case_fk', [t.clinicId, t.surgicalCaseId], surgicalCases),
    uniqueIndex('inventory_units_serial_unique').on(t.clinicId, t.itemId, t.serialNumber),
    // `GET /inventory/units/:serialNumber` ignores case: serials are stored as received, but a
    // label read aloud or typed may not keep its case (docs/inventory.md).
    index('inventory_units_serial_idx').on(t.clinicId, sql`upper(${t.serialNumber})`),
    index('inventory_units_batch_idx').on(t.clinicId, t.batchId, t.status),
  ],
);

export const ADJUSTMENT_REASONS = [
  'COUNT_CORRECTION',
  'DAMAGE',
  'EXPIRY_WRITE_OFF',
  'OTHER',
] as const;
export const adjustmentReason = pgEnum('inventory_adjustment_reason', ADJUSTMENT_REASONS);

/** Every change of on-hand that is not a receipt or a consumption, with its reason. */
export const inventoryAdjustments = pgTable(
  'inventory_adjustments',
  {
    ...tenantKeyColumns(),
    batchId: uuid('batch_id').notNull(),
    quantityDelta: integer('quantity_delta').notNull(),
    reason: adjustmentReason('reason').notNull(),
    note: text('note'),
    serialNumbers: text('serial_numbers')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    adjustedById: uuid('adjusted_by_id').notNull(),
    ...timestampColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    tenantForeignKey('inventory_adjustments_batch_fk', [t.clinicId, t.batchId], inventoryBatches),
    tenantForeignKey('inventory_adjustments_by_fk', [t.clinicId, t.adjustedById], users),
    check('inventory_adjustments_delta_not_zero', sql`${t.quantityDelta} <> 0`),
    index('inventory_adjustments_batch_idx').on(t.clinicId, t.batchId, t.id),
  ],
);

export const ALLOCATION_STATUSES = ['ACTIVE', 'RELEASED', 'CONSUMED'] as const;
export type AllocationStatus = (typeof ALLOCATION_STATUSES)[number];
export const allocationStatus = pgEnum('inventory_allocation_status', ALLOCATION_STATUSES);

/**
 * A reservation for a plan's requirement (the seed's pre-allocation): a quantity of one batch,
 * and for serial-tracked items one row per unit. The partial unique index on an ACTIVE unit makes
 * reserving one implant for two plans impossible, whatever the code does.
 */
export const inventoryAllocations = pgTable(
  'inventory_allocations',
  {
    ...tenantKeyColumns(),
    requirementId: uuid('requirement_id').notNull(),
    procedurePlanId: uuid('procedure_plan_id').notNull(),
    itemId: uuid('item_id').notNull(),
    batchId: uuid('batch_id').notNull(),
    unitId: uuid('unit_id'),
    quantity: integer('quantity').notNull(),
    status: allocationStatus('status').notNull().default('ACTIVE'),
    allocatedById: uuid('allocated_by_id').notNull(),
    releasedAt: timestamp('released_at', { withTimezone: true, mode: 'date' }),
    ...timestampColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    tenantForeignKey(
      'inventory_allocations_requirement_fk',
      [t.clinicId, t.requirementId],
      procedureInventoryRequirements,
    ).onDelete('cascade'),
    tenantForeignKey(
      'inventory_allocations_plan_fk',
      [t.clinicId, t.procedurePlanId],
      procedurePlans,
    ),
    tenantForeignKey('inventory_allocations_batch_fk', [t.clinicId, t.batchId], inventoryBatches),
    tenantForeignKey('inventory_allocations_unit_fk', [t.clinicId, t.unitId], inventoryUnits),
    tenantForeignKey('inventory_allocations_item_fk', [t.clinicId, t.itemId], inventoryItems),
    tenantForeignKey('inventory_allocations_by_fk', [t.clinicId, t.allocatedById], users),
    uniqueIndex('inventory_allocations_one_active_per_unit')
      .on(t.clinicId, t.unitId)
      .where(sql`${t.status} = 'ACTIVE' AND ${t.unitId} IS NOT NULL`),
    check('inventory_allocations_quantity_positive', sql`${t.quantity} > 0`),
    index('inventory_allocations_requirement_idx').on(t.clinicId, t.requirementId, t.status),
    index('inventory_allocations_plan_idx').on(t.clinicId, t.procedurePlanId, t.status),
    // GET /inventory/holds: the oldest ACTIVE allocations first.
    index('inventory_allocations_status_idx').on(t.clinicId, t.status, t.id),
  ],
);

/**
 * What was consumed, by whom, for which patient (docs/design.md §3 InventoryUsage): the recall list of
 * a batch is its usages, and a case's bill bills its usages.
 */
export const inventoryUsages = pgTable(
  'inventory_usages',
  {
    ...tenantKeyColumns(),
    procedurePlanId: uuid('procedure_plan_id').notNull(),
    surgicalCaseId: uuid('surgical_case_id'),
    patientId: uuid('patient_id').notNull(),
    itemId: uuid('item_id').notNull(),
    batchId: uuid('batch_id').notNull(),
    unitId: uuid('unit_id'),
    serialNumber: text('serial_number'),
    quantity: integer('quantity').notNull(),
    allocationId: uuid('allocation_id'),
    recordedById: uuid('recorded_by_id').notNull(),
    usedAt: timestamp('used_at', { withTimezone: true, mode: 'date' }).notNull(),
    ...timestampColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    tenantForeignKey('inventory_usages_plan_fk', [t.clinicId, t.procedurePlanId], procedurePlans),
    tenantForeignKey('inventory_usages_patient_fk', [t.clinicId, t.patientId], patients),
    tenantForeignKey('inventory_usages_item_fk', [t.clinicId, t.itemId], inventoryItems),
    tenantForeignKey('inventory_usages_batch_fk', [t.clinicId, t.batchId], inventoryBatches),
    tenantForeignKey('inventory_usages_unit_fk', [t.clinicId, t.unitId], inventoryUnits),
    tenantForeignKey(
      'inventory_usages_allocation_fk',
      [t.clinicId, t.allocationId],
      inventoryAllocations,
    ),
    tenantForeignKey('inventory_usages_recorded_by_fk', [t.clinicId, t.recordedById], users),
    tenantForeignKey('inventory_usages_case_fk', [t.clinicId, t.surgicalCaseId], surgicalCases),
    check('inventory_usages_quantity_positive', sql`${t.quantity} > 0`),
    index('inventory_usages_batch_idx').on(t.clinicId, t.batchId, t.id),
    index('inventory_usages_patient_idx').on(t.clinicId, t.patientId, t.id),
    index('inventory_usages_plan_idx').on(t.clinicId, t.procedurePlanId, t.id),
    index('inventory_usages_case_idx').on(t.clinicId, t.surgicalCaseId, t.id),
    // The implants report (docs/reports.md "Implants"): the units used in a range of days.
    index('inventory_usages_used_at_idx').on(t.clinicId, t.usedAt),
  ],
);
