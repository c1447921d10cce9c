import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { CurrentUser, Roles } from '../../../common/auth/auth.decorators';
import type { Caller } from '../../../common/auth/caller';
import { ApiOperationDoc } from '../../../common/http/api-operation';
import { IfMatch } from '../../../common/http/versioning';
import { BillingProfileDto, PutBillingProfileDto } from '../dto/clinic-billing-profile.dto';
import { ClinicBillingProfileService } from '../services/clinic-billing-profile.service';

/** ADMIN sets who bills; BILLING reads it (docs/claims.md "Set-up"). */
@ApiTags('clinic')
@ApiBearerAuth()
@Controller('clinic/billing-profile')
export class ClinicBillingProfileController {
  constructor(private readonly profiles: ClinicBillingProfileService) {}

  @Get()
  @Roles('BILLING')
  @ApiOperationDoc({
    summary: 'Get the billing profile',
    description:
      "The clinic's billing provider as claims name it: legal name, NPI, tax id, taxonomy, address with ZIP+4, the clearinghouse's submitter and receiver ids, the default place of service. 404 `BILLING_PROFILE_NOT_SET` until an admin sets it. Changes nothing.",
    errors: ['BILLING_PROFILE_NOT_SET'],
  })
  @ZodResponse({ status: 200, type: BillingProfileDto })
  get(@CurrentUser() caller: Caller) {
    return this.profiles.getProfile(caller);
  }

  @Put()
  @Roles('ADMIN')
  @ApiOperationDoc({
    summary: 'Set the billing profile',
    description:
      'Creates or replaces the whole profile (version 1 when created). The NPI must pass its check digit, the tax id be an EIN, the taxonomy a NUCC code, the ZIP a ZIP+4; each wrong field is named in a 400. `If-Match: "0"` creates only if none is set. Audited (field names).',
  })
  @ZodResponse({ status: 200, type: BillingProfileDto })
  put(
    @CurrentUser() caller: Caller,
    @Body() body: PutBillingProfileDto,
    @IfMatch() ifMatch: number | undefined,
  ) {
    return this.profiles.putProfile(caller, body, ifMatch);
  }
}
