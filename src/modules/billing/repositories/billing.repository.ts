import { Injectable } from '@nestjs/common';
import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { ClinicId } from '../../../common/auth/caller';
import type { Db } from '../../../common/database/database';
import { preparedRowById } from '../../../common/database/prepared-query';
import { byTenantKey, returnedRow } from '../../../common/database/tenant-key';
import { Keyset, type Page, type PageRequest } from '../../../common/http/pagination';
import { procedurePlans } from '../../procedure-plan/repositories/procedure-plan.schema';
import { surgicalCases } from '../../theater/repositories/theater.schema';
import { billLineItems, billPayments, bills, prepayments, type BillStatus } from './billing.schema';

export type BillRow = typeof bills.$inferSelect;
export type BillLineItemRow = typeof billLineItems.$inferSelect;
export type BillPaymentRow = typeof billPayments.$inferSelect;
export type NewBill = Omit<
  typeof bills.$inferInsert,
  'insurancePaid' | 'patientPaid' | 'version' | 'createdAt' | 'updatedAt'
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

const newestFirst = new Keyset([bills.id], 'desc');

// By-id reads: built once (prepared-query.ts).
const billsById = preparedRowById('bills_by_id', bills);
const billsLockedById = preparedRowById('bills_locked_by_id', bills, 'update');

@Injectable()
export class BillingRepository {
  async insert(db: Db, bill: NewBill, lines: NewBillLineItem[]): Promise<BillRow> {
    const row = returnedRow(
      await db.insert(bills).values(bill).returning(),
      'INSERT … RETURNING gives the row',
    );
    if (lines.length > 0) await db.insert(billLineItems).values(lines);
    return row;
  }

  async findById(db: Db, clinicId: ClinicId, id: string): Promise<BillRow | undefined> {
    return billsById(db, clinicId, id);
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
    const conditions: (SQL | undefined)[] = [
      eq(bills.clinicId, clinicId),
      filter.surgicalCaseId === undefined
        ? undefined
        : eq(bills.surgicalCaseId, filter.surgicalCaseId),
      filter.patientId === undefined ? undefined : eq(bills.patientId, filter.patientId),
      filter.status === undefined ? undefined : eq(bills.status, filter.status),
      newestFirst.after(page),
    ];
    const rows = await db
      .select()
      .from(bills)
      .where(and(...conditions))
      .orderBy(...newestFirst.orderBy())
      .limit(newestFirst.fetchSize(page));
    return newestFirst.toPage(
      rows,
      page,
      (b) => [b.id],
      (b) => b,
    );
  }

  /** The lines of these bills, each bill's in line order. */
  async linesOf(
    db: Db,
    clinicId: ClinicId,
    billIds: readonly string[],
  ): Promise<BillLineItemRow[]> {
    if (billIds.length === 0) return [];
    return db
      .select()
      .from(billLineItems)
      .where(and(eq(billLineItems.clinicId, clinicId), inArray(billLineItems.billId, [...billIds])))
      .orderBy(asc(billLineItems.billId), asc(billLineItems.lineNumber));
  }

  /** The payments of these bills, oldest first. */
  async paymentsOf(
    db: Db,
    clinicId: ClinicId,
    billIds: readonly string[],
  ): Promise<BillPaymentRow[]> {
    if (billIds.length === 0) return [];
    return db
      .select()
      .from(billPayments)
      .where(and(eq(billPayments.clinicId, clinicId), inArray(billPayments.billId, [...billIds])))
      .orderBy(asc(billPayments.receivedAt), asc(billPayments.id));
  }

  async insertPayment(db: Db, payment: NewBillPayment): Promise<void> {
    await db.insert(billPayments).values(payment);
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
