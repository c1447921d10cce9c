import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { CurrentUser, Roles } from '../../../common/auth/auth.decorators';
import type { Caller } from '../../../common/auth/caller';
import { ApiOperationDoc } from '../../../common/http/api-operation';
import { ClinicSetupDto } from '../dto/clinic-setup.dto';
import { ClinicSetupService } from '../services/clinic-setup.service';

@ApiTags('clinic')
@ApiBearerAuth()
@Controller('clinic')
export class ClinicSetupController {
  constructor(private readonly setup: ClinicSetupService) {}

  @Get('setup')
  @ApiOperationDoc({
    summary: "Your clinic's set-up checklist",
    description:
      'What a new clinic still needs before its first surgery: an active surgeon, a fee schedule entry, a consent template of its own (beyond the seeded general consent version 1), an active operating room, an implant in stock. `complete` once every item is done. Changes nothing.',
  })
  @Roles('ADMIN')
  @ZodResponse({ status: 200, type: ClinicSetupDto })
  get(@CurrentUser() caller: Caller) {
    return this.setup.setupOf(caller);
  }
}
