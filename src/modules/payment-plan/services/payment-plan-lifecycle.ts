import { Injectable } from '@nestjs/common';
import { AuditWriter } from '../../../common/audit/audit-writer';
import type { ClinicId } from '../../../common/auth/caller';
import type { Db } from '../../../common/database/database';
import { TransitionTable } from '../../../common/state-machine';
import { StatusLifecycle } from '../../../common/status-lifecycle';
import {
  PaymentPlanRepository,
  type PaymentPlanRow,
} from '../repositories/payment-plan.repository';
import { PAYMENT_PLAN_STATUSES, type PaymentPlanStatus } from '../repositories/payment-plan.schema';

export const PAYMENT_PLAN_EVENTS = ['record-payment'] as const;
export type PaymentPlanEvent = (typeof PAYMENT_PLAN_EVENTS)[number];

/** What the guards read: whether the payment pays the plan's outstanding balance in full. */
export interface PaymentPlanFacts {
  paidInFull: boolean;
}

/**
 * A payment plan's state machine (docs/payment-plans.md): created ACTIVE, it takes payments until
 * the last one pays it in full and makes it COMPLETED. Nothing cancels a plan yet (no route writes
 * CANCELLED), so no row leads there; a COMPLETED or CANCELLED plan takes no payment.
 */
export const PAYMENT_PLAN_TRANSITIONS = new TransitionTable<
  PaymentPlanStatus,
  PaymentPlanEvent,
  PaymentPlanFacts
>(PAYMENT_PLAN_STATUSES, PAYMENT_PLAN_EVENTS, [
  { from: 'ACTIVE', event: 'record-payment', to: 'COMPLETED', guard: (f) => f.paidInFull },
  { from: 'ACTIVE', event: 'record-payment', to: 'ACTIVE', guard: (f) => !f.paidInFull },
]);

/** Writes a payment plan's status (a new version) and `payment-plan.<event>`. */
@Injectable()
export class PaymentPlanLifecycle extends StatusLifecycle<
  PaymentPlanStatus,
  PaymentPlanEvent,
  PaymentPlanRow,
  Record<string, never>,
  PaymentPlanFacts
> {
  protected readonly table = PAYMENT_PLAN_TRANSITIONS;
  protected readonly entityType = 'PaymentPlan';
  protected readonly action = 'payment-plan';

  constructor(
    private readonly paymentPlans: PaymentPlanRepository,
    audit: AuditWriter,
  ) {
    super(audit);
  }

  protected write(
    db: Db,
    clinicId: ClinicId,
    id: string,
    status: PaymentPlanStatus,
  ): Promise<PaymentPlanRow> {
    return this.paymentPlans.updateStatus(db, clinicId, id, status);
  }
}
