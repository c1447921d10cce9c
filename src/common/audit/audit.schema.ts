import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { tenantKeyColumns } from '../database/columns';

/** Append-only (a trigger refuses UPDATE and DELETE): who did or saw what, never the PHI itself. */
export const auditEvents = pgTable(
  'audit_events',
  {
    ...tenantKeyColumns(),
    occurredAt: timestamp('occurred_at', { withTimezone: true, mode: 'date' })
      .notNull()
      .defaultNow(),
    actorId: uuid('actor_id'),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: uuid('entity_id'),
    requestId: text('request_id'),
    changedFields: text('changed_fields')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    metadata: jsonb('metadata').$type<Record<string, string | number | boolean>>(),
    /**
     * A page read, as AuditWriter.recordReads names them: the verb after the dot is `read`,
     * `read-…`, `list` or `…-list` (`patient.read`, `bill.read-pdf`, `inventory.recall-list`).
     * `?excludeReads=true` lists the rest, the changes, through audit_events_changes_idx.
     */
    isRead: boolean('is_read')
      .notNull()
      .generatedAlwaysAs(sql`action ~ '\\.(read(-[a-z-]+)?|([a-z-]+-)?list)$'`),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    index('audit_events_entity_idx').on(t.clinicId, t.entityType, t.entityId, t.id),
    index('audit_events_actor_idx').on(t.clinicId, t.actorId, t.id),
    // GET /audit-events?entityId= (without entityType), ?action=, ?from= (issue 7: every list
    // is served by an index, test/query-plans.test.ts).
    index('audit_events_entity_id_idx').on(t.clinicId, t.entityId, t.id),
    index('audit_events_action_idx').on(t.clinicId, t.action, t.id),
    index('audit_events_occurred_idx').on(t.clinicId, t.occurredAt, t.id),
    index('audit_events_changes_idx').on(t.clinicId, t.isRead, t.id),
  ],
);
