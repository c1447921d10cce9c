import { Injectable } from '@nestjs/common';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../common/database/database';
import { inventoryItems } from '../../inventory/repositories/inventory-item.schema';
import {
  inventoryRecallContacts,
  inventoryRecalls,
} from '../../inventory/repositories/inventory-recall.schema';
import {
  inventoryBatches,
  inventoryUsages,
} from '../../inventory/repositories/inventory-stock.schema';
import { patients } from '../../patient/repositories/patient.schema';
import { surgicalCases } from '../../theater/repositories/theater.schema';
import type { ReportScope } from '../services/report-definition';

const UsageRows = z.object({
  rows: z.array(
    z.object({
      item_id: z.string(),
      item_code: z.string(),
      item_name: z.string(),
      batch_id: z.string(),
      lot_number: z.string(),
      units: z.number(),
    }),
  ),
});

const StockRows = z.object({
  rows: z.array(
    z.object({
      item_id: z.string(),
      item_code: z.string(),
      item_name: z.string(),
      on_hand: z.number(),
      reserved: z.number(),
      unit_price: z.string(),
      value: z.string(),
    }),
  ),
});

const ExpiringRows = z.object({
  rows: z.array(
    z.object({
      item_id: z.string(),
      item_code: z.string(),
      item_name: z.string(),
      batch_id: z.string(),
      lot_number: z.string(),
      expires_on: z.string(),
      on_hand: z.number(),
      window: z.enum(['EXPIRED', 'DAYS_30', 'DAYS_60', 'DAYS_90']),
    }),
  ),
});

const RecallRows = z.object({
  rows: z.array(
    z.object({
      recall_id: z.string(),
      batch_id: z.string(),
      lot_number: z.string(),
      item_name: z.string(),
      opened_on: z.string(),
      reason: z.string(),
      patient_id: z.string().nullable(),
      first_name: z.string().nullable(),
      last_name: z.string().nullable(),
      mrn: z.string().nullable(),
      serial_numbers: z.array(z.string()).nullable(),
      contacted: z.boolean().nullable(),
    }),
  ),
});

export type ImplantUsageRow = z.infer<typeof UsageRows>['rows'][number];
export type ImplantStockRow = z.infer<typeof StockRows>['rows'][number];
export type ImplantExpiringRow = z.infer<typeof ExpiringRows>['rows'][number];
export type ImplantRecallRow = z.infer<typeof RecallRows>['rows'][number];

/**
 * The implants report's queries (docs/reports.md "Implants"): the inventory module's tables,
 * read through their definitions. Usage is by range (and surgeon); stock, expiry and recalls are
 * the clinic's state now.
 */
@Injectable()
export class ImplantsRepository {
  /** Units used in [start, end), by item and lot; with a surgeon, only their cases' usages. */
  async usage(db: Db, scope: ReportScope): Promise<ImplantUsageRow[]> {
    const bySurgeon =
      scope.surgeonId === null
        ? sql``
        : sql`AND EXISTS (SELECT 1 FROM ${surgicalCases} sc
            WHERE sc.clinic_id = u.clinic_id AND sc.id = u.surgical_case_id
              AND sc.surgeon_id = ${scope.surgeonId})`;
    const result = await db.execute(sql`
      SELECT u.item_id::text AS item_id, i.code AS item_code, i.name AS item_name,
             u.batch_id::text AS batch_id, b.batch_number AS lot_number,
             sum(u.quantity)::int AS units
      FROM ${inventoryUsages} u
      JOIN ${inventoryItems} i ON i.clinic_id = u.clinic_id AND i.id = u.item_id
      JOIN ${inventoryBatches} b ON b.clinic_id = u.clinic_id AND b.id = u.batch_id
      WHERE u.clinic_id = ${scope.clinicId}
        AND u.used_at >= ${scope.start.toISOString()}::timestamptz
        AND u.used_at < ${scope.end.toISOString()}::timestamptz
        ${bySurgeon}
      GROUP BY u.item_id, i.code, i.name, u.batch_id, b.batch_number
      ORDER BY i.code, b.batch_number`);
    return UsageRows.parse(result).rows;
  }

