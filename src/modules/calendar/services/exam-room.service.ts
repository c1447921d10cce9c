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
  CreateExamRoomBody,
  ExamRoomResponse,
  ListExamRoomsQuery,
  UpdateExamRoomBody,
} from '../dto/exam-room.dto';
import { ExamRoomRepository, type ExamRoomRow } from '../repositories/exam-room.repository';

const ENTITY = 'ExamRoom';

/** Exam rooms: ADMIN creates, renames and deactivates them; everyone reads them. */
@Injectable()
export class ExamRoomService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly rooms: ExamRoomRepository,
    private readonly audit: AuditWriter,
  ) {}

  createRoom(caller: Caller, body: CreateExamRoomBody): Promise<ExamRoomResponse> {
    return this.tx.run(async (db) => {
      const room = await this.rooms
        .insert(db, { clinicId: caller.clinicId, id: newId(), name: body.name })
        .catch(nameTaken);
      await this.audit.record(db, caller, {
        action: 'exam-room.create',
        entityType: ENTITY,
        entityId: room.id,
        changedFields: ['name'],
      });
      return toExamRoomResponse(room);
    });
  }

  updateRoom(
    caller: Caller,
    id: string,
    body: UpdateExamRoomBody,
    ifMatch: number | undefined,
  ): Promise<ExamRoomResponse> {
    return this.tx.run(async (db) => {
      lockedAtVersion(await this.rooms.lockById(db, caller.clinicId, id), ifMatch, ENTITY, id);
      const updated = await this.rooms.update(db, caller.clinicId, id, body).catch(nameTaken);
      await this.audit.record(db, caller, {
        action: body.active === false ? 'exam-room.deactivate' : 'exam-room.update',
        entityType: ENTITY,
        entityId: id,
        changedFields: Object.keys(body),
      });
      return toExamRoomResponse(updated);
    });
  }

  getRoom(caller: Caller, id: string): Promise<ExamRoomResponse> {
    return this.tx.run(async (db) => {
      const room = await this.rooms.findById(db, caller.clinicId, id);
      if (!room) throw new NotFound(ENTITY, id);
      return toExamRoomResponse(room);
    });
  }

  listRooms(caller: Caller, query: ListExamRoomsQuery): Promise<Page<ExamRoomResponse>> {
    return this.tx.run(async (db) => {
      const page = await this.rooms.list(db, caller.clinicId, query);
      return { data: page.data.map(toExamRoomResponse), nextCursor: page.nextCursor };
    });
  }

  /** An appointment is booked only into an active exam room of the clinic (400 naming the field). */
  async assertBookable(db: Db, clinicId: ClinicId, roomId: string): Promise<ExamRoomRow> {
    const room = await this.rooms.findById(db, clinicId, roomId);
    if (!room) throw ValidationFailed.field('examRoomId', 'Not an exam room of this clinic');
    if (!room.active)
      throw ValidationFailed.field(
        'examRoomId',
        `${room.name} is deactivated: choose another room`,
      );
    return room;
  }
}

function nameTaken(error: unknown): never {
  if (isUniqueViolation(error, 'exam_rooms_name_unique'))
    throw new Duplicate('An exam room with this name already exists', 'name');
  throw error;
}

function toExamRoomResponse(room: ExamRoomRow): ExamRoomResponse {
  return {
    id: room.id,
    name: room.name,
    active: room.active,
    version: room.version,
    createdAt: room.createdAt.toISOString(),
    updatedAt: room.updatedAt.toISOString(),
  };
}
