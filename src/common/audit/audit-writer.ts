import { Injectable } from '@nestjs/common';
import { sql } from 'drizzle-orm';
import type { Db } from '../database/database';
import { preparedQuery } from '../database/prepared-query';
import { newId } from '../ids';
import { auditEvents } from './audit.schema';

/** Who is acting: a Caller, or a trusted tool (bootstrap, clinic:create) with no user yet. */
export interface AuditActor {
  readonly clinicId: string;
  readonly userId: string | null;
  readonly requestId: string | null;
}

export interface AuditEntry {
  /** `<entity>.<verb>`, e.g. `patient.create`, `patient.read`. */
  action: string;
  entityType: string;
  entityId: string | null;
  /** Names of the fields written, never their values (no PHI in the audit trail). */
  changedFields?: readonly string[];
  metadata?: Record<string, string | number | boolean>;
}

type AuditRow = Required<Omit<typeof auditEvents.$inferInsert, 'occurredAt'>>;

/** One event: nearly every request writes one, so its INSERT is built once. */
const insertEvent = preparedQuery<AuditRow, unknown>('audit_event_insert', (db) =>
  db.insert(auditEvents).values({
    clinicId: sql.placeholder('clinicId'),
    id: sql.placeholder('id'),
    actorId: sql.placeholder('actorId'),
    action: sql.placeholder('action'),
    entityType: sql.placeholder('entityType'),
    entityId: sql.placeholder('entityId'),
    requestId: sql.placeholder('requestId'),
    changedFields: sql.placeholder('changedFields'),
    metadata: sql.placeholder('metadata'),
  }),
);

/**
 * One read event per record of a page, in one statement whatever the page's size: the ids come
 * as two arrays, so the statement is built once. Columns in the table's order (drizzle inserts
 * a SELECT into every column).
 */
const insertReads = preparedQuery<
  {
    clinicId: string;
    ids: string[];
    actorId: string | null;
    action: string;
    entityType: string;
    entityIds: string[];
    requestId: string | null;
  },
  unknown
>('audit_reads_insert', (db) =>
  db.insert(auditEvents).select(
    sql`SELECT ${sql.placeholder('clinicId')}::uuid, r.id, now(), ${sql.placeholder('actorId')}::uuid,
      ${sql.placeholder('action')}, ${sql.placeholder('entityType')}, r.entity_id,
      ${sql.placeholder('requestId')}, '{}'::text[], NULL::jsonb
    FROM unnest(${sql.placeholder('ids')}::uuid[], ${sql.placeholder('entityIds')}::uuid[]) AS r(id, entity_id)`,
  ),
);

/** The one audit writer. Writes go in the caller's transaction, so the event and the change commit together. */
@Injectable()
export class AuditWriter {
  async record(db: Db, actor: AuditActor, entry: AuditEntry): Promise<void> {
    await insertEvent(db, this.row(actor, entry));
  }

  /** Several events of one use case in one statement (e.g. each visit a case's completion proposes). */
  async recordMany(db: Db, actor: AuditActor, entries: readonly AuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    if (entries.length === 1) return this.record(db, actor, entries[0]!);
    await db.insert(auditEvents).values(entries.map((e) => this.row(actor, e)));
  }

  /** One event per record read, in one statement: "who saw patient X" is a lookup by entity. */
  async recordReads(
    db: Db,
    actor: AuditActor,
    action: string,
    entityType: string,
    ids: readonly string[],
  ): Promise<void> {
    if (ids.length === 0) return;
    await insertReads(db, {
      clinicId: actor.clinicId,
      ids: ids.map(() => newId()),
      actorId: actor.userId,
      action,
      entityType,
      entityIds: [...ids],
      requestId: actor.requestId,
    });
  }

  private row(actor: AuditActor, entry: AuditEntry): AuditRow {
    return {
      clinicId: actor.clinicId,
      id: newId(),
      actorId: actor.userId,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      requestId: actor.requestId,
      changedFields: [...(entry.changedFields ?? [])],
      metadata: entry.metadata ?? null,
    };
  }
}
