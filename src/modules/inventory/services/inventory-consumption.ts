import { Injectable } from '@nestjs/common';
import { AuditWriter } from '../../../common/audit/audit-writer';
import type { Caller, ClinicId } from '../../../common/auth/caller';
import { Clock } from '../../../common/clock';
import type { Db } from '../../../common/database/database';
import {
  InvalidStateTransition,
  NotFound,
  ValidationFailed,
} from '../../../common/errors/domain-error';
import { newId } from '../../../common/ids';
import { InventoryAllocationRepository } from '../repositories/inventory-allocation.repository';
import { InventoryItemRepository } from '../repositories/inventory-item.repository';
import type { BatchRow, UnitChanges } from '../repositories/inventory-stock.repository';
import { InventoryStockRepository } from '../repositories/inventory-stock.repository';
import {
  InventoryUsageRepository,
  type AllocationRow,
  type NewUsage,
  type PlanUsageRow,
  type UsageRow,
} from '../repositories/inventory-usage.repository';
import { InsufficientInventory } from './insufficient-inventory.error';
import { InventoryLifecycle } from './inventory-lifecycle';

/** What a plan's surgery used: the requirement it was reserved for (if any), serial and lot. */
export type PlanUsage = PlanUsageRow;

export interface ConsumptionTarget {
  planId: string;
  patientId: string;
  surgicalCaseId: string;
  at: Date;
}

/** What the theater team used, as recorded during the case. */
export interface UsageRequest {
  itemId: string;
  batchId?: string | undefined;
  serialNumber?: string | undefined;
  quantity: number;
}

/**
 * Stock leaving the shelf into a patient (docs/design.md §7), always in the caller's transaction:
 * usage recorded during a case, and the seed's "automatic consumption" at its completion. A
 * consumed implant stays linked to its patient, plan and case forever, and an InventoryUsage row
 * says what, from which batch, by whom and when. Batch rows are locked before their counts move,
 * in id order where several are, as allocation and release do.
 */
@Injectable()
export class InventoryConsumption {
  constructor(
    private readonly usages: InventoryUsageRepository,
    private readonly stock: InventoryStockRepository,
    private readonly allocations: InventoryAllocationRepository,
    private readonly items: InventoryItemRepository,
    private readonly audit: AuditWriter,
    private readonly clock: Clock,
    private readonly lifecycle: InventoryLifecycle,
  ) {}

  /** What a plan's surgery used (serials and lots), oldest first: a completed plan shows it. */
  usedByPlan(db: Db, clinicId: ClinicId, planId: string): Promise<PlanUsageRow[]> {
    return this.usages.usagesOfPlan(db, clinicId, planId);
  }

  /**
   * Records what was used in a case: an implant by serial number (the plan's reserved unit, or a
   * free one from the shelf), or a quantity of a bulk item (from the plan's reservation first,
   * then free stock). Answers the usage rows written.
   */
  async recordUsage(
    db: Db,
    caller: Caller,
    target: ConsumptionTarget,
    request: UsageRequest,
  ): Promise<(UsageRow & { itemCode: string })[]> {
    const item = await this.items.findById(db, caller.clinicId, request.itemId);
    if (!item) throw new NotFound('InventoryItem', request.itemId);
    const rows = item.requiresSerialNumber
      ? [await this.useUnit(db, caller, target, request)]
      : await this.useQuantity(db, caller, target, request, item.code);
    const written = await this.usages.insertUsages(db, rows);
    await this.audit.record(db, caller, {
      action: 'inventory.use',
      entityType: 'SurgicalCase',
      entityId: target.surgicalCaseId,
      changedFields: ['inventoryUsages'],
      metadata: { itemId: item.id, quantity: request.quantity, patientId: target.patientId },
    });
    return written.map((u) => ({ ...u, itemCode: item.code }));
  }

