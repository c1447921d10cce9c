import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Roles } from '../../../common/auth/auth.decorators';
import type { Caller } from '../../../common/auth/caller';
import { ApiOperationDoc } from '../../../common/http/api-operation';
import { IdParams } from '../../../common/http/id-params.dto';
import { QuotePdfService } from '../services/quote-pdf.service';

/**
 * The quote as a PDF. No @ZodResponse: the body is bytes, which the zod serializer leaves alone
 * when a route declares no response schema.
 */
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
  @ApiProduces('application/pdf')
  @ApiOkResponse({
    description: 'The quote, printable: clinic, patient, plan, lines, portions, validity',
    schema: { type: 'string', format: 'binary' },
  })
  async pdf(
    @CurrentUser() caller: Caller,
    @Param() params: IdParams,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const { fileName, pdf } = await this.quotePdfs.renderQuotePdf(caller, params.id);
    void reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `inline; filename="${fileName}"`);
    return pdf;
  }
}
