import { Module } from '@nestjs/common';
import { UserModule } from '../user';
import { ClinicBillingProfileController } from './controllers/clinic-billing-profile.controller';
import { ClinicController } from './controllers/clinic.controller';
import { ClinicBillingProfileRepository } from './repositories/clinic-billing-profile.repository';
import { ClinicRepository } from './repositories/clinic.repository';
import { ClinicBillingProfileService } from './services/clinic-billing-profile.service';
import { ClinicCreationHooks } from './services/clinic-creation-hooks';
import { ClinicService } from './services/clinic.service';

@Module({
  imports: [UserModule],
  controllers: [ClinicController, ClinicBillingProfileController],
  providers: [
    ClinicRepository,
    ClinicService,
    ClinicCreationHooks,
    ClinicBillingProfileRepository,
    ClinicBillingProfileService,
  ],
  exports: [ClinicService, ClinicCreationHooks, ClinicBillingProfileService],
})
export class ClinicModule {}
