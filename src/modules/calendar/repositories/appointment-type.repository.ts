import { Injectable } from '@nestjs/common';
import { eq } from 'drizzle-orm';
import type { ClinicId } from '../../../common/auth/caller';
import type { Db } from '../../../common/database/database';
import { appointmentTypeSettings } from './calendar-settings.schema';

export type AppointmentTypeSettingsRow = typeof appointmentTypeSettings.$inferSelect;

@Injectable()
export class AppointmentTypeRepository {
  listOf(db: Db, clinicId: ClinicId): Promise<AppointmentTypeSettingsRow[]> {
    return db
      .select()
      .from(appointmentTypeSettings)
      .where(eq(appointmentTypeSettings.clinicId, clinicId));
  }
}
