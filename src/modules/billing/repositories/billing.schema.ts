import { sql } from 'drizzle-orm';
import {
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
import { inventoryItems } from '../../inventory/repositories/inventory-item.schema';
import { patients } from '../../patient/repositories/patient.schema';
import {
  paymentMethod,
  paymentPlanPayments,
} from '../../payment-plan/repositories/payment-plan.schema';
import { procedurePlans } from '../../procedure-plan/repositories/procedure-plan.schema';
import { payer, quoteLineKind, quotes } from '../../quote/repositories/quote.schema';
import { surgicalCases } from '../../theater/repositories/theater.schema';
import { users } from '../../user/repositories/user.schema';

export const BILL_STATUSES = ['OPEN', 'PAID', 'VOID'] as const;
export type BillStatus = (typeof BILL_STATUSES)[number];
export const billStatus = pgEnum('bill_status', BILL_STATUSES);

/**
 * The bill of a completed case (docs/design.md §3, §6): built from what was done, priced by the
 * accepted quote. One per case (`bills_one_per_case`). The CHECKs keep the totals honest
 * whatever the code does: the portions add up to the total, and no payer pays more than it owes.
 */
export const bills = pgTable(
  'bills',
  {
    ...tenantKeyColumns(),
    billNumber: text('bill_number').notNull(),
    surgicalCaseId: uuid('surgical_case_id').notNull(),
    procedurePlanId: uuid('procedure_plan_id').notNull(),
    patientId: uuid('patient_id').notNull(),
    /** The ACCEPTED quote that priced it; null when the plan had none (every price from the fee schedule). */
    quoteId: uuid('quote_id'),
    status: billStatus('status').notNull().default('OPEN'),
    total: moneyColumn('total').notNull(),
    insuranceTotal: moneyColumn('insurance_total').notNull(),
    patientTotal: moneyColumn('patient_total').notNull(),
    insurancePaid: moneyColumn('insurance_paid').notNull().default('0'),
    patientPaid: moneyColumn('patient_paid').notNull().default('0'),
    /** Insurer adjustments from 835s that nobody owes: CO (contractual) written off, OA and PI. */
    insuranceAdjusted: moneyColumn('insurance_adjusted').notNull().default('0'),
    /** PR adjustments from 835s: the insurer's share the patient owes instead (deductible, coinsurance). */
    transferredToPatient: moneyColumn('transferred_to_patient').notNull().default('0'),
    /**
     * Money the patient paid before surgery (deposits, payment-plan installments) beyond what the
     * bill asks of them: owed back to the patient, never silently dropped (docs/billing.md).
     */
    refundDue: moneyColumn('refund_due').notNull().default('0'),
    issuedAt: timestamp('issued_at', { withTimezone: true, mode: 'date' }).notNull(),
    paidAt: timestamp('paid_at', { withTimezone: true, mode: 'date' }),
    voidedAt: timestamp('voided_at', { withTimezone: true, mode: 'date' }),
    voidedById: uuid('voided_by_id'),
    voidReason: text('void_reason'),
    createdById: uuid('created_by_id').notNull(),
    version: integer('version').notNull().default(1),
    ...timestampColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    uniqueIndex('bills_number_unique').on(t.clinicId, t.billNumber),
    uniqueIndex('bills_one_per_case').on(t.clinicId, t.surgicalCaseId),
    tenantForeignKey('bills_case_fk', [t.clinicId, t.surgicalCaseId], surgicalCases),
    tenantForeignKey('bills_plan_fk', [t.clinicId, t.procedurePlanId], procedurePlans),
    tenantForeignKey('bills_patient_fk', [t.clinicId, t.patientId], patients),
    tenantForeignKey('bills_quote_fk', [t.clinicId, t.quoteId], quotes),
    tenantForeignKey('bills_created_by_fk', [t.clinicId, t.createdById], users),
    tenantForeignKey('bills_voided_by_fk', [t.clinicId, t.voidedById], users),
    check('bills_portions_add_up', sql`${t.insuranceTotal} + ${t.patientTotal} = ${t.total}`),
    check(
      'bills_insurance_paid_within',
      sql`${t.insurancePaid} >= 0 AND ${t.insuranceAdjusted} >= 0 AND ${t.transferredToPatient} >= 0 AND ${t.insurancePaid} + ${t.insuranceAdjusted} + ${t.transferredToPatient} <= ${t.insuranceTotal}`,
    ),
    check(
      'bills_patient_paid_within',
      sql`${t.patientPaid} >= 0 AND ${t.patientPaid} <= ${t.patientTotal} + ${t.transferredToPatient}`,
    ),
    check('bills_refund_due_not_negative', sql`${t.refundDue} >= 0`),
    index('bills_patient_idx').on(t.clinicId, t.patientId, t.id),
    index('bills_status_idx').on(t.clinicId, t.status, t.id),
    index('bills_quote_idx').on(t.clinicId, t.quoteId, t.issuedAt),
    // Bills issued in a range: the surgeon-productivity report's charges (docs/reports.md).
    index('bills_issued_idx').on(t.clinicId, t.issuedAt),
    // Reports (A/R aging, docs/reports.md): the bills issued in a range, and the bills still open
    // at an instant (neither settled nor voided before it; never closed: infinity).
    index('bills_issued_at_idx').on(t.clinicId, t.issuedAt),
    index('bills_closed_at_idx').on(
      t.clinicId,
      sql`coalesce(${t.paidAt}, ${t.voidedAt}, 'infinity'::timestamptz)`,
      t.issuedAt,
    ),
  ],
);

/** A line of a bill: a procedure code with its modifiers, or a supply with the serials used. */
export const billLineItems = pgTable(
  'bill_line_items',
  {
    ...tenantKeyColumns(),
    billId: uuid('bill_id').notNull(),
    lineNumber: integer('line_number').notNull(),
    kind: quoteLineKind('kind').notNull(),
    /** The base code: CPT for procedures, HCPCS (or the item code) for supplies. */
    procedureCode: text('procedure_code').notNull(),
    modifiers: text('modifiers')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    description: text('description').notNull(),
    quantity: integer('quantity').notNull(),
    unitPrice: moneyColumn('unit_price').notNull(),
    amount: moneyColumn('amount').notNull(),
    payer: payer('payer').notNull(),
    inventoryItemId: uuid('inventory_item_id'),
    /** The inventory_usages rows a SUPPLY line bills (arrays take no foreign key; the usages name the case). */
    inventoryUsageIds: uuid('inventory_usage_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    serialNumbers: text('serial_numbers')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    uniqueIndex('bill_line_items_number_unique').on(t.clinicId, t.billId, t.lineNumber),
    tenantForeignKey('bill_line_items_bill_fk', [t.clinicId, t.billId], bills).onDelete('cascade'),
    tenantForeignKey('bill_line_items_item_fk', [t.clinicId, t.inventoryItemId], inventoryItems),
    check('bill_line_items_quantity_positive', sql`${t.quantity} > 0`),
    check('bill_line_items_amount', sql`${t.amount} = ${t.unitPrice} * ${t.quantity}`),
  ],
);

/**
 * A deposit or prepayment the patient made against an ACCEPTED quote, before surgery
 * (docs/billing.md "Money before surgery"). Credited to the plan's bill when the case is completed.
 */
export const prepayments = pgTable(
  'prepayments',
  {
    ...tenantKeyColumns(),
    quoteId: uuid('quote_id').notNull(),
    procedurePlanId: uuid('procedure_plan_id').notNull(),
    patientId: uuid('patient_id').notNull(),
    amount: moneyColumn('amount').notNull(),
    method: paymentMethod('method').notNull(),
    reference: text('reference'),
    receivedAt: timestamp('received_at', { withTimezone: true, mode: 'date' }).notNull(),
    recordedById: uuid('recorded_by_id').notNull(),
    ...timestampColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    tenantForeignKey('prepayments_quote_fk', [t.clinicId, t.quoteId], quotes),
    tenantForeignKey('prepayments_plan_fk', [t.clinicId, t.procedurePlanId], procedurePlans),
    tenantForeignKey('prepayments_patient_fk', [t.clinicId, t.patientId], patients),
    tenantForeignKey('prepayments_recorded_by_fk', [t.clinicId, t.recordedById], users),
    check('prepayments_amount_positive', sql`${t.amount} > 0`),
    index('prepayments_quote_idx').on(t.clinicId, t.quoteId, t.receivedAt, t.id),
  ],
);

/** Money received against a bill, from one payer. */
export const billPayments = pgTable(
  'bill_payments',
  {
    ...tenantKeyColumns(),
    billId: uuid('bill_id').notNull(),
    payer: payer('payer').notNull(),
    amount: moneyColumn('amount').notNull(),
    method: paymentMethod('method').notNull(),
    reference: text('reference'),
    receivedAt: timestamp('received_at', { withTimezone: true, mode: 'date' }).notNull(),
    recordedById: uuid('recorded_by_id').notNull(),
    /** Set when the payment is a deposit credited at billing: each deposit is credited once. */
    prepaymentId: uuid('prepayment_id'),
    /** Set when the payment is a payment-plan payment credited to the bill: each is credited once. */
    paymentPlanPaymentId: uuid('payment_plan_payment_id'),
    /**
     * Set when an 835 paid it: the remittance and its CLP (claims module's `remittance_claims`;
     * no foreign key, as the claims module depends on billing and not the reverse).
     */
    remittanceId: uuid('remittance_id'),
    remittanceClaimId: uuid('remittance_claim_id'),
    ...timestampColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    uniqueIndex('bill_payments_prepayment_once')
      .on(t.clinicId, t.prepaymentId)
      .where(sql`${t.prepaymentId} IS NOT NULL`),
    uniqueIndex('bill_payments_plan_payment_once')
      .on(t.clinicId, t.paymentPlanPaymentId)
      .where(sql`${t.paymentPlanPaymentId} IS NOT NULL`),
    tenantForeignKey('bill_payments_prepayment_fk', [t.clinicId, t.prepaymentId], prepayments),
    tenantForeignKey(
      'bill_payments_plan_payment_fk',
      [t.clinicId, t.paymentPlanPaymentId],
      paymentPlanPayments,
    ),
    tenantForeignKey('bill_payments_bill_fk', [t.clinicId, t.billId], bills),
    tenantForeignKey('bill_payments_recorded_by_fk', [t.clinicId, t.recordedById], users),
    check('bill_payments_amount_positive', sql`${t.amount} > 0`),
    index('bill_payments_bill_idx').on(t.clinicId, t.billId, t.id),
    // Payments received in a range: the surgeon-productivity report's collections.
    index('bill_payments_received_idx').on(t.clinicId, t.receivedAt),
  ],
);

/** What an 835 adjustment does to the bill (docs/claims.md "CARC handling"). */
export const BILL_ADJUSTMENT_KINDS = [
  'WRITE_OFF',
  'TRANSFER_TO_PATIENT',
  'PAYER_ADJUSTMENT',
] as const;
export type BillAdjustmentKind = (typeof BILL_ADJUSTMENT_KINDS)[number];
export const billAdjustmentKind = pgEnum('bill_adjustment_kind', BILL_ADJUSTMENT_KINDS);

/**
 * An insurer's adjustment posted to a bill from an 835 CAS: CO written off, PR moved to the
 * patient's balance, OA and PI recorded as received (and off the insurer's balance). Amounts may be
 * negative (a CAS can give back); the bill's running totals keep the CHECKs.
 */
export const billAdjustments = pgTable(
  'bill_adjustments',
  {
    ...tenantKeyColumns(),
    billId: uuid('bill_id').notNull(),
    kind: billAdjustmentKind('kind').notNull(),
    /** CAS01 (CO, PR, OA, PI) and the CARC reason code (CAS02). */
    groupCode: text('group_code').notNull(),
    reasonCode: text('reason_code').notNull(),
    amount: moneyColumn('amount').notNull(),
    /** The bill line the SVC matched, when the CAS was a line's. */
    billLineNumber: integer('bill_line_number'),
    remittanceId: uuid('remittance_id').notNull(),
    remittanceClaimId: uuid('remittance_claim_id').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true, mode: 'date' }).notNull(),
    recordedById: uuid('recorded_by_id').notNull(),
    ...timestampColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    tenantForeignKey('bill_adjustments_bill_fk', [t.clinicId, t.billId], bills),
    tenantForeignKey('bill_adjustments_recorded_by_fk', [t.clinicId, t.recordedById], users),
    check('bill_adjustments_group', sql`${t.groupCode} IN ('CO', 'PR', 'OA', 'PI')`),
    check('bill_adjustments_amount_not_zero', sql`${t.amount} <> 0`),
    index('bill_adjustments_bill_idx').on(t.clinicId, t.billId, t.id),
  ],
);
