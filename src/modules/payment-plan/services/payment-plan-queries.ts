import { Injectable } from '@nestjs/common';
import { PaymentPlanRepository } from '../repositories/payment-plan.repository';

/** What billing reads of a quote's payment plan (deposits are capped by what it finances). */
@Injectable()
export class PaymentPlanQueries {
  constructor(private readonly plans: PaymentPlanRepository) {}

  liveForQuote(
    ...args: Parameters<PaymentPlanRepository['liveForQuote']>
  ): ReturnType<PaymentPlanRepository['liveForQuote']> {
    return this.plans.liveForQuote(...args);
  }

  paymentsForQuote(
    ...args: Parameters<PaymentPlanRepository['paymentsForQuote']>
  ): ReturnType<PaymentPlanRepository['paymentsForQuote']> {
    return this.plans.paymentsForQuote(...args);
  }
}
