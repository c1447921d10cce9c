import { Body, Controller, Get, HttpCode, Post, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ZodResponse } from 'nestjs-zod';
import type { PatientLinkActor } from '../../../common/auth/caller';
import { ApiOperationDoc } from '../../../common/http/api-operation';
import { ApiPdfResponse, sendPdf } from '../../../common/http/pdf-response';
import { PortalOverviewDto, PortalQuoteDto, VerifyPatientDto } from '../dto/patient-portal.dto';
import { CurrentPatientLink, PatientPortalRoute } from '../services/patient-link.guard';
import { PatientPortalService } from '../services/patient-portal.service';

/**
 * The patient's side (docs/patient-portal.md): each route admits only a live link with the
 * patient's date of birth, and sees only that link's plan.
 */
@ApiTags('patient-portal')
@Controller('patient-portal')
export class PatientPortalController {
  constructor(private readonly portal: PatientPortalService) {}

  @Post('verify')
  @HttpCode(200)
  @PatientPortalRoute({ dobInBody: true })
  @ApiOperationDoc({
    summary: 'Confirm the date of birth',
    description:
      "The patient's first step: the date of birth on record opens the plan's overview; a wrong one is 403 `PATIENT_LINK_DOB_MISMATCH` with `attemptsLeft`, and the fifth locks the link. Every later request carries the date in `X-Patient-Date-Of-Birth`.",
  })
  @ZodResponse({ status: 200, type: PortalOverviewDto })
  verify(@CurrentPatientLink() actor: PatientLinkActor, @Body() _body: VerifyPatientDto) {
    return this.portal.overview(actor);
  }

  @Get()
  @PatientPortalRoute()
  @ApiOperationDoc({
    summary: "The patient's plan at a glance",
    description:
      'The clinic, the procedure, and where each step stands: quote, consent, FDA checklist, approval, payment plan, implant cards. Audited as a read.',
  })
  @ZodResponse({ status: 200, type: PortalOverviewDto })
  overview(@CurrentPatientLink() actor: PatientLinkActor) {
    return this.portal.overview(actor);
  }

  @Get('quote')
  @PatientPortalRoute()
  @ApiOperationDoc({
    summary: "The plan's quote",
    description:
      "The plan's current quote: its lines, what insurance and the patient pay, and its validity. 404 when none is issued. Audited as a read.",
  })
  @ZodResponse({ status: 200, type: PortalQuoteDto })
  quote(@CurrentPatientLink() actor: PatientLinkActor) {
    return this.portal.quote(actor);
  }

  @Get('quote/pdf')
  @PatientPortalRoute()
  @ApiOperationDoc({
    summary: 'Print the quote',
    description: "The plan's current quote as a PDF. 404 when none is issued. Audited as a read.",
  })
  @ApiPdfResponse('The quote, printable')
  async quotePdf(
    @CurrentPatientLink() actor: PatientLinkActor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    return sendPdf(reply, await this.portal.quotePdf(actor));
  }
}
