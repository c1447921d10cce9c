import { Injectable } from '@nestjs/common';
import { and, asc, eq, getTableColumns, inArray, sql } from 'drizzle-orm';
import type { ClinicId } from '../../../common/auth/caller';
import type { Db } from '../../../common/database/database';
import { tenantJoin } from '../../../common/database/tenant-key';
import { patients } from '../../patient/repositories/patient.schema';
import { inventoryItems } from './inventory-item.schema';
import {
  inventoryAllocations,
  inventoryBatches,
  inventoryUnits,
  inventoryUsages,
} from './inventory-stock.schema';

export type NewUsage = Omit<typeof inventoryUsages.$inferInsert, 'createdAt' | 'updatedAt'>;
export type UsageRow = typeof inventoryUsages.$inferSelect;
export type UnitRow = typeof inventoryUnits.$inferSelect;
export type AllocationRow = typeof inventoryAllocations.$inferSelect;

export interface RecipientRow {
  patientId: string;
  mrn: string;
  firstName: string;
  lastName: string;
  procedurePlanId: string;
  surgicalCaseId: string | null;
  serialNumber: string | null;
  quantity: number;
  usedAt: Date;
}

/** What a plan's surgery used: the requirement it was reserved for (if any), serial and lot. */
export interface PlanUsageRow {
  requirementId: string | null;
  itemId: string;
  serialNumber: string | null;
  lotNumber: string;
  quantity: number;
  usedAt: Date;
}

/** A usage of a case with what billing needs of its item. */
export interface CaseUsageRow {
  id: string;
  surgicalCaseId: string;
  itemId: string;
  itemCode: string;
  itemName: string;
  hcpcsCode: string | null;
  isBillable: boolean;
  /** The catalog price, numeric(12,2) as a string. */
  unitPrice: string;
  batchId: string;
  serialNumber: string | null;
  quantity: number;
  usedAt: Date;
}

@Injectable()
export class InventoryUsageRepository {
  /** The plan's active reservations by lot, each with its unit's serial number (none: null). */
  async activeAllocationsOfPlan(db: Db, clinicId: ClinicId, planId: string) {
    return db
      .select({
        ...getTableColumns(inventoryAllocations),
        serialNumber: inventoryUnits.serialNumber,
      })
      .from(inventoryAllocations)
      .leftJoin(
        inventoryUnits,
        tenantJoin(inventoryUnits, inventoryAllocations.clinicId, inventoryAllocations.unitId),
      )
      .where(
        and(
          eq(inventoryAllocations.clinicId, clinicId),
          eq(inventoryAllocations.procedurePlanId, planId),
          eq(inventoryAllocations.status, 'ACTIVE'),
        ),
      )
      .orderBy(asc(inventoryAllocations.batchId));
  }

  /** One serial-numbered unit of an item, locked: two nurses scanning one implant queue. */
  async lockUnitBySerial(
    db: Db,
    clinicId: ClinicId,
    itemId: string,
    serialNumber: string,
  ): Promise<UnitRow | undefined> {
    const [row] = await db
      .select()
      .from(inventoryUnits)
      .where(
        and(
          eq(inventoryUnits.clinicId, clinicId),
          eq(inventoryUnits.itemId, itemId),
          eq(inventoryUnits.serialNumber, serialNumber),
        ),
      )
      .for('update');
    return row;
  }

  async activeAllocationOfUnit(
    db: Db,
    clinicId: ClinicId,
    unitId: string,
  ): Promise<AllocationRow | undefined> {
    const [row] = await db
      .select()
      .from(inventoryAllocations)
      .where(
        and(
          eq(inventoryAllocations.clinicId, clinicId),
          eq(inventoryAllocations.unitId, unitId),
          eq(inventoryAllocations.status, 'ACTIVE'),
        ),
      );
    return row;
  }

  /** Part of a bulk reservation was used: the allocation keeps holding the rest. */
  async reduceAllocation(
    db: Db,
    clinicId: ClinicId,
    allocationId: string,
    by: number,
  ): Promise<void> {
    await db
      .update(inventoryAllocations)
      .set({ quantity: sql`${inventoryAllocations.quantity} - ${by}`, updatedAt: sql`now()` })
      .where(
        and(eq(inventoryAllocations.clinicId, clinicId), eq(inventoryAllocations.id, allocationId)),
      );
  }

