import { Injectable } from '@nestjs/common';
import type { Caller } from '../../../common/auth/caller';
import { TransactionRunner } from '../../../common/database/transaction-runner';
import type { Page } from '../../../common/http/pagination';
import type { AuditEventResponse, ListAuditEventsQuery } from '../dto/audit-event.dto';
import { AuditEventRepository } from '../repositories/audit-event.repository';

@Injectable()
export class AuditEventService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly events: AuditEventRepository,
  ) {}

  async listEvents(caller: Caller, query: ListAuditEventsQuery): Promise<Page<AuditEventResponse>> {
    const page = await this.events.list(this.tx.db, caller.clinicId, query);
    return {
      data: page.data.map((e) => ({
        id: e.id,
        occurredAt: e.occurredAt.toISOString(),
        actorId: e.actorId,
        action: e.action,
        entityType: e.entityType,
        entityId: e.entityId,
        requestId: e.requestId,
        changedFields: e.changedFields,
        metadata: e.metadata,
      })),
      nextCursor: page.nextCursor,
    };
  }
}
