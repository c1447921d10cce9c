import { Module } from '@nestjs/common';
import { PatientController } from './controllers/patient.controller';
import { PatientRepository } from './repositories/patient.repository';
import { PatientService } from './services/patient.service';

@Module({
  controllers: [PatientController],
  providers: [PatientRepository, PatientService],
  exports: [PatientService],
})
export class PatientModule {}
