import { Injectable } from '@nestjs/common';
import { AuditWriter } from '../../../common/audit/audit-writer';
import type { Caller, ClinicId } from '../../../common/auth/caller';
import { Clock } from '../../../common/clock';
import type { Db } from '../../../common/database/database';
import { SequenceAllocator } from '../../../common/database/sequence-allocator';
import { TransactionRunner } from '../../../common/database/transaction-runner';
import { isUniqueViolation } from '../../../common/database/unique-violation';
import { Duplicate, NotFound, ValidationFailed } from '../../../common/errors/domain-error';
import type { Page } from '../../../common/http/pagination';
import { lockedAtVersion } from '../../../common/http/versioning';
import { newId } from '../../../common/ids';
import { invariant } from '../../../common/invariant';
import { Money } from '../../../common/money';
import { baseCptCode } from '../../codes';
import { FeeScheduleService } from '../../fee-schedule';
import { InventoryQueries } from '../../inventory';
import { QuoteQueries } from '../../quote';
import type { PaymentMethod } from '../../payment-plan/repositories/payment-plan.schema';
import type { Payer } from '../../quote/repositories/quote.schema';
import type {
  BillResponse,
  ListBillsQuery,
  RecordBillPaymentBody,
  VoidBillBody,
} from '../dto/bill.dto';
import type { BillAdjustmentKind } from '../repositories/billing.schema';
import {
  BillingRepository,
  type BillLineItemRow,
  type BillRow,
} from '../repositories/billing.repository';
import { BillLifecycle } from './bill-lifecycle';
import { buildBillLines, type CaseToBill } from './bill-lines';
import { balanceOf, isSettled, toBillResponse, type BillAmounts } from './bill.mapper';
import { PrepaymentService } from './prepayment.service';
import { RemittanceExceedsBalance } from './remittance-exceeds-balance.error';

const ENTITY = 'Bill';

/** A completed surgical case, as the theater module hands it over to be billed. */
export interface BillableCase extends CaseToBill {
  id: string;
  procedurePlanId: string;
  patientId: string;
}

/** CAS01 of an 835 adjustment. */
export type RemittanceAdjustmentGroup = 'CO' | 'OA' | 'PI' | 'PR';

/**
 * What one 835 claim payment (CLP) posts to its claim's bill (docs/claims.md "Remittances"): the
 * insurer's payments (one a service line, SVC03) and its adjustments (CAS), with where they came
 * from. Amounts are exact; zero amounts are skipped.
 */
export interface RemittancePosting {
  source: {
    remittanceId: string;
    remittanceClaimId: string;
    /** CLP01 and the CLP's position in the interchange: what a refusal names. */
    patientControlNumber: string;
    segmentIndex: number;
    /** BPR04 mapped (ACH → BANK_TRANSFER, CHK → CHECK, else OTHER) and TRN02, the payments' reference. */
    method: PaymentMethod;
    reference: string;
  };
  payments: { amount: Money; billLineNumber: number | null }[];
  adjustments: {
    group: RemittanceAdjustmentGroup;
    reason: string;
    amount: Money;
    billLineNumber: number | null;
  }[];
}

/** CO is written off, PR moved to the patient, OA and PI recorded as the payer's adjustments. */
const ADJUSTMENT_KIND: Record<RemittanceAdjustmentGroup, BillAdjustmentKind> = {
  CO: 'WRITE_OFF',
  PR: 'TRANSFER_TO_PATIENT',
  OA: 'PAYER_ADJUSTMENT',
  PI: 'PAYER_ADJUSTMENT',
};

