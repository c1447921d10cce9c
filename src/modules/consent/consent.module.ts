import { Module } from '@nestjs/common';
import { UserModule } from '../user/user.module';
import { ConsentTemplateController } from './controllers/consent-template.controller';
import { ConsentController } from './controllers/consent.controller';
import { ConsentInstanceRepository } from './repositories/consent-instance.repository';
import { ConsentTemplateRepository } from './repositories/consent-template.repository';
import { ConsentTemplateService } from './services/consent-template.service';
import { ConsentService } from './services/consent.service';
import { GeneralConsentSeeder } from './services/general-consent-seeder';
import { PlanConsentService } from './services/plan-consent.service';

/**
 * Consent templates and each plan's consent; the plan module depends on PlanConsentService only,
 * the clinic module on GeneralConsentSeeder only.
 */
@Module({
  imports: [UserModule],
  controllers: [ConsentTemplateController, ConsentController],
  providers: [
    ConsentTemplateRepository,
    ConsentInstanceRepository,
    ConsentTemplateService,
    ConsentService,
    PlanConsentService,
    GeneralConsentSeeder,
  ],
  // The clinic module seeds a new clinic's general surgical consent.
  // The consent PDF (ConsentPdfModule, which also needs the clinic) reads through ConsentService.
  exports: [PlanConsentService, GeneralConsentSeeder, ConsentService],
})
export class ConsentModule {}
