import { Injectable } from '@nestjs/common';
import { AuditWriter } from '../../../common/audit/audit-writer';
import type { Caller } from '../../../common/auth/caller';
import type { Db } from '../../../common/database/database';
import { newId } from '../../../common/ids';
import { InventoryStockRepository } from '../repositories/inventory-stock.repository';
import { InventoryUsageRepository } from '../repositories/inventory-usage.repository';

export interface ConsumptionTarget {
  planId: string;
  patientId: string;
  /** The surgical case, once the theater module exists (issue 6). */
  surgicalCaseId: string | null;
  at: Date;
}

/**
 * The seed's "automatic consumption" (DESIGN.md §7), in the caller's transaction: what a plan
 * still holds leaves the shelf, each implant linked to its patient, plan and case forever, and an
 * InventoryUsage row says what, from which batch, by whom and when.
 */
@Injectable()
export class InventoryConsumption {
  constructor(
    private readonly usages: InventoryUsageRepository,
    private readonly stock: InventoryStockRepository,
    private readonly audit: AuditWriter,
  ) {}

  /** Consumes every active reservation of the plan; answers how many units left the shelf. */
  async consumeReservedForPlan(db: Db, caller: Caller, target: ConsumptionTarget): Promise<number> {
    const active = await this.usages.activeAllocationsOfPlan(db, caller.clinicId, target.planId);
    const byBatch = new Map<string, number>();
    for (const a of active) byBatch.set(a.batchId, (byBatch.get(a.batchId) ?? 0) + a.quantity);
    for (const batchId of [...byBatch.keys()].sort()) {
      await this.stock.lockBatchById(db, caller.clinicId, batchId);
      const quantity = byBatch.get(batchId) ?? 0;
      // Reserved stock leaves the shelf: on hand and reserved drop together, available is unchanged.
      await this.stock.changeCounts(db, caller.clinicId, batchId, {
        onHand: -quantity,
        reserved: -quantity,
      });
    }
    const unitIds = active.flatMap((a) => (a.unitId ? [a.unitId] : []));
    await this.usages.markUnitsConsumed(db, caller.clinicId, unitIds, target);
    await this.usages.markAllocationsConsumed(
      db,
      caller.clinicId,
      active.map((a) => a.id),
    );
    const serials = new Map(
      (await this.stock.unitsByIds(db, caller.clinicId, unitIds)).map((u) => [
        u.id,
        u.serialNumber,
      ]),
    );
    await this.usages.insertUsages(
      db,
      active.map((a) => ({
        clinicId: caller.clinicId,
        id: newId(),
        procedurePlanId: target.planId,
        surgicalCaseId: target.surgicalCaseId,
        patientId: target.patientId,
        itemId: a.itemId,
        batchId: a.batchId,
        unitId: a.unitId,
        serialNumber: a.unitId ? (serials.get(a.unitId) ?? null) : null,
        quantity: a.quantity,
        allocationId: a.id,
        recordedById: caller.userId,
        usedAt: target.at,
      })),
    );
    const consumed = active.reduce((sum, a) => sum + a.quantity, 0);
    if (consumed > 0) {
      await this.audit.record(db, caller, {
        action: 'inventory.consume',
        entityType: 'ProcedurePlan',
        entityId: target.planId,
        metadata: { quantity: consumed, patientId: target.patientId },
      });
    }
    return consumed;
  }
}
