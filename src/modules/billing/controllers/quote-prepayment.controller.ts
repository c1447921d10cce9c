import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { CurrentUser, Roles } from '../../../common/auth/auth.decorators';
import type { Caller } from '../../../common/auth/caller';
import { ApiOperationDoc } from '../../../common/http/api-operation';
import { IdParams } from '../../../common/http/id-params.dto';
import { PrepaymentsDto, RecordPrepaymentDto } from '../dto/prepayment.dto';
import { PrepaymentService } from '../services/prepayment.service';

/** Deposits before surgery, under the quote they pay towards: BILLING takes money, COORDINATOR reads. */
@ApiTags('bills')
@ApiBearerAuth()
@Controller('quotes')
@Roles('BILLING', 'COORDINATOR')
export class QuotePrepaymentController {
  constructor(private readonly prepayments: PrepaymentService) {}

  @Get(':id/prepayments')
  @ApiOperationDoc({
    summary: "List a quote's deposits",
    description:
      'The deposits received against a quote before surgery, what its payment plans received, the bill they were credited to and any refund due. Changes nothing.',
  })
  @ZodResponse({ status: 200, type: PrepaymentsDto })
  list(@CurrentUser() caller: Caller, @Param() params: IdParams) {
    return this.prepayments.listPrepayments(caller, params.id);
  }

  /** 201: a deposit record is created; the body is the quote's deposits with the new one last. */
  @Post(':id/prepayments')
  @ApiOperationDoc({
    summary: 'Record a deposit',
    description:
      'Records a deposit against the ACCEPTED quote of an APPROVED or SCHEDULED plan, up to the patient portion less any payment plan; it is credited to the bill when the case is completed. Audited.',
    errors: ['INVALID_STATE_TRANSITION'],
  })
  @Roles('BILLING')
  @ZodResponse({ status: 201, type: PrepaymentsDto })
  record(
    @CurrentUser() caller: Caller,
    @Param() params: IdParams,
    @Body() body: RecordPrepaymentDto,
  ) {
    return this.prepayments.recordPrepayment(caller, params.id, body);
  }
}
