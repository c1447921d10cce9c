import { Module } from '@nestjs/common';
import { BillingModule } from '../billing';
import { ClinicModule } from '../clinic';
import { PatientModule } from '../patient';
import { PayerModule } from '../payer';
import { PriorAuthorizationModule } from '../prior-authorization';
import { ProcedurePlanModule } from '../procedure-plan';
import { TheaterModule } from '../theater';
import { UserModule } from '../user';
import { ClaimSubmissionController } from './controllers/claim-submission.controller';
import { ClaimController } from './controllers/claim.controller';
import { RemittanceController } from './controllers/remittance.controller';
import { ClaimRepository } from './repositories/claim.repository';
import { RemittanceRepository } from './repositories/remittance.repository';
import { ClaimDraftBuilder } from './services/claim-draft.builder';
import { ClaimLifecycle } from './services/claim-lifecycle';
import { ClaimSubmissionService } from './services/claim-submission.service';
import { ClaimService } from './services/claim.service';
import { RemittanceService } from './services/remittance.service';

/**
 * Insurance claims (docs/claims.md): 837P claims of bills, their submissions and their history.
 * Reads the other modules through their services; nothing depends on it.
 */
@Module({
  imports: [
    BillingModule,
    ClinicModule,
    PatientModule,
    PayerModule,
    PriorAuthorizationModule,
    ProcedurePlanModule,
    TheaterModule,
    UserModule,
  ],
  controllers: [ClaimSubmissionController, ClaimController, RemittanceController],
  providers: [
    ClaimRepository,
    ClaimLifecycle,
    ClaimDraftBuilder,
    ClaimService,
    ClaimSubmissionService,
    RemittanceRepository,
    RemittanceService,
  ],
  exports: [ClaimService],
})
export class ClaimsModule {}
