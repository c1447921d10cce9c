import { Injectable } from '@nestjs/common';
import { and, eq, type SQL } from 'drizzle-orm';
import type { ClinicId } from '../../../common/auth/caller';
import type { Db } from '../../../common/database/database';
import { preparedRowById } from '../../../common/database/prepared-query';
import { returnedRow } from '../../../common/database/tenant-key';
import { Keyset, type Page, type PageRequest } from '../../../common/http/pagination';
import { consultations } from './consultation.schema';

export type ConsultationRow = typeof consultations.$inferSelect;
export type NewConsultation = Omit<typeof consultations.$inferInsert, 'createdAt' | 'updatedAt'>;

const newestFirst = new Keyset([consultations.consultationDate, consultations.id], 'desc');

// By-id reads: built once (prepared-query.ts).
const consultationsById = preparedRowById('consultations_by_id', consultations);

@Injectable()
export class ConsultationRepository {
  async insert(db: Db, consultation: NewConsultation): Promise<ConsultationRow> {
    return returnedRow(
      await db.insert(consultations).values(consultation).returning(),
      'INSERT … RETURNING gives the row',
    );
  }

  async findById(db: Db, clinicId: ClinicId, id: string): Promise<ConsultationRow | undefined> {
    return consultationsById(db, clinicId, id);
  }

  async list(
    db: Db,
    clinicId: ClinicId,
    filter: { patientId?: string | undefined; surgeonId?: string | undefined },
    page: PageRequest,
  ): Promise<Page<ConsultationRow>> {
    const conditions: (SQL | undefined)[] = [
      eq(consultations.clinicId, clinicId),
      filter.patientId ? eq(consultations.patientId, filter.patientId) : undefined,
      filter.surgeonId ? eq(consultations.surgeonId, filter.surgeonId) : undefined,
      newestFirst.after(page),
    ];
    const rows = await db
      .select()
      .from(consultations)
      .where(and(...conditions))
      .orderBy(...newestFirst.orderBy())
      .limit(newestFirst.fetchSize(page));
    return newestFirst.toPage(
      rows,
      page,
      (c) => [c.consultationDate.toISOString(), c.id],
      (c) => c,
    );
  }
}
