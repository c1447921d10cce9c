import { Injectable } from '@nestjs/common';
import { eq } from 'drizzle-orm';
import type { ClinicId } from '../../../common/auth/caller';
import type { Db } from '../../../common/database/database';
import { returnedRow } from '../../../common/database/tenant-key';
import { clinics } from './clinic.schema';

export type ClinicRow = typeof clinics.$inferSelect;

@Injectable()
export class ClinicRepository {
  async insert(db: Db, clinic: { id: string; name: string }): Promise<ClinicRow> {
    return returnedRow(
      await db.insert(clinics).values(clinic).returning(),
      'INSERT … RETURNING gives the row',
    );
  }

  async findById(db: Db, id: ClinicId): Promise<ClinicRow | undefined> {
    const [row] = await db.select().from(clinics).where(eq(clinics.id, id));
    return row;
  }
}
