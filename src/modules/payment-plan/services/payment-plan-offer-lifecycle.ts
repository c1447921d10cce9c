import { Injectable } from '@nestjs/common';
import { AuditWriter } from '../../../common/audit/audit-writer';
import type { ClinicId } from '../../../common/auth/caller';
import type { Db } from '../../../common/database/database';
import { TransitionTable } from '../../../common/state-machine';
import { StatusLifecycle } from '../../../common/status-lifecycle';
import {
  PaymentPlanOfferRepository,
  type OfferChanges,
  type PaymentPlanOfferRow,
} from '../repositories/payment-plan-offer.repository';
import {
  PAYMENT_PLAN_OFFER_STATUSES,
  type PaymentPlanOfferStatus,
} from '../repositories/payment-plan.schema';

export const PAYMENT_PLAN_OFFER_EVENTS = ['choose', 'withdraw'] as const;
export type PaymentPlanOfferEvent = (typeof PAYMENT_PLAN_OFFER_EVENTS)[number];

/**
 * A payment-plan offer's state machine (docs/payment-plans.md "Offers"): OFFERED until the patient
 * chooses it (CHOSEN, which creates the payment plan) or it is withdrawn (by the staff, or because
 * another offer of the quote was chosen, or the staff created a payment plan themselves).
 */
export const PAYMENT_PLAN_OFFER_TRANSITIONS = new TransitionTable<
  PaymentPlanOfferStatus,
  PaymentPlanOfferEvent
>(PAYMENT_PLAN_OFFER_STATUSES, PAYMENT_PLAN_OFFER_EVENTS, [
  { from: 'OFFERED', event: 'choose', to: 'CHOSEN' },
  { from: 'OFFERED', event: 'withdraw', to: 'WITHDRAWN' },
]);

/** Writes an offer's status and `payment-plan-offer.<event>`. */
@Injectable()
export class PaymentPlanOfferLifecycle extends StatusLifecycle<
  PaymentPlanOfferStatus,
  PaymentPlanOfferEvent,
  PaymentPlanOfferRow,
  OfferChanges
> {
  protected readonly table = PAYMENT_PLAN_OFFER_TRANSITIONS;
  protected readonly entityType = 'PaymentPlanOffer';
  protected readonly action = 'payment-plan-offer';

  constructor(
    private readonly offers: PaymentPlanOfferRepository,
    audit: AuditWriter,
  ) {
    super(audit);
  }

  protected write(
    db: Db,
    clinicId: ClinicId,
    id: string,
    status: PaymentPlanOfferStatus,
    changes: OfferChanges | undefined,
  ): Promise<PaymentPlanOfferRow> {
    return this.offers.updateStatus(db, clinicId, id, status, changes);
  }
}
