import { Module } from '@nestjs/common';
import { QuoteModule } from '../quote';
import { PaymentPlanController } from './controllers/payment-plan.controller';
import { QuotePaymentPlanController } from './controllers/quote-payment-plan.controller';
import { PaymentPlanRepository } from './repositories/payment-plan.repository';
import { PaymentPlanLifecycle } from './services/payment-plan-lifecycle';
import { PaymentPlanPaymentHooks } from './services/payment-plan-payment-hooks';
import { PaymentPlanService } from './services/payment-plan.service';
import { PaymentPlanQueries } from './services/payment-plan-queries';

@Module({
  imports: [QuoteModule],
  controllers: [QuotePaymentPlanController, PaymentPlanController],
  providers: [
    PaymentPlanRepository,
    PaymentPlanLifecycle,
    PaymentPlanService,
    PaymentPlanQueries,
    PaymentPlanPaymentHooks,
  ],
  exports: [PaymentPlanQueries, PaymentPlanPaymentHooks],
})
export class PaymentPlanModule {}
