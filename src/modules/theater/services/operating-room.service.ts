import { Injectable } from '@nestjs/common';
import { AuditWriter } from '../../../common/audit/audit-writer';
import type { Caller, ClinicId } from '../../../common/auth/caller';
import type { Db } from '../../../common/database/database';
import { TransactionRunner } from '../../../common/database/transaction-runner';
import { isUniqueViolation } from '../../../common/database/unique-violation';
import { Duplicate, NotFound, ValidationFailed } from '../../../common/errors/domain-error';
import type { Page } from '../../../common/http/pagination';
import { lockedAtVersion } from '../../../common/http/versioning';
import { newId } from '../../../common/ids';
import type {
  CreateOperatingRoomBody,
  ListOperatingRoomsQuery,
  OperatingRoomResponse,
  UpdateOperatingRoomBody,
} from '../dto/operating-room.dto';
import {
  OperatingRoomRepository,
  type OperatingRoomRow,
} from '../repositories/operating-room.repository';

const ENTITY = 'OperatingRoom';

/** Theaters: ADMIN creates, renames and deactivates them; everyone scheduling reads them. */
@Injectable()
export class OperatingRoomService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly rooms: OperatingRoomRepository,
    private readonly audit: AuditWriter,
  ) {}

  createRoom(caller: Caller, body: CreateOperatingRoomBody): Promise<OperatingRoomResponse> {
    return this.tx.run(async (db) => {
      const room = await this.rooms
        .insert(db, {
          clinicId: caller.clinicId,
          id: newId(),
          name: body.name,
          opensAt: body.opensAt,
          closesAt: body.closesAt,
        })
        .catch(nameTaken);
      await this.audit.record(db, caller, {
        action: 'operating-room.create',
        entityType: ENTITY,
        entityId: room.id,
        changedFields: ['name', 'opensAt', 'closesAt'],
      });
      return toRoomResponse(room);
    });
  }

  updateRoom(
    caller: Caller,
    id: string,
    body: UpdateOperatingRoomBody,
    ifMatch: number | undefined,
  ): Promise<OperatingRoomResponse> {
    return this.tx.run(async (db) => {
      const room = lockedAtVersion(
        await this.rooms.lockById(db, caller.clinicId, id),
        ifMatch,
        ENTITY,
        id,
      );
      const opensAt = body.opensAt ?? room.opensAt;
      const closesAt = body.closesAt ?? room.closesAt;
      if (closesAt <= opensAt)
        throw ValidationFailed.field(
          body.closesAt === undefined ? 'opensAt' : 'closesAt',
          `closesAt must be after opensAt (the room opens at ${opensAt} and closes at ${closesAt})`,
        );
      const updated = await this.rooms.update(db, caller.clinicId, id, body).catch(nameTaken);
      await this.audit.record(db, caller, {
        action: body.active === false ? 'operating-room.deactivate' : 'operating-room.update',
        entityType: ENTITY,
        entityId: id,
        changedFields: Object.keys(body),
      });
      return toRoomResponse(updated);
    });
  }

  getRoom(caller: Caller, id: string): Promise<OperatingRoomResponse> {
    return this.tx.run(async (db) => {
      const room = await this.rooms.findById(db, caller.clinicId, id);
      if (!room) throw new NotFound(ENTITY, id);
      return toRoomResponse(room);
    });
  }

  listRooms(caller: Caller, query: ListOperatingRoomsQuery): Promise<Page<OperatingRoomResponse>> {
    return this.tx.run(async (db) => {
      const page = await this.rooms.list(db, caller.clinicId, query);
      return { data: page.data.map(toRoomResponse), nextCursor: page.nextCursor };
    });
  }

  /** A case is booked only into an active room of the clinic (404 for another clinic's). */
  async assertBookable(db: Db, clinicId: ClinicId, roomId: string): Promise<OperatingRoomRow> {
    const room = await this.rooms.findById(db, clinicId, roomId);
    if (!room) throw new NotFound(ENTITY, roomId);
    if (!room.active)
      throw ValidationFailed.field(
        'operatingRoomId',
        `${room.name} is deactivated: choose another room`,
      );
    return room;
  }
}

function nameTaken(error: unknown): never {
  if (isUniqueViolation(error, 'operating_rooms_name_unique'))
    throw new Duplicate('An operating room with this name already exists', 'name');
  throw error;
}

function toRoomResponse(room: OperatingRoomRow): OperatingRoomResponse {
  return {
    id: room.id,
    name: room.name,
    active: room.active,
    opensAt: room.opensAt,
    closesAt: room.closesAt,
    version: room.version,
    createdAt: room.createdAt.toISOString(),
    updatedAt: room.updatedAt.toISOString(),
  };
}
