import { Module } from '@nestjs/common';
import { PatientModule } from '../patient';
import { PatientInsuranceController } from './controllers/patient-insurance.controller';
import { PayerController } from './controllers/payer.controller';
import { PatientInsuranceRepository } from './repositories/patient-insurance.repository';
import { PayerRepository } from './repositories/payer.repository';
import { PatientInsuranceService } from './services/patient-insurance.service';
import { PayerService } from './services/payer.service';

/** Payers and patients' insurance: who a claim is sent to, and for whom (docs/claims.md "Set-up"). */
@Module({
  imports: [PatientModule],
  controllers: [PayerController, PatientInsuranceController],
  providers: [PayerRepository, PayerService, PatientInsuranceRepository, PatientInsuranceService],
  exports: [PayerService, PatientInsuranceService],
})
export class PayerModule {}
