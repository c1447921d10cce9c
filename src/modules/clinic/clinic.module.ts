import { Module } from '@nestjs/common';
import { UserModule } from '../user';
import { ClinicController } from './controllers/clinic.controller';
import { ClinicRepository } from './repositories/clinic.repository';
import { ClinicCreationHooks } from './services/clinic-creation-hooks';
import { ClinicService } from './services/clinic.service';

@Module({
  imports: [UserModule],
  controllers: [ClinicController],
  providers: [ClinicRepository, ClinicService, ClinicCreationHooks],
  exports: [ClinicService, ClinicCreationHooks],
})
export class ClinicModule {}
