import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { pageQueryShape, pageSchema } from '../../../common/http/pagination';
import { RECALL_CONTACT_METHODS, RECALL_STATUSES } from '../repositories/inventory-recall.schema';

export const OpenRecallBody = z.strictObject({
  reason: z.string().trim().min(1).max(2000),
});
export type OpenRecallBody = z.infer<typeof OpenRecallBody>;
export class OpenRecallDto extends createZodDto(OpenRecallBody) {}

export const RecallContactBody = z.strictObject({
  patientId: z.uuid(),
  method: z.enum(RECALL_CONTACT_METHODS),
  note: z.string().trim().min(1).max(2000).optional(),
});
export type RecallContactBody = z.infer<typeof RecallContactBody>;
export class RecallContactDto extends createZodDto(RecallContactBody) {}

export const CloseRecallBody = z.strictObject({
  note: z.string().trim().min(1).max(2000).optional(),
});
export type CloseRecallBody = z.infer<typeof CloseRecallBody>;
export class CloseRecallDto extends createZodDto(CloseRecallBody) {}

export const RecallRecordsQuery = z.strictObject({
  ...pageQueryShape,
  status: z.enum(RECALL_STATUSES).optional(),
});
export type RecallRecordsQuery = z.infer<typeof RecallRecordsQuery>;
export class RecallRecordsQueryDto extends createZodDto(RecallRecordsQuery) {}

/** A recall record as listed: its lot, why, its state, and how far the contacting has got. */
export const RecallRecordSchema = z.object({
  id: z.uuid(),
  batchId: z.uuid(),
  batchNumber: z.string(),
  expiresAt: z.string().nullable(),
  itemId: z.uuid(),
  itemCode: z.string(),
  itemName: z.string(),
  reason: z.string(),
  status: z.enum(RECALL_STATUSES),
  openedAt: z.iso.datetime(),
  openedById: z.uuid(),
  closedAt: z.iso.datetime().nullable(),
  closedById: z.uuid().nullable(),
  closeNote: z.string().nullable(),
  /** Distinct patients who received units of the lot, and how many of them are marked contacted. */
  patients: z.number().int(),
  contacted: z.number().int(),
  version: z.number().int(),
});
export type RecallRecordResponse = z.infer<typeof RecallRecordSchema>;
export class RecallRecordDto extends createZodDto(RecallRecordSchema) {}
export class RecallRecordPageDto extends createZodDto(pageSchema(RecallRecordSchema)) {}

export const RecallContactSchema = z.object({
  contactedAt: z.iso.datetime(),
  contactedById: z.uuid(),
  method: z.enum(RECALL_CONTACT_METHODS),
  note: z.string().nullable(),
});
export type RecallContactResponse = z.infer<typeof RecallContactSchema>;

/** A recall with every recipient of its lot and whether, when and how each was contacted (PHI). */
export const RecallRecordDetailSchema = RecallRecordSchema.extend({
  recipients: z.array(
    z.object({
      patientId: z.uuid(),
      mrn: z.string(),
      firstName: z.string(),
      lastName: z.string(),
      /** The serial numbers the patient received (none for a bulk item), and the units. */
      serialNumbers: z.array(z.string()),
      quantity: z.number().int(),
      firstUsedAt: z.iso.datetime(),
      contact: RecallContactSchema.nullable(),
    }),
  ),
});
export type RecallRecordDetailResponse = z.infer<typeof RecallRecordDetailSchema>;
export class RecallRecordDetailDto extends createZodDto(RecallRecordDetailSchema) {}

export const RecallContactRecordSchema = RecallContactSchema.extend({
  recallId: z.uuid(),
  patientId: z.uuid(),
});
export class RecallContactRecordDto extends createZodDto(RecallContactRecordSchema) {}
