import { Injectable, type OnModuleInit } from '@nestjs/common';
import { AuditWriter } from '../../../common/audit/audit-writer';
import type { Caller, ClinicId } from '../../../common/auth/caller';
import { Clock } from '../../../common/clock';
import type { Db } from '../../../common/database/database';
import { TransactionRunner } from '../../../common/database/transaction-runner';
import {
  InvalidStateTransition,
  NotFound,
  ValidationFailed,
} from '../../../common/errors/domain-error';
import { newId } from '../../../common/ids';
import { Money } from '../../../common/money';
import {
  PaymentPlanPaymentHooks,
  PaymentPlanQueries,
  type PaymentPlanRow,
  type PaymentRow,
} from '../../payment-plan';
import { QuoteQueries } from '../../quote';
import type { PrepaymentsResponse, RecordPrepaymentBody } from '../dto/prepayment.dto';
import { BillingRepository, type BillRow } from '../repositories/billing.repository';
import { BillLifecycle } from './bill-lifecycle';
import { balanceOf, isSettled } from './bill.mapper';

const ENTITY = 'Quote';
/** Plans that take a deposit: approved (the quote ACCEPTED) and not yet operated or cancelled. */
const TAKES_DEPOSITS = ['APPROVED', 'SCHEDULED'];

/** Money received before surgery, as one credit to a bill. */
interface Credit {
  amount: Money;
  method: PaymentRow['method'];
  receivedAt: Date;
  recordedById: string;
  reference: string;
  prepaymentId?: string;
  paymentPlanPaymentId?: string;
}

/**
 * Money a patient pays before surgery (docs/billing.md "Money before surgery"): deposits against
 * an ACCEPTED quote, and the payments of its payment plan. Both are credited to the bill when the
 * case is completed, and payment-plan payments after that as they come. Every path locks the
 * quote row first, so a deposit, a plan payment and the bill's creation queue one behind the other:
 * none is credited twice (the unique indexes `bill_payments_*_once` hold that too) or lost.
 */
