import { Injectable } from '@nestjs/common';
import { and, asc, eq, inArray, lte, or, sql, gt, type SQL } from 'drizzle-orm';
import type { ClinicId } from '../../../common/auth/caller';
import type { Db } from '../../../common/database/database';
import { preparedRowById } from '../../../common/database/prepared-query';
import { byTenantKey, returnedRow, tenantJoin } from '../../../common/database/tenant-key';
import { Keyset, type Page, type PageRequest } from '../../../common/http/pagination';
import { inventoryItems } from './inventory-item.schema';
import {
  inventoryAdjustments,
  inventoryBatches,
  inventoryUnits,
  type UnitStatus,
} from './inventory-stock.schema';

export type BatchRow = typeof inventoryBatches.$inferSelect;
export type NewBatch = Omit<
  typeof inventoryBatches.$inferInsert,
  'version' | 'createdAt' | 'updatedAt'
>;
export type NewUnit = Omit<typeof inventoryUnits.$inferInsert, 'createdAt' | 'updatedAt'>;
export type NewAdjustment = Omit<
  typeof inventoryAdjustments.$inferInsert,
  'createdAt' | 'updatedAt'
>;
export type AdjustmentRow = typeof inventoryAdjustments.$inferSelect;
/** What a unit's change of status writes with it: the plan it is held for, or its recipient. */
export type UnitChanges = Partial<
  Pick<
    typeof inventoryUnits.$inferSelect,
    'procedurePlanId' | 'surgicalCaseId' | 'patientId' | 'consumedAt'
  >
>;
export type ExpiringBatchRow = BatchRow & { itemCode: string; itemName: string };
export type UnitWithNames = typeof inventoryUnits.$inferSelect & {
  itemCode: string;
  batchNumber: string;
};

const soonestFirst = new Keyset([inventoryBatches.expiresAt, inventoryBatches.id]);
// Ids are UUID v7: id order is recording order, newest first.
const adjustmentsNewestFirst = new Keyset([inventoryAdjustments.id], 'desc');

// By-id reads: built once (prepared-query.ts).
const inventoryBatchesLockedById = preparedRowById(
  'inventory_batches_locked_by_id',
  inventoryBatches,
  'update',
);

@Injectable()
export class InventoryStockRepository {
  /** The item's batch of that number, locked: receipts into one lot queue instead of racing. */
  async lockBatchByNumber(
    db: Db,
    clinicId: ClinicId,
    itemId: string,
    batchNumber: string,
  ): Promise<BatchRow | undefined> {
    const [row] = await db
      .select()
      .from(inventoryBatches)
      .where(
        and(
          eq(inventoryBatches.clinicId, clinicId),
          eq(inventoryBatches.itemId, itemId),
          eq(inventoryBatches.batchNumber, batchNumber),
        ),
      )
      .for('update');
    return row;
  }

  async findBatch(
    db: Db,
    clinicId: ClinicId,
    by: { id: string } | { itemId: string; batchNumber: string },
  ): Promise<BatchRow | undefined> {
    const [row] = await db
      .select()
      .from(inventoryBatches)
      .where(
        'id' in by
          ? byTenantKey(inventoryBatches, clinicId, by.id)
          : and(
              eq(inventoryBatches.clinicId, clinicId),
              eq(inventoryBatches.itemId, by.itemId),
              eq(inventoryBatches.batchNumber, by.batchNumber),
            ),
      );
    return row;
  }

  async lockBatchById(db: Db, clinicId: ClinicId, id: string): Promise<BatchRow | undefined> {
    return inventoryBatchesLockedById(db, clinicId, id);
  }

  async insertBatch(db: Db, batch: NewBatch): Promise<BatchRow> {
    return returnedRow(
      await db.insert(inventoryBatches).values(batch).returning(),
      'INSERT … RETURNING gives the row',
    );
  }

