import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Roles } from '../../../common/auth/auth.decorators';
import type { Caller } from '../../../common/auth/caller';
import { ApiOperationDoc } from '../../../common/http/api-operation';
import { ApiPdfResponse, sendPdf } from '../../../common/http/pdf-response';
import { IdParams } from '../../../common/http/id-params.dto';
import { ConsentPdfService } from '../services/consent-pdf.service';

/** The signed consent as a document for the patient's chart. */
@ApiTags('consents')
@ApiBearerAuth()
@Roles('SURGEON', 'NURSE', 'COORDINATOR')
@Controller('consents')
export class ConsentPdfController {
  constructor(private readonly consentPdfs: ConsentPdfService) {}

  @Get(':id/pdf')
  @ApiOperationDoc({
    summary: 'Print a signed consent',
    description:
      "The signed consent as a PDF: the text the patient signed, template code and version, signer, relationship, signature method, signed time in the clinic's time zone, who recorded and witnessed it, and the content hash. A consent not yet signed is 409 INVALID_STATE_TRANSITION. Audited as a read.",
    errors: ['INVALID_STATE_TRANSITION'],
  })
  @ApiPdfResponse('The signed consent: text, template, signer, signed time, content hash')
  async pdf(
    @CurrentUser() caller: Caller,
    @Param() params: IdParams,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    return sendPdf(reply, await this.consentPdfs.renderConsentPdf(caller, params.id));
  }
}
