import { Module } from '@nestjs/common';
import { BookingModule } from '../booking';
import { ClinicModule } from '../clinic';
import { ConsultationModule } from '../consultation';
import { PatientModule } from '../patient';
import { ProcedurePlanModule } from '../procedure-plan';
import { TheaterModule } from '../theater';
import { UserModule } from '../user';
import {
  AppointmentTypeController,
  AvailabilityController,
} from './controllers/availability.controller';
import {
  ScheduleExceptionController,
  WorkingHoursController,
} from './controllers/working-hours.controller';
import { AppointmentTypeRepository } from './repositories/appointment-type.repository';
import { RoomLookupRepository } from './repositories/room-lookup.repository';
import { WorkingHoursRepository } from './repositories/working-hours.repository';
import { AppointmentChangeHooks } from './services/appointment-change-hooks';
import { AppointmentTypeService } from './services/appointment-type.service';
import { AppointmentTypes } from './services/appointment-types';
import { AvailabilityService } from './services/availability.service';
import { WorkingHoursService } from './services/working-hours.service';
import {
  AppointmentController,
  PatientAppointmentsController,
} from './controllers/appointment.controller';
import { ExamRoomController } from './controllers/exam-room.controller';
import { PostOpTemplateController } from './controllers/post-op-template.controller';
import { AppointmentRepository } from './repositories/appointment.repository';
import { ExamRoomRepository } from './repositories/exam-room.repository';
import { PostOpTemplateRepository } from './repositories/post-op-template.repository';
import { AppointmentLifecycle } from './services/appointment-lifecycle';
import { AppointmentService } from './services/appointment.service';
import { ExamRoomService } from './services/exam-room.service';
import { PostOpScheduleService } from './services/post-op-schedule.service';

/**
 * The clinic calendar (docs/calendar.md): exam rooms, appointments and their history, working
 * hours and time off, free slots, the post-op schedule of a completed case.
 */
@Module({
  imports: [
    BookingModule,
    ClinicModule,
    ConsultationModule,
    PatientModule,
    ProcedurePlanModule,
    TheaterModule,
    UserModule,
  ],
  controllers: [
    WorkingHoursController,
    ScheduleExceptionController,
    AppointmentTypeController,
    AvailabilityController,
    ExamRoomController,
    AppointmentController,
    PatientAppointmentsController,
    PostOpTemplateController,
  ],
  providers: [
    AppointmentTypeRepository,
    AppointmentTypes,
    AppointmentChangeHooks,
    WorkingHoursRepository,
    RoomLookupRepository,
    WorkingHoursService,
    AppointmentTypeService,
    AvailabilityService,
    ExamRoomRepository,
    ExamRoomService,
    AppointmentRepository,
    AppointmentLifecycle,
    AppointmentService,
    PostOpTemplateRepository,
    PostOpScheduleService,
  ],
  // The reminder module registers its hook and reads types' "what to bring".
  exports: [AppointmentChangeHooks, AppointmentTypes],
})
export class CalendarModule {}
