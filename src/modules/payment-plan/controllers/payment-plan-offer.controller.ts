import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { CurrentUser, Roles } from '../../../common/auth/auth.decorators';
import type { Caller } from '../../../common/auth/caller';
import { ApiOperationDoc } from '../../../common/http/api-operation';
import { IdParams } from '../../../common/http/id-params.dto';
import {
  CreatePaymentPlanOfferDto,
  PaymentPlanOfferDto,
  PaymentPlanOfferListDto,
} from '../dto/payment-plan.dto';
import { PaymentPlanOfferService } from '../services/payment-plan-offer.service';

/**
 * Payment-plan offers (docs/payment-plans.md "Offers"): BILLING and COORDINATOR offer terms for a
 * quote; the patient chooses one through the patient link.
 */
@ApiTags('payment-plans')
@ApiBearerAuth()
@Controller()
@Roles('BILLING', 'COORDINATOR')
export class PaymentPlanOfferController {
  constructor(private readonly offers: PaymentPlanOfferService) {}

  @Post('quotes/:id/payment-plan-offers')
  @ApiOperationDoc({
    summary: 'Offer a payment plan',
    description:
      "Offers the patient terms (deposit, installments, frequency, first due date) for an ISSUED or ACCEPTED quote's patient portion, checked as a payment plan's are; the answer shows the installments to the cent. The patient chooses one through the patient link. Audited.",
    errors: ['INVALID_STATE_TRANSITION', 'DUPLICATE'],
  })
  @ZodResponse({ status: 201, type: PaymentPlanOfferDto })
  offer(
    @CurrentUser() caller: Caller,
    @Param() params: IdParams,
    @Body() body: CreatePaymentPlanOfferDto,
  ) {
    return this.offers.offer(caller, params.id, body);
  }

  @Get('quotes/:id/payment-plan-offers')
  @ApiOperationDoc({
    summary: "List a quote's payment-plan offers",
    description:
      'Every offer of the quote, oldest first, whatever its status, with its installments. Audited as a read of each offer. Changes nothing.',
  })
  @ZodResponse({ status: 200, type: PaymentPlanOfferListDto })
  list(@CurrentUser() caller: Caller, @Param() params: IdParams) {
    return this.offers.listForQuote(caller, params.id);
  }

  @Post('payment-plan-offers/:id/withdraw')
  @ApiOperationDoc({
    summary: 'Withdraw a payment-plan offer',
    description:
      'An OFFERED offer becomes WITHDRAWN: the patient no longer sees it. A chosen or withdrawn one is a 409. Audited.',
    errors: ['INVALID_STATE_TRANSITION'],
  })
  @HttpCode(200)
  @ZodResponse({ status: 200, type: PaymentPlanOfferDto })
  withdraw(@CurrentUser() caller: Caller, @Param() params: IdParams) {
    return this.offers.withdraw(caller, params.id);
  }
}
