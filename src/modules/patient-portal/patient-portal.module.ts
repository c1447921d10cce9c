import { Module } from '@nestjs/common';
import { ClinicModule } from '../clinic';
import { ConsentModule, ConsentPdfModule } from '../consent';
import { FdaChecklistModule } from '../fda-checklist';
import { PatientModule } from '../patient';
import { PaymentPlanModule } from '../payment-plan';
import { ProcedurePlanModule } from '../procedure-plan';
import { QuoteModule } from '../quote';
import { TheaterModule } from '../theater';
import {
  PatientLinkController,
  PlanPatientLinkController,
} from './controllers/patient-link.controller';
import { PatientPortalController } from './controllers/patient-portal.controller';
import { PatientLinkRepository } from './repositories/patient-link.repository';
import { PatientLinkAccess } from './services/patient-link-access';
import { PatientLinkGuard } from './services/patient-link.guard';
import { PatientLinkService } from './services/patient-link.service';
import { PatientPortalService } from './services/patient-portal.service';

/** Patient links and the patient portal (docs/patient-portal.md): the top of the module graph. */
@Module({
  imports: [
    ClinicModule,
    ConsentModule,
    ConsentPdfModule,
    FdaChecklistModule,
    PatientModule,
    PaymentPlanModule,
    ProcedurePlanModule,
    QuoteModule,
    TheaterModule,
  ],
  controllers: [PlanPatientLinkController, PatientLinkController, PatientPortalController],
  providers: [
    PatientLinkRepository,
    PatientLinkAccess,
    PatientLinkGuard,
    PatientLinkService,
    PatientPortalService,
  ],
})
export class PatientPortalModule {}
