import { Module } from '@nestjs/common';
import { BillingModule } from '../billing';
import { BookingModule } from '../booking';
import { ClinicModule } from '../clinic';
import { ConsentModule } from '../consent';
import { FdaChecklistModule } from '../fda-checklist';
import { InventoryModule } from '../inventory';
import { PriorAuthorizationModule } from '../prior-authorization';
import { ProcedurePlanModule } from '../procedure-plan';
import { UserModule } from '../user';
import { OperatingRoomController } from './controllers/operating-room.controller';
import { PlanReadinessController } from './controllers/plan-readiness.controller';
import { SurgicalCaseController } from './controllers/surgical-case.controller';
import { TheaterDayController } from './controllers/theater-day.controller';
import { OperatingRoomRepository } from './repositories/operating-room.repository';
import { SurgicalCaseRepository } from './repositories/surgical-case.repository';
import { CaseCompletionHooks } from './services/case-completion-hooks';
import { CaseExecutionService } from './services/case-execution.service';
import { CaseLifecycle } from './services/case-lifecycle';
import { CaseSlots } from './services/case-slots';
import { ClinicZone } from './services/clinic-zone';
import { ImplantCardService } from './services/implant-card.service';
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
    FdaChecklistModule,
    PriorAuthorizationModule,
    InventoryModule,
    UserModule,
    BillingModule,
    ClinicModule,
    BookingModule,
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
    CaseLifecycle,
    CaseSlots,
    ClinicZone,
    SurgicalCasePresenter,
    CaseExecutionService,
    CaseCompletionHooks,
    SchedulingReadiness,
    TheaterDayService,
    ImplantCardService,
  ],
  // The clinic's set-up checklist asks whether an active room exists.
  // The claims module reads a case's surgeon and date of service.
  // The patient portal shows and prints the patient's implant cards.
  // The calendar proposes the post-op visits of a completed case.
  exports: [OperatingRoomService, SurgicalCaseService, ImplantCardService, CaseCompletionHooks],
})
export class TheaterModule {}
