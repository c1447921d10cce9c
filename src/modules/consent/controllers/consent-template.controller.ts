import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { CurrentUser, Roles } from '../../../common/auth/auth.decorators';
import type { Caller } from '../../../common/auth/caller';
import { ApiOperationDoc } from '../../../common/http/api-operation';
import { IdParams } from '../../../common/http/id-params.dto';
import {
  ConsentTemplateDto,
  ConsentTemplatePageDto,
  CreateConsentTemplateDto,
  ListConsentTemplatesQueryDto,
  UpdateConsentTemplateDto,
} from '../dto/consent-template.dto';
import { ConsentTemplateService } from '../services/consent-template.service';

/** Templates are written by ADMIN (docs/design.md §8); every role may read them. */
@ApiTags('consents')
@ApiBearerAuth()
@Controller('consent-templates')
export class ConsentTemplateController {
  constructor(private readonly templates: ConsentTemplateService) {}

  @Post()
  @ApiOperationDoc({
    summary: 'Create a consent template',
    description:
      'Adds a version of a consent text for the CPT codes it covers; a plan with those codes gets a consent instance of the active template. `code` + `version` is unique. Audited.',
    errors: ['DUPLICATE'],
  })
  @Roles('ADMIN')
  @ZodResponse({ status: 201, type: ConsentTemplateDto })
  create(@CurrentUser() caller: Caller, @Body() body: CreateConsentTemplateDto) {
    return this.templates.createTemplate(caller, body);
  }

  @Get()
  @ApiOperationDoc({
    summary: 'List consent templates',
    description: "The clinic's consent templates, a page at a time. Changes nothing.",
  })
  @ZodResponse({ status: 200, type: ConsentTemplatePageDto })
  list(@CurrentUser() caller: Caller, @Query() query: ListConsentTemplatesQueryDto) {
    return this.templates.listTemplates(caller, query);
  }

  @Patch(':id')
  @ApiOperationDoc({
    summary: 'Activate or retire a consent template',
    description:
      "Sets `active` only: a template's text is never edited; a new version is created instead. Audited.",
  })
  @Roles('ADMIN')
  @ZodResponse({ status: 200, type: ConsentTemplateDto })
  update(
    @CurrentUser() caller: Caller,
    @Param() params: IdParams,
    @Body() body: UpdateConsentTemplateDto,
  ) {
    return this.templates.updateTemplate(caller, params.id, body);
  }
}
