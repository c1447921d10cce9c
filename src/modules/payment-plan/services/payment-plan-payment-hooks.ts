import { Injectable } from '@nestjs/common';
import type { Caller } from '../../../common/auth/caller';
import type { Db } from '../../../common/database/database';
import type { PaymentPlanRow, PaymentRow } from '../repositories/payment-plan.repository';

/** Runs in the payment's transaction, with the payment plan row locked and the payment written. */
export type AfterPaymentPlanPayment = (
  db: Db,
  caller: Caller,
  plan: PaymentPlanRow,
  payment: PaymentRow,
) => Promise<void>;

/**
 * What other modules do when a payment-plan payment is recorded, in the same transaction: billing
 * credits it to the plan's bill once the surgery is billed (docs/billing.md "Money before
 * surgery"). Billing registers here at start-up, so this module does not depend on billing.
 */
@Injectable()
export class PaymentPlanPaymentHooks {
  private readonly hooks: AfterPaymentPlanPayment[] = [];

  register(hook: AfterPaymentPlanPayment): void {
    this.hooks.push(hook);
  }

  async run(db: Db, caller: Caller, plan: PaymentPlanRow, payment: PaymentRow): Promise<void> {
    for (const hook of this.hooks) await hook(db, caller, plan, payment);
  }
}
