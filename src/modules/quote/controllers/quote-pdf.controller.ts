import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Roles } from '../../../common/auth/auth.decorators';
import type { Caller } from '../../../common/auth/caller';
import { ApiOperationDoc } from '../../../common/http/api-operation';
import { ApiPdfResponse, sendPdf } from '../../../common/http/pdf-response';
import { IdParams } from '../../../common/http/id-params.dto';
import { QuotePdfService } from '../services/quote-pdf.service';

/** The quote as a PDF. */
@ApiTags('quotes')
@ApiBearerAuth()
@Controller('quotes')
export class QuotePdfController {
  constructor(private readonly quotePdfs: QuotePdfService) {}

  @Get(':id/pdf')
  @ApiOperationDoc({
    summary: 'Print a quote',
    description:
      'The quote as a PDF: clinic, patient, plan, lines, portions and validity. Changes nothing.',
  })
  @Roles('BILLING', 'COORDINATOR', 'SURGEON')
  @ApiPdfResponse('The quote, printable: clinic, patient, plan, lines, portions, validity')
  async pdf(
    @CurrentUser() caller: Caller,
    @Param() params: IdParams,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    return sendPdf(reply, await this.quotePdfs.renderQuotePdf(caller, params.id));
  }
}
