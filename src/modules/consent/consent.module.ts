import { Module } from '@nestjs/common';
import { ClinicModule } from '../clinic';
import { PatientModule } from '../patient';
import { UserModule } from '../user';
import { ConsentTemplateController } from './controllers/consent-template.controller';
import { ConsentController } from './controllers/consent.controller';
import { ConsentInstanceRepository } from './repositories/consent-instance.repository';
import { ConsentTemplateRepository } from './repositories/consent-template.repository';
import { ConsentTemplateHooks } from './services/consent-template-hooks';
import { ConsentTemplateService } from './services/consent-template.service';
import { ConsentLifecycle } from './services/consent-lifecycle';
import { ConsentService } from './services/consent.service';
import { GeneralConsentSeeder } from './services/general-consent-seeder';
import { PlanConsentService } from './services/plan-consent.service';

/**
 * Consent templates and each plan's consent; the plan module depends on PlanConsentService and
 * ConsentTemplateHooks only, the clinic module on none (GeneralConsentSeeder registers a ClinicCreationHooks hook).
 */
@Module({
  imports: [UserModule, ClinicModule, PatientModule],
  controllers: [ConsentTemplateController, ConsentController],
  providers: [
    ConsentTemplateRepository,
    ConsentInstanceRepository,
    ConsentTemplateService,
    ConsentTemplateHooks,
    ConsentLifecycle,
    ConsentService,
    PlanConsentService,
    GeneralConsentSeeder,
  ],
  // The clinic's set-up checklist asks which templates are active (ConsentTemplateService); the
  // consent PDF (ConsentPdfModule, which also needs the clinic) reads through ConsentService.
  exports: [PlanConsentService, ConsentTemplateHooks, ConsentTemplateService, ConsentService],
})
export class ConsentModule {}
