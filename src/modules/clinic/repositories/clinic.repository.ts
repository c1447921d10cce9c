import { Injectable } from '@nestjs/common';
import { eq, sql } from 'drizzle-orm';
import type { ClinicId } from '../../../common/auth/caller';
import type { Db } from '../../../common/database/database';
import { returnedRow } from '../../../common/database/tenant-key';
import { clinics } from './clinic.schema';

export type ClinicRow = typeof clinics.$inferSelect;
export type NewClinicRow = Pick<typeof clinics.$inferInsert, 'id' | 'name' | 'timeZone'>;
export type ClinicChanges = Partial<Pick<ClinicRow, 'name' | 'address' | 'phone' | 'timeZone'>>;

@Injectable()
export class ClinicRepository {
  async insert(db: Db, clinic: NewClinicRow): Promise<ClinicRow> {
    return returnedRow(
      await db.insert(clinics).values(clinic).returning(),
      'INSERT … RETURNING gives the row',
    );
  }

  async findById(db: Db, id: ClinicId): Promise<ClinicRow | undefined> {
    const [row] = await db.select().from(clinics).where(eq(clinics.id, id));
    return row;
  }

  async lockById(db: Db, id: ClinicId): Promise<ClinicRow | undefined> {
    const [row] = await db.select().from(clinics).where(eq(clinics.id, id)).for('update');
    return row;
  }

  async timeZoneOf(db: Db, id: ClinicId): Promise<string | undefined> {
    const [row] = await db
      .select({ timeZone: clinics.timeZone })
      .from(clinics)
      .where(eq(clinics.id, id));
    return row?.timeZone;
  }

  async update(db: Db, id: ClinicId, changes: ClinicChanges): Promise<ClinicRow> {
    return returnedRow(
      await db
        .update(clinics)
        .set({ ...changes, version: sql`${clinics.version} + 1`, updatedAt: sql`now()` })
        .where(eq(clinics.id, id))
        .returning(),
      'the row was locked by the caller',
    );
  }
}
