import { Module } from '@nestjs/common';
import { ClinicModule } from '../clinic';
import { ProcedurePlanModule } from '../procedure-plan';
import { UserModule } from '../user';
import { FdaChecklistTemplateController } from './controllers/fda-checklist-template.controller';
import { FdaChecklistController } from './controllers/fda-checklist.controller';
import { FdaChecklistTemplateRepository } from './repositories/fda-checklist-template.repository';
import { FdaChecklistRepository } from './repositories/fda-checklist.repository';
import { FdaChecklistLifecycle } from './services/fda-checklist-lifecycle';
import { FdaChecklistSeeder } from './services/fda-checklist-seeder';
import { FdaChecklistTemplateService } from './services/fda-checklist-template.service';
import { FdaChecklistService } from './services/fda-checklist.service';

/**
 * The FDA breast implant Patient Decision Checklist (docs/fda-checklist.md): templates, each plan's
 * checklist. The theater's readiness and the patient portal use FdaChecklistService.
 */
@Module({
  imports: [ClinicModule, ProcedurePlanModule, UserModule],
  controllers: [FdaChecklistTemplateController, FdaChecklistController],
  providers: [
    FdaChecklistTemplateRepository,
    FdaChecklistRepository,
    FdaChecklistTemplateService,
    FdaChecklistLifecycle,
    FdaChecklistService,
    FdaChecklistSeeder,
  ],
  exports: [FdaChecklistService],
})
export class FdaChecklistModule {}
