import { Injectable } from '@nestjs/common';
import {
  and,
  asc,
  eq,
  gte,
  inArray,
  isNull,
  lt,
  or,
  sql,
  type AnyColumn,
  type SQL,
} from 'drizzle-orm';
import type { ClinicId } from '../../../common/auth/caller';
import type { Db } from '../../../common/database/database';
import { anyOf, preparedQuery } from '../../../common/database/prepared-query';
import { tenantJoin } from '../../../common/database/tenant-key';
import { Keyset, type Page, type PageRequest } from '../../../common/http/pagination';
import { patients } from '../../patient/repositories/patient.schema';
import { procedurePlans } from '../../procedure-plan/repositories/procedure-plan.schema';
import { inventoryItems } from './inventory-item.schema';
import {
  inventoryAllocations,
  inventoryBatches,
  inventoryUnits,
  type AllocationStatus,
} from './inventory-stock.schema';
import type { BatchRow } from './inventory-stock.repository';

export type NewAllocation = Omit<
  typeof inventoryAllocations.$inferInsert,
  'createdAt' | 'updatedAt'
>;
export interface HoldRow {
  allocationId: string;
  requirementId: string;
  planId: string;
  planNumber: string;
  planStatus: string;
  planVersion: number;
  patientId: string;
  mrn: string;
  firstName: string;
  lastName: string;
  itemId: string;
  itemCode: string;
  itemName: string;
  batchId: string;
  batchNumber: string;
  quantity: number;
  serialNumber: string | null;
  allocatedAt: Date;
}

// Allocation ids are UUID v7: id order is allocation order.
const oldestFirst = new Keyset([inventoryAllocations.id]);

// Every plan route shows the serials its requirements hold: prepared (prepared-query.ts).
const activeForRequirements = preparedQuery<
  { clinicId: ClinicId; requirementIds: string[] },
  {
    allocation: typeof inventoryAllocations.$inferSelect;
    serialNumber: string | null;
    batchNumber: string;
    batchExpiresAt: string | null;
  }[]
>('allocations_active_for_requirements', (db) =>
  db
    .select({
      allocation: inventoryAllocations,
      serialNumber: inventoryUnits.serialNumber,
      batchNumber: inventoryBatches.batchNumber,
      batchExpiresAt: inventoryBatches.expiresAt,
    })
    .from(inventoryAllocations)
    .innerJoin(
      inventoryBatches,
      tenantJoin(inventoryBatches, inventoryAllocations.clinicId, inventoryAllocations.batchId),
    )
    .leftJoin(
      inventoryUnits,
      tenantJoin(inventoryUnits, inventoryAllocations.clinicId, inventoryAllocations.unitId),
    )
    .where(
      and(
        eq(inventoryAllocations.clinicId, sql.placeholder('clinicId')),
        anyOf(inventoryAllocations.requirementId, 'requirementIds'),
        eq(inventoryAllocations.status, 'ACTIVE'),
      ),
    )
    .orderBy(asc(inventoryUnits.serialNumber)),
);

/**
 * The serial numbers of the units the requirement `requirementId` holds (its ACTIVE allocations),
 * in serial order, as a JSON array: a subquery for a statement that reads plans with everything
 * they show (the plan presenter); the same serials as `activeFor`.
 */
export function heldSerialNumbersJson(
  clinicId: AnyColumn,
  requirementId: AnyColumn,
): SQL<string[]> {
  return sql`(SELECT coalesce(json_agg(${inventoryUnits.serialNumber} ORDER BY ${inventoryUnits.serialNumber}), '[]'::json)
    FROM ${inventoryAllocations}
    JOIN ${inventoryUnits}
      ON ${tenantJoin(inventoryUnits, inventoryAllocations.clinicId, inventoryAllocations.unitId)}
    WHERE ${inventoryAllocations.clinicId} = ${clinicId}
      AND ${inventoryAllocations.requirementId} = ${requirementId}
      AND ${eq(inventoryAllocations.status, 'ACTIVE')})`;
}

export type ActiveAllocation = typeof inventoryAllocations.$inferSelect & {
  serialNumber: string | null;
  batchNumber: string;
  batchExpiresAt: string | null;
};

/** Not expired on `date`: no expiry, or expiring on that day or later. */
function usableOn(date: string) {
  return or(isNull(inventoryBatches.expiresAt), gte(inventoryBatches.expiresAt, date));
}

@Injectable()
export class InventoryAllocationRepository {
  /**
   * The item's batches usable on `date` with something free, first-expiry-first-out, locked in
   * that one order by every allocation (so two allocations never deadlock on each other).
   */
  async lockUsableBatches(
    db: Db,
    clinicId: ClinicId,
    itemId: string,
    date: string,
  ): Promise<BatchRow[]> {
    return db
      .select()
      .from(inventoryBatches)
      .where(
        and(
          eq(inventoryBatches.clinicId, clinicId),
          eq(inventoryBatches.itemId, itemId),
          usableOn(date),
          sql`${inventoryBatches.onHand} > ${inventoryBatches.reserved}`,
        ),
      )
      .orderBy(sql`${inventoryBatches.expiresAt} ASC NULLS LAST`, asc(inventoryBatches.id))
      .for('update');
  }

