import { Injectable } from '@nestjs/common';
import { eq, sql } from 'drizzle-orm';
import type { ClinicId } from '../../../common/auth/caller';
import type { Db } from '../../../common/database/database';
import { returnedRow } from '../../../common/database/tenant-key';
import type { AppointmentType } from './appointment.schema';
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

  /** Writes the clinic's settings of `type`, a row made on its first change. */
  async upsert(
    db: Db,
    clinicId: ClinicId,
    type: AppointmentType,
    settings: { defaultMinutes: number; whatToBring: string | null },
  ): Promise<AppointmentTypeSettingsRow> {
    const rows = await db
      .insert(appointmentTypeSettings)
      .values({ clinicId, type, ...settings })
      .onConflictDoUpdate({
        target: [appointmentTypeSettings.clinicId, appointmentTypeSettings.type],
        set: { ...settings, updatedAt: sql`now()` },
      })
      .returning();
    return returnedRow(rows, 'INSERT … RETURNING gives the row');
  }
}
