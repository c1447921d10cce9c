import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { CurrentUser, Roles } from '../../../common/auth/auth.decorators';
import type { Caller } from '../../../common/auth/caller';
import { ApiOperationDoc } from '../../../common/http/api-operation';
import { IdParams } from '../../../common/http/id-params.dto';
import {
  CreatePatientLinkDto,
  PatientLinkCreatedDto,
  PatientLinkDto,
  PatientLinkListDto,
} from '../dto/patient-link.dto';
import { PatientLinkService } from '../services/patient-link.service';

/** A plan's patient links: `POST|GET /procedure-plans/:id/patient-link(s)`. */
@ApiTags('patient-links')
@ApiBearerAuth()
@Controller('procedure-plans')
@Roles('COORDINATOR', 'SURGEON')
export class PlanPatientLinkController {
  constructor(private readonly links: PatientLinkService) {}

  @Post(':id/patient-link')
  @ApiOperationDoc({
    summary: "Give the plan's patient a link",
    description:
      "A link to the patient's own pages for this plan (quote, consent, checklist, approval, payment plan, implant card), valid for `expiresInHours` (1–168, default 72). `EMAIL` sends it to the patient's address through the clinic's mail server and answers no `url` (422 `PATIENT_EMAIL_MISSING`, 422 `MAIL_NOT_CONFIGURED` without SMTP_URL, 502 `MAIL_NOT_SENT` when the server refuses it: no link is made); `COPY` answers the `url` once, for the staff to hand over. The token is stored only as a hash. A cancelled plan gets none (409). Audited.",
    errors: [
      'INVALID_STATE_TRANSITION',
      'PATIENT_EMAIL_MISSING',
      'MAIL_NOT_CONFIGURED',
      'MAIL_NOT_SENT',
    ],
  })
  @ZodResponse({ status: 201, type: PatientLinkCreatedDto })
  create(
    @CurrentUser() caller: Caller,
    @Param() params: IdParams,
    @Body() body: CreatePatientLinkDto,
  ) {
    return this.links.create(caller, params.id, body);
  }

  @Get(':id/patient-links')
  @ApiOperationDoc({
    summary: "List a plan's patient links",
    description:
      "The plan's links, newest first, each with its status (ACTIVE, EXPIRED, REVOKED, LOCKED after five wrong dates of birth), the masked address an email went to, and when it was last used; `emailAvailable` says whether this server can send mail. Never a token. Changes nothing.",
  })
  @ZodResponse({ status: 200, type: PatientLinkListDto })
  list(@CurrentUser() caller: Caller, @Param() params: IdParams) {
    return this.links.list(caller, params.id);
  }
}

/** `POST /patient-links/:id/revoke`. */
@ApiTags('patient-links')
@ApiBearerAuth()
@Controller('patient-links')
@Roles('COORDINATOR', 'SURGEON')
export class PatientLinkController {
  constructor(private readonly links: PatientLinkService) {}

  @Post(':id/revoke')
  @HttpCode(200)
  @ApiOperationDoc({
    summary: 'Revoke a patient link',
    description:
      'The link stops working at once (its next use is 401 `PATIENT_LINK_INVALID`). Revoking a revoked link changes nothing. Audited.',
  })
  @ZodResponse({ status: 200, type: PatientLinkDto })
  revoke(@CurrentUser() caller: Caller, @Param() params: IdParams) {
    return this.links.revoke(caller, params.id);
  }
}