  /** `availableOn` for several items in one statement: item id → free quantity (absent: 0). */
  async availableOnByItem(
    db: Db,
    clinicId: ClinicId,
    itemIds: readonly string[],
    date: string,
  ): Promise<Map<string, number>> {
    if (itemIds.length === 0) return new Map();
    const rows = await db
      .select({
        itemId: inventoryBatches.itemId,
        free: sql<string>`coalesce(sum(${inventoryBatches.onHand} - ${inventoryBatches.reserved}), 0)`,
      })
      .from(inventoryBatches)
      .where(
        and(
          eq(inventoryBatches.clinicId, clinicId),
          inArray(inventoryBatches.itemId, [...new Set(itemIds)]),
          usableOn(date),
        ),
      )
      .groupBy(inventoryBatches.itemId);
    return new Map(rows.map((r) => [r.itemId, Number(r.free)]));
  }

  async pickAvailableUnits(db: Db, clinicId: ClinicId, batchId: string, quantity: number) {
    return db
      .select({ id: inventoryUnits.id, serialNumber: inventoryUnits.serialNumber })
      .from(inventoryUnits)
      .where(
        and(
          eq(inventoryUnits.clinicId, clinicId),
          eq(inventoryUnits.batchId, batchId),
          eq(inventoryUnits.status, 'AVAILABLE'),
        ),
      )
      .orderBy(asc(inventoryUnits.serialNumber))
      .limit(quantity)
      .for('update');
  }

  async insertAllocations(db: Db, allocations: NewAllocation[]): Promise<void> {
    if (allocations.length > 0) await db.insert(inventoryAllocations).values(allocations);
  }

  async activeFor(
    db: Db,
    clinicId: ClinicId,
    requirementIds: readonly string[],
  ): Promise<ActiveAllocation[]> {
    if (requirementIds.length === 0) return [];
    const rows = await activeForRequirements(db, { clinicId, requirementIds: [...requirementIds] });
    return rows.map((r) => ({
      ...r.allocation,
      serialNumber: r.serialNumber,
      batchNumber: r.batchNumber,
      batchExpiresAt: r.batchExpiresAt,
    }));
  }

  /**
   * Reservations held by plans the patient has not approved yet, allocated before `before`,
   * oldest first: what staff may want to release (docs/design.md §7, the seed's pre-allocation).
   */
  async holdsOfUnapprovedPlans(
    db: Db,
    clinicId: ClinicId,
    before: Date,
    page: PageRequest,
  ): Promise<Page<HoldRow>> {
    const rows = await db
      .select({
        allocationId: inventoryAllocations.id,
        requirementId: inventoryAllocations.requirementId,
        planId: procedurePlans.id,
        planNumber: procedurePlans.planNumber,
        planStatus: procedurePlans.status,
        planVersion: procedurePlans.version,
        patientId: patients.id,
        mrn: patients.mrn,
        firstName: patients.firstName,
        lastName: patients.lastName,
        itemId: inventoryItems.id,
        itemCode: inventoryItems.code,
        itemName: inventoryItems.name,
        batchId: inventoryBatches.id,
        batchNumber: inventoryBatches.batchNumber,
        quantity: inventoryAllocations.quantity,
        serialNumber: inventoryUnits.serialNumber,
        allocatedAt: inventoryAllocations.createdAt,
      })
      .from(inventoryAllocations)
      .innerJoin(
        procedurePlans,
        tenantJoin(
          procedurePlans,
          inventoryAllocations.clinicId,
          inventoryAllocations.procedurePlanId,
        ),
      )
      .innerJoin(patients, tenantJoin(patients, procedurePlans.clinicId, procedurePlans.patientId))
      .innerJoin(
        inventoryItems,
        tenantJoin(inventoryItems, inventoryAllocations.clinicId, inventoryAllocations.itemId),
      )
      .innerJoin(
        inventoryBatches,
        tenantJoin(inventoryBatches, inventoryAllocations.clinicId, inventoryAllocations.batchId),
      )
      .leftJoin(
        inventoryUnits,
        tenantJoin(inventoryUnits, inventoryAllocations.clinicId, inventoryAllocations.unitId),
      )
      .where(
        and(
          eq(inventoryAllocations.clinicId, clinicId),
          eq(inventoryAllocations.status, 'ACTIVE'),
          inArray(procedurePlans.status, ['DRAFT', 'QUOTED']),
          lt(inventoryAllocations.createdAt, before),
          oldestFirst.after(page),
        ),
      )
      .orderBy(...oldestFirst.orderBy())
      .limit(oldestFirst.fetchSize(page));
    return oldestFirst.toPage(
      rows,
      page,
      (r) => [r.allocationId],
      (r) => r,
    );
  }

  /**
   * Moves the allocations that are in one of `from` to `to`, with `changes`, in one conditional
   * update; answers the ids it moved. Written only by InventoryLifecycle.
   */
  async moveAllocations(
    db: Db,
    clinicId: ClinicId,
    ids: readonly string[],
    move: { from: readonly AllocationStatus[]; to: AllocationStatus },
    changes: { releasedAt?: Date },
  ): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows = await db
      .update(inventoryAllocations)
      .set({ ...changes, status: move.to, updatedAt: sql`now()` })
      .where(
        and(
          eq(inventoryAllocations.clinicId, clinicId),
          inArray(inventoryAllocations.id, [...ids]),
          inArray(inventoryAllocations.status, [...move.from]),
        ),
      )
      .returning({ id: inventoryAllocations.id });
    return rows.map((r) => r.id);
  }

  /** The status of each of these allocations. */
  async allocationStatuses(
    db: Db,
    clinicId: ClinicId,
    ids: readonly string[],
  ): Promise<{ id: string; status: AllocationStatus }[]> {
    if (ids.length === 0) return [];
    return db
      .select({ id: inventoryAllocations.id, status: inventoryAllocations.status })
      .from(inventoryAllocations)
      .where(
        and(
          eq(inventoryAllocations.clinicId, clinicId),
          inArray(inventoryAllocations.id, [...ids]),
        ),
      );
  }
}
