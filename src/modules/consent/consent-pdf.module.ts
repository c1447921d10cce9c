import { Module } from '@nestjs/common';
import { ClinicModule } from '../clinic';
import { PatientModule } from '../patient';
import { ConsentModule } from './consent.module';
import { ConsentPdfController } from './controllers/consent-pdf.controller';
import { ConsentPdfService } from './services/consent-pdf.service';

/**
 * The signed consent as a PDF. A module of its own: it needs the clinic (name, address, time
 * zone), and the clinic module already imports ConsentModule to seed the general consent.
 */
@Module({
  imports: [ConsentModule, ClinicModule, PatientModule],
  controllers: [ConsentPdfController],
  providers: [ConsentPdfService],
  // The patient portal sends the patient their signed consent (ConsentPdfService.pdfForPatient).
  exports: [ConsentPdfService],
})
export class ConsentPdfModule {}
