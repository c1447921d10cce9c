import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ZodResponse } from 'nestjs-zod';
import type { PatientLinkActor } from '../../../common/auth/caller';
import { ApiOperationDoc } from '../../../common/http/api-operation';
import { ApiPdfResponse, sendPdf } from '../../../common/http/pdf-response';
import { IdParams } from '../../../common/http/id-params.dto';
import {
  ConsentPdfService,
  ConsentService,
  PatientConsentDto,
  PatientSignConsentDto,
} from '../../consent';
import { PaymentPlanOfferService } from '../../payment-plan';
import { ImplantCardService } from '../../theater';
import {
  PortalImplantCardsDto,
  PortalOverviewDto,
  PortalPaymentPlansDto,
  PortalQuoteDto,
  VerifyPatientDto,
} from '../dto/patient-portal.dto';
import { CurrentPatientLink, PatientPortalRoute } from '../services/patient-link.guard';
import { PatientPortalService } from '../services/patient-portal.service';

/**
 * The patient's side (docs/patient-portal.md): each route admits only a live link with the
 * patient's date of birth, and sees only that link's plan.
 */
@ApiTags('patient-portal')
@Controller('patient-portal')
export class PatientPortalController {
  constructor(
    private readonly portal: PatientPortalService,
    private readonly consents: ConsentService,
    private readonly consentPdfs: ConsentPdfService,
    private readonly offers: PaymentPlanOfferService,
    private readonly implantCards: ImplantCardService,
  ) {}

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

  @Get('consent')
  @PatientPortalRoute()
  @ApiOperationDoc({
    summary: 'The consent to sign',
    description:
      "The plan's consent: its exact title and text, their content hash (SHA-256), its status, and once signed the signature's evidence (signer, time, method, IP address, browser, link). 404 when the plan has none. Audited as a read.",
  })
  @ZodResponse({ status: 200, type: PatientConsentDto })
  consent(@CurrentPatientLink() actor: PatientLinkActor) {
    return this.consents.forPatient(actor);
  }

  @Post('consent/sign')
  @HttpCode(200)
  @PatientPortalRoute()
  @ApiOperationDoc({
    summary: 'Sign the consent',
    description:
      "The patient signs the consent they were shown: `contentHash` must be the text's (409 `CONSENT_CONTENT_CHANGED`), `signerName` the patient's full name as typed, `signatureImage` the drawn signature as a PNG data URL. Recorded with its evidence: time, IP address, browser, the link, the method. Only a PENDING consent (409 `INVALID_STATE_TRANSITION`). Audited.",
    errors: ['CONSENT_CONTENT_CHANGED', 'INVALID_STATE_TRANSITION'],
  })
  @ZodResponse({ status: 200, type: PatientConsentDto })
  signConsent(@CurrentPatientLink() actor: PatientLinkActor, @Body() body: PatientSignConsentDto) {
    return this.consents.signAsPatient(actor, body);
  }

  @Get('consent/pdf')
  @PatientPortalRoute()
  @ApiOperationDoc({
    summary: 'Print the signed consent',
    description:
      'The signed consent as a PDF: the text as signed, the drawn signature and its evidence. 409 before it is signed. Audited as a read.',
    errors: ['INVALID_STATE_TRANSITION'],
  })
  @ApiPdfResponse('The signed consent, with the signature and its evidence')
  async consentPdf(
    @CurrentPatientLink() actor: PatientLinkActor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    return sendPdf(reply, await this.consentPdfs.pdfForPatient(actor));
  }

  @Post('approve')
  @HttpCode(200)
  @PatientPortalRoute()
  @ApiOperationDoc({
    summary: 'Approve the plan',
    description:
      "The patient approves the plan: the staff's approval rules (a live quote, the codes in the fee schedule…) plus a signed consent, and a signed FDA checklist where the plan needs one; every unmet rule at once, 409 `PLAN_NOT_APPROVABLE`. Recorded as approved by the patient through this link; the quote becomes ACCEPTED. Answers the overview. Audited.",
    errors: ['PLAN_NOT_APPROVABLE', 'INVALID_STATE_TRANSITION'],
  })
  @ZodResponse({ status: 200, type: PortalOverviewDto })
  approve(@CurrentPatientLink() actor: PatientLinkActor) {
    return this.portal.approve(actor);
  }

  @Get('payment-plans')
  @PatientPortalRoute()
  @ApiOperationDoc({
    summary: 'The payment plans offered',
    description:
      "The payment plans the clinic offers for the quote's patient portion, each with its deposit and installments to the cent; once one is chosen, that plan, with what is paid and due. Audited as a read.",
  })
  @ZodResponse({ status: 200, type: PortalPaymentPlansDto })
  paymentPlans(@CurrentPatientLink() actor: PatientLinkActor) {
    return this.offers.forPatient(actor);
  }

  @Post('payment-plans/:id/choose')
  @HttpCode(200)
  @PatientPortalRoute()
  @ApiOperationDoc({
    summary: 'Choose a payment plan',
    description:
      "The patient takes one offer: it becomes the quote's payment plan, and the other offers are withdrawn. Only after the plan is approved (the quote ACCEPTED), and only an offer still open (409). Audited.",
    errors: ['INVALID_STATE_TRANSITION'],
  })
  @ZodResponse({ status: 200, type: PortalPaymentPlansDto })
  choosePaymentPlan(@CurrentPatientLink() actor: PatientLinkActor, @Param() params: IdParams) {
    return this.offers.chooseAsPatient(actor, params.id);
  }

  @Get('implant-cards')
  @PatientPortalRoute()
  @ApiOperationDoc({
    summary: 'The implant cards',
    description:
      'After the surgery, one card per implant: manufacturer, device, size and shape, lot, serial number, UDI, date of surgery, surgeon and clinic. Empty before. Audited as a read.',
  })
  @ZodResponse({ status: 200, type: PortalImplantCardsDto })
  implantCardList(@CurrentPatientLink() actor: PatientLinkActor) {
    return this.portal.implantCardList(actor);
  }

  @Get('implant-cards/pdf')
  @PatientPortalRoute()
  @ApiOperationDoc({
    summary: 'Print the implant cards',
    description:
      'The implant cards as a PDF, to print (A4 or Letter) or keep on the phone. 409 before the surgery is completed. Audited as a read.',
    errors: ['INVALID_STATE_TRANSITION'],
  })
  @ApiPdfResponse('The patient device cards, one per implant')
  async implantCardPdf(
    @CurrentPatientLink() actor: PatientLinkActor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    return sendPdf(reply, await this.implantCards.pdfForPlan(actor));
  }
}
