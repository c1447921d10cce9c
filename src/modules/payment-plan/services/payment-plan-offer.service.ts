import { Injectable } from '@nestjs/common';
import { AuditWriter } from '../../../common/audit/audit-writer';
import type { Caller, ClinicId, PatientLinkActor } from '../../../common/auth/caller';
import { Clock } from '../../../common/clock';
import type { Db } from '../../../common/database/database';
import { TransactionRunner } from '../../../common/database/transaction-runner';
import { Duplicate, InvalidStateTransition, NotFound } from '../../../common/errors/domain-error';
import { newId } from '../../../common/ids';
import { Money } from '../../../common/money';
import { QuoteQueries } from '../../quote';
import type {
  CreatePaymentPlanOfferBody,
  PatientPaymentPlans,
  PaymentPlanOfferResponse,
} from '../dto/payment-plan.dto';
import {
  PaymentPlanOfferRepository,
  type PaymentPlanOfferRow,
} from '../repositories/payment-plan-offer.repository';
import { PaymentPlanRepository } from '../repositories/payment-plan.repository';
import { installmentSchedule } from './installment-schedule';
import { PaymentPlanOfferLifecycle } from './payment-plan-offer-lifecycle';
import { PaymentPlanService, type QuoteRow } from './payment-plan.service';

const ENTITY = 'PaymentPlanOffer';
/** The audit metadata of whatever the patient does through the link (docs/patient-portal.md). */
const VIA_LINK = { via: 'patient-link' } as const;

/**
 * Payment-plan offers (docs/payment-plans.md "Offers"): the staff offer terms for a quote's
 * patient portion; the patient chooses one through the patient link, which makes the payment plan
 * through PaymentPlanService's one path.
 */
