import { Module } from '@nestjs/common';
import { CodesModule } from '../codes';
import { PatientModule } from '../patient';
import { ProcedurePlanModule } from '../procedure-plan';
import { PlanPriorAuthorizationController } from './controllers/plan-prior-authorization.controller';
import { PriorAuthorizationController } from './controllers/prior-authorization.controller';
import { PriorAuthorizationRepository } from './repositories/prior-authorization.repository';
import { PriorAuthorizationCoverage } from './services/prior-authorization-coverage';
import { PriorAuthorizationLifecycle } from './services/prior-authorization-lifecycle';
import { PriorAuthorizationWorkflowService } from './services/prior-authorization-workflow.service';
import { PriorAuthorizationService } from './services/prior-authorization.service';

/**
 * Prior authorizations of insured plans (docs/design.md §3–4). Exports the coverage rule the theater
 * module's scheduling readiness check asks.
 */
@Module({
  imports: [CodesModule, PatientModule, ProcedurePlanModule],
  controllers: [PlanPriorAuthorizationController, PriorAuthorizationController],
  providers: [
    PriorAuthorizationRepository,
    PriorAuthorizationService,
    PriorAuthorizationWorkflowService,
    PriorAuthorizationLifecycle,
    PriorAuthorizationCoverage,
  ],
  exports: [PriorAuthorizationCoverage],
})
export class PriorAuthorizationModule {}
