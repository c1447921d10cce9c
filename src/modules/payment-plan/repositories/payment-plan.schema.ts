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
  moneyColumn,
  tenantForeignKey,
  tenantKeyColumns,
  timestampColumns,
} from '../../../common/database/columns';
import { patients } from '../../patient/repositories/patient.schema';
import { quotes } from '../../quote/repositories/quote.schema';
import { users } from '../../user/repositories/user.schema';

export const PAYMENT_FREQUENCIES = ['WEEKLY', 'BIWEEKLY', 'MONTHLY'] as const;
export type PaymentFrequency = (typeof PAYMENT_FREQUENCIES)[number];
export const paymentFrequency = pgEnum('payment_frequency', PAYMENT_FREQUENCIES);

export const PAYMENT_PLAN_STATUSES = ['ACTIVE', 'COMPLETED', 'CANCELLED'] as const;
export type PaymentPlanStatus = (typeof PAYMENT_PLAN_STATUSES)[number];
export const paymentPlanStatus = pgEnum('payment_plan_status', PAYMENT_PLAN_STATUSES);

export const INSTALLMENT_STATUSES = ['PENDING', 'PARTIALLY_PAID', 'PAID'] as const;
export type InstallmentStatus = (typeof INSTALLMENT_STATUSES)[number];
export const installmentStatus = pgEnum('installment_status', INSTALLMENT_STATUSES);

export const PAYMENT_METHODS = ['CASH', 'CARD', 'CHECK', 'BANK_TRANSFER', 'OTHER'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];
export const paymentMethod = pgEnum('payment_method', PAYMENT_METHODS);

export const MAX_INSTALLMENTS = 60;

/** The patient portion of an accepted quote, split into a deposit and financed installments (docs/design.md §6). */
export const paymentPlans = pgTable(
  'payment_plans',
  {
    ...tenantKeyColumns(),
    paymentPlanNumber: text('payment_plan_number').notNull(),
    quoteId: uuid('quote_id').notNull(),
    patientId: uuid('patient_id').notNull(),
    depositAmount: moneyColumn('deposit_amount').notNull(),
    financedAmount: moneyColumn('financed_amount').notNull(),
    installmentCount: integer('installment_count').notNull(),
    frequency: paymentFrequency('frequency').notNull(),
    firstDueDate: date('first_due_date', { mode: 'string' }).notNull(),
    status: paymentPlanStatus('status').notNull().default('ACTIVE'),
    /** The member of staff who created it, or null when the patient chose an offer. */
    createdById: uuid('created_by_id'),
    /**
     * The patient link through which the patient chose an offer (docs/payment-plans.md
     * "Offers"); exactly one of this and `createdById` is set.
     */
    createdByPatientLinkId: uuid('created_by_patient_link_id'),
    version: integer('version').notNull().default(1),
    ...timestampColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    check(
      'payment_plans_created_by_one',
      sql`num_nonnulls(${t.createdById}, ${t.createdByPatientLinkId}) = 1`,
    ),
    uniqueIndex('payment_plans_number_unique').on(t.clinicId, t.paymentPlanNumber),
    // One live payment plan per quote; a cancelled one leaves room for its replacement.
    uniqueIndex('payment_plans_one_live_per_quote')
      .on(t.clinicId, t.quoteId)
      .where(sql`${t.status} <> 'CANCELLED'`),
    tenantForeignKey('payment_plans_quote_fk', [t.clinicId, t.quoteId], quotes),
    tenantForeignKey('payment_plans_patient_fk', [t.clinicId, t.patientId], patients),
    tenantForeignKey('payment_plans_created_by_fk', [t.clinicId, t.createdById], users),
    // 60 = MAX_INSTALLMENTS.
    check('payment_plans_installment_count_range', sql`${t.installmentCount} BETWEEN 1 AND 60`),
    check('payment_plans_deposit_non_negative', sql`${t.depositAmount} >= 0`),
    check('payment_plans_financed_positive', sql`${t.financedAmount} > 0`),
    index('payment_plans_patient_idx').on(t.clinicId, t.patientId, t.id),
    index('payment_plans_quote_idx').on(t.clinicId, t.quoteId, t.id),
  ],
);

