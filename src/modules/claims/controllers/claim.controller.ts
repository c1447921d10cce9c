import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { CurrentUser, Roles } from '../../../common/auth/auth.decorators';
import type { Caller } from '../../../common/auth/caller';
import { ApiOperationDoc } from '../../../common/http/api-operation';
import { IdParams } from '../../../common/http/id-params.dto';
import { IfMatch } from '../../../common/http/versioning';
import {
  ClaimDto,
  ClaimPageDto,
  ClaimReasonDto,
  CorrectClaimDto,
  CreateClaimDto,
  ListClaimsQueryDto,
} from '../dto/claim.dto';
import { ClaimService } from '../services/claim.service';

/** Insurance claims of bills (docs/claims.md "Claims"): BILLING (and ADMIN) only. */
@ApiTags('claims')
@ApiBearerAuth()
@Controller('claims')
@Roles('BILLING')
export class ClaimController {
  constructor(private readonly claims: ClaimService) {}

  @Post()
  @ApiOperationDoc({
    summary: 'Make a claim of a bill',
    description:
      "Makes one DRAFT 837P claim of the bill's INSURANCE lines (FACILITY lines left out and named in `excludedLines`): claim number `CLM-<year>-<seq>`, the payer, member and subscriber from the patient's insurance, the plan's diagnoses (pointers on every line), the APPROVED prior authorization number, the case's surgeon and day, implant serials in a line note; all copied into the claim. 409 `NO_INSURED_LINES`, 409 `CLAIM_ALREADY_OPEN`, 422 `CLAIM_DATA_MISSING` naming every missing field; nothing is created then. Audited.",
    errors: [
      'NO_INSURED_LINES',
      'CLAIM_ALREADY_OPEN',
      'CLAIM_DATA_MISSING',
      'INVALID_STATE_TRANSITION',
      'NOT_FOUND',
    ],
  })
  @ZodResponse({ status: 201, type: ClaimDto })
  create(@CurrentUser() caller: Caller, @Body() body: CreateClaimDto) {
    return this.claims.createClaim(caller, body);
  }

  @Get()
  @ApiOperationDoc({
    summary: 'List claims',
    description:
      "The clinic's claims, newest first, a page at a time, by status, payer, patient or bill: each with its payer's and patient's names, total, paid and days since submission. Reading patient data is audited.",
  })
  @ZodResponse({ status: 200, type: ClaimPageDto })
  list(@CurrentUser() caller: Caller, @Query() query: ListClaimsQueryDto) {
    return this.claims.listClaims(caller, query);
  }

  @Get(':id')
  @ApiOperationDoc({
    summary: 'Get a claim',
    description:
      'One claim: lines, diagnoses, payer, what was copied when it was made, its history, the submissions that sent it and the 835 postings. Reading patient data is audited.',
  })
  @ZodResponse({ status: 200, type: ClaimDto })
  get(@CurrentUser() caller: Caller, @Param() params: IdParams) {
    return this.claims.getClaim(caller, params.id);
  }

  @Post(':id/accept')
  @HttpCode(200)
  @ApiOperationDoc({
    summary: 'Mark a claim accepted',
    description:
      'SUBMITTED → ACCEPTED, when the clearinghouse acknowledges the claim. Audited, and in the history.',
    errors: ['INVALID_STATE_TRANSITION'],
  })
  @ZodResponse({ status: 200, type: ClaimDto })
  accept(
    @CurrentUser() caller: Caller,
    @Param() params: IdParams,
    @IfMatch() ifMatch: number | undefined,
  ) {
    return this.claims.accept(caller, params.id, ifMatch);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @ApiOperationDoc({
    summary: 'Mark a claim rejected',
    description:
      "SUBMITTED or ACCEPTED → REJECTED, with the clearinghouse's reason. Audited, and in the history.",
    errors: ['INVALID_STATE_TRANSITION'],
  })
  @ZodResponse({ status: 200, type: ClaimDto })
  reject(
    @CurrentUser() caller: Caller,
    @Param() params: IdParams,
    @Body() body: ClaimReasonDto,
    @IfMatch() ifMatch: number | undefined,
  ) {
    return this.claims.reject(caller, params.id, body, ifMatch);
  }

  @Post(':id/void')
  @HttpCode(200)
  @ApiOperationDoc({
    summary: 'Void a claim',
    description:
      'DRAFT or REJECTED → VOID, with a reason: a claim the payer never adjudicated. An adjudicated one is voided with a correction (frequency 8). Audited.',
    errors: ['INVALID_STATE_TRANSITION'],
  })
  @ZodResponse({ status: 200, type: ClaimDto })
  voidClaim(
    @CurrentUser() caller: Caller,
    @Param() params: IdParams,
    @Body() body: ClaimReasonDto,
    @IfMatch() ifMatch: number | undefined,
  ) {
    return this.claims.voidClaim(caller, params.id, body, ifMatch);
  }

  @Post(':id/corrections')
  @ApiOperationDoc({
    summary: 'Correct or void an adjudicated claim',
    description:
      "Frequency 7: a new DRAFT claim of the bill as it is now, replacing this one; 8: a new DRAFT claim with the same lines that voids it at the payer. Either carries REF*F8, the payer's claim control number (from an 835, or `payerClaimControlNumber`: 422 `CLAIM_DATA_MISSING` without either); this claim becomes VOID. Answers the new claim. Audited.",
    errors: ['INVALID_STATE_TRANSITION', 'CLAIM_DATA_MISSING', 'CLAIM_ALREADY_OPEN'],
  })
  @ZodResponse({ status: 201, type: ClaimDto })
  correct(
    @CurrentUser() caller: Caller,
    @Param() params: IdParams,
    @Body() body: CorrectClaimDto,
    @IfMatch() ifMatch: number | undefined,
  ) {
    return this.claims.correct(caller, params.id, body, ifMatch);
  }
}
