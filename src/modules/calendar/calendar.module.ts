import { Module } from '@nestjs/common';
import { BookingModule } from '../booking';
import { ClinicModule } from '../clinic';
import { ConsultationModule } from '../consultation';
import { PatientModule } from '../patient';
import { ProcedurePlanModule } from '../procedure-plan';
import { TheaterModule } from '../theater';
import { UserModule } from '../user';
import {
  AppointmentController,
  PatientAppointmentsController,
} from './controllers/appointment.controller';
import { ExamRoomController } from './controllers/exam-room.controller';
import { PostOpTemplateController } from './controllers/post-op-template.controller';
import { AppointmentRepository } from './repositories/appointment.repository';
import { AppointmentTypeRepository } from './repositories/appointment-type.repository';
import { ExamRoomRepository } from './repositories/exam-room.repository';
import { PostOpTemplateRepository } from './repositories/post-op-template.repository';
import { AppointmentChangeHooks } from './services/appointment-change-hooks';
import { AppointmentLifecycle } from './services/appointment-lifecycle';
import { AppointmentTypes } from './services/appointment-types';
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
    ExamRoomController,
    AppointmentController,
    PatientAppointmentsController,
    PostOpTemplateController,
  ],
  providers: [
    AppointmentTypeRepository,
    AppointmentTypes,
    AppointmentChangeHooks,
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