  /**
   * The one way a batch's counts move: receipts and adjustments change on hand, allocation and
   * release change reserved, consumption both. The caller holds the batch lock; the CHECK
   * (reserved <= on_hand) refuses whatever would over-commit, even if the caller erred.
   */
  async changeCounts(
    db: Db,
    clinicId: ClinicId,
    batchId: string,
    delta: { onHand?: number; reserved?: number },
  ): Promise<BatchRow> {
    return returnedRow(
      await db
        .update(inventoryBatches)
        .set({
          onHand: sql`${inventoryBatches.onHand} + ${delta.onHand ?? 0}`,
          reserved: sql`${inventoryBatches.reserved} + ${delta.reserved ?? 0}`,
          version: sql`${inventoryBatches.version} + 1`,
          updatedAt: sql`now()`,
        })
        .where(byTenantKey(inventoryBatches, clinicId, batchId))
        .returning(),
      'the batch was locked by the caller',
    );
  }

  async insertUnits(db: Db, units: NewUnit[]): Promise<void> {
    if (units.length > 0) await db.insert(inventoryUnits).values(units);
  }

  /** Which of these serial numbers the item already has (in any batch, any status). */
  async existingSerials(
    db: Db,
    clinicId: ClinicId,
    itemId: string,
    serials: readonly string[],
  ): Promise<string[]> {
    if (serials.length === 0) return [];
    const rows = await db
      .select({ serial: inventoryUnits.serialNumber })
      .from(inventoryUnits)
      .where(
        and(
          eq(inventoryUnits.clinicId, clinicId),
          eq(inventoryUnits.itemId, itemId),
          inArray(inventoryUnits.serialNumber, [...serials]),
        ),
      );
    return rows.map((r) => r.serial);
  }

  /** Serial numbers of the batch still on the shelf (AVAILABLE or RESERVED). */
  async shelfSerials(db: Db, clinicId: ClinicId, batchId: string): Promise<string[]> {
    const rows = await db
      .select({ serial: inventoryUnits.serialNumber })
      .from(inventoryUnits)
      .where(
        and(
          eq(inventoryUnits.clinicId, clinicId),
          eq(inventoryUnits.batchId, batchId),
          inArray(inventoryUnits.status, ['AVAILABLE', 'RESERVED']),
        ),
      )
      .orderBy(asc(inventoryUnits.serialNumber));
    return rows.map((r) => r.serial);
  }

