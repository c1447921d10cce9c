import { Injectable } from '@nestjs/common';
import { eq, sql } from 'drizzle-orm';
import type { ClinicId } from '../../../common/auth/caller';
import type { Db } from '../../../common/database/database';
import { returnedRow } from '../../../common/database/tenant-key';
import { clinicBillingProfiles } from './clinic-billing-profile.schema';

export type BillingProfileRow = typeof clinicBillingProfiles.$inferSelect;
/** What a PUT writes: every column but the key, the version and the times. */
export type BillingProfileColumns = Omit<
  BillingProfileRow,
  'clinicId' | 'version' | 'createdAt' | 'updatedAt'
>;

@Injectable()
export class ClinicBillingProfileRepository {
  async find(db: Db, clinicId: ClinicId): Promise<BillingProfileRow | undefined> {
    const [row] = await db
      .select()
      .from(clinicBillingProfiles)
      .where(eq(clinicBillingProfiles.clinicId, clinicId));
    return row;
  }

  async lock(db: Db, clinicId: ClinicId): Promise<BillingProfileRow | undefined> {
    const [row] = await db
      .select()
      .from(clinicBillingProfiles)
      .where(eq(clinicBillingProfiles.clinicId, clinicId))
      .for('update');
    return row;
  }

  /** Inserts unless the clinic has one; undefined when a concurrent PUT created it first. */
  async insertIfAbsent(
    db: Db,
    clinicId: ClinicId,
    columns: BillingProfileColumns,
  ): Promise<BillingProfileRow | undefined> {
    const [row] = await db
      .insert(clinicBillingProfiles)
      .values({ ...columns, clinicId })
      .onConflictDoNothing({ target: clinicBillingProfiles.clinicId })
      .returning();
    return row;
  }

  async update(
    db: Db,
    clinicId: ClinicId,
    columns: BillingProfileColumns,
  ): Promise<BillingProfileRow> {
    return returnedRow(
      await db
        .update(clinicBillingProfiles)
        .set({
          ...columns,
          version: sql`${clinicBillingProfiles.version} + 1`,
          updatedAt: sql`now()`,
        })
        .where(eq(clinicBillingProfiles.clinicId, clinicId))
        .returning(),
      'the row was locked by the caller',
    );
  }
}
