import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { CurrentUser, Roles } from '../../../common/auth/auth.decorators';
import type { Caller } from '../../../common/auth/caller';
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
  @ZodResponse({ status: 201, type: ConsultationDto })
  create(@CurrentUser() caller: Caller, @Body() body: CreateConsultationDto) {
    return this.consultations.createConsultation(caller, body);
  }

  @Get()
  @ZodResponse({ status: 200, type: ConsultationPageDto })
  list(@CurrentUser() caller: Caller, @Query() query: ListConsultationsQueryDto) {
    return this.consultations.listConsultations(caller, query);
  }

  @Get(':id')
  @ZodResponse({ status: 200, type: ConsultationDto })
  get(@CurrentUser() caller: Caller, @Param() params: IdParams) {
    return this.consultations.getConsultation(caller, params.id);
  }
}
