import { Module } from '@nestjs/common';
import { QuoteModule } from '../quote';
import { PaymentPlanOfferController } from './controllers/payment-plan-offer.controller';
import { PaymentPlanController } from './controllers/payment-plan.controller';
import { QuotePaymentPlanController } from './controllers/quote-payment-plan.controller';
import { PaymentPlanOfferRepository } from './repositories/payment-plan-offer.repository';
import { PaymentPlanRepository } from './repositories/payment-plan.repository';
import { PaymentPlanOfferLifecycle } from './services/payment-plan-offer-lifecycle';
import { PaymentPlanOfferService } from './services/payment-plan-offer.service';
import { PaymentPlanLifecycle } from './services/payment-plan-lifecycle';
import { PaymentPlanPaymentHooks } from './services/payment-plan-payment-hooks';
import { PaymentPlanService } from './services/payment-plan.service';
import { PaymentPlanQueries } from './services/payment-plan-queries';

@Module({
  imports: [QuoteModule],
  controllers: [QuotePaymentPlanController, PaymentPlanController, PaymentPlanOfferController],
  providers: [
    PaymentPlanRepository,
    PaymentPlanLifecycle,
    PaymentPlanService,
    PaymentPlanQueries,
    PaymentPlanPaymentHooks,
    PaymentPlanOfferRepository,
    PaymentPlanOfferLifecycle,
    PaymentPlanOfferService,
  ],
  // The patient portal lists and chooses offers for the patient (PaymentPlanOfferService).
  exports: [PaymentPlanQueries, PaymentPlanPaymentHooks, PaymentPlanOfferService],
})
export class PaymentPlanModule {}
