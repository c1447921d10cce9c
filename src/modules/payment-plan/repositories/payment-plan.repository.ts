import { Injectable } from '@nestjs/common';
import { and, asc, eq, getTableColumns, sql } from 'drizzle-orm';
import type { ClinicId } from '../../../common/auth/caller';
import { ChildRows } from '../../../common/database/child-rows';
import type { Db } from '../../../common/database/database';
import { newestFirst } from '../../../common/database/newest-first';
import { preparedRowById } from '../../../common/database/prepared-query';
import { byTenantKey, returnedRow } from '../../../common/database/tenant-key';
import type { Page, PageRequest } from '../../../common/http/pagination';
import {
  paymentPlanInstallments,
  paymentPlanPayments,
  paymentPlans,
  type InstallmentStatus,
  type PaymentPlanStatus,
} from './payment-plan.schema';

export type PaymentPlanRow = typeof paymentPlans.$inferSelect;
export type InstallmentRow = typeof paymentPlanInstallments.$inferSelect;
export type PaymentRow = typeof paymentPlanPayments.$inferSelect;
export type NewPaymentPlan = Omit<
  typeof paymentPlans.$inferInsert,
  'status' | 'version' | 'createdAt' | 'updatedAt'
>;
export type NewInstallment = Omit<
  typeof paymentPlanInstallments.$inferInsert,
  'paidAmount' | 'status'
>;
export type NewPayment = typeof paymentPlanPayments.$inferInsert;

export interface PaymentPlanFilter {
  quoteId?: string | undefined;
  patientId?: string | undefined;
}

// By-id reads: built once (prepared-query.ts).
const paymentPlansById = preparedRowById('payment_plans_by_id', paymentPlans);
const paymentPlansLockedById = preparedRowById(
  'payment_plans_locked_by_id',
  paymentPlans,
  'update',
);
const paymentPlansNewestFirst = newestFirst(paymentPlans);
const installmentsOfPlans = new ChildRows(
  paymentPlanInstallments,
  paymentPlanInstallments.paymentPlanId,
  [asc(paymentPlanInstallments.paymentPlanId), asc(paymentPlanInstallments.number)],
);
const paymentsOfPlans = new ChildRows(paymentPlanPayments, paymentPlanPayments.paymentPlanId, [
  asc(paymentPlanPayments.receivedAt),
  asc(paymentPlanPayments.id),
]);

@Injectable()
export class PaymentPlanRepository {
  async insert(
    db: Db,
    plan: NewPaymentPlan,
    installments: NewInstallment[],
  ): Promise<PaymentPlanRow> {
    const row = returnedRow(
      await db.insert(paymentPlans).values(plan).returning(),
      'INSERT … RETURNING gives the row',
    );
    await installmentsOfPlans.insert(db, installments);
    return row;
  }

  async findById(db: Db, clinicId: ClinicId, id: string): Promise<PaymentPlanRow | undefined> {
    return paymentPlansById(db, clinicId, id);
  }

  /** SELECT … FOR UPDATE: payments on one plan queue here, so each sees the balance the last one left. */
  async lockById(db: Db, clinicId: ClinicId, id: string): Promise<PaymentPlanRow | undefined> {
    return paymentPlansLockedById(db, clinicId, id);
  }

  async liveForQuote(
    db: Db,
    clinicId: ClinicId,
    quoteId: string,
  ): Promise<PaymentPlanRow | undefined> {
    const [row] = await db
      .select()
      .from(paymentPlans)
      .where(
        and(
          eq(paymentPlans.clinicId, clinicId),
          eq(paymentPlans.quoteId, quoteId),
          sql`${paymentPlans.status} <> 'CANCELLED'`,
        ),
      );
    return row;
  }

  async list(
    db: Db,
    clinicId: ClinicId,
    filter: PaymentPlanFilter,
    page: PageRequest,
  ): Promise<Page<PaymentPlanRow>> {
    return paymentPlansNewestFirst(
      db,
      clinicId,
      [
        filter.quoteId === undefined ? undefined : eq(paymentPlans.quoteId, filter.quoteId),
        filter.patientId === undefined ? undefined : eq(paymentPlans.patientId, filter.patientId),
      ],
      page,
    );
  }

  /** The installments of these plans, each plan's in due order. */
  async installmentsOf(
    db: Db,
    clinicId: ClinicId,
    planIds: readonly string[],
  ): Promise<InstallmentRow[]> {
    return installmentsOfPlans.of(db, clinicId, planIds);
  }

  /** The payments of these plans, oldest first. */
  async paymentsOf(db: Db, clinicId: ClinicId, planIds: readonly string[]): Promise<PaymentRow[]> {
    return paymentsOfPlans.of(db, clinicId, planIds);
  }

  /** Every payment received on the payment plans of a quote (cancelled plans too), oldest first. */
  async paymentsForQuote(
    db: Db,
    clinicId: ClinicId,
    quoteId: string,
  ): Promise<(PaymentRow & { paymentPlanNumber: string })[]> {
    return db
      .select({
        ...getTableColumns(paymentPlanPayments),
        paymentPlanNumber: paymentPlans.paymentPlanNumber,
      })
      .from(paymentPlanPayments)
      .innerJoin(
        paymentPlans,
        and(
          eq(paymentPlans.clinicId, paymentPlanPayments.clinicId),
          eq(paymentPlans.id, paymentPlanPayments.paymentPlanId),
        ),
      )
      .where(and(eq(paymentPlanPayments.clinicId, clinicId), eq(paymentPlans.quoteId, quoteId)))
      .orderBy(asc(paymentPlanPayments.receivedAt), asc(paymentPlanPayments.id));
  }

  async insertPayment(db: Db, payment: NewPayment): Promise<void> {
    await paymentsOfPlans.insert(db, [payment]);
  }

  async updateInstallment(
    db: Db,
    clinicId: ClinicId,
    id: string,
    paid: { paidAmount: string; status: InstallmentStatus },
  ): Promise<void> {
    await db
      .update(paymentPlanInstallments)
      .set(paid)
      .where(byTenantKey(paymentPlanInstallments, clinicId, id));
  }

  /** Written only by PaymentPlanLifecycle; one new version. */
  async updateStatus(
    db: Db,
    clinicId: ClinicId,
    id: string,
    status: PaymentPlanStatus,
  ): Promise<PaymentPlanRow> {
    return returnedRow(
      await db
        .update(paymentPlans)
        .set({ status, version: sql`${paymentPlans.version} + 1`, updatedAt: sql`now()` })
        .where(byTenantKey(paymentPlans, clinicId, id))
        .returning(),
      'the row was locked by the caller',
    );
  }
}