  async insertUsages(db: Db, usages: NewUsage[]): Promise<UsageRow[]> {
    if (usages.length === 0) return [];
    return db.insert(inventoryUsages).values(usages).returning();
  }

  /** What a case consumed, oldest first, with each item's billing fields. */
  usagesOfCase(db: Db, clinicId: ClinicId, caseId: string): Promise<CaseUsageRow[]> {
    return this.usagesOfCases(db, clinicId, [caseId]);
  }

  /** What some cases consumed, oldest first: a page of cases is presented in one query. */
  async usagesOfCases(
    db: Db,
    clinicId: ClinicId,
    caseIds: readonly string[],
  ): Promise<CaseUsageRow[]> {
    if (caseIds.length === 0) return [];
    const rows = await db
      .select({
        id: inventoryUsages.id,
        surgicalCaseId: inventoryUsages.surgicalCaseId,
        itemId: inventoryUsages.itemId,
        itemCode: inventoryItems.code,
        itemName: inventoryItems.name,
        hcpcsCode: inventoryItems.hcpcsCode,
        isBillable: inventoryItems.isBillable,
        unitPrice: inventoryItems.unitPrice,
        batchId: inventoryUsages.batchId,
        serialNumber: inventoryUsages.serialNumber,
        quantity: inventoryUsages.quantity,
        usedAt: inventoryUsages.usedAt,
      })
      .from(inventoryUsages)
      .innerJoin(
        inventoryItems,
        tenantJoin(inventoryItems, inventoryUsages.clinicId, inventoryUsages.itemId),
      )
      .where(
        and(
          eq(inventoryUsages.clinicId, clinicId),
          inArray(inventoryUsages.surgicalCaseId, [...caseIds]),
        ),
      )
      .orderBy(asc(inventoryUsages.usedAt), asc(inventoryUsages.id));
    return rows.flatMap((r) =>
      r.surgicalCaseId ? [{ ...r, surgicalCaseId: r.surgicalCaseId }] : [],
    );
  }

  /** What a plan's surgery consumed, oldest first, with the lot and the reservation's requirement. */
  async usagesOfPlan(db: Db, clinicId: ClinicId, planId: string): Promise<PlanUsageRow[]> {
    return db
      .select({
        requirementId: inventoryAllocations.requirementId,
        itemId: inventoryUsages.itemId,
        serialNumber: inventoryUsages.serialNumber,
        lotNumber: inventoryBatches.batchNumber,
        quantity: inventoryUsages.quantity,
        usedAt: inventoryUsages.usedAt,
      })
      .from(inventoryUsages)
      .innerJoin(
        inventoryBatches,
        tenantJoin(inventoryBatches, inventoryUsages.clinicId, inventoryUsages.batchId),
      )
      .leftJoin(
        inventoryAllocations,
        tenantJoin(inventoryAllocations, inventoryUsages.clinicId, inventoryUsages.allocationId),
      )
      .where(
        and(eq(inventoryUsages.clinicId, clinicId), eq(inventoryUsages.procedurePlanId, planId)),
      )
      .orderBy(asc(inventoryUsages.usedAt), asc(inventoryUsages.id));
  }

  /** Every patient who received something of the batch: the recall list. */
  async recipientsOfBatch(db: Db, clinicId: ClinicId, batchId: string): Promise<RecipientRow[]> {
    return db
      .select({
        patientId: patients.id,
        mrn: patients.mrn,
        firstName: patients.firstName,
        lastName: patients.lastName,
        procedurePlanId: inventoryUsages.procedurePlanId,
        surgicalCaseId: inventoryUsages.surgicalCaseId,
        serialNumber: inventoryUsages.serialNumber,
        quantity: inventoryUsages.quantity,
        usedAt: inventoryUsages.usedAt,
      })
      .from(inventoryUsages)
      .innerJoin(
        patients,
        tenantJoin(patients, inventoryUsages.clinicId, inventoryUsages.patientId),
      )
      .where(and(eq(inventoryUsages.clinicId, clinicId), eq(inventoryUsages.batchId, batchId)))
      .orderBy(asc(inventoryUsages.usedAt), asc(inventoryUsages.id));
  }
}
