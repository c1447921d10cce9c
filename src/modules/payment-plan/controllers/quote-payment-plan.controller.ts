import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { CurrentUser, Roles } from '../../../common/auth/auth.decorators';
import type { Caller } from '../../../common/auth/caller';
import { ApiOperationDoc } from '../../../common/http/api-operation';
import { IdParams } from '../../../common/http/id-params.dto';
import { CreatePaymentPlanDto, PaymentPlanDto } from '../dto/payment-plan.dto';
import { PaymentPlanService } from '../services/payment-plan.service';

/** `POST /quotes/:id/payment-plan`: the route sits under the quote it finances. */
@ApiTags('payment-plans')
@ApiBearerAuth()
@Controller('quotes')
export class QuotePaymentPlanController {
  constructor(private readonly paymentPlans: PaymentPlanService) {}

  @Post(':id/payment-plan')
  @ApiOperationDoc({
    summary: 'Create a payment plan',
    description:
      'Splits the patient portion of an ACCEPTED quote, less a deposit, into installments (weekly, biweekly or monthly). One payment plan per quote. Audited.',
    errors: ['INVALID_STATE_TRANSITION', 'DUPLICATE'],
  })
  @Roles('BILLING', 'COORDINATOR')
  @ZodResponse({ status: 201, type: PaymentPlanDto })
  create(
    @CurrentUser() caller: Caller,
    @Param() params: IdParams,
    @Body() body: CreatePaymentPlanDto,
  ) {
    return this.paymentPlans.createPaymentPlan(caller, params.id, body);
  }
}
