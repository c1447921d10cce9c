import { Module } from '@nestjs/common';
import { ClinicModule } from '../clinic';
import { UserModule } from '../user';
import { ReportsController } from './controllers/reports.controller';
import { SurgeonProductivityRepository } from './repositories/surgeon-productivity.repository';
import { TheaterUtilisationRepository } from './repositories/theater-utilisation.repository';
import { ConversionRepository } from './repositories/conversion.repository';
import { QuotesRepository } from './repositories/quotes.repository';
import { ArAgingRepository } from './repositories/ar-aging.repository';
import { ImplantsRepository } from './repositories/implants.repository';
import { ArAgingReport } from './services/ar-aging-report';
import { ConversionReport } from './services/conversion-report';
import { ImplantsReport } from './services/implants-report';
import { QuotesReport } from './services/quotes-report';
import { ReportRunner } from './services/report-runner.service';
import { SurgeonProductivityReport } from './services/surgeon-productivity-report';
import { TheaterUtilisationReport } from './services/theater-utilisation-report';

/**
 * The practice's reports (docs/reports.md): read models over the other modules' tables (their
 * table definitions only), computed by a few SQL queries each, in one snapshot. Writes nothing
 * but the audit of the patients a recall list names; owns `consultation_milestones`, the
 * conversion report's read model, written by database triggers (migration 0030), not by code.
 */
@Module({
  imports: [ClinicModule, UserModule],
  controllers: [ReportsController],
  providers: [
    ReportRunner,
    ConversionReport,
    TheaterUtilisationReport,
    SurgeonProductivityReport,
    ArAgingReport,
    ArAgingRepository,
    QuotesReport,
    ImplantsReport,
    TheaterUtilisationRepository,
    SurgeonProductivityRepository,
    ConversionRepository,
    QuotesRepository,
    ImplantsRepository,
  ],
})
export class ReportsModule {}
