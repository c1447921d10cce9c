import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { CurrentUser, Roles } from '../../../common/auth/auth.decorators';
import type { Caller } from '../../../common/auth/caller';
import { ApiOperationDoc } from '../../../common/http/api-operation';
import { IdParams } from '../../../common/http/id-params.dto';
import {
  CreateFdaChecklistTemplateDto,
  FdaChecklistTemplateDto,
  FdaChecklistTemplatePageDto,
  ListFdaChecklistTemplatesQueryDto,
  UpdateFdaChecklistTemplateDto,
} from '../dto/fda-checklist-template.dto';
import { FdaChecklistTemplateService } from '../services/fda-checklist-template.service';

/** The checklist's text: ADMIN writes it (a new version each time); every role may read it. */
@ApiTags('fda-checklist')
@ApiBearerAuth()
@Controller('fda-checklist-templates')
export class FdaChecklistTemplateController {
  constructor(private readonly templates: FdaChecklistTemplateService) {}

  @Post()
  @ApiOperationDoc({
    summary: 'Create an FDA checklist version',
    description:
      "Adds the next version of the clinic's breast implant Patient Decision Checklist (sections each initialed by the patient, and the surgeon's attestation). Plans whose checklist is made afterwards get the newest active version. Audited.",
    errors: ['DUPLICATE'],
  })
  @Roles('ADMIN')
  @ZodResponse({ status: 201, type: FdaChecklistTemplateDto })
  create(@CurrentUser() caller: Caller, @Body() body: CreateFdaChecklistTemplateDto) {
    return this.templates.createTemplate(caller, body);
  }

  @Get()
  @ApiOperationDoc({
    summary: 'List FDA checklist versions',
    description: "The clinic's checklist versions, newest first. Changes nothing.",
  })
  @ZodResponse({ status: 200, type: FdaChecklistTemplatePageDto })
  list(@CurrentUser() caller: Caller, @Query() query: ListFdaChecklistTemplatesQueryDto) {
    return this.templates.listTemplates(caller, query);
  }

  @Patch(':id')
  @ApiOperationDoc({
    summary: 'Activate or retire an FDA checklist version',
    description:
      "Sets `active` only: a version's text is never edited. Plans' checklists keep their own snapshot. Audited.",
  })
  @Roles('ADMIN')
  @ZodResponse({ status: 200, type: FdaChecklistTemplateDto })
  update(
    @CurrentUser() caller: Caller,
    @Param() params: IdParams,
    @Body() body: UpdateFdaChecklistTemplateDto,
  ) {
    return this.templates.updateTemplate(caller, params.id, body);
  }
}
