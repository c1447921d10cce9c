import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { CurrentUser, Roles } from '../../../common/auth/auth.decorators';
import type { Caller } from '../../../common/auth/caller';
import { IdParams } from '../../../common/http/id-params.dto';
import { IfMatch } from '../../../common/http/versioning';
import {
  CreatePatientDto,
  ListPatientsQueryDto,
  PatientDto,
  PatientPageDto,
  UpdatePatientDto,
} from '../dto/patient.dto';
import { PatientService } from '../services/patient.service';

/** Front desk and clinical staff register and edit patients; every role reads them (docs/roles.md). */
@ApiTags('patients')
@ApiBearerAuth()
@Controller('patients')
export class PatientController {
  constructor(private readonly patients: PatientService) {}

  @Post()
  @Roles('SURGEON', 'NURSE', 'COORDINATOR')
  @ZodResponse({ status: 201, type: PatientDto })
  create(@CurrentUser() caller: Caller, @Body() body: CreatePatientDto) {
    return this.patients.createPatient(caller, body);
  }

  @Get()
  @ZodResponse({ status: 200, type: PatientPageDto })
  list(@CurrentUser() caller: Caller, @Query() query: ListPatientsQueryDto) {
    return this.patients.listPatients(caller, query);
  }

  @Get(':id')
  @ZodResponse({ status: 200, type: PatientDto })
  get(@CurrentUser() caller: Caller, @Param() params: IdParams) {
    return this.patients.getPatient(caller, params.id);
  }

  @Patch(':id')
  @Roles('SURGEON', 'NURSE', 'COORDINATOR')
  @ZodResponse({ status: 200, type: PatientDto })
  update(
    @CurrentUser() caller: Caller,
    @Param() params: IdParams,
    @Body() body: UpdatePatientDto,
    @IfMatch() ifMatch: number | undefined,
  ) {
    return this.patients.updatePatient(caller, params.id, body, ifMatch);
  }
}
