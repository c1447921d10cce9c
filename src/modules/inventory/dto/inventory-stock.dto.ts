import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { pageQueryShape, pageSchema } from '../../../common/http/pagination';
import { ADJUSTMENT_REASONS, UNIT_STATUSES } from '../repositories/inventory-stock.schema';
import { UdiString } from '../services/gs1-udi';

const SerialNumber = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[\x21-\x7e]+$/, 'Printable characters without spaces');
const BatchNumber = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[\x21-\x7e]+$/, 'Printable characters without spaces');

/** Bulk items come by `quantity`; serial-tracked ones by `serialNumbers`, one unit each. */
export const ReceiveBatchBody = z
  .strictObject({
    batchNumber: BatchNumber,
    expiresAt: z.iso.date('A date as YYYY-MM-DD').nullish(),
    quantity: z.number().int().min(1).max(100_000).optional(),
    serialNumbers: z.array(SerialNumber).min(1).max(500).optional(),
  })
  .refine((b) => (b.quantity === undefined) !== (b.serialNumbers === undefined), {
    message: 'Give quantity (bulk items) or serialNumbers (serial-tracked items), not both',
    path: ['quantity'],
  });
export type ReceiveBatchBody = z.infer<typeof ReceiveBatchBody>;
export class ReceiveBatchDto extends createZodDto(ReceiveBatchBody) {}

/** A batch (lot) as a record: its own id is `id` (docs/api.md). */
export const BatchSchema = z.object({
  id: z.uuid(),
  itemId: z.uuid(),
  batchNumber: z.string(),
  expiresAt: z.string().nullable(),
  onHand: z.number().int(),
  reserved: z.number().int(),
  available: z.number().int(),
  serialNumbers: z.array(z.string()),
  version: z.number().int(),
});
export type BatchResponse = z.infer<typeof BatchSchema>;
export class BatchDto extends createZodDto(BatchSchema) {}

/** A batch's line in a stock view: it names the batch (`batchId`), as docs/api.md's stock rows do. */
const StockLineSchema = z.object({
  batchId: z.uuid(),
  batchNumber: z.string(),
  expiresAt: z.string().nullable(),
  onHand: z.number().int(),
  reserved: z.number().int(),
  available: z.number().int(),
  /** The batch's version: the `If-Match` of `POST /inventory/batches/:id/adjustments`. */
  version: z.number().int(),
});

export const StockSchema = z.object({
  itemId: z.uuid(),
  onHand: z.number().int(),
  reserved: z.number().int(),
  available: z.number().int(),
  batches: z.array(StockLineSchema),
});
export type StockResponse = z.infer<typeof StockSchema>;
export class StockDto extends createZodDto(StockSchema) {}

export const AdjustmentBody = z
  .strictObject({
    quantityDelta: z
      .number()
      .int()
      .min(-100_000)
      .max(100_000)
      .refine((d) => d !== 0, 'Must not be 0'),
    reason: z.enum(ADJUSTMENT_REASONS),
    note: z.string().trim().max(2000).nullish(),
    serialNumbers: z.array(SerialNumber).min(1).max(500).optional(),
  })
  .refine((b) => b.serialNumbers === undefined || b.serialNumbers.length === -b.quantityDelta, {
    message: 'Name exactly as many serial numbers as units removed',
    path: ['serialNumbers'],
  });
export type AdjustmentBody = z.infer<typeof AdjustmentBody>;
export class AdjustmentDto extends createZodDto(AdjustmentBody) {}

/** A recorded adjustment: what changed on-hand, why, and who said so. */
export const AdjustmentSchema = z.object({
  id: z.uuid(),
  batchId: z.uuid(),
  quantityDelta: z.number().int(),
  reason: z.enum(ADJUSTMENT_REASONS),
  note: z.string().nullable(),
  serialNumbers: z.array(z.string()),
  adjustedById: z.uuid(),
  adjustedAt: z.string(),
});
export type AdjustmentResponse = z.infer<typeof AdjustmentSchema>;
export class AdjustmentPageDto extends createZodDto(pageSchema(AdjustmentSchema)) {}

export const AdjustmentsQuery = z.strictObject({ ...pageQueryShape });
export type AdjustmentsQuery = z.infer<typeof AdjustmentsQuery>;
export class AdjustmentsQueryDto extends createZodDto(AdjustmentsQuery) {}

export const ExpiringQuery = z.strictObject({
  ...pageQueryShape,
  withinDays: z.coerce.number().int().min(0).max(3650).default(30),
});
export type ExpiringQuery = z.infer<typeof ExpiringQuery>;
export class ExpiringQueryDto extends createZodDto(ExpiringQuery) {}

