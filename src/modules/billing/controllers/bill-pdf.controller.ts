import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Roles } from '../../../common/auth/auth.decorators';
import type { Caller } from '../../../common/auth/caller';
import { ApiOperationDoc } from '../../../common/http/api-operation';
import { IdParams } from '../../../common/http/id-params.dto';
import { BillPdfService } from '../services/bill-pdf.service';

/**
 * The bill as a patient statement (PDF). COORDINATOR too: coordinators hand statements to
 * patients. No @ZodResponse: the body is bytes.
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
  @ApiProduces('application/pdf')
  @ApiOkResponse({
    description:
      'The itemized statement: clinic, patient, case, lines with serial numbers, totals, payments, balances',
    schema: { type: 'string', format: 'binary' },
  })
  async pdf(
    @CurrentUser() caller: Caller,
    @Param() params: IdParams,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const { fileName, pdf } = await this.billPdfs.renderBillPdf(caller, params.id);
    void reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `inline; filename="${fileName}"`);
    return pdf;
  }
}
