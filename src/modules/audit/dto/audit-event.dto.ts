import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { pageQueryShape, pageSchema } from '../../../common/http/pagination';

export const ListAuditEventsQuery = z
  .strictObject({
    ...pageQueryShape,
    entityType: z.string().trim().min(1).max(100).optional(),
    entityId: z.uuid().optional(),
    actorId: z.uuid().optional(),
    action: z.string().trim().min(1).max(100).optional(),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    /**
     * `true` leaves out page reads (`patient.read`, `bill.list`, `quote.read-pdf`, …: actions whose
     * verb is `read…` or `…list`), so the changes stand out. Default `false`: everything.
     */
    excludeReads: z.stringbool().default(false),
  })
  .refine((q) => !q.from || !q.to || new Date(q.from) <= new Date(q.to), {
    message: 'from must not be after to',
    path: ['to'],
  });
export type ListAuditEventsQuery = z.infer<typeof ListAuditEventsQuery>;
export class ListAuditEventsQueryDto extends createZodDto(ListAuditEventsQuery) {}

export const AuditEventSchema = z.object({
  id: z.uuid(),
  occurredAt: z.string(),
  actorId: z.uuid().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.uuid().nullable(),
  requestId: z.string().nullable(),
  changedFields: z.array(z.string()),
  metadata: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).nullable(),
  /** The patient the record is about (a plan's, a bill's, …); null for records of no patient. */
  subject: z.object({ patientId: z.uuid(), name: z.string(), mrn: z.string() }).nullable(),
});
export type AuditEventResponse = z.infer<typeof AuditEventSchema>;
export class AuditEventPageDto extends createZodDto(pageSchema(AuditEventSchema)) {}
