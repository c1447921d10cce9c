import { Module } from '@nestjs/common';
import { ClinicModule } from '../clinic/clinic.module';
import { FeeScheduleModule } from '../fee-schedule/fee-schedule.module';
import { PatientModule } from '../patient/patient.module';
import { QuotePdfController } from './controllers/quote-pdf.controller';
import { QuoteController } from './controllers/quote.controller';
import { QuoteRepository } from './repositories/quote.repository';
import { QuotePdfService } from './services/quote-pdf.service';
import { QuoteService } from './services/quote.service';

@Module({
  imports: [FeeScheduleModule, PatientModule, ClinicModule],
  controllers: [QuoteController, QuotePdfController],
  providers: [QuoteRepository, QuoteService, QuotePdfService],
  exports: [QuoteService, QuoteRepository],
})
export class QuoteModule {}
