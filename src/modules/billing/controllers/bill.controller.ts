import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { CurrentUser, Roles } from '../../../common/auth/auth.decorators';
import type { Caller } from '../../../common/auth/caller';
import { ApiOperationDoc } from '../../../common/http/api-operation';
import { IdParams } from '../../../common/http/id-params.dto';
import { IfMatch } from '../../../common/http/versioning';
import {
  BillDto,
  BillPageDto,
  ListBillsQueryDto,
  RecordBillPaymentDto,
  VoidBillDto,
} from '../dto/bill.dto';
import { BillingService } from '../services/billing.service';

/**
 * Bills and their payments (docs/roles.md): BILLING records payments; COORDINATOR (the front desk)
 * reads bills too. Bills are made by completing a case.
 */
@ApiTags('bills')
@ApiBearerAuth()
@Controller('bills')
@Roles('BILLING')
export class BillController {
  constructor(private readonly billing: BillingService) {}

  @Get()
  @ApiOperationDoc({
    summary: 'List bills',
    description:
      "The clinic's bills, a page at a time, optionally of a surgical case or patient. Changes nothing.",
  })
  @Roles('BILLING', 'COORDINATOR')
  @ZodResponse({ status: 200, type: BillPageDto })
  list(@CurrentUser() caller: Caller, @Query() query: ListBillsQueryDto) {
    return this.billing.listBills(caller, query);
  }

  @Get(':id')
  @ApiOperationDoc({
    summary: 'Get a bill',
    description: 'One bill with its line items, totals, payments and balances. Changes nothing.',
  })
  @Roles('BILLING', 'COORDINATOR')
  @ZodResponse({ status: 200, type: BillDto })
  get(@CurrentUser() caller: Caller, @Param() params: IdParams) {
    return this.billing.getBill(caller, params.id);
  }

  /** 201: a payment record is created; the body is the updated bill (paid, balances, status). */
  @Post(':id/payments')
  @ApiOperationDoc({
    summary: 'Record a bill payment',
    description:
      "Records an insurance or patient payment on an OPEN bill, up to that payer's balance (more is a 400); a bill paid in full becomes PAID. Audited.",
    errors: ['INVALID_STATE_TRANSITION'],
  })
  @ZodResponse({ status: 201, type: BillDto })
  recordPayment(
    @CurrentUser() caller: Caller,
    @Param() params: IdParams,
    @Body() body: RecordBillPaymentDto,
    @IfMatch() ifMatch: number | undefined,
  ) {
    return this.billing.recordPayment(caller, params.id, body, ifMatch);
  }

  @Post(':id/void')
  @ApiOperationDoc({
    summary: 'Void a bill',
    description: 'Voids an OPEN bill with no payments, with a reason. Audited.',
    errors: ['INVALID_STATE_TRANSITION'],
  })
  @Roles('ADMIN')
  @HttpCode(200)
  @ZodResponse({ status: 200, type: BillDto })
  voidBill(
    @CurrentUser() caller: Caller,
    @Param() params: IdParams,
    @Body() body: VoidBillDto,
    @IfMatch() ifMatch: number | undefined,
  ) {
    return this.billing.voidBill(caller, params.id, body, ifMatch);
  }
}