@Injectable()
export class PaymentPlanOfferService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly offers: PaymentPlanOfferRepository,
    private readonly lifecycle: PaymentPlanOfferLifecycle,
    private readonly paymentPlans: PaymentPlanRepository,
    private readonly plans: PaymentPlanService,
    private readonly quotes: QuoteQueries,
    private readonly audit: AuditWriter,
    private readonly clock: Clock,
  ) {}

  /**
   * Offers terms for an ISSUED or ACCEPTED quote, checked as a payment plan's are. A quote that
   * already has a payment plan takes no offer (409 DUPLICATE).
   */
  offer(
    caller: Caller,
    quoteId: string,
    body: CreatePaymentPlanOfferBody,
  ): Promise<PaymentPlanOfferResponse> {
    return this.tx.run(async (db) => {
      const quote = await this.quotes.lock(db, caller.clinicId, quoteId);
      if (!quote) throw new NotFound('Quote', quoteId);
      if (quote.status !== 'ISSUED' && quote.status !== 'ACCEPTED')
        throw new InvalidStateTransition(quote.status, 'offer a payment plan for this quote');
      if (await this.paymentPlans.liveForQuote(db, caller.clinicId, quote.id))
        throw new Duplicate('This quote already has a payment plan', 'quoteId');
      this.plans.checkTerms(quote, body);
      const offer = await this.offers.insert(db, {
        clinicId: caller.clinicId,
        id: newId(),
        quoteId: quote.id,
        depositAmount: body.depositAmount.toDecimal(),
        installmentCount: body.installmentCount,
        frequency: body.frequency,
        firstDueDate: body.firstDueDate,
        createdById: caller.userId,
      });
      await this.audit.record(db, caller, {
        action: 'payment-plan-offer.create',
        entityType: ENTITY,
        entityId: offer.id,
        changedFields: [
          'quoteId',
          'depositAmount',
          'installmentCount',
          'frequency',
          'firstDueDate',
        ],
      });
      return toOfferResponse(offer, quote);
    });
  }

  /** Every offer of a quote, oldest first, whatever its status. Audited per offer. */
  listForQuote(caller: Caller, quoteId: string): Promise<{ data: PaymentPlanOfferResponse[] }> {
    return this.tx.run(async (db) => {
      const quote = await this.quotes.findById(db, caller.clinicId, quoteId);
      if (!quote) throw new NotFound('Quote', quoteId);
      const offers = await this.offers.ofQuote(db, caller.clinicId, quote.id);
      await this.audit.recordReads(
        db,
        caller,
        'payment-plan-offer.list',
        ENTITY,
        offers.map((o) => o.id),
      );
      return { data: offers.map((o) => toOfferResponse(o, quote)) };
    });
  }

  /** OFFERED → WITHDRAWN: the patient no longer sees it. Locks the quote, then the offer. */
  withdraw(caller: Caller, offerId: string): Promise<PaymentPlanOfferResponse> {
    return this.tx.run(async (db) => {
      const found = await this.offers.findById(db, caller.clinicId, offerId);
      if (!found) throw new NotFound(ENTITY, offerId);
      const quote = await this.quotes.lock(db, caller.clinicId, found.quoteId);
      const offer = await this.offers.lockById(db, caller.clinicId, offerId);
      if (!quote || !offer) throw new NotFound(ENTITY, offerId);
      this.lifecycle.assertAllows(offer, 'withdraw');
      const updated = await this.lifecycle.fire(db, caller, offer, 'withdraw', {
        changes: { withdrawnAt: this.clock.now(), withdrawnById: caller.userId },
      });
      return toOfferResponse(updated, quote);
    });
  }

  /**
   * The patient's view (the portal): the open offers of the plan's live quote, each with its
   * installments, and the quote's payment plan once there is one (then no offers: a quote has one
   * plan). Found only through the link's plan. Audited as reads by the link.
   */
  forPatient(actor: PatientLinkActor): Promise<PatientPaymentPlans> {
    return this.tx.run(async (db) => {
      const answer = await this.patientView(db, actor);
      await this.recordPatientReads(db, actor, answer);
      return answer.body;
    });
  }

  /**
   * Where the plan's payment plan stands, for the portal's overview (`steps.paymentPlan`), in the
   * caller's transaction and unaudited (the overview audits its own read): CHOSEN once the live
   * quote has a payment plan (chosen through the link or made by the staff), OFFERED while it has
   * open offers, else NONE.
   */
  async paymentPlanStep(
    db: Db,
    clinicId: ClinicId,
    planId: string,
  ): Promise<'NONE' | 'OFFERED' | 'CHOSEN'> {
    const quote = await this.quotes.liveForPlan(db, clinicId, planId);
    if (!quote) return 'NONE';
    if (await this.paymentPlans.liveForQuote(db, clinicId, quote.id)) return 'CHOSEN';
    return (await this.offers.ofQuote(db, clinicId, quote.id, 'OFFERED')).length > 0
      ? 'OFFERED'
      : 'NONE';
  }

  /**
   * The patient chooses an open offer of the plan's live quote, which must be ACCEPTED (the
   * patient approved the plan first). In one transaction, under the quote's lock: the payment plan
   * is made exactly as the staff's route makes it (created by the link), the offer becomes
   * CHOSEN and the quote's other offers WITHDRAWN. A second choice is 409.
   */
  chooseAsPatient(actor: PatientLinkActor, offerId: string): Promise<PatientPaymentPlans> {
    return this.tx.run(async (db) => {
      const live = await this.quotes.liveForPlan(db, actor.clinicId, actor.procedurePlanId);
      // Two choices queue here; the second then finds its offer no longer OFFERED.
      const quote = live ? await this.quotes.lock(db, actor.clinicId, live.id) : undefined;
      const offer = quote ? await this.offers.lockById(db, actor.clinicId, offerId) : undefined;
      // An offer of another plan's quote (or clinic) is not found: the link sees its plan only.
      if (!quote || !offer || offer.quoteId !== quote.id) throw new NotFound(ENTITY, offerId);
      if (offer.status !== 'OFFERED')
        throw new InvalidStateTransition(
          offer.status,
          'choose',
          offer.status === 'CHOSEN'
            ? 'This payment plan was already chosen'
            : 'This payment plan is no longer offered',
        );
      if (quote.status !== 'ACCEPTED')
        throw new InvalidStateTransition(
          quote.status,
          'choose',
          'Approve your treatment plan first; then you can choose a payment plan',
        );
      const plan = await this.plans.createForLockedQuote(
        db,
        actor.audit,
        quote,
        {
          depositAmount: Money.fromDecimal(offer.depositAmount),
          installmentCount: offer.installmentCount,
          frequency: offer.frequency,
          firstDueDate: offer.firstDueDate,
        },
        { createdByPatientLinkId: actor.linkId },
        { keepOfferId: offer.id, metadata: VIA_LINK },
      );
      await this.lifecycle.fire(db, actor.audit, offer, 'choose', {
        changes: {
          chosenAt: this.clock.now(),
          chosenByPatientLinkId: actor.linkId,
          paymentPlanId: plan.id,
        },
        metadata: VIA_LINK,
      });
      return (await this.patientView(db, actor)).body;
    });
  }

  private async patientView(
    db: Db,
    actor: PatientLinkActor,
  ): Promise<{ body: PatientPaymentPlans; offerIds: string[]; planId?: string }> {
    const quote = await this.quotes.liveForPlan(db, actor.clinicId, actor.procedurePlanId);
    if (!quote) return { body: { offers: [], chosen: null }, offerIds: [] };
    const plan = await this.paymentPlans.liveForQuote(db, actor.clinicId, quote.id);
    if (plan) {
      const full = await this.plans.response(db, actor.clinicId, plan);
      return {
        body: {
          offers: [],
          chosen: {
            paymentPlanNumber: full.paymentPlanNumber,
            depositAmount: full.depositAmount,
            balance: full.balance,
            installments: full.installments,
          },
        },
        offerIds: [],
        planId: plan.id,
      };
    }
    const offers = await this.offers.ofQuote(db, actor.clinicId, quote.id, 'OFFERED');
    return {
      body: {
        offers: offers.map((o) => {
          const r = toOfferResponse(o, quote);
          return {
            id: r.id,
            depositAmount: r.depositAmount,
            installmentCount: r.installmentCount,
            frequency: r.frequency,
            firstDueDate: r.firstDueDate,
            installments: r.installments,
          };
        }),
        chosen: null,
      },
      offerIds: offers.map((o) => o.id),
    };
  }

  private async recordPatientReads(
    db: Db,
    actor: PatientLinkActor,
    view: { offerIds: string[]; planId?: string },
  ): Promise<void> {
    for (const id of view.offerIds)
      await this.audit.record(db, actor.audit, {
        action: 'payment-plan-offer.read',
        entityType: ENTITY,
        entityId: id,
        metadata: VIA_LINK,
      });
    if (view.planId)
      await this.audit.record(db, actor.audit, {
        action: 'payment-plan.read',
        entityType: 'PaymentPlan',
        entityId: view.planId,
        metadata: VIA_LINK,
      });
  }
}

/** An offer with its installments, split as the payment plan would split them. */
export function toOfferResponse(
  offer: PaymentPlanOfferRow,
  quote: QuoteRow,
): PaymentPlanOfferResponse {
  const deposit = Money.fromDecimal(offer.depositAmount);
  const financed = Money.fromDecimal(quote.patientPortion).minus(deposit);
  const installments =
    !financed.isZero() && !financed.isNegative()
      ? installmentSchedule(financed, offer.installmentCount, offer.frequency, offer.firstDueDate)
      : [];
  return {
    id: offer.id,
    quoteId: offer.quoteId,
    depositAmount: deposit.toDecimal(),
    financedAmount: financed.toDecimal(),
    installmentCount: offer.installmentCount,
    frequency: offer.frequency,
    firstDueDate: offer.firstDueDate,
    status: offer.status,
    installments: installments.map((i) => ({
      number: i.number,
      dueDate: i.dueDate,
      amount: i.amount.toDecimal(),
    })),
    createdById: offer.createdById,
    chosenAt: offer.chosenAt?.toISOString() ?? null,
    paymentPlanId: offer.paymentPlanId,
    withdrawnAt: offer.withdrawnAt?.toISOString() ?? null,
    createdAt: offer.createdAt.toISOString(),
  };
}
