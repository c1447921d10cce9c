import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { CurrentUser, Roles } from '../../../common/auth/auth.decorators';
import type { Caller } from '../../../common/auth/caller';
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
 * Prior authorization is BILLING's and COORDINATOR's work (DESIGN.md §8); the surgeon reads it
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
  @Roles('BILLING', 'COORDINATOR', 'SURGEON')
  @ZodResponse({ status: 200, type: PriorAuthorizationPageDto })
  list(@CurrentUser() caller: Caller, @Query() query: ListPriorAuthorizationsQueryDto) {
    return this.authorizations.listPriorAuthorizations(caller, query);
  }

  @Get(':id')
  @Roles('BILLING', 'COORDINATOR', 'SURGEON')
  @ZodResponse({ status: 200, type: PriorAuthorizationDto })
  get(@CurrentUser() caller: Caller, @Param() params: IdParams) {
    return this.authorizations.getPriorAuthorization(caller, params.id);
  }

  @Post(':id/submit')
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
