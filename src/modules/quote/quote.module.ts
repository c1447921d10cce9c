import { Module } from '@nestjs/common';
import { ClinicModule } from '../clinic';
import { FeeScheduleModule } from '../fee-schedule';
import { PatientModule } from '../patient';
import { QuotePdfController } from './controllers/quote-pdf.controller';
import { QuoteController } from './controllers/quote.controller';
import { QuoteRepository } from './repositories/quote.repository';
import { QuoteLifecycle } from './services/quote-lifecycle';
import { QuotePdfService } from './services/quote-pdf.service';
import { QuoteQueries } from './services/quote-queries';
import { QuoteService } from './services/quote.service';

@Module({
  imports: [FeeScheduleModule, PatientModule, ClinicModule],
  controllers: [QuoteController, QuotePdfController],
  providers: [QuoteRepository, QuoteLifecycle, QuoteService, QuoteQueries, QuotePdfService],
  exports: [QuoteService, QuoteQueries, QuotePdfService],
})
export class QuoteModule {}
