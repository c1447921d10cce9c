import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Roles } from '../../../common/auth/auth.decorators';
import type { Caller } from '../../../common/auth/caller';
import { ApiOperationDoc } from '../../../common/http/api-operation';
import { ApiPdfResponse, sendPdf } from '../../../common/http/pdf-response';
import { IdParams } from '../../../common/http/id-params.dto';
import { BillPdfService } from '../services/bill-pdf.service';

/**
 * The bill as a patient statement (PDF). COORDINATOR too: coordinators hand statements to
 * patients.
 */
@ApiTags('bills')
@ApiBearerAuth()
@Controller('bills')
export class BillPdfController {
  constructor(private readonly billPdfs: BillPdfService) {}

  @Get(':id/pdf')
  @ApiOperationDoc({
    summary: 'Print a patient statement',
    description:
      'The bill as a PDF statement: clinic, patient, case, lines with serial numbers, totals, payments and balances. Changes nothing.',
  })
  @Roles('BILLING', 'COORDINATOR')
  @ApiPdfResponse(
    'The itemized statement: clinic, patient, case, lines with serial numbers, totals, payments, balances',
  )
  async pdf(
    @CurrentUser() caller: Caller,
    @Param() params: IdParams,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    return sendPdf(reply, await this.billPdfs.renderBillPdf(caller, params.id));
  }
}