export const paymentPlanInstallments = pgTable(
  'payment_plan_installments',
  {
    ...tenantKeyColumns(),
    paymentPlanId: uuid('payment_plan_id').notNull(),
    number: integer('number').notNull(),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    amount: moneyColumn('amount').notNull(),
    paidAmount: moneyColumn('paid_amount').notNull().default('0'),
    status: installmentStatus('status').notNull().default('PENDING'),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    uniqueIndex('payment_plan_installments_number_unique').on(
      t.clinicId,
      t.paymentPlanId,
      t.number,
    ),
    tenantForeignKey(
      'payment_plan_installments_plan_fk',
      [t.clinicId, t.paymentPlanId],
      paymentPlans,
    ).onDelete('cascade'),
    check('payment_plan_installments_amount_positive', sql`${t.amount} > 0`),
    // Never more paid than due: the last line of defence against an overpayment.
    check(
      'payment_plan_installments_paid_within_amount',
      sql`${t.paidAmount} >= 0 AND ${t.paidAmount} <= ${t.amount}`,
    ),
  ],
);

export const paymentPlanPayments = pgTable(
  'payment_plan_payments',
  {
    ...tenantKeyColumns(),
    paymentPlanId: uuid('payment_plan_id').notNull(),
    amount: moneyColumn('amount').notNull(),
    method: paymentMethod('method').notNull(),
    reference: text('reference'),
    receivedAt: timestamp('received_at', { withTimezone: true, mode: 'date' }).notNull(),
    recordedById: uuid('recorded_by_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    tenantForeignKey(
      'payment_plan_payments_plan_fk',
      [t.clinicId, t.paymentPlanId],
      paymentPlans,
    ).onDelete('cascade'),
    tenantForeignKey('payment_plan_payments_recorded_by_fk', [t.clinicId, t.recordedById], users),
    check('payment_plan_payments_amount_positive', sql`${t.amount} > 0`),
    index('payment_plan_payments_plan_idx').on(t.clinicId, t.paymentPlanId, t.receivedAt, t.id),
  ],
);

export const PAYMENT_PLAN_OFFER_STATUSES = ['OFFERED', 'CHOSEN', 'WITHDRAWN'] as const;
export type PaymentPlanOfferStatus = (typeof PAYMENT_PLAN_OFFER_STATUSES)[number];
export const paymentPlanOfferStatus = pgEnum(
  'payment_plan_offer_status',
  PAYMENT_PLAN_OFFER_STATUSES,
);

/**
 * Terms the clinic offers for a quote's patient portion; the patient chooses one through the
 * patient link, which creates the payment plan (docs/payment-plans.md "Offers").
 */
export const paymentPlanOffers = pgTable(
  'payment_plan_offers',
  {
    ...tenantKeyColumns(),
    quoteId: uuid('quote_id').notNull(),
    depositAmount: moneyColumn('deposit_amount').notNull(),
    installmentCount: integer('installment_count').notNull(),
    frequency: paymentFrequency('frequency').notNull(),
    firstDueDate: date('first_due_date', { mode: 'string' }).notNull(),
    status: paymentPlanOfferStatus('status').notNull().default('OFFERED'),
    createdById: uuid('created_by_id').notNull(),
    chosenAt: timestamp('chosen_at', { withTimezone: true, mode: 'date' }),
    chosenByPatientLinkId: uuid('chosen_by_patient_link_id'),
    paymentPlanId: uuid('payment_plan_id'),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true, mode: 'date' }),
    withdrawnById: uuid('withdrawn_by_id'),
    ...timestampColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    tenantForeignKey('payment_plan_offers_quote_fk', [t.clinicId, t.quoteId], quotes),
    tenantForeignKey('payment_plan_offers_created_by_fk', [t.clinicId, t.createdById], users),
    tenantForeignKey('payment_plan_offers_withdrawn_by_fk', [t.clinicId, t.withdrawnById], users),
    tenantForeignKey(
      'payment_plan_offers_payment_plan_fk',
      [t.clinicId, t.paymentPlanId],
      paymentPlans,
    ),
    check(
      'payment_plan_offers_installment_count_range',
      sql`${t.installmentCount} BETWEEN 1 AND 60`,
    ),
    check('payment_plan_offers_deposit_non_negative', sql`${t.depositAmount} >= 0`),
    // A chosen offer names when, through which link, and the plan it made; only a chosen one.
    check(
      'payment_plan_offers_chosen_complete',
      sql`(${t.status} = 'CHOSEN') = (${t.chosenAt} IS NOT NULL AND ${t.chosenByPatientLinkId} IS NOT NULL AND ${t.paymentPlanId} IS NOT NULL)`,
    ),
    // One chosen offer per quote, whatever the code does.
    uniqueIndex('payment_plan_offers_one_chosen_per_quote')
      .on(t.clinicId, t.quoteId)
      .where(sql`${t.status} = 'CHOSEN'`),
    index('payment_plan_offers_quote_idx').on(t.clinicId, t.quoteId, t.id),
  ],
);