  /**
   * Moves the units that are in one of `from` to `to`, with `changes`, in one conditional update;
   * answers the ids it moved. Written only by InventoryUnitLifecycle, which names the statuses.
   */
  async moveUnits(
    db: Db,
    clinicId: ClinicId,
    ids: readonly string[],
    move: { from: readonly UnitStatus[]; to: UnitStatus },
    changes: UnitChanges,
  ): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows = await db
      .update(inventoryUnits)
      .set({ ...changes, status: move.to, updatedAt: sql`now()` })
      .where(
        and(
          eq(inventoryUnits.clinicId, clinicId),
          inArray(inventoryUnits.id, [...ids]),
          inArray(inventoryUnits.status, [...move.from]),
        ),
      )
      .returning({ id: inventoryUnits.id });
    return rows.map((r) => r.id);
  }

  /** The units of the batch with these serial numbers (exactly as received). */
  async unitsOfBatchBySerial(
    db: Db,
    clinicId: ClinicId,
    batchId: string,
    serials: readonly string[],
  ) {
    return db
      .select({ id: inventoryUnits.id, serialNumber: inventoryUnits.serialNumber })
      .from(inventoryUnits)
      .where(
        and(
          eq(inventoryUnits.clinicId, clinicId),
          eq(inventoryUnits.batchId, batchId),
          inArray(inventoryUnits.serialNumber, [...serials]),
        ),
      );
  }

  async insertAdjustment(db: Db, adjustment: NewAdjustment): Promise<void> {
    await db.insert(inventoryAdjustments).values(adjustment);
  }

  async adjustmentsOfBatch(
    db: Db,
    clinicId: ClinicId,
    batchId: string,
    page: PageRequest,
  ): Promise<Page<AdjustmentRow>> {
    const rows = await db
      .select()
      .from(inventoryAdjustments)
      .where(
        and(
          eq(inventoryAdjustments.clinicId, clinicId),
          eq(inventoryAdjustments.batchId, batchId),
          adjustmentsNewestFirst.after(page),
        ),
      )
      .orderBy(...adjustmentsNewestFirst.orderBy())
      .limit(adjustmentsNewestFirst.fetchSize(page));
    return adjustmentsNewestFirst.toPage(
      rows,
      page,
      (r) => [r.id],
      (r) => r,
    );
  }

  /**
   * Whether any active implant has a unit to allocate: a batch with more on hand than reserved
   * that has not expired by `today` (the set-up checklist's "an implant in stock").
   */
  async hasImplantInStock(db: Db, clinicId: ClinicId, today: string): Promise<boolean> {
    const rows = await db
      .select({ id: inventoryBatches.id })
      .from(inventoryBatches)
      .innerJoin(
        inventoryItems,
        tenantJoin(inventoryItems, inventoryBatches.clinicId, inventoryBatches.itemId),
      )
      .where(
        and(
          eq(inventoryBatches.clinicId, clinicId),
          eq(inventoryItems.category, 'IMPLANT'),
          eq(inventoryItems.active, true),
          gt(inventoryBatches.onHand, inventoryBatches.reserved),
          or(
            sql`${inventoryBatches.expiresAt} IS NULL`,
            sql`${inventoryBatches.expiresAt} >= ${today}`,
          ),
        ),
      )
      .limit(1);
    return rows.length > 0;
  }

  async batchesOfItem(db: Db, clinicId: ClinicId, itemId: string): Promise<BatchRow[]> {
    return db
      .select()
      .from(inventoryBatches)
      .where(and(eq(inventoryBatches.clinicId, clinicId), eq(inventoryBatches.itemId, itemId)))
      .orderBy(sql`${inventoryBatches.expiresAt} ASC NULLS LAST`, asc(inventoryBatches.id));
  }

  /** Batches expiring on or before `until` that still have stock or reservations, soonest first. */
  async expiring(
    db: Db,
    clinicId: ClinicId,
    until: string,
    page: PageRequest,
  ): Promise<Page<ExpiringBatchRow>> {
    const conditions: (SQL | undefined)[] = [
      eq(inventoryBatches.clinicId, clinicId),
      lte(inventoryBatches.expiresAt, until),
      or(gt(inventoryBatches.onHand, 0), gt(inventoryBatches.reserved, 0)),
      soonestFirst.after(page),
    ];
    const rows = await db
      .select({
        batch: inventoryBatches,
        itemCode: inventoryItems.code,
        itemName: inventoryItems.name,
      })
      .from(inventoryBatches)
      .innerJoin(
        inventoryItems,
        tenantJoin(inventoryItems, inventoryBatches.clinicId, inventoryBatches.itemId),
      )
      .where(and(...conditions))
      .orderBy(...soonestFirst.orderBy())
      .limit(soonestFirst.fetchSize(page));
    return soonestFirst.toPage(
      rows,
      page,
      (r) => [r.batch.expiresAt ?? '', r.batch.id],
      (r) => ({ ...r.batch, itemCode: r.itemCode, itemName: r.itemName }),
    );
  }

  async unitsByIds(db: Db, clinicId: ClinicId, ids: readonly string[]) {
    if (ids.length === 0) return [];
    return db
      .select({
        id: inventoryUnits.id,
        serialNumber: inventoryUnits.serialNumber,
        status: inventoryUnits.status,
      })
      .from(inventoryUnits)
      .where(and(eq(inventoryUnits.clinicId, clinicId), inArray(inventoryUnits.id, [...ids])));
  }

  async unitsBySerial(
    db: Db,
    clinicId: ClinicId,
    serial: string,
    itemId?: string,
  ): Promise<UnitWithNames[]> {
    const rows = await db
      .select({
        unit: inventoryUnits,
        itemCode: inventoryItems.code,
        batchNumber: inventoryBatches.batchNumber,
      })
      .from(inventoryUnits)
      .innerJoin(
        inventoryItems,
        tenantJoin(inventoryItems, inventoryUnits.clinicId, inventoryUnits.itemId),
      )
      .innerJoin(
        inventoryBatches,
        tenantJoin(inventoryBatches, inventoryUnits.clinicId, inventoryUnits.batchId),
      )
      .where(
        and(
          eq(inventoryUnits.clinicId, clinicId),
          // Case-insensitive, on inventory_units_serial_idx's own expression.
          sql`upper(${inventoryUnits.serialNumber}) = upper(${serial})`,
          itemId ? eq(inventoryUnits.itemId, itemId) : undefined,
        ),
      );
    return rows.map((r) => ({ ...r.unit, itemCode: r.itemCode, batchNumber: r.batchNumber }));
  }
}
