import { DynamicModule, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import type { AppConfig } from './common/config/app-config';
import { CoreModule } from './common/core.module';
import { AuditModule } from './modules/audit/audit.module';
import { AuthModule } from './modules/auth/auth.module';
import { BillingModule } from './modules/billing/billing.module';
import { CalendarModule } from './modules/calendar/calendar.module';
import { ClaimsModule } from './modules/claims/claims.module';
import { BootstrapModule } from './modules/clinic/bootstrap.module';
import { ClinicModule } from './modules/clinic/clinic.module';
import { ClinicSetupModule } from './modules/clinic-setup/clinic-setup.module';
import { CodesModule } from './modules/codes/codes.module';
import { ConsentPdfModule } from './modules/consent/consent-pdf.module';
import { ConsentModule } from './modules/consent/consent.module';
import { ConsultationModule } from './modules/consultation/consultation.module';
import { FdaChecklistModule } from './modules/fda-checklist/fda-checklist.module';
import { FeeScheduleModule } from './modules/fee-schedule/fee-schedule.module';
import { HealthModule } from './modules/health/health.module';
import { InventoryModule } from './modules/inventory/inventory.module';
import { PatientModule } from './modules/patient/patient.module';
import { PatientPortalModule } from './modules/patient-portal/patient-portal.module';
import { PayerModule } from './modules/payer/payer.module';
import { PaymentPlanModule } from './modules/payment-plan/payment-plan.module';
import { PriorAuthorizationModule } from './modules/prior-authorization/prior-authorization.module';
import { ProcedurePlanModule } from './modules/procedure-plan/procedure-plan.module';
import { QuoteModule } from './modules/quote/quote.module';
import { ReminderModule } from './modules/reminder/reminder.module';
import { ReportsModule } from './modules/reports/reports.module';
import { TheaterModule } from './modules/theater/theater.module';
import { UserModule } from './modules/user/user.module';

@Module({})
export class AppModule {
  /** The HTTP service; tools (clinic:create) pass `serve: false` to skip the first-start bootstrap. */
  static forRoot(
    config: AppConfig,
    logger: Logger,
    options: { serve: boolean } = { serve: true },
  ): DynamicModule {
    return {
      module: AppModule,
      imports: [
        // A tool (serve: false) enqueues jobs but never works them.
        CoreModule.forRoot(
          options.serve ? config : { ...config, jobs: { ...config.jobs, worker: false } },
          logger,
        ),
        HealthModule,
        AuthModule,
        UserModule,
        ClinicModule,
        PatientModule,
        ConsultationModule,
        ConsentModule,
        ConsentPdfModule,
        FdaChecklistModule,
        CodesModule,
        FeeScheduleModule,
        InventoryModule,
        ProcedurePlanModule,
        QuoteModule,
        PaymentPlanModule,
        BillingModule,
        PayerModule,
        PriorAuthorizationModule,
        TheaterModule,
        CalendarModule,
        ReminderModule,
        ReportsModule,
        ClaimsModule,
        PatientPortalModule,
        AuditModule,
        ClinicSetupModule,
        ...(options.serve ? [BootstrapModule] : []),
      ],
    };
  }
}
