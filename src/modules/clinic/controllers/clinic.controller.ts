import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { CurrentUser, Roles } from '../../../common/auth/auth.decorators';
import type { Caller } from '../../../common/auth/caller';
import { ApiOperationDoc } from '../../../common/http/api-operation';
import { IfMatch } from '../../../common/http/versioning';
import { ClinicDto, UpdateClinicDto } from '../dto/clinic.dto';
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
      "The caller's own clinic (tenant): name, address, phone, and the IANA `timeZone` every time of the clinic is shown, printed and typed in. Other clinics are never visible. Changes nothing.",
  })
  @ZodResponse({ status: 200, type: ClinicDto })
  get(@CurrentUser() caller: Caller) {
    return this.clinics.getOwnClinic(caller);
  }

  /** ADMIN only: name, address, phone and time zone. */
  @Patch()
  @Roles('ADMIN')
  @ApiOperationDoc({
    summary: 'Edit your clinic',
    description:
      "Changes the clinic's name, postal `address` (null clears it), `phone` (null clears it) or IANA `timeZone` (unknown zones are refused with 400), and bumps its `version`. A new time zone changes how every stored instant is shown, not the instants. Audited.",
  })
  @ZodResponse({ status: 200, type: ClinicDto })
  update(
    @CurrentUser() caller: Caller,
    @Body() body: UpdateClinicDto,
    @IfMatch() ifMatch: number | undefined,
  ) {
    return this.clinics.updateClinic(caller, body, ifMatch);
  }
}
