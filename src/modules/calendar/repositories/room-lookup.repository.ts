import { Injectable } from '@nestjs/common';
import { and, eq, inArray } from 'drizzle-orm';
import type { ClinicId } from '../../../common/auth/caller';
import type { Db } from '../../../common/database/database';
import { users } from '../../user/repositories/user.schema';
import { examRooms } from './exam-room.schema';

export interface ExamRoomRef {
  id: string;
  name: string;
  active: boolean;
}

export interface ProviderRef {
  id: string;
  name: string;
  role: string;
  active: boolean;
}

/**
 * The small reads working hours, time off and availability need of rooms and staff: whether an
 * id is an exam room of the clinic, whether users are its providers. Kept apart from the exam
 * rooms' own repository (their API is another part of the calendar).
 */
@Injectable()
export class RoomLookupRepository {
  async examRoom(db: Db, clinicId: ClinicId, id: string): Promise<ExamRoomRef | undefined> {
    const [row] = await db
      .select({ id: examRooms.id, name: examRooms.name, active: examRooms.active })
      .from(examRooms)
      .where(and(eq(examRooms.clinicId, clinicId), eq(examRooms.id, id)));
    return row;
  }

  /** The clinic's users among `ids`, whatever their role (the caller checks it). */
  usersAmong(db: Db, clinicId: ClinicId, ids: readonly string[]): Promise<ProviderRef[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return db
      .select({ id: users.id, name: users.name, role: users.role, active: users.active })
      .from(users)
      .where(and(eq(users.clinicId, clinicId), inArray(users.id, [...ids])));
  }

  /** The ids of every SURGEON and NURSE of the clinic, active or not: who may hold bookings. */
  async providerIds(db: Db, clinicId: ClinicId): Promise<string[]> {
    const rows = await db
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.clinicId, clinicId), inArray(users.role, ['SURGEON', 'NURSE'])));
    return rows.map((r) => r.id);
  }
}
