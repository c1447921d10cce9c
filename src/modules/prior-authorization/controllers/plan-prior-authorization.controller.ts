import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { CurrentUser, Roles } from '../../../common/auth/auth.decorators';
import type { Caller } from '../../../common/auth/caller';
import { ApiOperationDoc } from '../../../common/http/api-operation';
import { IdParams } from '../../../common/http/id-params.dto';
import { IfMatch } from '../../../common/http/versioning';
import { CreatePriorAuthorizationDto, PriorAuthorizationDto } from '../dto/prior-authorization.dto';
import { PriorAuthorizationService } from '../services/prior-authorization.service';

/** `POST /procedure-plans/:id/prior-authorizations`: the request sits under the plan it is for. */
@ApiTags('prior-authorizations')
@ApiBearerAuth()
@Controller('procedure-plans')
export class PlanPriorAuthorizationController {
  constructor(private readonly authorizations: PriorAuthorizationService) {}

  @Post(':id/prior-authorizations')
  @ApiOperationDoc({
    summary: 'Request a prior authorization',
    description:
      "Creates a DRAFT prior authorization for a reconstructive or hybrid plan; its codes default to the plan's insured codes. A cosmetic plan needs none (409). Audited.",
    errors: ['INVALID_STATE_TRANSITION'],
  })
  @Roles('BILLING', 'COORDINATOR')
  @ZodResponse({ status: 201, type: PriorAuthorizationDto })
  create(
    @CurrentUser() caller: Caller,
    @Param() params: IdParams,
    @Body() body: CreatePriorAuthorizationDto,
    @IfMatch() ifMatch: number | undefined,
  ) {
    return this.authorizations.createForPlan(caller, params.id, body, ifMatch);
  }
}
