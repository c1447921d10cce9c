import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { CurrentUser, Roles } from '../../../common/auth/auth.decorators';
import type { Caller } from '../../../common/auth/caller';
import { ApiOperationDoc } from '../../../common/http/api-operation';
import { IdParams } from '../../../common/http/id-params.dto';
import { IfMatch } from '../../../common/http/versioning';
import {
  CancelPriorAuthorizationDto,
  ListPriorAuthorizationsQueryDto,
  PriorAuthorizationDto,
  PriorAuthorizationPageDto,
  RecordDecisionDto,
  SubmitPriorAuthorizationDto,
} from '../dto/prior-authorization.dto';
import { PriorAuthorizationWorkflowService } from '../services/prior-authorization-workflow.service';
import { PriorAuthorizationService } from '../services/prior-authorization.service';

/**
 * Prior authorization is BILLING's and COORDINATOR's work (docs/design.md §8); the surgeon reads it
 * to know whether the operation can be booked.
 */
@ApiTags('prior-authorizations')
@ApiBearerAuth()
@Controller('prior-authorizations')
@Roles('BILLING', 'COORDINATOR')
export class PriorAuthorizationController {
  constructor(
    private readonly authorizations: PriorAuthorizationService,
    private readonly workflow: PriorAuthorizationWorkflowService,
  ) {}

  @Get()
  @ApiOperationDoc({
    summary: 'List prior authorizations',
    description:
      "The clinic's prior authorizations, a page at a time, optionally of one plan. Changes nothing.",
  })
  @Roles('BILLING', 'COORDINATOR', 'SURGEON')
  @ZodResponse({ status: 200, type: PriorAuthorizationPageDto })
  list(@CurrentUser() caller: Caller, @Query() query: ListPriorAuthorizationsQueryDto) {
    return this.authorizations.listPriorAuthorizations(caller, query);
  }

  @Get(':id')
  @ApiOperationDoc({
    summary: 'Get a prior authorization',
    description: 'One prior authorization with its codes, status and decision. Changes nothing.',
  })
  @Roles('BILLING', 'COORDINATOR', 'SURGEON')
  @ZodResponse({ status: 200, type: PriorAuthorizationDto })
  get(@CurrentUser() caller: Caller, @Param() params: IdParams) {
    return this.authorizations.getPriorAuthorization(caller, params.id);
  }

  @Post(':id/submit')
  @ApiOperationDoc({
    summary: 'Submit a prior authorization',
    description:
      'Marks a DRAFT prior authorization as sent to the payer: it becomes SUBMITTED. Audited.',
    errors: ['INVALID_STATE_TRANSITION'],
  })
  @HttpCode(200)
  @ZodResponse({ status: 200, type: PriorAuthorizationDto })
  submit(
    @CurrentUser() caller: Caller,
    @Param() params: IdParams,
    @Body() _body: SubmitPriorAuthorizationDto,
    @IfMatch() ifMatch: number | undefined,
  ) {
    return this.workflow.submit(caller, params.id, ifMatch);
  }

  @Post(':id/decision')
  @ApiOperationDoc({
    summary: "Record the payer's decision",
    description:
      'Records APPROVED (with the authorization number, approved codes and validity) or DENIED on a SUBMITTED prior authorization. Audited.',
    errors: ['INVALID_STATE_TRANSITION'],
  })
  @HttpCode(200)
  @ZodResponse({ status: 200, type: PriorAuthorizationDto })
  recordDecision(
    @CurrentUser() caller: Caller,
    @Param() params: IdParams,
    @Body() body: RecordDecisionDto,
    @IfMatch() ifMatch: number | undefined,
  ) {
    return this.workflow.recordDecision(caller, params.id, body, ifMatch);
  }

  @Post(':id/cancel')
  @ApiOperationDoc({
    summary: 'Cancel a prior authorization',
    description: 'Cancels a prior authorization that is not final, with a reason. Audited.',
    errors: ['INVALID_STATE_TRANSITION'],
  })
  @HttpCode(200)
  @ZodResponse({ status: 200, type: PriorAuthorizationDto })
  cancel(
    @CurrentUser() caller: Caller,
    @Param() params: IdParams,
    @Body() body: CancelPriorAuthorizationDto,
    @IfMatch() ifMatch: number | undefined,
  ) {
    return this.workflow.cancel(caller, params.id, body, ifMatch);
  }
}
