import { Injectable } from '@nestjs/common';
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { ClinicId } from '../../../common/auth/caller';
import type { Db } from '../../../common/database/database';
import { preparedRowById } from '../../../common/database/prepared-query';
import { byTenantKey, returnedRow } from '../../../common/database/tenant-key';
import { Keyset, type Page } from '../../../common/http/pagination';
import type { ListOperatingRoomsQuery } from '../dto/operating-room.dto';
import { operatingRooms } from './theater.schema';

export type OperatingRoomRow = typeof operatingRooms.$inferSelect;
export type NewOperatingRoom = Omit<
  typeof operatingRooms.$inferInsert,
  'version' | 'createdAt' | 'updatedAt'
>;

const byName = new Keyset([operatingRooms.name, operatingRooms.id]);

// By-id reads: built once (prepared-query.ts).
const operatingRoomsById = preparedRowById('operating_rooms_by_id', operatingRooms);
const operatingRoomsLockedById = preparedRowById(
  'operating_rooms_locked_by_id',
  operatingRooms,
  'update',
);

@Injectable()
export class OperatingRoomRepository {
  async insert(db: Db, room: NewOperatingRoom): Promise<OperatingRoomRow> {
    return returnedRow(
      await db.insert(operatingRooms).values(room).returning(),
      'INSERT … RETURNING gives the row',
    );
  }

  async findById(db: Db, clinicId: ClinicId, id: string): Promise<OperatingRoomRow | undefined> {
    return operatingRoomsById(db, clinicId, id);
  }

  async lockById(db: Db, clinicId: ClinicId, id: string): Promise<OperatingRoomRow | undefined> {
    return operatingRoomsLockedById(db, clinicId, id);
  }

  async update(
    db: Db,
    clinicId: ClinicId,
    id: string,
    changes: Partial<Pick<OperatingRoomRow, 'name' | 'active' | 'opensAt' | 'closesAt'>>,
  ): Promise<OperatingRoomRow> {
    return returnedRow(
      await db
        .update(operatingRooms)
        .set({ ...changes, version: sql`${operatingRooms.version} + 1`, updatedAt: sql`now()` })
        .where(byTenantKey(operatingRooms, clinicId, id))
        .returning(),
      'the row was locked by the caller',
    );
  }

  async list(
    db: Db,
    clinicId: ClinicId,
    q: ListOperatingRoomsQuery,
  ): Promise<Page<OperatingRoomRow>> {
    const conditions: (SQL | undefined)[] = [
      eq(operatingRooms.clinicId, clinicId),
      q.active === undefined ? undefined : eq(operatingRooms.active, q.active),
      byName.after(q),
    ];
    const rows = await db
      .select()
      .from(operatingRooms)
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
