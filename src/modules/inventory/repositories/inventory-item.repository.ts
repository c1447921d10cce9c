import { Injectable } from '@nestjs/common';
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { ClinicId } from '../../../common/auth/caller';
import type { Db } from '../../../common/database/database';
import { preparedRowById } from '../../../common/database/prepared-query';
import { containsPattern } from '../../../common/database/like-pattern';
import { byTenantKey, returnedRow } from '../../../common/database/tenant-key';
import { Keyset, type Page, type PageRequest } from '../../../common/http/pagination';
import { inventoryItems } from './inventory-item.schema';

export type InventoryItemRow = typeof inventoryItems.$inferSelect;
export type NewInventoryItem = Omit<
  typeof inventoryItems.$inferInsert,
  'version' | 'createdAt' | 'updatedAt'
>;

const byCode = new Keyset([inventoryItems.code, inventoryItems.id]);

// By-id reads: built once (prepared-query.ts).
const inventoryItemsById = preparedRowById('inventory_items_by_id', inventoryItems);
const inventoryItemsLockedById = preparedRowById(
  'inventory_items_locked_by_id',
  inventoryItems,
  'update',
);

@Injectable()
export class InventoryItemRepository {
  async insert(db: Db, item: NewInventoryItem): Promise<InventoryItemRow> {
    return returnedRow(
      await db.insert(inventoryItems).values(item).returning(),
      'INSERT … RETURNING gives the row',
    );
  }

  async findById(db: Db, clinicId: ClinicId, id: string): Promise<InventoryItemRow | undefined> {
    return inventoryItemsById(db, clinicId, id);
  }

  async lockById(db: Db, clinicId: ClinicId, id: string): Promise<InventoryItemRow | undefined> {
    return inventoryItemsLockedById(db, clinicId, id);
  }

  async update(
    db: Db,
    clinicId: ClinicId,
    id: string,
    changes: Partial<NewInventoryItem>,
  ): Promise<InventoryItemRow> {
    return returnedRow(
      await db
        .update(inventoryItems)
        .set({ ...changes, version: sql`${inventoryItems.version} + 1`, updatedAt: sql`now()` })
        .where(byTenantKey(inventoryItems, clinicId, id))
        .returning(),
      'the row was locked by the caller',
    );
  }

  async findByCode(
    db: Db,
    clinicId: ClinicId,
    code: string,
  ): Promise<InventoryItemRow | undefined> {
    const [row] = await db
      .select()
      .from(inventoryItems)
      .where(and(eq(inventoryItems.clinicId, clinicId), eq(inventoryItems.code, code)));
    return row;
  }

  async findByGtin(
    db: Db,
    clinicId: ClinicId,
    gtin: string,
  ): Promise<InventoryItemRow | undefined> {
    const [row] = await db
      .select()
      .from(inventoryItems)
      .where(and(eq(inventoryItems.clinicId, clinicId), eq(inventoryItems.gtin, gtin)));
    return row;
  }

  async findByIds(db: Db, clinicId: ClinicId, ids: readonly string[]): Promise<InventoryItemRow[]> {
    if (ids.length === 0) return [];
    return db
      .select()
      .from(inventoryItems)
      .where(and(eq(inventoryItems.clinicId, clinicId), inArray(inventoryItems.id, [...ids])));
  }

  async findByCodes(
    db: Db,
    clinicId: ClinicId,
    codes: readonly string[],
  ): Promise<InventoryItemRow[]> {
    if (codes.length === 0) return [];
    return db
      .select()
      .from(inventoryItems)
      .where(and(eq(inventoryItems.clinicId, clinicId), inArray(inventoryItems.code, [...codes])));
  }

  async list(
    db: Db,
    clinicId: ClinicId,
    filter: {
      category?: InventoryItemRow['category'] | undefined;
      search?: string | undefined;
      active?: boolean | undefined;
    },
    page: PageRequest,
  ): Promise<Page<InventoryItemRow>> {
    const conditions: (SQL | undefined)[] = [
      eq(inventoryItems.clinicId, clinicId),
      filter.category ? eq(inventoryItems.category, filter.category) : undefined,
      filter.active === undefined ? undefined : eq(inventoryItems.active, filter.active),
      filter.search
        ? sql`(${inventoryItems.code} ILIKE ${containsPattern(filter.search)} OR ${inventoryItems.name} ILIKE ${containsPattern(filter.search)})`
        : undefined,
      byCode.after(page),
    ];
    const rows = await db
      .select()
      .from(inventoryItems)
      .where(and(...conditions))
      .orderBy(...byCode.orderBy())
      .limit(byCode.fetchSize(page));
    return byCode.toPage(
      rows,
      page,
      (i) => [i.code, i.id],
      (i) => i,
    );
  }
}
