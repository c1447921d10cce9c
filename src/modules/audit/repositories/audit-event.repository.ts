import { Injectable } from '@nestjs/common';
import { and, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import { auditEvents } from '../../../common/audit/audit.schema';
import type { ClinicId } from '../../../common/auth/caller';
import type { Db } from '../../../common/database/database';
import { Keyset, type Page } from '../../../common/http/pagination';
import type { ListAuditEventsQuery } from '../dto/audit-event.dto';

export type AuditEventRow = typeof auditEvents.$inferSelect;

// Ids are UUID v7, so id order is time order: newest first.
const newestFirst = new Keyset([auditEvents.id], 'desc');

@Injectable()
export class AuditEventRepository {
  async list(db: Db, clinicId: ClinicId, q: ListAuditEventsQuery): Promise<Page<AuditEventRow>> {
    const conditions: (SQL | undefined)[] = [
      eq(auditEvents.clinicId, clinicId),
      q.entityType ? eq(auditEvents.entityType, q.entityType) : undefined,
      q.entityId ? eq(auditEvents.entityId, q.entityId) : undefined,
      q.actorId ? eq(auditEvents.actorId, q.actorId) : undefined,
      q.action ? eq(auditEvents.action, q.action) : undefined,
      q.excludeReads ? eq(auditEvents.isRead, false) : undefined,
      q.from ? gte(auditEvents.occurredAt, new Date(q.from)) : undefined,
      // occurredAt is stored to the microsecond but shown to the millisecond: `to` set to an
      // event's own occurredAt must still include that event. Truncating `to`, not the column,
      // keeps the bound on the bare column, which audit_events_occurred_idx serves.
      q.to
        ? lt(
            auditEvents.occurredAt,
            sql`date_trunc('milliseconds', ${q.to}::timestamptz) + interval '1 millisecond'`,
          )
        : undefined,
      newestFirst.after(q),
    ];
    const rows = await db
      .select()
      .from(auditEvents)
      .where(and(...conditions))
      .orderBy(...newestFirst.orderBy())
      .limit(newestFirst.fetchSize(q));
    return newestFirst.toPage(
      rows,
      q,
      (e) => [e.id],
      (e) => e,
    );
  }
}
