import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { CurrentUser, Roles } from '../../../common/auth/auth.decorators';
import type { Caller } from '../../../common/auth/caller';
import { IdParams } from '../../../common/http/id-params.dto';
import { ReadinessDto, ReadinessQueryDto } from '../dto/readiness.dto';
import { SchedulingReadiness } from '../services/scheduling-readiness.service';

/** `GET /procedure-plans/:id/readiness`: the scheduling checklist, served by the theater that enforces it. */
@ApiTags('procedure-plans')
@ApiBearerAuth()
@Controller('procedure-plans')
@Roles('SURGEON', 'NURSE', 'COORDINATOR')
export class PlanReadinessController {
  constructor(private readonly readiness: SchedulingReadiness) {}

  @Get(':id/readiness')
  @ZodResponse({ status: 200, type: ReadinessDto })
  get(@CurrentUser() caller: Caller, @Param() params: IdParams, @Query() query: ReadinessQueryDto) {
    return this.readiness.getReadiness(caller, params.id, query);
  }
}
