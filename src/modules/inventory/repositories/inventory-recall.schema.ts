import { sql } from 'drizzle-orm';
import {
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
import { users } from '../../user/repositories/user.schema';
import { inventoryBatches } from './inventory-stock.schema';

export const RECALL_STATUSES = ['OPEN', 'CLOSED'] as const;
export type RecallStatus = (typeof RECALL_STATUSES)[number];
export const recallStatus = pgEnum('inventory_recall_status', RECALL_STATUSES);

export const RECALL_CONTACT_METHODS = ['PHONE', 'EMAIL', 'LETTER', 'IN_PERSON'] as const;
export type RecallContactMethod = (typeof RECALL_CONTACT_METHODS)[number];
export const recallContactMethod = pgEnum(
  'inventory_recall_contact_method',
  RECALL_CONTACT_METHODS,
);

/**
 * A recall the practice is working through (docs/inventory.md "Recall records"): a lot, why, who
 * opened it and when, and when it was closed. The partial unique index keeps one OPEN recall per
 * batch, whatever the code does.
 */
export const inventoryRecalls = pgTable(
  'inventory_recalls',
  {
    ...tenantKeyColumns(),
    batchId: uuid('batch_id').notNull(),
    reason: text('reason').notNull(),
    status: recallStatus('status').notNull().default('OPEN'),
    openedAt: timestamp('opened_at', { withTimezone: true, mode: 'date' }).notNull(),
    openedById: uuid('opened_by_id').notNull(),
    closedAt: timestamp('closed_at', { withTimezone: true, mode: 'date' }),
    closedById: uuid('closed_by_id'),
    closeNote: text('close_note'),
    version: integer('version').notNull().default(1),
    ...timestampColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    tenantForeignKey('inventory_recalls_batch_fk', [t.clinicId, t.batchId], inventoryBatches),
    tenantForeignKey('inventory_recalls_opened_by_fk', [t.clinicId, t.openedById], users),
    tenantForeignKey('inventory_recalls_closed_by_fk', [t.clinicId, t.closedById], users),
    uniqueIndex('inventory_recalls_one_open_per_batch')
      .on(t.clinicId, t.batchId)
      .where(sql`${t.status} = 'OPEN'`),
    index('inventory_recalls_batch_idx').on(t.clinicId, t.batchId, t.id),
    // GET /inventory/recall-records?status= and the implants report's open recalls: newest first.
    index('inventory_recalls_status_idx').on(t.clinicId, t.status, t.id),
  ],
);

/** One recipient of a recalled lot reached, once: how, when, by whom. */
export const inventoryRecallContacts = pgTable(
  'inventory_recall_contacts',
  {
    ...tenantKeyColumns(),
    recallId: uuid('recall_id').notNull(),
    patientId: uuid('patient_id').notNull(),
    method: recallContactMethod('method').notNull(),
    note: text('note'),
    contactedAt: timestamp('contacted_at', { withTimezone: true, mode: 'date' }).notNull(),
    contactedById: uuid('contacted_by_id').notNull(),
    ...timestampColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    tenantForeignKey(
      'inventory_recall_contacts_recall_fk',
      [t.clinicId, t.recallId],
      inventoryRecalls,
    ),
    tenantForeignKey('inventory_recall_contacts_patient_fk', [t.clinicId, t.patientId], patients),
    tenantForeignKey('inventory_recall_contacts_by_fk', [t.clinicId, t.contactedById], users),
    uniqueIndex('inventory_recall_contacts_once').on(t.clinicId, t.recallId, t.patientId),
  ],
);
