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
  moneyColumn,
  tenantForeignKey,
  tenantKeyColumns,
  timestampColumns,
} from '../../../common/database/columns';
import { patients } from '../../patient/repositories/patient.schema';
import { procedurePlans } from '../../procedure-plan/repositories/procedure-plan.schema';
import { users } from '../../user/repositories/user.schema';

/** EXPIRED is never stored: an ISSUED quote past `valid_until` reads as EXPIRED. */
export const QUOTE_STATUSES = ['ISSUED', 'ACCEPTED', 'SUPERSEDED', 'EXPIRED'] as const;
export type QuoteStatus = (typeof QUOTE_STATUSES)[number];
export const quoteStatus = pgEnum('quote_status', QUOTE_STATUSES);

export const QUOTE_LINE_KINDS = ['PROCEDURE', 'FACILITY', 'ANESTHESIA', 'SUPPLY'] as const;
export type QuoteLineKind = (typeof QUOTE_LINE_KINDS)[number];
export const quoteLineKind = pgEnum('quote_line_kind', QUOTE_LINE_KINDS);

export const PAYERS = ['INSURANCE', 'PATIENT'] as const;
export type Payer = (typeof PAYERS)[number];
export const payer = pgEnum('payer', PAYERS);

/** A priced offer for a plan (docs/design.md §6). The plan number and procedure (name and primary CPT code) are copied: a quote is a document. */
export const quotes = pgTable(
  'quotes',
  {
    ...tenantKeyColumns(),
    quoteNumber: text('quote_number').notNull(),
    procedurePlanId: uuid('procedure_plan_id').notNull(),
    patientId: uuid('patient_id').notNull(),
    planNumber: text('plan_number').notNull(),
    procedureName: text('procedure_name').notNull(),
    /** The plan's primary CPT code when the quote was issued (the quotes report counts by it). */
    procedureCode: text('procedure_code').notNull(),
    status: quoteStatus('status').notNull().default('ISSUED'),
    issuedAt: timestamp('issued_at', { withTimezone: true, mode: 'date' }).notNull(),
    validUntil: timestamp('valid_until', { withTimezone: true, mode: 'date' }).notNull(),
    total: moneyColumn('total').notNull(),
    insurancePortion: moneyColumn('insurance_portion').notNull(),
    patientPortion: moneyColumn('patient_portion').notNull(),
    issuedById: uuid('issued_by_id').notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true, mode: 'date' }),
    supersededAt: timestamp('superseded_at', { withTimezone: true, mode: 'date' }),
    ...timestampColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    uniqueIndex('quotes_number_unique').on(t.clinicId, t.quoteNumber),
    // A plan has at most one live quote: issuing a new one supersedes the old in the same transaction.
    uniqueIndex('quotes_one_live_per_plan')
      .on(t.clinicId, t.procedurePlanId)
      .where(sql`${t.status} IN ('ISSUED', 'ACCEPTED')`),
    tenantForeignKey('quotes_plan_fk', [t.clinicId, t.procedurePlanId], procedurePlans),
    tenantForeignKey('quotes_patient_fk', [t.clinicId, t.patientId], patients),
    tenantForeignKey('quotes_issued_by_fk', [t.clinicId, t.issuedById], users),
    index('quotes_plan_idx').on(t.clinicId, t.procedurePlanId, t.id),
    // The quotes issued in a range of days (the quotes report). The columns after issued_at are
    // what the report counts, so that it reads the index alone (an index-only scan; drizzle has no
    // INCLUDE, so they are key columns).
    index('quotes_issued_idx').on(
      t.clinicId,
      t.issuedAt,
      t.procedureCode,
      t.status,
      t.validUntil,
      t.total,
      t.procedureName,
    ),
  ],
);

export const quoteLines = pgTable(
  'quote_lines',
  {
    ...tenantKeyColumns(),
    quoteId: uuid('quote_id').notNull(),
    lineNumber: integer('line_number').notNull(),
    kind: quoteLineKind('kind').notNull(),
    code: text('code').notNull(),
    description: text('description').notNull(),
    quantity: integer('quantity').notNull(),
    unitPrice: moneyColumn('unit_price').notNull(),
    amount: moneyColumn('amount').notNull(),
    payer: payer('payer').notNull(),
    /** The inventory item a SUPPLY line prices. */
    inventoryItemId: uuid('inventory_item_id'),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    uniqueIndex('quote_lines_number_unique').on(t.clinicId, t.quoteId, t.lineNumber),
    tenantForeignKey('quote_lines_quote_fk', [t.clinicId, t.quoteId], quotes).onDelete('cascade'),
  ],
);
