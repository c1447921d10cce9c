import { Module } from '@nestjs/common';
import { BookingModule } from '../booking';
import { ClinicModule } from '../clinic';
import { ConsultationModule } from '../consultation';
import { PatientModule } from '../patient';
import { ProcedurePlanModule } from '../procedure-plan';
import { TheaterModule } from '../theater';
import { UserModule } from '../user';
import { AppointmentTypeRepository } from './repositories/appointment-type.repository';
import { AppointmentChangeHooks } from './services/appointment-change-hooks';
import { AppointmentTypes } from './services/appointment-types';

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
  controllers: [],
  providers: [AppointmentTypeRepository, AppointmentTypes, AppointmentChangeHooks],
  // The reminder module registers its hook and reads types' "what to bring".
  exports: [AppointmentChangeHooks, AppointmentTypes],
})
export class CalendarModule {}