  /**
   * At completion: every reservation of the plan for an item nobody recorded usage of in the case
   * is consumed (the seed's automatic consumption). Items with recorded usage are left alone: the
   * record is what happened, and the caller releases their leftover reservations.
   */
  async consumeReservedForPlan(
    db: Db,
    caller: Caller,
    target: ConsumptionTarget,
    exceptItemIds: ReadonlySet<string>,
  ): Promise<number> {
    const active = (
      await this.usages.activeAllocationsOfPlan(db, caller.clinicId, target.planId)
    ).filter((a) => !exceptItemIds.has(a.itemId));
    const byBatch = new Map<string, number>();
    for (const a of active) byBatch.set(a.batchId, (byBatch.get(a.batchId) ?? 0) + a.quantity);
    // In the lots' order, as every use case locks them; the UPDATE takes each lot's row lock.
    for (const batchId of [...byBatch.keys()].sort()) {
      const quantity = byBatch.get(batchId) ?? 0;
      // Reserved stock leaves the shelf: on hand and reserved drop together, available is unchanged.
      await this.stock.changeCounts(db, caller.clinicId, batchId, {
        onHand: -quantity,
        reserved: -quantity,
      });
    }
    const unitIds = active.flatMap((a) => (a.unitId ? [a.unitId] : []));
    await this.lifecycle.fireUnits(db, caller.clinicId, unitIds, 'consume', recipient(target));
    await this.lifecycle.fireAllocations(
      db,
      caller.clinicId,
      active.map((a) => a.id),
      'consume',
    );
    await this.usages.insertUsages(
      db,
      active.map((a) =>
        this.usage(caller, target, {
          itemId: a.itemId,
          batchId: a.batchId,
          unitId: a.unitId,
          serialNumber: a.serialNumber,
          quantity: a.quantity,
          allocationId: a.id,
        }),
      ),
    );
    const consumed = active.reduce((sum, a) => sum + a.quantity, 0);
    if (consumed > 0) {
      await this.audit.record(db, caller, {
        action: 'inventory.consume',
        entityType: 'SurgicalCase',
        entityId: target.surgicalCaseId,
        changedFields: ['inventoryUsages'],
        metadata: {
          quantity: consumed,
          patientId: target.patientId,
          procedurePlanId: target.planId,
        },
      });
    }
    return consumed;
  }

  private async useUnit(
    db: Db,
    caller: Caller,
    target: ConsumptionTarget,
    request: UsageRequest,
  ): Promise<NewUsage> {
    if (!request.serialNumber)
      throw ValidationFailed.field(
        'serialNumber',
        'The item is serial-tracked: give the serial number used',
      );
    if (request.quantity !== 1)
      throw ValidationFailed.field(
        'quantity',
        'A serial number is one unit: the quantity must be 1',
      );
    const unit = await this.usages.lockUnitBySerial(
      db,
      caller.clinicId,
      request.itemId,
      request.serialNumber,
    );
    if (!unit) throw new NotFound('InventoryUnit', request.serialNumber);
    if (request.batchId !== undefined && request.batchId !== unit.batchId)
      throw ValidationFailed.field('batchId', `Unit ${unit.serialNumber} is not of this batch`);
    const batch = await this.lockBatch(db, caller, unit.batchId);
    let allocation: AllocationRow | undefined;
    if (unit.status === 'RESERVED') {
      allocation = await this.usages.activeAllocationOfUnit(db, caller.clinicId, unit.id);
      if (allocation?.procedurePlanId !== target.planId)
        throw new InvalidStateTransition(
          'RESERVED',
          `use unit ${unit.serialNumber}: it is reserved for another plan`,
        );
      await this.stock.changeCounts(db, caller.clinicId, batch.id, { onHand: -1, reserved: -1 });
      await this.lifecycle.fireAllocations(db, caller.clinicId, [allocation.id], 'consume');
    } else if (unit.status === 'AVAILABLE') {
      this.assertUsable(batch, unit.serialNumber);
      await this.stock.changeCounts(db, caller.clinicId, batch.id, { onHand: -1 });
    } else {
      throw new InvalidStateTransition(unit.status, `use unit ${unit.serialNumber}`);
    }
    await this.lifecycle.fireUnits(db, caller.clinicId, [unit.id], 'consume', recipient(target));
    return this.usage(caller, target, {
      itemId: unit.itemId,
      batchId: unit.batchId,
      unitId: unit.id,
      serialNumber: unit.serialNumber,
      quantity: 1,
      allocationId: allocation?.id ?? null,
    });
  }

