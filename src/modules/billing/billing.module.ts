import { Module } from '@nestjs/common';
import { ClinicModule } from '../clinic';
import { FeeScheduleModule } from '../fee-schedule';
import { InventoryModule } from '../inventory';
import { PatientModule } from '../patient';
import { PaymentPlanModule } from '../payment-plan';
import { QuoteModule } from '../quote';
import { BillPdfController } from './controllers/bill-pdf.controller';
import { BillController } from './controllers/bill.controller';
import { QuotePrepaymentController } from './controllers/quote-prepayment.controller';
import { BillingRepository } from './repositories/billing.repository';
import { BillPdfService } from './services/bill-pdf.service';
import { BillLifecycle } from './services/bill-lifecycle';
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
  providers: [BillingRepository, BillLifecycle, BillingService, BillPdfService, PrepaymentService],
  exports: [BillingService],
})
export class BillingModule {}