@Injectable()
export class PrepaymentService implements OnModuleInit {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly bills: BillingRepository,
    private readonly quotes: QuoteQueries,
    private readonly paymentPlans: PaymentPlanQueries,
    private readonly paymentHooks: PaymentPlanPaymentHooks,
    private readonly audit: AuditWriter,
    private readonly clock: Clock,
    private readonly lifecycle: BillLifecycle,
  ) {}

  onModuleInit(): void {
    this.paymentHooks.register((db, caller, plan, payment) =>
      this.creditPlanPayment(db, caller, plan, payment),
    );
  }

  /** A deposit against an ACCEPTED quote of an APPROVED or SCHEDULED plan, at most the patient portion. */
  recordPrepayment(
    caller: Caller,
    quoteId: string,
    body: RecordPrepaymentBody,
  ): Promise<PrepaymentsResponse> {
    return this.tx.run(async (db) => {
      const quote = await this.quotes.lock(db, caller.clinicId, quoteId);
      if (!quote) throw new NotFound(ENTITY, quoteId);
      if (quote.status !== 'ACCEPTED')
        throw new InvalidStateTransition(quote.status, 'take a deposit for this quote');
      const planStatus = await this.bills.planStatusOf(db, caller.clinicId, quote.procedurePlanId);
      if (planStatus === undefined || !TAKES_DEPOSITS.includes(planStatus))
        throw new InvalidStateTransition(
          planStatus ?? 'UNKNOWN',
          planStatus === 'COMPLETED'
            ? 'take a deposit once the surgery is billed (record the payment on the bill)'
            : 'take a deposit for this plan',
        );

      // The deposits and the financed part of a live payment plan together stay within the
      // patient portion: the patient is never asked for more before surgery than the quote.
      const deposits = await this.bills.prepaymentsOfQuote(db, caller.clinicId, quote.id);
      const plan = await this.paymentPlans.liveForQuote(db, caller.clinicId, quote.id);
      const room = Money.fromDecimal(quote.patientPortion)
        .minus(plan ? Money.fromDecimal(plan.financedAmount) : Money.ZERO)
        .minus(sum(deposits.map((d) => Money.fromDecimal(d.amount))));
      if (body.amount.compare(room) > 0)
        throw ValidationFailed.field(
          'amount',
          `Must not exceed what is left of the patient portion before surgery (${room.toDecimal()})`,
        );

      const id = newId();
      await this.bills.insertPrepayment(db, {
        clinicId: caller.clinicId,
        id,
        quoteId: quote.id,
        procedurePlanId: quote.procedurePlanId,
        patientId: quote.patientId,
        amount: body.amount.toDecimal(),
        method: body.method,
        reference: body.reference ?? null,
        receivedAt: this.clock.now(),
        recordedById: caller.userId,
      });
      await this.audit.record(db, caller, {
        action: 'quote.record-prepayment',
        entityType: ENTITY,
        entityId: quote.id,
        changedFields: ['prepayments'],
        metadata: { prepaymentId: id },
      });
      return this.summary(db, caller.clinicId, quote.id, quote.procedurePlanId);
    });
  }

  listPrepayments(caller: Caller, quoteId: string): Promise<PrepaymentsResponse> {
    return this.tx.run(async (db) => {
      const quote = await this.quotes.findById(db, caller.clinicId, quoteId);
      if (!quote) throw new NotFound(ENTITY, quoteId);
      await this.audit.recordReads(db, caller, 'quote.read-prepayments', ENTITY, [quote.id]);
      return this.summary(db, caller.clinicId, quote.id, quote.procedurePlanId);
    });
  }

  /**
   * Credits the deposits and the payment-plan payments received so far to a new bill, in the
   * completion's transaction (the bill row was just written in it). Each becomes a PATIENT
   * payment on the bill with its own date and method; what exceeds the patient total is
   * `refundDue`. The caller holds the quote's lock (the one a deposit and a plan payment take),
   * taken when it read the quote to price the bill: neither slips in between read and credit.
   */
  async creditNewBill(db: Db, caller: Caller, bill: BillRow): Promise<void> {
    if (bill.quoteId === null) return;
    const clinicId = caller.clinicId;
    const deposits = await this.bills.prepaymentsOfQuote(db, clinicId, bill.quoteId);
    const planPayments = await this.paymentPlans.paymentsForQuote(db, clinicId, bill.quoteId);
    const credits: Credit[] = [
      ...deposits.map((d) => ({
        amount: Money.fromDecimal(d.amount),
        method: d.method,
        receivedAt: d.receivedAt,
        recordedById: d.recordedById,
        reference: depositReference(d.receivedAt, d.reference),
        prepaymentId: d.id,
      })),
      ...planPayments.map((p) => ({
        amount: Money.fromDecimal(p.amount),
        method: p.method,
        receivedAt: p.receivedAt,
        recordedById: p.recordedById,
        reference: planPaymentReference(p.paymentPlanNumber, p.receivedAt, p.reference),
        paymentPlanPaymentId: p.id,
      })),
    ].sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime());
    if (credits.length > 0) await this.credit(db, caller, bill, credits);
  }

  /** A payment-plan payment after the surgery is billed goes on the bill too, in the payment's transaction. */
  private async creditPlanPayment(
    db: Db,
    caller: Caller,
    plan: PaymentPlanRow,
    payment: PaymentRow,
  ): Promise<void> {
    await this.quotes.lock(db, caller.clinicId, plan.quoteId);
    const bill = await this.bills.lockBillOfQuote(db, caller.clinicId, plan.quoteId);
    if (!bill) return;
    await this.credit(db, caller, bill, [
      {
        amount: Money.fromDecimal(payment.amount),
        method: payment.method,
        receivedAt: payment.receivedAt,
        recordedById: payment.recordedById,
        reference: planPaymentReference(
          plan.paymentPlanNumber,
          payment.receivedAt,
          payment.reference,
        ),
        paymentPlanPaymentId: payment.id,
      },
    ]);
    await this.audit.record(db, caller, {
      action: 'bill.credit-payment-plan',
      entityType: 'Bill',
      entityId: bill.id,
      changedFields: ['payments', 'patientPaid', 'refundDue'],
      metadata: { paymentPlanId: plan.id },
    });
  }

  /** Applies credits to the patient balance in order; what does not fit is owed back (`refundDue`). */
  private async credit(
    db: Db,
    caller: Caller,
    bill: BillRow,
    credits: readonly Credit[],
  ): Promise<void> {
    const clinicId = caller.clinicId;
    let patientPaid = Money.fromDecimal(bill.patientPaid);
    let refundDue = Money.fromDecimal(bill.refundDue);
    for (const c of credits) {
      const owed = balanceOf({ ...bill, patientPaid: patientPaid.toDecimal() }, 'PATIENT');
      const applied = c.amount.compare(owed) > 0 ? owed : c.amount;
      refundDue = refundDue.plus(c.amount.minus(applied));
      if (applied.isZero()) continue;
      patientPaid = patientPaid.plus(applied);
      await this.bills.insertPayment(db, {
        clinicId,
        id: newId(),
        billId: bill.id,
        payer: 'PATIENT',
        amount: applied.toDecimal(),
        method: c.method,
        reference: c.reference,
        receivedAt: c.receivedAt,
        recordedById: c.recordedById,
        prepaymentId: c.prepaymentId ?? null,
        paymentPlanPaymentId: c.paymentPlanPaymentId ?? null,
      });
    }
    const settled = isSettled({ ...bill, patientPaid: patientPaid.toDecimal() });
    // Audited by the caller: `bill.credit-payment-plan`, or the completion that issued the bill.
    await this.lifecycle.fire(
      db,
      caller,
      bill,
      'credit',
      {
        changes: {
          patientPaid: patientPaid.toDecimal(),
          refundDue: refundDue.toDecimal(),
          paidAt: settled ? (bill.paidAt ?? this.clock.now()) : null,
        },
        audit: false,
      },
      { settled, hasPayments: true },
    );
  }

  private async summary(
    db: Db,
    clinicId: ClinicId,
    quoteId: string,
    planId: string,
  ): Promise<PrepaymentsResponse> {
    const deposits = await this.bills.prepaymentsOfQuote(db, clinicId, quoteId);
    const planPayments = await this.paymentPlans.paymentsForQuote(db, clinicId, quoteId);
    const bill = await this.bills.billOfQuote(db, clinicId, quoteId);
    const depositsReceived = sum(deposits.map((d) => Money.fromDecimal(d.amount)));
    const paymentPlanReceived = sum(planPayments.map((p) => Money.fromDecimal(p.amount)));
    const cancelled = (await this.bills.planStatusOf(db, clinicId, planId)) === 'CANCELLED';
    const refundDue = bill
      ? Money.fromDecimal(bill.refundDue)
      : cancelled
        ? depositsReceived.plus(paymentPlanReceived)
        : Money.ZERO;
    return {
      quoteId,
      procedurePlanId: planId,
      data: deposits.map((d) => ({
        id: d.id,
        amount: Money.fromDecimal(d.amount).toDecimal(),
        method: d.method,
        reference: d.reference,
        receivedAt: d.receivedAt.toISOString(),
        recordedById: d.recordedById,
      })),
      depositsReceived: depositsReceived.toDecimal(),
      paymentPlanReceived: paymentPlanReceived.toDecimal(),
      billId: bill?.id ?? null,
      refundDue: refundDue.toDecimal(),
    };
  }
}

function sum(amounts: readonly Money[]): Money {
  return amounts.reduce((a, b) => a.plus(b), Money.ZERO);
}

function day(at: Date): string {
  return at.toISOString().slice(0, 10);
}

function depositReference(at: Date, reference: string | null): string {
  return `Deposit received ${day(at)}${reference ? ` (${reference})` : ''}`;
}

function planPaymentReference(number: string, at: Date, reference: string | null): string {
  return `Payment plan ${number} payment received ${day(at)}${reference ? ` (${reference})` : ''}`;
}