export const ExpiringBatchSchema = StockLineSchema.extend({
  itemId: z.uuid(),
  itemCode: z.string(),
  itemName: z.string(),
});
export class ExpiringBatchPageDto extends createZodDto(pageSchema(ExpiringBatchSchema)) {}
export type ExpiringBatchResponse = z.infer<typeof ExpiringBatchSchema>;

export const UnitSchema = z.object({
  serialNumber: z.string(),
  itemId: z.uuid(),
  itemCode: z.string(),
  batchId: z.uuid(),
  batchNumber: z.string(),
  status: z.enum(UNIT_STATUSES),
  procedurePlanId: z.uuid().nullable(),
  surgicalCaseId: z.uuid().nullable(),
  patientId: z.uuid().nullable(),
  consumedAt: z.string().nullable(),
});
export type UnitResponse = z.infer<typeof UnitSchema>;
export class UnitDto extends createZodDto(UnitSchema) {}

export const UnitParams = z.strictObject({ serialNumber: SerialNumber });
export class UnitParamsDto extends createZodDto(UnitParams) {}
export const UnitQuery = z.strictObject({ itemId: z.uuid().optional() });
export class UnitQueryDto extends createZodDto(UnitQuery) {}

/** One label (`udi`) or a scanning session (`udis`), received whole or not at all. */
export const ReceiveUdiBody = z
  .strictObject({
    udi: UdiString.optional(),
    udis: z.array(UdiString).min(1).max(200).optional(),
  })
  .refine((b) => (b.udi === undefined) !== (b.udis === undefined), {
    message: 'Give udi or udis, not both',
    path: ['udi'],
  });
export type ReceiveUdiBody = z.infer<typeof ReceiveUdiBody>;
export class ReceiveUdiDto extends createZodDto(ReceiveUdiBody) {}

export const ReceivedUnitsSchema = z.object({
  received: z.array(
    z.object({
      itemId: z.uuid(),
      itemCode: z.string(),
      batchId: z.uuid(),
      batchNumber: z.string(),
      expiresAt: z.string().nullable(),
      serialNumber: z.string().nullable(),
    }),
  ),
});
export type ReceivedUnitsResponse = z.infer<typeof ReceivedUnitsSchema>;
export class ReceivedUnitsDto extends createZodDto(ReceivedUnitsSchema) {}

export const HoldsQuery = z.strictObject({
  ...pageQueryShape,
  olderThanDays: z.coerce.number().int().min(0).max(3650).default(0),
});
export type HoldsQuery = z.infer<typeof HoldsQuery>;
export class HoldsQueryDto extends createZodDto(HoldsQuery) {}

export const HoldSchema = z.object({
  allocationId: z.uuid(),
  requirementId: z.uuid(),
  procedurePlanId: z.uuid(),
  planNumber: z.string(),
  planStatus: z.string(),
  /** The plan's version: a release from this list names it in `If-Match`. */
  planVersion: z.number().int(),
  patientId: z.uuid(),
  mrn: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  itemId: z.uuid(),
  itemCode: z.string(),
  itemName: z.string(),
  batchId: z.uuid(),
  batchNumber: z.string(),
  quantity: z.number().int(),
  serialNumber: z.string().nullable(),
  allocatedAt: z.string(),
});
export type HoldResponse = z.infer<typeof HoldSchema>;
export class HoldPageDto extends createZodDto(pageSchema(HoldSchema)) {}

export const RecipientsSchema = z.object({
  batchId: z.uuid(),
  batchNumber: z.string(),
  expiresAt: z.string().nullable(),
  itemId: z.uuid(),
  itemCode: z.string(),
  recipients: z.array(
    z.object({
      patientId: z.uuid(),
      mrn: z.string(),
      firstName: z.string(),
      lastName: z.string(),
      procedurePlanId: z.uuid(),
      surgicalCaseId: z.uuid().nullable(),
      serialNumber: z.string().nullable(),
      quantity: z.number().int(),
      usedAt: z.string(),
    }),
  ),
});
export type RecipientsResponse = z.infer<typeof RecipientsSchema>;
export class RecipientsDto extends createZodDto(RecipientsSchema) {}

export const RecallQuery = z.strictObject({
  gtin: z
    .string()
    .trim()
    .regex(/^\d{14}$/, 'A 14-digit GTIN'),
  lot: z.string().trim().min(1).max(40),
});
export class RecallQueryDto extends createZodDto(RecallQuery) {}
