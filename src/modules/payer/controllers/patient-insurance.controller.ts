import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { CurrentUser, Roles } from '../../../common/auth/auth.decorators';
import type { Caller } from '../../../common/auth/caller';
import { ApiOperationDoc } from '../../../common/http/api-operation';
import { IdParams } from '../../../common/http/id-params.dto';
import { IfMatch } from '../../../common/http/versioning';
import { PatientInsuranceDto, PutPatientInsuranceDto } from '../dto/patient-insurance.dto';
import { PatientInsuranceService } from '../services/patient-insurance.service';

/**
 * A patient's primary insurance. The front desk (COORDINATOR) takes the card and BILLING fixes
 * what a payer rejects; every role reads it, as every role reads the patient.
 */
@ApiTags('patients')
@ApiBearerAuth()
@Controller('patients/:id/insurance')
export class PatientInsuranceController {
  constructor(private readonly insurances: PatientInsuranceService) {}

  @Get()
  @ApiOperationDoc({
    summary: "Get a patient's insurance",
    description:
      "The patient's primary insurance: the payer, member and group numbers, and the subscriber. 404 when the patient has none on file. Reading patient data is audited.",
  })
  @ZodResponse({ status: 200, type: PatientInsuranceDto })
  get(@CurrentUser() caller: Caller, @Param() params: IdParams) {
    return this.insurances.getInsurance(caller, params.id);
  }

  @Put()
  @Roles('COORDINATOR', 'BILLING')
  @ApiOperationDoc({
    summary: "Set a patient's insurance",
    description:
      'Creates or replaces the patient\'s primary insurance (version 1 when created). `payerId` is one of the clinic\'s payers (400 naming it otherwise); `subscriber` is `{ relationship: "18" }` when the patient holds the policy, else the holder\'s name, date of birth and sex with relationship 01 (spouse), 19 (child) or G8 (other). `If-Match` names the insurance\'s version ("0": only if none is on file). Audited (field names).',
  })
  @ZodResponse({ status: 200, type: PatientInsuranceDto })
  put(
    @CurrentUser() caller: Caller,
    @Param() params: IdParams,
    @Body() body: PutPatientInsuranceDto,
    @IfMatch() ifMatch: number | undefined,
  ) {
    return this.insurances.putInsurance(caller, params.id, body, ifMatch);
  }
}
