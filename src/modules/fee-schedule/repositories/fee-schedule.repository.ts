import { Injectable } from '@nestjs/common';
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { ClinicId } from '../../../common/auth/caller';
import type { Db } from '../../../common/database/database';
import { containsPattern } from '../../../common/database/like-pattern';
import { byTenantKey, returnedRow } from '../../../common/database/tenant-key';
import { Keyset, type Page, type PageRequest } from '../../../common/http/pagination';
import { feeScheduleEntries } from './fee-schedule.schema';

export type FeeScheduleEntryRow = typeof feeScheduleEntries.$inferSelect;
export type NewFeeScheduleEntry = Omit<
  typeof feeScheduleEntries.$inferInsert,
  'version' | 'createdAt' | 'updatedAt'
>;
/** What a PUT writes: every price column, amounts as numeric(12,2) strings. */
export type FeeScheduleEntryColumns = Pick<
  FeeScheduleEntryRow,
  'description' | 'surgeonFee' | 'facilityFee' | 'anesthesiaFee'
>;

// cpt_code is unique per clinic, so it alone orders the list and keys the cursor.
const byCptCode = new Keyset([feeScheduleEntries.cptCode]);

@Injectable()
export class FeeScheduleRepository {
  /** Inserts unless the clinic already has this code; undefined when it does (a concurrent PUT won). */
  async insertIfAbsent(
    db: Db,
    entry: NewFeeScheduleEntry,
  ): Promise<FeeScheduleEntryRow | undefined> {
    const [row] = await db
      .insert(feeScheduleEntries)
      .values(entry)
      .onConflictDoNothing({ target: [feeScheduleEntries.clinicId, feeScheduleEntries.cptCode] })
      .returning();
    return row;
  }

  async findByCode(
    db: Db,
    clinicId: ClinicId,
    cptCode: string,
  ): Promise<FeeScheduleEntryRow | undefined> {
    const [row] = await db
      .select()
      .from(feeScheduleEntries)
      .where(this.whereCode(clinicId, cptCode));
    return row;
  }

  async lockByCode(
    db: Db,
    clinicId: ClinicId,
    cptCode: string,
  ): Promise<FeeScheduleEntryRow | undefined> {
    const [row] = await db
      .select()
      .from(feeScheduleEntries)
      .where(this.whereCode(clinicId, cptCode))
      .for('update');
    return row;
  }

  async findByCodes(
    db: Db,
    clinicId: ClinicId,
    cptCodes: readonly string[],
  ): Promise<FeeScheduleEntryRow[]> {
    if (cptCodes.length === 0) return [];
    return db
      .select()
      .from(feeScheduleEntries)
      .where(
        and(
          eq(feeScheduleEntries.clinicId, clinicId),
          inArray(feeScheduleEntries.cptCode, [...cptCodes]),
        ),
      );
  }

  async update(
    db: Db,
    clinicId: ClinicId,
    id: string,
    columns: FeeScheduleEntryColumns,
  ): Promise<FeeScheduleEntryRow> {
    return returnedRow(
      await db
        .update(feeScheduleEntries)
        .set({
          ...columns,
          version: sql`${feeScheduleEntries.version} + 1`,
          updatedAt: sql`now()`,
        })
        .where(byTenantKey(feeScheduleEntries, clinicId, id))
        .returning(),
      'the row was locked by the caller',
    );
  }

  /**
   * Entries by CPT code. Each `search` word must begin the code or appear in the description,
   * case-insensitively; words are bound parameters with LIKE's wildcards escaped, never SQL.
   */
  async list(
    db: Db,
    clinicId: ClinicId,
    search: string | undefined,
    page: PageRequest,
  ): Promise<Page<FeeScheduleEntryRow>> {
    const words = (search ?? '').split(/\s+/).filter(Boolean).slice(0, 5);
    const conditions: (SQL | undefined)[] = [
      eq(feeScheduleEntries.clinicId, clinicId),
      ...words.map(
        (w) =>
          sql`(starts_with(${feeScheduleEntries.cptCode}, ${w.toUpperCase()}) OR ${feeScheduleEntries.description} ILIKE ${containsPattern(w)})`,
      ),
      byCptCode.after(page),
    ];
    const rows = await db
      .select()
      .from(feeScheduleEntries)
      .where(and(...conditions))
      .orderBy(...byCptCode.orderBy())
      .limit(byCptCode.fetchSize(page));
    return byCptCode.toPage(
      rows,
      page,
      (e) => [e.cptCode],
      (e) => e,
    );
  }

  private whereCode(clinicId: ClinicId, cptCode: string): SQL | undefined {
    return and(eq(feeScheduleEntries.clinicId, clinicId), eq(feeScheduleEntries.cptCode, cptCode));
  }
}
