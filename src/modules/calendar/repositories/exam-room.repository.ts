import { Injectable } from '@nestjs/common';
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { ClinicId } from '../../../common/auth/caller';
import type { Db } from '../../../common/database/database';
import { preparedRowById } from '../../../common/database/prepared-query';
import { byTenantKey, returnedRow } from '../../../common/database/tenant-key';
import { Keyset, type Page } from '../../../common/http/pagination';
import type { ListExamRoomsQuery } from '../dto/exam-room.dto';
import { examRooms } from './exam-room.schema';

export type ExamRoomRow = typeof examRooms.$inferSelect;
export type NewExamRoom = Omit<
  typeof examRooms.$inferInsert,
  'version' | 'createdAt' | 'updatedAt'
>;

const byName = new Keyset([examRooms.name, examRooms.id]);

const examRoomsById = preparedRowById('exam_rooms_by_id', examRooms);
const examRoomsLockedById = preparedRowById('exam_rooms_locked_by_id', examRooms, 'update');

@Injectable()
export class ExamRoomRepository {
  async insert(db: Db, room: NewExamRoom): Promise<ExamRoomRow> {
    return returnedRow(
      await db.insert(examRooms).values(room).returning(),
      'INSERT … RETURNING gives the row',
    );
  }

  findById(db: Db, clinicId: ClinicId, id: string): Promise<ExamRoomRow | undefined> {
    return examRoomsById(db, clinicId, id);
  }

  lockById(db: Db, clinicId: ClinicId, id: string): Promise<ExamRoomRow | undefined> {
    return examRoomsLockedById(db, clinicId, id);
  }

  async update(
    db: Db,
    clinicId: ClinicId,
    id: string,
    changes: Partial<Pick<ExamRoomRow, 'name' | 'active'>>,
  ): Promise<ExamRoomRow> {
    return returnedRow(
      await db
        .update(examRooms)
        .set({ ...changes, version: sql`${examRooms.version} + 1`, updatedAt: sql`now()` })
        .where(byTenantKey(examRooms, clinicId, id))
        .returning(),
      'the row was locked by the caller',
    );
  }

  async list(db: Db, clinicId: ClinicId, q: ListExamRoomsQuery): Promise<Page<ExamRoomRow>> {
    const conditions: (SQL | undefined)[] = [
      eq(examRooms.clinicId, clinicId),
      q.active === undefined ? undefined : eq(examRooms.active, q.active),
      byName.after(q),
    ];
    const rows = await db
      .select()
      .from(examRooms)
      .where(and(...conditions))
      .orderBy(...byName.orderBy())
      .limit(byName.fetchSize(q));
    return byName.toPage(
      rows,
      q,
      (r) => [r.name, r.id],
      (r) => r,
    );
  }
}
