import { Injectable } from '@nestjs/common';
import { and, desc, eq, max, sql, type SQL } from 'drizzle-orm';
import type { ClinicId } from '../../../common/auth/caller';
import type { Db } from '../../../common/database/database';
import { byTenantKey, returnedRow } from '../../../common/database/tenant-key';
import { Keyset, type Page, type PageRequest } from '../../../common/http/pagination';
import { fdaChecklistTemplates as templates } from './fda-checklist.schema';

export type FdaChecklistTemplateRow = typeof templates.$inferSelect;
export type NewFdaChecklistTemplate = Omit<
  typeof templates.$inferInsert,
  'createdAt' | 'updatedAt'
>;

const newestVersionFirst = new Keyset([templates.version, templates.id], 'desc');

@Injectable()
export class FdaChecklistTemplateRepository {
  async insert(db: Db, template: NewFdaChecklistTemplate): Promise<FdaChecklistTemplateRow> {
    return returnedRow(
      await db.insert(templates).values(template).returning(),
      'INSERT … RETURNING gives the row',
    );
  }

  /** The clinic's highest version number, 0 when it has none. */
  async highestVersion(db: Db, clinicId: ClinicId): Promise<number> {
    const [row] = await db
      .select({ version: max(templates.version) })
      .from(templates)
      .where(eq(templates.clinicId, clinicId));
    return row?.version ?? 0;
  }

  /** The highest active version: the text a new plan's checklist is made from. */
  async newestActive(db: Db, clinicId: ClinicId): Promise<FdaChecklistTemplateRow | undefined> {
    const [row] = await db
      .select()
      .from(templates)
      .where(and(eq(templates.clinicId, clinicId), eq(templates.active, true)))
      .orderBy(desc(templates.version))
      .limit(1);
    return row;
  }

  async setActive(
    db: Db,
    clinicId: ClinicId,
    id: string,
    active: boolean,
  ): Promise<FdaChecklistTemplateRow | undefined> {
    const [row] = await db
      .update(templates)
      .set({ active, updatedAt: sql`now()` })
      .where(byTenantKey(templates, clinicId, id))
      .returning();
    return row;
  }

  /** Newest version first. */
  async list(
    db: Db,
    clinicId: ClinicId,
    filter: { active?: boolean | undefined },
    page: PageRequest,
  ): Promise<Page<FdaChecklistTemplateRow>> {
    const conditions: (SQL | undefined)[] = [
      eq(templates.clinicId, clinicId),
      filter.active === undefined ? undefined : eq(templates.active, filter.active),
      newestVersionFirst.after(page),
    ];
    const rows = await db
      .select()
      .from(templates)
      .where(and(...conditions))
      .orderBy(...newestVersionFirst.orderBy())
      .limit(newestVersionFirst.fetchSize(page));
    return newestVersionFirst.toPage(
      rows,
      page,
      (r) => [String(r.version), r.id],
      (r) => r,
    );
  }
}
