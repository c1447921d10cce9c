import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { CurrentUser, Roles } from '../../../common/auth/auth.decorators';
import type { Caller } from '../../../common/auth/caller';
import { IdParams } from '../../../common/http/id-params.dto';
import {
  ConsentTemplateDto,
  ConsentTemplatePageDto,
  CreateConsentTemplateDto,
  ListConsentTemplatesQueryDto,
  UpdateConsentTemplateDto,
} from '../dto/consent-template.dto';
import { ConsentTemplateService } from '../services/consent-template.service';

/** Templates are written by ADMIN (DESIGN.md §8); every role may read them. */
@ApiTags('consents')
@ApiBearerAuth()
@Controller('consent-templates')
export class ConsentTemplateController {
  constructor(private readonly templates: ConsentTemplateService) {}

  @Post()
  @Roles('ADMIN')
  @ZodResponse({ status: 201, type: ConsentTemplateDto })
  create(@CurrentUser() caller: Caller, @Body() body: CreateConsentTemplateDto) {
    return this.templates.createTemplate(caller, body);
  }

  @Get()
  @ZodResponse({ status: 200, type: ConsentTemplatePageDto })
  list(@CurrentUser() caller: Caller, @Query() query: ListConsentTemplatesQueryDto) {
    return this.templates.listTemplates(caller, query);
  }

  @Patch(':id')
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