@Injectable()
export class BillingService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly bills: BillingRepository,
    private readonly quotes: QuoteQueries,
    private readonly usages: InventoryQueries,
    private readonly fees: FeeScheduleService,
    private readonly sequences: SequenceAllocator,
    private readonly audit: AuditWriter,
    private readonly clock: Clock,
    private readonly prepayments: PrepaymentService,
    private readonly lifecycle: BillLifecycle,
  ) {}

  /**
   * Bills a case at its completion, in the caller's transaction (docs/design.md §6): its codes and the
   * supplies it consumed, priced by the plan's ACCEPTED quote, then the fee schedule and the item
   * catalog. A code with no price anywhere is a 400 (`CaseNotBillable`), which fails the
   * completion whole. A bill of 0.00 is PAID at once: nothing is owed.
   */
  async createBillForCase(db: Db, caller: Caller, theCase: BillableCase): Promise<{ id: string }> {
    const clinicId = caller.clinicId;
    // Only an ACCEPTED quote is a price the patient agreed to; an ISSUED one prices nothing.
    // Locked now, as a deposit and a plan payment lock it: the credits below need that lock.
    const live = await this.quotes.lockLiveWithLinesForPlan(db, clinicId, theCase.procedurePlanId);
    const quote = live?.quote.status === 'ACCEPTED' ? live.quote : undefined;
    const quoteLines = quote ? (live?.lines ?? []) : [];
    const usages = await this.usages.usagesOfCase(db, clinicId, theCase.id);
    const fees = await this.fees.entriesFor(
      db,
      clinicId,
      [...theCase.cptCodes, theCase.procedureCode].map(baseCptCode),
    );
    const built = buildBillLines(
      theCase,
      quoteLines.map((l) => ({
        kind: l.kind,
        code: l.code,
        description: l.description,
        unitPrice: Money.fromDecimal(l.unitPrice),
        inventoryItemId: l.inventoryItemId,
      })),
      fees,
      usages.map((u) => ({ ...u, unitPrice: Money.fromDecimal(u.unitPrice) })),
    );

    const issuedAt = this.clock.now();
    const id = newId();
    const settled = built.total.isZero();
    let bill: BillRow;
    try {
      bill = await this.bills.insert(
        db,
        {
          clinicId,
          id,
          billNumber: await this.nextBillNumber(db, clinicId, issuedAt),
          surgicalCaseId: theCase.id,
          procedurePlanId: theCase.procedurePlanId,
          patientId: theCase.patientId,
          quoteId: quote?.id ?? null,
          status: settled ? 'PAID' : 'OPEN',
          total: built.total.toDecimal(),
          insuranceTotal: built.insuranceTotal.toDecimal(),
          patientTotal: built.patientTotal.toDecimal(),
          issuedAt,
          paidAt: settled ? issuedAt : null,
          createdById: caller.userId,
        },
        built.lines.map((l, i) => ({
          clinicId,
          id: newId(),
          billId: id,
          lineNumber: i + 1,
          kind: l.kind,
          procedureCode: l.procedureCode,
          modifiers: l.modifiers,
          description: l.description,
          quantity: l.quantity,
          unitPrice: l.unitPrice.toDecimal(),
          amount: l.amount.toDecimal(),
          payer: l.payer,
          inventoryItemId: l.inventoryItemId,
          inventoryUsageIds: l.inventoryUsageIds,
          serialNumbers: l.serialNumbers,
        })),
      );
    } catch (error) {
      if (isUniqueViolation(error, 'bills_one_per_case'))
        throw new Duplicate('This surgical case already has a bill', 'surgicalCaseId');
      throw error;
    }
    await this.audit.record(db, caller, {
      action: 'bill.create',
      entityType: ENTITY,
      entityId: bill.id,
      metadata: {
        surgicalCaseId: theCase.id,
        procedurePlanId: theCase.procedurePlanId,
        lineCount: built.lines.length,
      },
    });
    // Deposits and payment-plan payments received before surgery, credited in this transaction.
    await this.prepayments.creditNewBill(db, caller, bill);
    // The completion answers with the case, which names its bill: nothing reads the bill back.
    return { id: bill.id };
  }

  getBill(caller: Caller, id: string): Promise<BillResponse> {
    return this.tx.run(async (db) => {
      const found = await this.bills.findWithChildren(db, caller.clinicId, id);
      if (!found) throw new NotFound(ENTITY, id);
      await this.audit.recordReads(db, caller, 'bill.read', ENTITY, [found.bill.id]);
      return toBillResponse(found.bill, found.lines, found.payments, found.adjustments);
    });
  }

  listBills(caller: Caller, query: ListBillsQuery): Promise<Page<BillResponse>> {
    return this.tx.run(async (db) => {
      const page = await this.bills.list(db, caller.clinicId, query, query);
      const ids = page.data.map((b) => b.id);
      const lines = await this.bills.linesOf(db, caller.clinicId, ids);
      const payments = await this.bills.paymentsOf(db, caller.clinicId, ids);
      const adjustments = await this.bills.adjustmentsOf(db, caller.clinicId, ids);
      await this.audit.recordReads(db, caller, 'bill.list', ENTITY, ids);
      return {
        data: page.data.map((b) =>
          toBillResponse(
            b,
            lines.filter((l) => l.billId === b.id),
            payments.filter((p) => p.billId === b.id),
            adjustments.filter((a) => a.billId === b.id),
          ),
        ),
        nextCursor: page.nextCursor,
      };
    });
  }

  /**
   * Money from one payer. The bill row is locked first, so concurrent payments queue and each
   * checks the balance the previous one left: together they never pay a payer's share twice
   * (the CHECKs `bills_*_paid_within` hold that in the database too).
   */
  recordPayment(
    caller: Caller,
    id: string,
    body: RecordBillPaymentBody,
    ifMatch: number | undefined,
  ): Promise<BillResponse> {
    return this.tx.run(async (db) => {
      const bill = lockedAtVersion(
        await this.bills.lockById(db, caller.clinicId, id),
        ifMatch,
        ENTITY,
        id,
      );
      // Refused before the amount is checked, as before: a PAID or VOID bill takes no payment.
      this.lifecycle.assertAllows(bill, 'record-payment');
      const owed = balanceOf(bill, body.payer);
      if (body.amount.compare(owed) > 0)
        throw ValidationFailed.field(
          'amount',
          `Must not exceed the ${body.payer.toLowerCase()} balance (${owed.toDecimal()})`,
        );

      const receivedAt = this.clock.now();
      await this.bills.insertPayment(db, {
        clinicId: caller.clinicId,
        id: newId(),
        billId: bill.id,
        payer: body.payer,
        amount: body.amount.toDecimal(),
        method: body.method,
        reference: body.reference ?? null,
        receivedAt,
        recordedById: caller.userId,
      });
      const paid = (payer: Payer, already: string) =>
        payer === body.payer
          ? Money.fromDecimal(already).plus(body.amount)
          : Money.fromDecimal(already);
      const insurancePaid = paid('INSURANCE', bill.insurancePaid);
      const patientPaid = paid('PATIENT', bill.patientPaid);
      const settled = isSettled({
        ...bill,
        insurancePaid: insurancePaid.toDecimal(),
        patientPaid: patientPaid.toDecimal(),
      });
      const updated = await this.lifecycle.fire(
        db,
        caller,
        bill,
        'record-payment',
        {
          changes: {
            insurancePaid: insurancePaid.toDecimal(),
            patientPaid: patientPaid.toDecimal(),
            paidAt: settled ? receivedAt : null,
          },
          changedFields: [
            'payments',
            body.payer === 'INSURANCE' ? 'insurancePaid' : 'patientPaid',
            ...(settled ? ['status', 'paidAt'] : []),
          ],
        },
        { settled, hasPayments: true },
      );
      return this.response(db, caller.clinicId, updated);
    });
  }

  /**
   * Voids a bill issued in error. Only an OPEN bill that nothing was paid against: money received
   * has to be refunded first, which this service does not record.
   */
  voidBill(
    caller: Caller,
    id: string,
    body: VoidBillBody,
    ifMatch: number | undefined,
  ): Promise<BillResponse> {
    return this.tx.run(async (db) => {
      const bill = lockedAtVersion(
        await this.bills.lockById(db, caller.clinicId, id),
        ifMatch,
        ENTITY,
        id,
      );
      const payments = await this.bills.paymentsOf(db, caller.clinicId, [bill.id]);
      const adjustments = await this.bills.adjustmentsOf(db, caller.clinicId, [bill.id]);
      const voided = await this.lifecycle.fire(
        db,
        caller,
        bill,
        'void',
        {
          changes: {
            voidedAt: this.clock.now(),
            voidedById: caller.userId,
            voidReason: body.reason,
          },
        },
        { settled: false, hasPayments: payments.length > 0 || adjustments.length > 0 },
      );
      return this.response(db, caller.clinicId, voided);
    });
  }

  /**
   * Whether an 835 claim payment fits the bill as it is now, without writing or locking: the
   * preview of `POST /remittances` runs the same check as the posting. Throws
   * `RemittanceExceedsBalance` (422) when it does not fit, `NotFound` for an unknown bill.
   */
  async checkRemittance(
    db: Db,
    clinicId: ClinicId,
    billId: string,
    posting: RemittancePosting,
  ): Promise<void> {
    const bill = await this.bills.findById(db, clinicId, billId);
    if (!bill) throw new NotFound(ENTITY, billId);
    this.afterRemittance(bill, posting);
  }

  /**
   * Posts an 835 claim payment to its bill, in the caller's transaction (the claims module's
   * `POST /remittances`): the bill is locked, the insurer's payments become `bill_payments`
   * (source REMITTANCE) and its adjustments `bill_adjustments`; the running totals move
   * (docs/billing.md "Balances") and `post-remittance` leaves the bill OPEN or makes it PAID. A
   * posting that would take the insurance balance (or any total) below zero is refused whole
   * (`RemittanceExceedsBalance`, 422); a VOID or PAID bill refuses any posting (409).
   */
  async postRemittance(
    db: Db,
    caller: Caller,
    billId: string,
    posting: RemittancePosting,
  ): Promise<void> {
    const clinicId = caller.clinicId;
    const bill = await this.bills.lockById(db, clinicId, billId);
    if (!bill) throw new NotFound(ENTITY, billId);
    const after = this.afterRemittance(bill, posting);
    this.lifecycle.assertAllows(bill, 'post-remittance');
    const at = this.clock.now();
    const { source } = posting;
    await this.bills.insertPayments(
      db,
      posting.payments
        .filter((p) => !p.amount.isZero())
        .map((p) => ({
          clinicId,
          id: newId(),
          billId,
          payer: 'INSURANCE' as const,
          amount: p.amount.toDecimal(),
          method: source.method,
          reference: source.reference,
          receivedAt: at,
          recordedById: caller.userId,
          remittanceId: source.remittanceId,
          remittanceClaimId: source.remittanceClaimId,
        })),
    );
    await this.bills.insertAdjustments(
      db,
      posting.adjustments
        .filter((a) => !a.amount.isZero())
        .map((a) => ({
          clinicId,
          id: newId(),
          billId,
          kind: ADJUSTMENT_KIND[a.group],
          groupCode: a.group,
          reasonCode: a.reason,
          amount: a.amount.toDecimal(),
          billLineNumber: a.billLineNumber,
          remittanceId: source.remittanceId,
          remittanceClaimId: source.remittanceClaimId,
          recordedAt: at,
          recordedById: caller.userId,
        })),
    );
    const settled = isSettled(after);
    await this.lifecycle.fire(
      db,
      caller,
      bill,
      'post-remittance',
      {
        changes: {
          insurancePaid: after.insurancePaid,
          insuranceAdjusted: after.insuranceAdjusted,
          transferredToPatient: after.transferredToPatient,
          paidAt: settled ? at : null,
        },
        changedFields: [
          'payments',
          'adjustments',
          'insurancePaid',
          'insuranceAdjusted',
          'transferredToPatient',
          ...(settled ? ['status', 'paidAt'] : []),
        ],
        metadata: {
          remittanceId: source.remittanceId,
          remittanceClaimId: source.remittanceClaimId,
        },
      },
      { settled, hasPayments: true },
    );
  }

  /** The bill's running totals after the posting; refused when one would go below zero. */
  private afterRemittance(bill: BillRow, posting: RemittancePosting): BillAmounts {
    const m = (value: string) => Money.fromDecimal(value);
    const sum = (amounts: Money[]) => Money.sum(amounts);
    const of = (groups: RemittanceAdjustmentGroup[]) =>
      sum(posting.adjustments.filter((a) => groups.includes(a.group)).map((a) => a.amount));
    const paid = sum(posting.payments.map((p) => p.amount));
    const after = {
      ...bill,
      insurancePaid: m(bill.insurancePaid).plus(paid).toDecimal(),
      insuranceAdjusted: m(bill.insuranceAdjusted)
        .plus(of(['CO', 'OA', 'PI']))
        .toDecimal(),
      transferredToPatient: m(bill.transferredToPatient)
        .plus(of(['PR']))
        .toDecimal(),
    };
    const refuse = (reason: string) =>
      new RemittanceExceedsBalance(
        posting.source.patientControlNumber,
        posting.source.segmentIndex,
        bill.id,
        reason,
      );
    const owed = balanceOf(bill, 'INSURANCE');
    if (bill.status === 'VOID') throw refuse('its bill is VOID and takes no posting');
    if (balanceOf(after, 'INSURANCE').isNegative())
      throw refuse(
        `posts ${paid.plus(of(['CO', 'OA', 'PI', 'PR'])).toDecimal()} against an insurance balance of ${owed.toDecimal()} on the bill`,
      );
    if (
      m(after.insurancePaid).isNegative() ||
      m(after.insuranceAdjusted).isNegative() ||
      m(after.transferredToPatient).isNegative() ||
      balanceOf(after, 'PATIENT').isNegative()
    )
      throw refuse(
        'would take a total of the bill below zero (a give-back larger than was posted)',
      );
    return after;
  }

  /** `BILL-<year>-<seq>` per clinic and year, like plan and quote numbers. */
  private async nextBillNumber(db: Db, clinicId: ClinicId, at: Date): Promise<string> {
    const year = at.getUTCFullYear();
    const seq = await this.sequences.next(db, clinicId, `bill.${year}`);
    return `BILL-${year}-${String(seq).padStart(3, '0')}`;
  }

  /** The bill as written (`bill`, this transaction's row) with its children, read in one query. */
  private async response(db: Db, clinicId: ClinicId, bill: BillRow): Promise<BillResponse> {
    const found = await this.bills.findWithChildren(db, clinicId, bill.id);
    invariant(found, 'the bill was written in this transaction');
    return toBillResponse(bill, found.lines, found.payments, found.adjustments);
  }

  /** For the claims module (docs/claims.md "Making a claim"): a bill and its lines in order, or undefined. */
  async findBillWithLines(
    db: Db,
    clinicId: ClinicId,
    id: string,
  ): Promise<{ bill: BillRow; lines: BillLineItemRow[] } | undefined> {
    const bill = await this.bills.findById(db, clinicId, id);
    return bill && { bill, lines: await this.bills.linesOf(db, clinicId, [bill.id]) };
  }
}
