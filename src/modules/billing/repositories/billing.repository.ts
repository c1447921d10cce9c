import { Injectable } from '@nestjs/common';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { ClinicId } from '../../../common/auth/caller';
import { ChildRows } from '../../../common/database/child-rows';
import type { Db } from '../../../common/database/database';
import { newestFirst } from '../../../common/database/newest-first';
import { preparedRowById } from '../../../common/database/prepared-query';
import { byTenantKey, returnedRow } from '../../../common/database/tenant-key';
import type { Page, PageRequest } from '../../../common/http/pagination';
import { procedurePlans } from '../../procedure-plan/repositories/procedure-plan.schema';
import { surgicalCases } from '../../theater/repositories/theater.schema';
import {
  billAdjustments,
  billLineItems,
  billPayments,
  bills,
  prepayments,
  type BillStatus,
} from './billing.schema';

export type BillRow = typeof bills.$inferSelect;
export type BillLineItemRow = typeof billLineItems.$inferSelect;
export type BillPaymentRow = typeof billPayments.$inferSelect;
export type BillAdjustmentRow = typeof billAdjustments.$inferSelect;
export type NewBillAdjustment = Omit<
  typeof billAdjustments.$inferInsert,
  'createdAt' | 'updatedAt'
>;
export type NewBill = Omit<
  typeof bills.$inferInsert,
  | 'insurancePaid'
  | 'patientPaid'
  | 'insuranceAdjusted'
  | 'transferredToPatient'
  | 'version'
  | 'createdAt'
  | 'updatedAt'
>;
export type NewBillLineItem = typeof billLineItems.$inferInsert;
export type NewBillPayment = Omit<typeof billPayments.$inferInsert, 'createdAt' | 'updatedAt'>;
export type PrepaymentRow = typeof prepayments.$inferSelect;
export type NewPrepayment = Omit<typeof prepayments.$inferInsert, 'createdAt' | 'updatedAt'>;

/**
 * What a change of status writes with it (numeric(12,2) values as decimal strings): a payment's
 * paid amounts, credits and refund due, a void's who and why. Written only by `BillLifecycle`.
 */
export type BillChanges = Partial<
  Pick<
    BillRow,
    | 'status'
    | 'insurancePaid'
    | 'patientPaid'
    | 'insuranceAdjusted'
    | 'transferredToPatient'
    | 'refundDue'
    | 'paidAt'
    | 'voidedAt'
    | 'voidedById'
    | 'voidReason'
  >
>;

export interface BillFilter {
  surgicalCaseId?: string | undefined;
  patientId?: string | undefined;
  status?: BillStatus | undefined;
}

// By-id reads: built once (prepared-query.ts).
const billsById = preparedRowById('bills_by_id', bills);
const billsLockedById = preparedRowById('bills_locked_by_id', bills, 'update');
const billsNewestFirst = newestFirst(bills);
const linesOfBills = new ChildRows(billLineItems, billLineItems.billId, [
  asc(billLineItems.billId),
  asc(billLineItems.lineNumber),
]);
const paymentsOfBills = new ChildRows(billPayments, billPayments.billId, [
  asc(billPayments.receivedAt),
  asc(billPayments.id),
]);
const adjustmentsOfBills = new ChildRows(billAdjustments, billAdjustments.billId, [
  asc(billAdjustments.recordedAt),
  asc(billAdjustments.id),
]);

@Injectable()
export class BillingRepository {
  async insert(db: Db, bill: NewBill, lines: NewBillLineItem[]): Promise<BillRow> {
    const row = returnedRow(
      await db.insert(bills).values(bill).returning(),
      'INSERT … RETURNING gives the row',
    );
    await linesOfBills.insert(db, lines);
    return row;
  }

  async findById(db: Db, clinicId: ClinicId, id: string): Promise<BillRow | undefined> {
    return billsById(db, clinicId, id);
  }

  /** The bill with its lines, payments and adjustments, in one round trip (its answer). */
  async findWithChildren(
    db: Db,
    clinicId: ClinicId,
    id: string,
  ): Promise<
    | {
        bill: BillRow;
        lines: BillLineItemRow[];
        payments: BillPaymentRow[];
        adjustments: BillAdjustmentRow[];
      }
    | undefined
  > {
    const parent = sql`"bills"."id"`;
    const [row] = await db
      .select({
        bill: bills,
        lines: linesOfBills.json(clinicId, parent),
        payments: paymentsOfBills.json(clinicId, parent),
        adjustments: adjustmentsOfBills.json(clinicId, parent),
      })
      .from(bills)
      .where(byTenantKey(bills, clinicId, id));
    return (
      row && {
        bill: row.bill,
        lines: linesOfBills.fromJson(row.lines),
        payments: paymentsOfBills.fromJson(row.payments),
        adjustments: adjustmentsOfBills.fromJson(row.adjustments),
      }
    );
  }

