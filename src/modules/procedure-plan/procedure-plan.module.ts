import { Module } from '@nestjs/common';
import { ClinicModule } from '../clinic/clinic.module';
import { CodesModule } from '../codes/codes.module';
import { ConsentModule } from '../consent/consent.module';
import { ConsultationModule } from '../consultation/consultation.module';
import { FeeScheduleModule } from '../fee-schedule/fee-schedule.module';
import { InventoryModule } from '../inventory/inventory.module';
import { PatientModule } from '../patient/patient.module';
import { QuoteModule } from '../quote/quote.module';
import { ProcedurePlanController } from './controllers/procedure-plan.controller';
import { ProcedurePlanRepository } from './repositories/procedure-plan.repository';
import { PlanCancellationHooks } from './services/plan-cancellation-hooks';
import { PlanConsentBackfill } from './services/plan-consent-backfill';
import { PlanInventoryService } from './services/plan-inventory.service';
import { PlanPresenter } from './services/plan-presenter';
import { ProcedurePlanWorkflowService } from './services/procedure-plan-workflow.service';
import { ProcedurePlanService } from './services/procedure-plan.service';
import { RequirementResolver } from './services/requirement-resolver';

@Module({
  imports: [
    ClinicModule,
    CodesModule,
    ConsentModule,
    ConsultationModule,
    FeeScheduleModule,
    InventoryModule,
    PatientModule,
    QuoteModule,
  ],
  controllers: [ProcedurePlanController],
  providers: [
    ProcedurePlanRepository,
    ProcedurePlanService,
    ProcedurePlanWorkflowService,
    PlanPresenter,
    PlanInventoryService,
    PlanCancellationHooks,
    PlanConsentBackfill,
    RequirementResolver,
  ],
  exports: [ProcedurePlanRepository, PlanInventoryService, PlanPresenter, PlanCancellationHooks],
})
export class ProcedurePlanModule {}
