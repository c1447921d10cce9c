import { Injectable } from '@nestjs/common';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { ClinicId } from '../../../common/auth/caller';
import type { Db } from '../../../common/database/database';
import { returnedRow } from '../../../common/database/tenant-key';
import { postOpTemplates } from './calendar-settings.schema';

export type PostOpTemplateRow = typeof postOpTemplates.$inferSelect;

@Injectable()
export class PostOpTemplateRepository {
  listOf(db: Db, clinicId: ClinicId): Promise<PostOpTemplateRow[]> {
    return db
      .select()
      .from(postOpTemplates)
      .where(eq(postOpTemplates.clinicId, clinicId))
      .orderBy(asc(postOpTemplates.cptCode));
  }

  async find(db: Db, clinicId: ClinicId, cptCode: string): Promise<PostOpTemplateRow | undefined> {
    const [row] = await db
      .select()
      .from(postOpTemplates)
      .where(and(eq(postOpTemplates.clinicId, clinicId), eq(postOpTemplates.cptCode, cptCode)));
    return row;
  }

  async upsert(
    db: Db,
    clinicId: ClinicId,
    cptCode: string,
    offsetsDays: number[],
  ): Promise<PostOpTemplateRow> {
    return returnedRow(
      await db
        .insert(postOpTemplates)
        .values({ clinicId, cptCode, offsetsDays })
        .onConflictDoUpdate({
          target: [postOpTemplates.clinicId, postOpTemplates.cptCode],
          set: { offsetsDays, updatedAt: sql`now()` },
        })
        .returning(),
      'INSERT … ON CONFLICT DO UPDATE … RETURNING gives the row',
    );
  }

  async delete(db: Db, clinicId: ClinicId, cptCode: string): Promise<boolean> {
    const rows = await db
      .delete(postOpTemplates)
      .where(and(eq(postOpTemplates.clinicId, clinicId), eq(postOpTemplates.cptCode, cptCode)))
      .returning({ cptCode: postOpTemplates.cptCode });
    return rows.length > 0;
  }
}
