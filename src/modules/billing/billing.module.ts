import { Module } from '@nestjs/common';
import { ClinicModule } from '../clinic/clinic.module';
import { FeeScheduleModule } from '../fee-schedule/fee-schedule.module';
import { InventoryModule } from '../inventory/inventory.module';
import { PatientModule } from '../patient/patient.module';
import { PaymentPlanModule } from '../payment-plan/payment-plan.module';
import { QuoteModule } from '../quote/quote.module';
import { BillPdfController } from './controllers/bill-pdf.controller';
import { BillController } from './controllers/bill.controller';
import { QuotePrepaymentController } from './controllers/quote-prepayment.controller';
import { BillingRepository } from './repositories/billing.repository';
import { BillPdfService } from './services/bill-pdf.service';
import { BillingService } from './services/billing.service';
import { PrepaymentService } from './services/prepayment.service';

/**
 * Bills of completed cases (docs/design.md §6). The theater module creates them through
 * `BillingService.createBillForCase`, inside its completion transaction.
 */
@Module({
  imports: [
    QuoteModule,
    InventoryModule,
    FeeScheduleModule,
    PatientModule,
    ClinicModule,
    PaymentPlanModule,
  ],
  controllers: [BillController, BillPdfController, QuotePrepaymentController],
  providers: [BillingRepository, BillingService, BillPdfService, PrepaymentService],
  exports: [BillingService],
})
export class BillingModule {}
