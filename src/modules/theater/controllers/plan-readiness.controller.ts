import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { CurrentUser, Roles } from '../../../common/auth/auth.decorators';
import type { Caller } from '../../../common/auth/caller';
import { ApiOperationDoc } from '../../../common/http/api-operation';
import { IdParams } from '../../../common/http/id-params.dto';
import { ReadinessDto, ReadinessQueryDto } from '../dto/readiness.dto';
import { SchedulingReadiness } from '../services/scheduling-readiness.service';

/** `GET /procedure-plans/:id/readiness`: the scheduling checklist, served by the theater that enforces it. */
@ApiTags('procedure-plans')
@ApiBearerAuth()
@Controller('procedure-plans')
@Roles('SURGEON', 'NURSE', 'COORDINATOR', 'BILLING')
export class PlanReadinessController {
  constructor(private readonly readiness: SchedulingReadiness) {}

  @Get(':id/readiness')
  @ApiOperationDoc({
    summary: 'Check whether a plan can be scheduled',
    description:
      'The scheduling checklist of a plan (plan approved, consent signed, prior authorization approved, inventory reserved), each with its detail, for the surgery date of its case or the one given. Changes nothing.',
  })
  @ZodResponse({ status: 200, type: ReadinessDto })
  get(@CurrentUser() caller: Caller, @Param() params: IdParams, @Query() query: ReadinessQueryDto) {
    return this.readiness.getReadiness(caller, params.id, query);
  }
}