  /**
   * Stock now, by item with units on hand: value = on hand × the item's unit price (numeric).
   * Every batch of the clinic is read (its stock, not its history: lots, not usages).
   */
  async stock(db: Db, scope: ReportScope): Promise<ImplantStockRow[]> {
    const result = await db.execute(sql`
      SELECT i.id::text AS item_id, i.code AS item_code, i.name AS item_name,
             s.on_hand, s.reserved, i.unit_price::text AS unit_price,
             (s.on_hand * i.unit_price)::numeric(14,2)::text AS value
      FROM (
        SELECT b.item_id, sum(b.on_hand)::int AS on_hand, sum(b.reserved)::int AS reserved
        FROM ${inventoryBatches} b
        WHERE b.clinic_id = ${scope.clinicId}
        GROUP BY b.item_id
        HAVING sum(b.on_hand) > 0
      ) s
      JOIN ${inventoryItems} i ON i.clinic_id = ${scope.clinicId} AND i.id = s.item_id
      ORDER BY i.code`);
    return StockRows.parse(result).rows;
  }

  /**
   * Lots with units on hand expiring up to 90 days after today (the clinic's day at now), or
   * expired: EXPIRED before today; DAYS_30 today to +30; DAYS_60 +31 to +60; DAYS_90 +61 to +90.
   */
  async expiring(db: Db, scope: ReportScope): Promise<ImplantExpiringRow[]> {
    const today = sql`(${scope.now.toISOString()}::timestamptz AT TIME ZONE ${scope.timeZone})::date`;
    const result = await db.execute(sql`
      SELECT b.item_id::text AS item_id, i.code AS item_code, i.name AS item_name,
             b.id::text AS batch_id, b.batch_number AS lot_number,
             b.expires_at::text AS expires_on, b.on_hand,
             CASE WHEN b.expires_at < ${today} THEN 'EXPIRED'
                  WHEN b.expires_at <= ${today} + 30 THEN 'DAYS_30'
                  WHEN b.expires_at <= ${today} + 60 THEN 'DAYS_60'
                  ELSE 'DAYS_90' END AS window
      FROM ${inventoryBatches} b
      JOIN ${inventoryItems} i ON i.clinic_id = b.clinic_id AND i.id = b.item_id
      WHERE b.clinic_id = ${scope.clinicId}
        AND b.expires_at <= ${today} + 90
        AND b.on_hand > 0
      ORDER BY b.expires_at, i.code, b.batch_number`);
    return ExpiringRows.parse(result).rows;
  }

  /**
   * Open recalls, one row per recipient of the lot (or one row with no patient for a lot nobody
   * received), with the serials they received and whether this recall marked them contacted.
   */
  async openRecalls(db: Db, scope: ReportScope): Promise<ImplantRecallRow[]> {
    const result = await db.execute(sql`
      SELECT r.id::text AS recall_id, r.batch_id::text AS batch_id, b.batch_number AS lot_number,
             i.name AS item_name,
             (r.opened_at AT TIME ZONE ${scope.timeZone})::date::text AS opened_on,
             r.reason,
             u.patient_id::text AS patient_id, p.first_name, p.last_name, p.mrn,
             u.serial_numbers, (c.id IS NOT NULL) AS contacted
      FROM ${inventoryRecalls} r
      JOIN ${inventoryBatches} b ON b.clinic_id = r.clinic_id AND b.id = r.batch_id
      JOIN ${inventoryItems} i ON i.clinic_id = b.clinic_id AND i.id = b.item_id
      LEFT JOIN LATERAL (
        SELECT uu.patient_id,
               coalesce(array_agg(uu.serial_number ORDER BY uu.serial_number)
                 FILTER (WHERE uu.serial_number IS NOT NULL), '{}') AS serial_numbers
        FROM ${inventoryUsages} uu
        WHERE uu.clinic_id = r.clinic_id AND uu.batch_id = r.batch_id
        GROUP BY uu.patient_id
      ) u ON true
      LEFT JOIN ${patients} p ON p.clinic_id = r.clinic_id AND p.id = u.patient_id
      LEFT JOIN ${inventoryRecallContacts} c
        ON c.clinic_id = r.clinic_id AND c.recall_id = r.id AND c.patient_id = u.patient_id
      WHERE r.clinic_id = ${scope.clinicId} AND r.status = 'OPEN'
      ORDER BY r.opened_at, r.id, p.last_name, p.first_name, p.id`);
    return RecallRows.parse(result).rows;
  }
}
