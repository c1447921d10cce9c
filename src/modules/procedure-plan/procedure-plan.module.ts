import { Module } from '@nestjs/common';
import { ClinicModule } from '../clinic';
import { CodesModule } from '../codes';
import { ConsentModule } from '../consent';
import { ConsultationModule } from '../consultation';
import { FeeScheduleModule } from '../fee-schedule';
import { InventoryModule } from '../inventory';
import { PatientModule } from '../patient';
import { QuoteModule } from '../quote';
import { ProcedurePlanController } from './controllers/procedure-plan.controller';
import { ProcedurePlanRepository } from './repositories/procedure-plan.repository';
import { PlanCancellationHooks } from './services/plan-cancellation-hooks';
import { PlanConsentBackfill } from './services/plan-consent-backfill';
import { PlanInventoryService } from './services/plan-inventory.service';
import { PlanLifecycle } from './services/plan-lifecycle';
import { PlanQueries } from './services/plan-queries';
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
    PlanLifecycle,
    PlanQueries,
  ],
  // The patient portal approves a plan for its patient (ProcedurePlanWorkflowService.approveAsPatient).
  exports: [
    PlanLifecycle,
    PlanQueries,
    PlanInventoryService,
    PlanPresenter,
    PlanCancellationHooks,
    ProcedurePlanWorkflowService,
  ],
})
export class ProcedurePlanModule {}
