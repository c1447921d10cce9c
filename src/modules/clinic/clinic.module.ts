import { Module } from '@nestjs/common';
import { ConsentModule } from '../consent/consent.module';
import { UserModule } from '../user/user.module';
import { ClinicController } from './controllers/clinic.controller';
import { ClinicRepository } from './repositories/clinic.repository';
import { ClinicService } from './services/clinic.service';

@Module({
  imports: [UserModule, ConsentModule],
  controllers: [ClinicController],
  providers: [ClinicRepository, ClinicService],
  exports: [ClinicService],
})
export class ClinicModule {}
