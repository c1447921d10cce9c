import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { CurrentUser, Roles } from '../../../common/auth/auth.decorators';
import type { Caller } from '../../../common/auth/caller';
import { ApiOperationDoc } from '../../../common/http/api-operation';
import { IdParams } from '../../../common/http/id-params.dto';
import {
  ConsultationDto,
  ConsultationPageDto,
  CreateConsultationDto,
  ListConsultationsQueryDto,
} from '../dto/consultation.dto';
import { ConsultationService } from '../services/consultation.service';

/** Consultation notes are clinical: billing staff do not read them (docs/roles.md). */
@ApiTags('consultations')
@ApiBearerAuth()
@Controller('consultations')
@Roles('SURGEON', 'NURSE', 'COORDINATOR')
export class ConsultationController {
  constructor(private readonly consultations: ConsultationService) {}

  @Post()
  @ApiOperationDoc({
    summary: 'Record a consultation',
    description:
      'Adds a consultation of a patient with an active surgeon of the clinic (400 if `surgeonId` is not one; 404 if the patient is unknown). Audited.',
    errors: ['NOT_FOUND'],
  })
  @ZodResponse({ status: 201, type: ConsultationDto })
  create(@CurrentUser() caller: Caller, @Body() body: CreateConsultationDto) {
    return this.consultations.createConsultation(caller, body);
  }

  @Get()
  @ApiOperationDoc({
    summary: 'List consultations',
    description:
      "The clinic's consultations, a page at a time, optionally of one patient. Reading them is audited.",
  })
  @ZodResponse({ status: 200, type: ConsultationPageDto })
  list(@CurrentUser() caller: Caller, @Query() query: ListConsultationsQueryDto) {
    return this.consultations.listConsultations(caller, query);
  }

  @Get(':id')
  @ApiOperationDoc({
    summary: 'Get a consultation',
    description: 'One consultation with its notes. Reading it is audited.',
  })
  @ZodResponse({ status: 200, type: ConsultationDto })
  get(@CurrentUser() caller: Caller, @Param() params: IdParams) {
    return this.consultations.getConsultation(caller, params.id);
  }
}
