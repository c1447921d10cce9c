import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { CurrentUser, Roles } from '../../../common/auth/auth.decorators';
import type { Caller } from '../../../common/auth/caller';
import { ApiOperationDoc } from '../../../common/http/api-operation';
import { IdParams } from '../../../common/http/id-params.dto';
import { IfMatch } from '../../../common/http/versioning';
import {
  ListPaymentPlansQueryDto,
  PaymentPlanDto,
  PaymentPlanPageDto,
  RecordPaymentDto,
} from '../dto/payment-plan.dto';
import { PaymentPlanService } from '../services/payment-plan.service';

/** Patient financial data: BILLING and COORDINATOR read it; only BILLING records payments (docs/design.md §8). */
@ApiTags('payment-plans')
@ApiBearerAuth()
@Controller('payment-plans')
@Roles('BILLING', 'COORDINATOR')
export class PaymentPlanController {
  constructor(private readonly paymentPlans: PaymentPlanService) {}

  @Get()
  @ApiOperationDoc({
    summary: 'List payment plans',
    description:
      "The clinic's payment plans, a page at a time, optionally of a patient or quote. Changes nothing.",
  })
  @ZodResponse({ status: 200, type: PaymentPlanPageDto })
  list(@CurrentUser() caller: Caller, @Query() query: ListPaymentPlansQueryDto) {
    return this.paymentPlans.listPaymentPlans(caller, query);
  }

  @Get(':id')
  @ApiOperationDoc({
    summary: 'Get a payment plan',
    description: 'One payment plan with its installments and balance. Changes nothing.',
  })
  @ZodResponse({ status: 200, type: PaymentPlanDto })
  get(@CurrentUser() caller: Caller, @Param() params: IdParams) {
    return this.paymentPlans.getPaymentPlan(caller, params.id);
  }

  /** 201: a payment record is created; the body is the updated payment plan (balance, installments). */
  @Post(':id/payments')
  @ApiOperationDoc({
    summary: 'Record an installment payment',
    description:
      'Records a payment on an ACTIVE payment plan, applied to the earliest open installments; more than is owed is a 400. Audited.',
    errors: ['INVALID_STATE_TRANSITION'],
  })
  @Roles('BILLING')
  @ZodResponse({ status: 201, type: PaymentPlanDto })
  recordPayment(
    @CurrentUser() caller: Caller,
    @Param() params: IdParams,
    @Body() body: RecordPaymentDto,
    @IfMatch() ifMatch: number | undefined,
  ) {
    return this.paymentPlans.recordPayment(caller, params.id, body, ifMatch);
  }
}
