import { Module } from '@nestjs/common';
import { BillingModule } from '../billing/billing.module';
import { ClinicModule } from '../clinic/clinic.module';
import { ConsentModule } from '../consent/consent.module';
import { InventoryModule } from '../inventory/inventory.module';
import { PriorAuthorizationModule } from '../prior-authorization/prior-authorization.module';
import { ProcedurePlanModule } from '../procedure-plan/procedure-plan.module';
import { UserModule } from '../user/user.module';
import { OperatingRoomController } from './controllers/operating-room.controller';
import { PlanReadinessController } from './controllers/plan-readiness.controller';
import { SurgicalCaseController } from './controllers/surgical-case.controller';
import { TheaterDayController } from './controllers/theater-day.controller';
import { OperatingRoomRepository } from './repositories/operating-room.repository';
import { SurgicalCaseRepository } from './repositories/surgical-case.repository';
import { CaseExecutionService } from './services/case-execution.service';
import { CaseSlots } from './services/case-slots';
import { ClinicZone } from './services/clinic-zone';
import { OperatingRoomService } from './services/operating-room.service';
import { SchedulingReadiness } from './services/scheduling-readiness.service';
import { SurgicalCasePresenter } from './services/surgical-case.presenter';
import { SurgicalCaseService } from './services/surgical-case.service';
import { TheaterDayService } from './services/theater-day.service';

/** Operating rooms, surgical cases, the day of surgery, and the scheduling checklist. */
@Module({
  imports: [
    ProcedurePlanModule,
    ConsentModule,
    PriorAuthorizationModule,
    InventoryModule,
    UserModule,
    BillingModule,
    ClinicModule,
  ],
  controllers: [
    OperatingRoomController,
    SurgicalCaseController,
    TheaterDayController,
    PlanReadinessController,
  ],
  providers: [
    OperatingRoomRepository,
    OperatingRoomService,
    SurgicalCaseRepository,
    SurgicalCaseService,
    CaseSlots,
    ClinicZone,
    SurgicalCasePresenter,
    CaseExecutionService,
    SchedulingReadiness,
    TheaterDayService,
  ],
  // The clinic's set-up checklist asks whether an active room exists.
  exports: [OperatingRoomService],
})
export class TheaterModule {}
