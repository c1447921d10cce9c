import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { CurrentUser, Roles } from '../../../common/auth/auth.decorators';
import type { Caller } from '../../../common/auth/caller';
import { ApiOperationDoc } from '../../../common/http/api-operation';
import { IdParams } from '../../../common/http/id-params.dto';
import { IfMatch } from '../../../common/http/versioning';
import { PlanFdaChecklistDto, SignFdaChecklistDto } from '../dto/fda-checklist.dto';
import { FdaChecklistService } from '../services/fda-checklist.service';

/** A plan's FDA breast implant checklist, on the staff side (docs/fda-checklist.md). */
@ApiTags('fda-checklist')
@ApiBearerAuth()
@Controller('procedure-plans')
export class FdaChecklistController {
  constructor(private readonly checklists: FdaChecklistService) {}

  @Get(':id/fda-checklist')
  @ApiOperationDoc({
    summary: "Get a plan's FDA checklist",
    description:
      'Whether the plan needs the breast implant Patient Decision Checklist, and its checklist: made from the newest active version when first read, voided when the plan no longer needs it. Audited as a read.',
  })
  @Roles('SURGEON', 'NURSE', 'COORDINATOR')
  @ZodResponse({ status: 200, type: PlanFdaChecklistDto })
  get(@CurrentUser() caller: Caller, @Param() params: IdParams) {
    return this.checklists.getForPlan(caller, params.id);
  }

  @Post(':id/fda-checklist/sign')
  @ApiOperationDoc({
    summary: "Record the patient's FDA checklist signature in the clinic",
    description:
      "For a patient who signs in the clinic: the patient's initials for every section, typed full name and the `contentHash` of the text shown. PENDING → PATIENT_SIGNED, recorded by the caller. Audited.",
    errors: ['INVALID_STATE_TRANSITION', 'CONSENT_CONTENT_CHANGED', 'VERSION_MISMATCH'],
  })
  @Roles('SURGEON', 'NURSE', 'COORDINATOR')
  @HttpCode(200)
  @ZodResponse({ status: 200, type: PlanFdaChecklistDto })
  sign(
    @CurrentUser() caller: Caller,
    @Param() params: IdParams,
    @Body() body: SignFdaChecklistDto,
    @IfMatch() ifMatch: number | undefined,
  ) {
    return this.checklists.signInClinic(caller, params.id, body, ifMatch);
  }

  @Post(':id/fda-checklist/attest')
  @ApiOperationDoc({
    summary: "Sign the surgeon's FDA checklist attestation",
    description:
      "The surgeon attests to having discussed the checklist with the patient, after the patient signed: PATIENT_SIGNED → COMPLETED. `If-Match` names the checklist's version. Audited.",
    errors: ['INVALID_STATE_TRANSITION', 'VERSION_MISMATCH'],
  })
  @Roles('SURGEON')
  @HttpCode(200)
  @ZodResponse({ status: 200, type: PlanFdaChecklistDto })
  attest(
    @CurrentUser() caller: Caller,
    @Param() params: IdParams,
    @IfMatch() ifMatch: number | undefined,
  ) {
    return this.checklists.attest(caller, params.id, ifMatch);
  }
}
