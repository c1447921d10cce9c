import { Injectable } from '@nestjs/common';
import { AuditWriter } from '../../../common/audit/audit-writer';
import type { AuditEntry } from '../../../common/audit/audit-writer';
import type { Actor, Caller, ClinicId } from '../../../common/auth/caller';
import { Clock } from '../../../common/clock';
import type { Db } from '../../../common/database/database';
import { SequenceAllocator } from '../../../common/database/sequence-allocator';
import { TransactionRunner } from '../../../common/database/transaction-runner';
import { isUniqueViolation } from '../../../common/database/unique-violation';
import {
  Duplicate,
  InvalidStateTransition,
  NotFound,
  ValidationFailed,
} from '../../../common/errors/domain-error';
import type { Page } from '../../../common/http/pagination';
import { lockedAtVersion } from '../../../common/http/versioning';
import { newId } from '../../../common/ids';
import { Money } from '../../../common/money';
import { QuoteQueries } from '../../quote';
import type {
  CreatePaymentPlanBody,
  ListPaymentPlansQuery,
  PaymentPlanResponse,
  RecordPaymentBody,
} from '../dto/payment-plan.dto';
import {
  PaymentPlanRepository,
  type PaymentPlanRow,
} from '../repositories/payment-plan.repository';
import { PaymentPlanOfferRepository } from '../repositories/payment-plan-offer.repository';
import { installmentSchedule, type ScheduledInstallment } from './installment-schedule';
import { allocatePaymentToInstallments, installmentBalance } from './payment-allocation';
import { PaymentPlanOfferLifecycle } from './payment-plan-offer-lifecycle';
import { PaymentPlanLifecycle } from './payment-plan-lifecycle';
import { PaymentPlanPaymentHooks } from './payment-plan-payment-hooks';
import { outstandingOf, toPaymentPlanResponse } from './payment-plan.mapper';

const ENTITY = 'PaymentPlan';
/** A quote as QuoteQueries reads it. */
export type QuoteRow = NonNullable<Awaited<ReturnType<QuoteQueries['lock']>>>;
/** A first due date further out than this is a typo, not a plan. */
const MAX_YEARS_AHEAD = 5;

