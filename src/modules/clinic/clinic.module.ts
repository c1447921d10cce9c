import { Module } from '@nestjs/common';
import { UserModule } from '../user/user.module';
import { ClinicController } from './controllers/clinic.controller';
import { ClinicRepository } from './repositories/clinic.repository';
import { ClinicService } from './services/clinic.service';

@Module({
  imports: [UserModule],
  controllers: [ClinicController],
  providers: [ClinicRepository, ClinicService],
  exports: [ClinicService],
})
export class ClinicModule {}