  /** SELECT … FOR UPDATE: payments and voids of one bill queue here, each seeing what the last left. */
  async lockById(db: Db, clinicId: ClinicId, id: string): Promise<BillRow | undefined> {
    return billsLockedById(db, clinicId, id);
  }

  async list(
    db: Db,
    clinicId: ClinicId,
    filter: BillFilter,
    page: PageRequest,
  ): Promise<Page<BillRow>> {
    return billsNewestFirst(
      db,
      clinicId,
      [
        filter.surgicalCaseId === undefined
          ? undefined
          : eq(bills.surgicalCaseId, filter.surgicalCaseId),
        filter.patientId === undefined ? undefined : eq(bills.patientId, filter.patientId),
        filter.status === undefined ? undefined : eq(bills.status, filter.status),
      ],
      page,
    );
  }

  /** The lines of these bills, each bill's in line order. */
  async linesOf(
    db: Db,
    clinicId: ClinicId,
    billIds: readonly string[],
  ): Promise<BillLineItemRow[]> {
    return linesOfBills.of(db, clinicId, billIds);
  }

  /** The payments of these bills, oldest first. */
  async paymentsOf(
    db: Db,
    clinicId: ClinicId,
    billIds: readonly string[],
  ): Promise<BillPaymentRow[]> {
    return paymentsOfBills.of(db, clinicId, billIds);
  }

  async insertPayment(db: Db, payment: NewBillPayment): Promise<void> {
    await paymentsOfBills.insert(db, [payment]);
  }

  async insertPayments(db: Db, payments: NewBillPayment[]): Promise<void> {
    await paymentsOfBills.insert(db, payments);
  }

  /** The 835 adjustments of these bills, oldest first. */
  async adjustmentsOf(
    db: Db,
    clinicId: ClinicId,
    billIds: readonly string[],
  ): Promise<BillAdjustmentRow[]> {
    return adjustmentsOfBills.of(db, clinicId, billIds);
  }

  async insertAdjustments(db: Db, adjustments: NewBillAdjustment[]): Promise<void> {
    await adjustmentsOfBills.insert(db, adjustments);
  }

  /** The row was locked by the caller; one new version. */
  async update(db: Db, clinicId: ClinicId, id: string, changes: BillChanges): Promise<BillRow> {
    return returnedRow(
      await db
        .update(bills)
        .set({ ...changes, version: sql`${bills.version} + 1`, updatedAt: sql`now()` })
        .where(byTenantKey(bills, clinicId, id))
        .returning(),
      'the row was locked by the caller',
    );
  }

  /** The bill of a plan's surgery, locked (SELECT … FOR UPDATE); a plan has at most one live case billed. */
  async lockBillOfQuote(db: Db, clinicId: ClinicId, quoteId: string): Promise<BillRow | undefined> {
    const [row] = await db
      .select()
      .from(bills)
      .where(and(eq(bills.clinicId, clinicId), eq(bills.quoteId, quoteId)))
      .orderBy(asc(bills.issuedAt))
      .limit(1)
      .for('update');
    return row;
  }

  async billOfQuote(db: Db, clinicId: ClinicId, quoteId: string): Promise<BillRow | undefined> {
    const [row] = await db
      .select()
      .from(bills)
      .where(and(eq(bills.clinicId, clinicId), eq(bills.quoteId, quoteId)))
      .orderBy(asc(bills.issuedAt))
      .limit(1);
    return row;
  }

  async planStatusOf(db: Db, clinicId: ClinicId, planId: string): Promise<string | undefined> {
    const [row] = await db
      .select({ status: procedurePlans.status })
      .from(procedurePlans)
      .where(byTenantKey(procedurePlans, clinicId, planId));
    return row?.status;
  }

  async insertPrepayment(db: Db, prepayment: NewPrepayment): Promise<void> {
    await db.insert(prepayments).values(prepayment);
  }

  /** The deposits received against a quote, oldest first. */
  async prepaymentsOfQuote(db: Db, clinicId: ClinicId, quoteId: string): Promise<PrepaymentRow[]> {
    return db
      .select()
      .from(prepayments)
      .where(and(eq(prepayments.clinicId, clinicId), eq(prepayments.quoteId, quoteId)))
      .orderBy(asc(prepayments.receivedAt), asc(prepayments.id));
  }

  /** The case's human number, for the printed statement (the bill keeps only the case id). */
  async caseNumberOf(db: Db, clinicId: ClinicId, caseId: string): Promise<string | undefined> {
    const [row] = await db
      .select({ caseNumber: surgicalCases.caseNumber })
      .from(surgicalCases)
      .where(byTenantKey(surgicalCases, clinicId, caseId));
    return row?.caseNumber;
  }
}
