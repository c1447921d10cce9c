import { Module } from '@nestjs/common';
import { PatientModule } from '../patient';
import { UserModule } from '../user';
import { ConsultationController } from './controllers/consultation.controller';
import { ConsultationRepository } from './repositories/consultation.repository';
import { ConsultationService } from './services/consultation.service';

@Module({
  imports: [PatientModule, UserModule],
  controllers: [ConsultationController],
  providers: [ConsultationRepository, ConsultationService],
  exports: [ConsultationService],
})
export class ConsultationModule {}
