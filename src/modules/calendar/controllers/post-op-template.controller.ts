import { Body, Controller, Delete, Get, HttpCode, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { CurrentUser, Roles } from '../../../common/auth/auth.decorators';
import type { Caller } from '../../../common/auth/caller';
import { ApiOperationDoc } from '../../../common/http/api-operation';
import {
  CptCodeParamsDto,
  PostOpTemplateDto,
  PostOpTemplatesDto,
  PutPostOpTemplateDto,
} from '../dto/post-op-template.dto';
import { PostOpScheduleService } from '../services/post-op-schedule.service';

/** The days after surgery a procedure's follow-up visits are due: ADMIN sets them per CPT code. */
@ApiTags('calendar')
@ApiBearerAuth()
@Controller('post-op-templates')
@Roles('ADMIN')
export class PostOpTemplateController {
  constructor(private readonly schedule: PostOpScheduleService) {}

  @Get()
  @ApiOperationDoc({
    summary: 'List post-op schedule templates',
    description:
      "The default post-op visits (days after surgery) and each CPT code's own. Changes nothing.",
  })
  @Roles('SURGEON', 'NURSE', 'COORDINATOR', 'BILLING')
  @ZodResponse({ status: 200, type: PostOpTemplatesDto })
  list(@CurrentUser() caller: Caller) {
    return this.schedule.listTemplates(caller);
  }

  @Put(':cptCode')
  @ApiOperationDoc({
    summary: "Set a CPT code's post-op schedule",
    description:
      'Sets the days after surgery (1–12 distinct ascending days, 1–730) of the follow-up visits proposed when a case of this primary code is completed. Audited.',
  })
  @ZodResponse({ status: 200, type: PostOpTemplateDto })
  put(
    @CurrentUser() caller: Caller,
    @Param() params: CptCodeParamsDto,
    @Body() body: PutPostOpTemplateDto,
  ) {
    return this.schedule.putTemplate(caller, params.cptCode, body);
  }

  @Delete(':cptCode')
  @ApiOperationDoc({
    summary: "Remove a CPT code's post-op schedule",
    description: 'The code takes the default schedule again. Audited.',
    errors: ['NOT_FOUND'],
  })
  @HttpCode(204)
  remove(@CurrentUser() caller: Caller, @Param() params: CptCodeParamsDto) {
    return this.schedule.deleteTemplate(caller, params.cptCode);
  }
}