@Injectable()
export class PaymentPlanService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly paymentPlans: PaymentPlanRepository,
    private readonly quotes: QuoteQueries,
    private readonly sequences: SequenceAllocator,
    private readonly audit: AuditWriter,
    private readonly clock: Clock,
    private readonly paymentHooks: PaymentPlanPaymentHooks,
    private readonly lifecycle: PaymentPlanLifecycle,
    private readonly offers: PaymentPlanOfferRepository,
    private readonly offerLifecycle: PaymentPlanOfferLifecycle,
  ) {}

  /** Finances the patient portion of an ACCEPTED quote, less the deposit (docs/design.md §6). */
  createPaymentPlan(
    caller: Caller,
    quoteId: string,
    body: CreatePaymentPlanBody,
  ): Promise<PaymentPlanResponse> {
    return this.tx.run(async (db) => {
      // The quote's row lock queues two plans for one quote; the partial unique index backs it.
      const quote = await this.quotes.lock(db, caller.clinicId, quoteId);
      if (!quote) throw new NotFound('Quote', quoteId);
      if (quote.status !== 'ACCEPTED')
        throw new InvalidStateTransition(quote.status, 'create a payment plan for this quote');
      const plan = await this.createForLockedQuote(db, caller, quote, body, {
        createdById: caller.userId,
      });
      return this.response(db, caller.clinicId, plan);
    });
  }

  /**
   * The terms' checks, as creating a payment plan makes them: the first due date (not past, within
   * five years) and the deposit (within the patient portion, leaving something to finance).
   * Answers what is financed and its installments. Offers are checked the same way.
   */
  checkTerms(
    quote: QuoteRow,
    body: CreatePaymentPlanBody,
  ): { financed: Money; schedule: ScheduledInstallment[] } {
    this.assertFirstDueDate(body.firstDueDate);
    const patientPortion = Money.fromDecimal(quote.patientPortion);
    if (body.depositAmount.compare(patientPortion) > 0)
      throw ValidationFailed.field(
        'depositAmount',
        `Must not exceed the quote's patient portion (${patientPortion.toDecimal()})`,
      );
    const financed = patientPortion.minus(body.depositAmount);
    if (financed.isZero())
      throw ValidationFailed.field(
        'depositAmount',
        'Leaves nothing to finance: the deposit covers the whole patient portion',
      );
    const schedule = installmentSchedule(
      financed,
      body.installmentCount,
      body.frequency,
      body.firstDueDate,
    );
    return { financed, schedule };
  }

  /**
   * The one way a payment plan is made, by the staff (`POST /quotes/:id/payment-plan`) or by the
   * patient choosing an offer (PaymentPlanOfferService.chooseAsPatient). The caller has locked the
   * quote in `db` and checked its status. One live plan per quote (409 DUPLICATE), the terms'
   * checks, the plan and its installments, `payment-plan.create`; the quote's other open offers
   * (all but `keepOfferId`) are withdrawn, since a quote has one payment plan.
   */
  async createForLockedQuote(
    db: Db,
    actor: Actor,
    quote: QuoteRow,
    body: CreatePaymentPlanBody,
    createdBy: { createdById: string } | { createdByPatientLinkId: string },
    options: { keepOfferId?: string; metadata?: AuditEntry['metadata'] } = {},
  ): Promise<PaymentPlanRow> {
    if (await this.paymentPlans.liveForQuote(db, actor.clinicId, quote.id)) throw alreadyPlanned();
    const { financed, schedule } = this.checkTerms(quote, body);

    const now = this.clock.now();
    const id = newId();
    const seq = await this.sequences.next(
      db,
      actor.clinicId,
      `payment-plan.${now.getUTCFullYear()}`,
    );
    let plan: PaymentPlanRow;
    try {
      plan = await this.paymentPlans.insert(
        db,
        {
          clinicId: actor.clinicId,
          id,
          paymentPlanNumber: `PP-${now.getUTCFullYear()}-${String(seq).padStart(3, '0')}`,
          quoteId: quote.id,
          patientId: quote.patientId,
          depositAmount: body.depositAmount.toDecimal(),
          financedAmount: financed.toDecimal(),
          installmentCount: body.installmentCount,
          frequency: body.frequency,
          firstDueDate: body.firstDueDate,
          createdById: 'createdById' in createdBy ? createdBy.createdById : null,
          createdByPatientLinkId:
            'createdByPatientLinkId' in createdBy ? createdBy.createdByPatientLinkId : null,
        },
        schedule.map((s) => ({
          clinicId: actor.clinicId,
          id: newId(),
          paymentPlanId: id,
          number: s.number,
          dueDate: s.dueDate,
          amount: s.amount.toDecimal(),
        })),
      );
    } catch (error) {
      if (isUniqueViolation(error, 'payment_plans_one_live_per_quote')) throw alreadyPlanned();
      throw error;
    }
    await this.audit.record(db, actor, {
      action: 'payment-plan.create',
      entityType: ENTITY,
      entityId: plan.id,
      changedFields: [
        'quoteId',
        'patientId',
        'depositAmount',
        'financedAmount',
        'installmentCount',
        'frequency',
        'firstDueDate',
        'installments',
      ],
      ...(options.metadata ? { metadata: options.metadata } : {}),
    });
    for (const offer of await this.offers.ofQuote(db, actor.clinicId, quote.id, 'OFFERED')) {
      if (offer.id === options.keepOfferId) continue;
      await this.offerLifecycle.fire(db, actor, offer, 'withdraw', {
        changes: {
          withdrawnAt: now,
          withdrawnById: 'createdById' in createdBy ? createdBy.createdById : null,
        },
        metadata: { reason: 'payment-plan-created', paymentPlanId: plan.id, ...options.metadata },
      });
    }
    return plan;
  }

  getPaymentPlan(caller: Caller, id: string): Promise<PaymentPlanResponse> {
    return this.tx.run(async (db) => {
      const plan = await this.paymentPlans.findById(db, caller.clinicId, id);
      if (!plan) throw new NotFound(ENTITY, id);
      await this.audit.recordReads(db, caller, 'payment-plan.read', ENTITY, [plan.id]);
      return this.response(db, caller.clinicId, plan);
    });
  }

  listPaymentPlans(
    caller: Caller,
    query: ListPaymentPlansQuery,
  ): Promise<Page<PaymentPlanResponse>> {
    return this.tx.run(async (db) => {
      const page = await this.paymentPlans.list(db, caller.clinicId, query, query);
      const ids = page.data.map((p) => p.id);
      const installments = await this.paymentPlans.installmentsOf(db, caller.clinicId, ids);
      const payments = await this.paymentPlans.paymentsOf(db, caller.clinicId, ids);
      await this.audit.recordReads(db, caller, 'payment-plan.list', ENTITY, ids);
      return {
        data: page.data.map((p) =>
          toPaymentPlanResponse(
            p,
            installments.filter((i) => i.paymentPlanId === p.id),
            payments.filter((x) => x.paymentPlanId === p.id),
          ),
        ),
        nextCursor: page.nextCursor,
      };
    });
  }

  /**
   * Applies a payment to the oldest unpaid installments. The plan row is locked first, so
   * concurrent payments queue and each checks the balance the previous one left: together they
   * can never pay more than is owed.
   */
  recordPayment(
    caller: Caller,
    id: string,
    body: RecordPaymentBody,
    ifMatch: number | undefined,
  ): Promise<PaymentPlanResponse> {
    return this.tx.run(async (db) => {
      const plan = lockedAtVersion(
        await this.paymentPlans.lockById(db, caller.clinicId, id),
        ifMatch,
        ENTITY,
        id,
      );
      this.lifecycle.assertAllows(plan, 'record-payment');
      const installments = await this.paymentPlans.installmentsOf(db, caller.clinicId, [plan.id]);
      const outstanding = outstandingOf(installments);
      if (body.amount.compare(outstanding) > 0)
        throw ValidationFailed.field(
          'amount',
          `Must not exceed the outstanding balance (${outstanding.toDecimal()})`,
        );

      const changes = allocatePaymentToInstallments(
        installments.map(installmentBalance),
        body.amount,
      );
      for (const change of changes)
        await this.paymentPlans.updateInstallment(db, caller.clinicId, change.id, {
          paidAmount: change.paidAmount.toDecimal(),
          status: change.status,
        });
      const payment = {
        clinicId: caller.clinicId,
        id: newId(),
        paymentPlanId: plan.id,
        amount: body.amount.toDecimal(),
        method: body.method,
        reference: body.reference ?? null,
        receivedAt: this.clock.now(),
        recordedById: caller.userId,
      };
      await this.paymentPlans.insertPayment(db, payment);
      // Once the surgery is billed, billing credits the payment to the bill in this transaction.
      await this.paymentHooks.run(db, caller, plan, payment);
      const paidInFull = body.amount.compare(outstanding) === 0;
      const updated = await this.lifecycle.fire(
        db,
        caller,
        plan,
        'record-payment',
        {
          changedFields: paidInFull
            ? ['payments', 'installments', 'status']
            : ['payments', 'installments'],
        },
        { paidInFull },
      );
      return this.response(db, caller.clinicId, updated);
    });
  }

  private assertFirstDueDate(firstDueDate: string): void {
    const today = this.clock.now();
    const todayDate = today.toISOString().slice(0, 10);
    if (firstDueDate < todayDate)
      throw ValidationFailed.field(
        'firstDueDate',
        `Must not be in the past (today is ${todayDate})`,
      );
    const latest = new Date(today);
    latest.setUTCFullYear(today.getUTCFullYear() + MAX_YEARS_AHEAD);
    if (firstDueDate > latest.toISOString().slice(0, 10))
      throw ValidationFailed.field(
        'firstDueDate',
        `Must be within ${MAX_YEARS_AHEAD} years from today`,
      );
  }

  async response(db: Db, clinicId: ClinicId, plan: PaymentPlanRow): Promise<PaymentPlanResponse> {
    const installments = await this.paymentPlans.installmentsOf(db, clinicId, [plan.id]);
    const payments = await this.paymentPlans.paymentsOf(db, clinicId, [plan.id]);
    return toPaymentPlanResponse(plan, installments, payments);
  }
}

function alreadyPlanned(): Duplicate {
  return new Duplicate('This quote already has a payment plan', 'quoteId');
}
