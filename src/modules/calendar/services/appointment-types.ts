import { Injectable } from '@nestjs/common';
import type { ClinicId } from '../../../common/auth/caller';
import type { Db } from '../../../common/database/database';
import { AppointmentTypeRepository } from '../repositories/appointment-type.repository';
import { APPOINTMENT_TYPES, type AppointmentType } from '../repositories/appointment.schema';

/** An appointment type as a clinic runs it. */
export interface AppointmentTypeSettings {
  type: AppointmentType;
  /** The length of a slot `/availability` offers, and of a booking that gives no end. */
  defaultMinutes: number;
  /** Printed in the reminders ("your photo ID, your list of medicines"). */
  whatToBring: string | null;
}

/** The defaults a clinic starts with (docs/calendar.md "Appointment types"). */
export const DEFAULT_TYPE_SETTINGS: Record<
  AppointmentType,
  Omit<AppointmentTypeSettings, 'type'>
> = {
  CONSULTATION: {
    defaultMinutes: 60,
    whatToBring: 'Your photo ID, your insurance card and a list of your current medicines.',
  },
  PRE_OP: {
    defaultMinutes: 45,
    whatToBring: 'Your photo ID, your list of medicines and any test results you were asked for.',
  },
  POST_OP: { defaultMinutes: 20, whatToBring: 'Your list of medicines.' },
  FOLLOW_UP: { defaultMinutes: 20, whatToBring: null },
  PROCEDURE_IN_OFFICE: {
    defaultMinutes: 60,
    whatToBring: 'Your photo ID. Someone to drive you home if you were told you need one.',
  },
};

/** Each appointment type's length and what to bring: the clinic's own, else the defaults. */
@Injectable()
export class AppointmentTypes {
  constructor(private readonly types: AppointmentTypeRepository) {}

  async all(db: Db, clinicId: ClinicId): Promise<AppointmentTypeSettings[]> {
    const own = new Map((await this.types.listOf(db, clinicId)).map((r) => [r.type, r]));
    return APPOINTMENT_TYPES.map((type) => {
      const row = own.get(type);
      return row
        ? { type, defaultMinutes: row.defaultMinutes, whatToBring: row.whatToBring }
        : { type, ...DEFAULT_TYPE_SETTINGS[type] };
    });
  }

  async of(db: Db, clinicId: ClinicId, type: AppointmentType): Promise<AppointmentTypeSettings> {
    const settings = (await this.all(db, clinicId)).find((s) => s.type === type);
    return settings ?? { type, ...DEFAULT_TYPE_SETTINGS[type] };
  }
}
