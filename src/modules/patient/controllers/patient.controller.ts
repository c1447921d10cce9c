import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { CurrentUser, Roles } from '../../../common/auth/auth.decorators';
import type { Caller } from '../../../common/auth/caller';
import { ApiOperationDoc } from '../../../common/http/api-operation';
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
  @ApiOperationDoc({
    summary: 'Register a patient',
    description:
      'Adds a patient to the clinic; the MRN is generated when none is given and is unique in the clinic. Audited.',
    errors: ['DUPLICATE'],
  })
  @Roles('SURGEON', 'NURSE', 'COORDINATOR')
  @ZodResponse({ status: 201, type: PatientDto })
  create(@CurrentUser() caller: Caller, @Body() body: CreatePatientDto) {
    return this.patients.createPatient(caller, body);
  }

  @Get()
  @ApiOperationDoc({
    summary: 'List or search patients',
    description:
      "The clinic's patients, a page at a time, optionally matching `search`: a date of birth (`1985-03-14` or `03/14/1985`), a phone number (7 or more digits; spaces, dashes, parentheses, dots and a leading + are ignored, and all the digits must match), or else words of the name or the MRN. Reading patient data is audited.",
  })
  @ZodResponse({ status: 200, type: PatientPageDto })
  list(@CurrentUser() caller: Caller, @Query() query: ListPatientsQueryDto) {
    return this.patients.listPatients(caller, query);
  }

  @Get(':id')
  @ApiOperationDoc({
    summary: 'Get a patient',
    description: 'One patient with demographics and insurance. Reading patient data is audited.',
  })
  @ZodResponse({ status: 200, type: PatientDto })
  get(@CurrentUser() caller: Caller, @Param() params: IdParams) {
    return this.patients.getPatient(caller, params.id);
  }

  @Patch(':id')
  @ApiOperationDoc({
    summary: 'Update a patient',
    description:
      'Changes the given fields of a patient and bumps its `version`. Audited with the changed field names.',
    errors: ['DUPLICATE'],
  })
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
