import { Injectable } from '@nestjs/common';
import { and, arrayOverlaps, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { ClinicId } from '../../../common/auth/caller';
import type { Db } from '../../../common/database/database';
import { preparedRowById } from '../../../common/database/prepared-query';
import { byTenantKey, returnedRow } from '../../../common/database/tenant-key';
import { Keyset, type Page, type PageRequest } from '../../../common/http/pagination';
import { consentTemplates } from './consent.schema';

export type ConsentTemplateRow = typeof consentTemplates.$inferSelect;
export type NewConsentTemplate = Omit<
  typeof consentTemplates.$inferInsert,
  'createdAt' | 'updatedAt'
>;

const byCodeAndVersion = new Keyset([
  consentTemplates.code,
  consentTemplates.version,
  consentTemplates.id,
]);

// By-id reads: built once (prepared-query.ts).
const consentTemplatesById = preparedRowById('consent_templates_by_id', consentTemplates);

@Injectable()
export class ConsentTemplateRepository {
  async insert(db: Db, template: NewConsentTemplate): Promise<ConsentTemplateRow> {
    return returnedRow(
      await db.insert(consentTemplates).values(template).returning(),
      'INSERT … RETURNING gives the row',
    );
  }

  async findById(db: Db, clinicId: ClinicId, id: string): Promise<ConsentTemplateRow | undefined> {
    return consentTemplatesById(db, clinicId, id);
  }

  /** Turns a template on or off; undefined when the clinic has no such template. */
  async setActive(
    db: Db,
    clinicId: ClinicId,
    id: string,
    active: boolean,
  ): Promise<ConsentTemplateRow | undefined> {
    const [row] = await db
      .update(consentTemplates)
      .set({ active, updatedAt: sql`now()` })
      .where(byTenantKey(consentTemplates, clinicId, id))
      .returning();
    return row;
  }

  /** The active templates sharing at least one of `baseCodes`: the candidates of the matching rule. */
  async activeForCodes(
    db: Db,
    clinicId: ClinicId,
    baseCodes: readonly string[],
  ): Promise<ConsentTemplateRow[]> {
    if (baseCodes.length === 0) return [];
    return db
      .select()
      .from(consentTemplates)
      .where(
        and(
          eq(consentTemplates.clinicId, clinicId),
          eq(consentTemplates.active, true),
          arrayOverlaps(consentTemplates.cptCodes, [...baseCodes]),
        ),
      );
  }

  /** The newest active version of the template with `code`, if the clinic has one. */
  async newestActiveByCode(
    db: Db,
    clinicId: ClinicId,
    code: string,
  ): Promise<ConsentTemplateRow | undefined> {
    const [row] = await db
      .select()
      .from(consentTemplates)
      .where(
        and(
          eq(consentTemplates.clinicId, clinicId),
          eq(consentTemplates.code, code),
          eq(consentTemplates.active, true),
        ),
      )
      .orderBy(desc(consentTemplates.version))
      .limit(1);
    return row;
  }

  /** By code, then version, oldest first. */
  async list(
    db: Db,
    clinicId: ClinicId,
    filter: { active?: boolean | undefined; code?: string | undefined },
    page: PageRequest,
  ): Promise<Page<ConsentTemplateRow>> {
    const conditions: (SQL | undefined)[] = [
      eq(consentTemplates.clinicId, clinicId),
      filter.active === undefined ? undefined : eq(consentTemplates.active, filter.active),
      filter.code === undefined ? undefined : eq(consentTemplates.code, filter.code),
      byCodeAndVersion.after(page),
    ];
    const rows = await db
      .select()
      .from(consentTemplates)
      .where(and(...conditions))
      .orderBy(...byCodeAndVersion.orderBy())
      .limit(byCodeAndVersion.fetchSize(page));
    return byCodeAndVersion.toPage(
      rows,
      page,
      (r) => [r.code, String(r.version), r.id],
      (r) => r,
    );
  }
}
