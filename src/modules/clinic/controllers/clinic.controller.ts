import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { CurrentUser } from '../../../common/auth/auth.decorators';
import type { Caller } from '../../../common/auth/caller';
import { ApiOperationDoc } from '../../../common/http/api-operation';
import { ClinicDto } from '../dto/clinic.dto';
import { ClinicService } from '../services/clinic.service';

@ApiTags('clinic')
@ApiBearerAuth()
@Controller('clinic')
export class ClinicController {
  constructor(private readonly clinics: ClinicService) {}

  /** The caller's own clinic; other clinics are never visible. */
  @Get()
  @ApiOperationDoc({
    summary: 'Get your clinic',
    description:
      "The caller's own clinic (tenant); other clinics are never visible. Changes nothing.",
  })
  @ZodResponse({ status: 200, type: ClinicDto })
  get(@CurrentUser() caller: Caller) {
    return this.clinics.getOwnClinic(caller);
  }
}
