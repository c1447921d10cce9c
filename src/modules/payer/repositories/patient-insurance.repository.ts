import { Injectable } from '@nestjs/common';
import { and, eq, sql } from 'drizzle-orm';
import type { ClinicId } from '../../../common/auth/caller';
import type { Db } from '../../../common/database/database';
import { returnedRow, tenantJoin } from '../../../common/database/tenant-key';
import { patientInsurances, payers } from './payer.schema';

export type PatientInsuranceRow = typeof patientInsurances.$inferSelect;
/** What a PUT writes: every column but the keys, the version and the times. */
export type PatientInsuranceColumns = Omit<
  PatientInsuranceRow,
  'clinicId' | 'id' | 'patientId' | 'version' | 'createdAt' | 'updatedAt'
>;
/** The insurance with the payer it names, as answered. */
export interface PatientInsuranceWithPayer {
  insurance: PatientInsuranceRow;
  payer: { id: string; name: string; payerId: string };
}

@Injectable()
export class PatientInsuranceRepository {
  async findByPatient(
    db: Db,
    clinicId: ClinicId,
    patientId: string,
  ): Promise<PatientInsuranceWithPayer | undefined> {
    const [row] = await db
      .select({
        insurance: patientInsurances,
        payer: { id: payers.id, name: payers.name, payerId: payers.payerId },
      })
      .from(patientInsurances)
      .innerJoin(payers, tenantJoin(payers, patientInsurances.clinicId, patientInsurances.payerRef))
      .where(
        and(eq(patientInsurances.clinicId, clinicId), eq(patientInsurances.patientId, patientId)),
      );
    return row;
  }

  async lockByPatient(
    db: Db,
    clinicId: ClinicId,
    patientId: string,
  ): Promise<PatientInsuranceRow | undefined> {
    const [row] = await db
      .select()
      .from(patientInsurances)
      .where(
        and(eq(patientInsurances.clinicId, clinicId), eq(patientInsurances.patientId, patientId)),
      )
      .for('update');
    return row;
  }

  /** Inserts unless the patient has one; undefined when a concurrent PUT created it first. */
  async insertIfAbsent(
    db: Db,
    row: Omit<typeof patientInsurances.$inferInsert, 'version' | 'createdAt' | 'updatedAt'>,
  ): Promise<PatientInsuranceRow | undefined> {
    const [created] = await db
      .insert(patientInsurances)
      .values(row)
      .onConflictDoNothing({ target: [patientInsurances.clinicId, patientInsurances.patientId] })
      .returning();
    return created;
  }

  async update(
    db: Db,
    clinicId: ClinicId,
    patientId: string,
    columns: PatientInsuranceColumns,
  ): Promise<PatientInsuranceRow> {
    return returnedRow(
      await db
        .update(patientInsurances)
        .set({
          ...columns,
          version: sql`${patientInsurances.version} + 1`,
          updatedAt: sql`now()`,
        })
        .where(
          and(eq(patientInsurances.clinicId, clinicId), eq(patientInsurances.patientId, patientId)),
        )
        .returning(),
      'the row was locked by the caller',
    );
  }
}
