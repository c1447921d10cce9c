import { Injectable } from '@nestjs/common';
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { ClinicId } from '../../../common/auth/caller';
import type { Db } from '../../../common/database/database';
import { byTenantKey, returnedRow } from '../../../common/database/tenant-key';
import { Keyset, type Page, type PageRequest } from '../../../common/http/pagination';
import { payers } from './payer.schema';

export type PayerRow = typeof payers.$inferSelect;
export type NewPayer = Omit<typeof payers.$inferInsert, 'version' | 'createdAt' | 'updatedAt'>;
export type PayerChanges = Partial<Pick<PayerRow, 'name' | 'payerId' | 'address'>>;

const byName = new Keyset([payers.name, payers.id]);

@Injectable()
export class PayerRepository {
  async insert(db: Db, payer: NewPayer): Promise<PayerRow> {
    return returnedRow(
      await db.insert(payers).values(payer).returning(),
      'INSERT … RETURNING gives the row',
    );
  }

  async findById(db: Db, clinicId: ClinicId, id: string): Promise<PayerRow | undefined> {
    const [row] = await db
      .select()
      .from(payers)
      .where(byTenantKey(payers, clinicId, id));
    return row;
  }

  async lockById(db: Db, clinicId: ClinicId, id: string): Promise<PayerRow | undefined> {
    const [row] = await db
      .select()
      .from(payers)
      .where(byTenantKey(payers, clinicId, id))
      .for('update');
    return row;
  }

  async payerIdTaken(db: Db, clinicId: ClinicId, payerId: string): Promise<boolean> {
    const [row] = await db
      .select({ id: payers.id })
      .from(payers)
      .where(and(eq(payers.clinicId, clinicId), eq(payers.payerId, payerId)));
    return row !== undefined;
  }

  async update(db: Db, clinicId: ClinicId, id: string, changes: PayerChanges): Promise<PayerRow> {
    return returnedRow(
      await db
        .update(payers)
        .set({ ...changes, version: sql`${payers.version} + 1`, updatedAt: sql`now()` })
        .where(byTenantKey(payers, clinicId, id))
        .returning(),
      'the row was locked by the caller',
    );
  }

  /** The clinic's payers by name. */
  async list(db: Db, clinicId: ClinicId, page: PageRequest): Promise<Page<PayerRow>> {
    const conditions: (SQL | undefined)[] = [eq(payers.clinicId, clinicId), byName.after(page)];
    const rows = await db
      .select()
      .from(payers)
      .where(and(...conditions))
      .orderBy(...byName.orderBy())
      .limit(byName.fetchSize(page));
    return byName.toPage(
      rows,
      page,
      (p) => [p.name, p.id],
      (p) => p,
    );
  }
}
