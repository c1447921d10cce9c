import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { ReportHeader, ReportMoney } from './report-query.dto';

export const ImplantsReportSchema = z.object({
  ...ReportHeader,
  summary: z.object({
    /** Units recorded as used in the range (their clinic-local day). */
    unitsUsed: z.number().int(),
    /** Stock now: units on hand, and their value at the item's price. */
    onHand: z.number().int(),
    stockValue: ReportMoney,
    /** Units on hand whose lot expires within 30, 31–60, 61–90 days of today; already expired. */
    expiring30: z.number().int(),
    expiring60: z.number().int(),
    expiring90: z.number().int(),
    expired: z.number().int(),
    openRecalls: z.number().int(),
    patientsToContact: z.number().int(),
  }),
  /** Units used, by item and lot, item then lot. */
  rows: z.array(
    z.object({
      inventoryItemId: z.uuid(),
      itemCode: z.string(),
      itemName: z.string(),
      batchId: z.uuid(),
      lotNumber: z.string(),
      unitsUsed: z.number().int(),
    }),
  ),
  /** Stock on hand now, by item. */
  stock: z.array(
    z.object({
      inventoryItemId: z.uuid(),
      itemCode: z.string(),
      itemName: z.string(),
      onHand: z.number().int(),
      reserved: z.number().int(),
      unitPrice: ReportMoney,
      value: ReportMoney,
    }),
  ),
  /** Lots on hand expiring within 90 days (or expired), soonest first. */
  expiring: z.array(
    z.object({
      inventoryItemId: z.uuid(),
      itemCode: z.string(),
      itemName: z.string(),
      batchId: z.uuid(),
      lotNumber: z.string(),
      expiresOn: z.iso.date(),
      onHand: z.number().int(),
      window: z.enum(['EXPIRED', 'DAYS_30', 'DAYS_60', 'DAYS_90']),
    }),
  ),
  /** Open recalls and, for each, the patients not yet contacted (a PHI read, audited). */
  recalls: z.array(
    z.object({
      recallId: z.uuid(),
      batchId: z.uuid(),
      lotNumber: z.string(),
      itemName: z.string(),
      openedOn: z.iso.date(),
      reason: z.string(),
      patients: z.number().int(),
      contacted: z.number().int(),
      toContact: z.array(
        z.object({
          patientId: z.uuid(),
          name: z.string(),
          mrn: z.string(),
          serialNumbers: z.array(z.string()),
        }),
      ),
    }),
  ),
});
export type ImplantsReportResponse = z.infer<typeof ImplantsReportSchema>;
export class ImplantsReportDto extends createZodDto(ImplantsReportSchema) {}