  private async useQuantity(
    db: Db,
    caller: Caller,
    target: ConsumptionTarget,
    request: UsageRequest,
    itemCode: string,
  ): Promise<NewUsage[]> {
    if (request.serialNumber !== undefined)
      throw ValidationFailed.field(
        'serialNumber',
        `${itemCode} is not serial-tracked: give a quantity only`,
      );
    const held = (await this.usages.activeAllocationsOfPlan(db, caller.clinicId, target.planId))
      .filter((a) => a.itemId === request.itemId)
      .filter((a) => request.batchId === undefined || a.batchId === request.batchId)
      .sort((a, b) => a.batchId.localeCompare(b.batchId));
    const rows: NewUsage[] = [];
    let remaining = request.quantity;
    // The plan's own reservation first: that is what it was set aside for.
    for (const a of held) {
      if (remaining === 0) break;
      const take = Math.min(remaining, a.quantity);
      await this.lockBatch(db, caller, a.batchId);
      await this.stock.changeCounts(db, caller.clinicId, a.batchId, {
        onHand: -take,
        reserved: -take,
      });
      if (take === a.quantity)
        await this.lifecycle.fireAllocations(db, caller.clinicId, [a.id], 'consume');
      else await this.usages.reduceAllocation(db, caller.clinicId, a.id, take);
      rows.push(
        this.usage(caller, target, {
          itemId: a.itemId,
          batchId: a.batchId,
          unitId: null,
          serialNumber: null,
          quantity: take,
          allocationId: a.id,
        }),
      );
      remaining -= take;
    }
    if (remaining > 0) {
      const batch = await this.freeBatch(db, caller, request, remaining, itemCode);
      await this.stock.changeCounts(db, caller.clinicId, batch.id, { onHand: -remaining });
      rows.push(
        this.usage(caller, target, {
          itemId: request.itemId,
          batchId: batch.id,
          unitId: null,
          serialNumber: null,
          quantity: remaining,
          allocationId: null,
        }),
      );
    }
    return rows;
  }

  /** A batch with `quantity` free and not expired today: the one named, or first-expiry-first-out. */
  private async freeBatch(
    db: Db,
    caller: Caller,
    request: UsageRequest,
    quantity: number,
    itemCode: string,
  ): Promise<BatchRow> {
    const today = this.today();
    const candidates = request.batchId
      ? [await this.lockBatch(db, caller, request.batchId)].filter(
          (b) => b.itemId === request.itemId && (b.expiresAt === null || b.expiresAt >= today),
        )
      : await this.allocations.lockUsableBatches(db, caller.clinicId, request.itemId, today);
    const batch = candidates.find((b) => b.onHand - b.reserved >= quantity);
    if (!batch) {
      throw new InsufficientInventory(
        `${itemCode}: ${quantity} more needed from one unexpired batch than is free`,
        {
          itemCode,
          needed: quantity,
          available: Math.max(0, ...candidates.map((b) => b.onHand - b.reserved)),
        },
      );
    }
    return batch;
  }

  private async lockBatch(db: Db, caller: Caller, batchId: string): Promise<BatchRow> {
    const batch = await this.stock.lockBatchById(db, caller.clinicId, batchId);
    if (!batch) throw new NotFound('InventoryBatch', batchId);
    return batch;
  }

  /** An expired implant is never put into a patient. */
  private assertUsable(batch: BatchRow, serialNumber: string): void {
    if (batch.expiresAt !== null && batch.expiresAt < this.today())
      throw new InsufficientInventory(`Unit ${serialNumber} expired on ${batch.expiresAt}`, {
        serialNumber,
        expiresAt: batch.expiresAt,
      });
  }

  private usage(
    caller: Caller,
    target: ConsumptionTarget,
    what: Pick<
      NewUsage,
      'itemId' | 'batchId' | 'unitId' | 'serialNumber' | 'quantity' | 'allocationId'
    >,
  ): NewUsage {
    return {
      clinicId: caller.clinicId,
      id: newId(),
      procedurePlanId: target.planId,
      surgicalCaseId: target.surgicalCaseId,
      patientId: target.patientId,
      recordedById: caller.userId,
      usedAt: target.at,
      ...what,
    };
  }

  private today(): string {
    return this.clock.now().toISOString().slice(0, 10);
  }
}

/** What a consumed unit keeps for good: its patient, plan, case and time. */
function recipient(target: ConsumptionTarget): UnitChanges {
  return {
    procedurePlanId: target.planId,
    surgicalCaseId: target.surgicalCaseId,
    patientId: target.patientId,
    consumedAt: target.at,
  };
}
