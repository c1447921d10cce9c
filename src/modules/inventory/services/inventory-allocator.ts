import { Injectable } from '@nestjs/common';
import type { Caller, ClinicId } from '../../../common/auth/caller';
import { Clock } from '../../../common/clock';
import type { Db } from '../../../common/database/database';
import { newId } from '../../../common/ids';
import { InventoryAllocationRepository } from '../repositories/inventory-allocation.repository';
import { InventoryStockRepository } from '../repositories/inventory-stock.repository';
import { InsufficientInventory } from './insufficient-inventory.error';
import { InventoryLifecycle } from './inventory-lifecycle';

export interface ReservationRequest {
  planId: string;
  requirementId: string;
  itemId: string;
  itemCode: string;
  quantity: number;
  serialTracked: boolean;
  /** A batch the caller chose; otherwise first-expiry-first-out. */
  batchId?: string | undefined;
  /** No batch expiring before this date (YYYY-MM-DD) is used. */
  usableOn: string;
}

/** What one requirement holds. */
export interface Held {
  quantity: number;
  serialNumbers: string[];
  batches: { batchId: string; batchNumber: string; expiresAt: string | null }[];
}

export interface Reservation {
  batchId: string;
  serialNumbers: string[];
}

/**
 * Reserving stock for a plan's requirement without ever promising one unit twice (docs/design.md §7,
 * docs/inventory.md): every allocation locks the candidate batch rows first, in one order, then
 * reserves in the same transaction; the batch CHECK and the unique index on a unit's active
 * allocation back it in the database.
 */
@Injectable()
export class InventoryAllocator {
  constructor(
    private readonly allocations: InventoryAllocationRepository,
    private readonly stock: InventoryStockRepository,
    private readonly lifecycle: InventoryLifecycle,
    private readonly clock: Clock,
  ) {}

  async reserve(db: Db, caller: Caller, request: ReservationRequest): Promise<Reservation> {
    const candidates = request.batchId
      ? await this.chosenBatch(db, caller.clinicId, request)
      : await this.allocations.lockUsableBatches(
          db,
          caller.clinicId,
          request.itemId,
          request.usableOn,
        );
    const batch = candidates.find((b) => b.onHand - b.reserved >= request.quantity);
    if (!batch) {
      const best = Math.max(0, ...candidates.map((b) => b.onHand - b.reserved));
      throw new InsufficientInventory(
        `${request.itemCode}: ${request.quantity} needed from one batch usable on ${request.usableOn}; at most ${best} free`,
        {
          requirementId: request.requirementId,
          itemCode: request.itemCode,
          needed: request.quantity,
          available: best,
        },
      );
    }
    let serialNumbers: string[] = [];
    if (request.serialTracked) {
      const units = await this.allocations.pickAvailableUnits(
        db,
        caller.clinicId,
        batch.id,
        request.quantity,
      );
      if (units.length < request.quantity)
        throw new Error('a batch’s free count matches its AVAILABLE units');
      await this.lifecycle.fireUnits(
        db,
        caller.clinicId,
        units.map((u) => u.id),
        'reserve',
        { procedurePlanId: request.planId },
      );
      await this.allocations.insertAllocations(
        db,
        units.map((u) => this.allocation(caller, request, batch.id, u.id, 1)),
      );
      serialNumbers = units.map((u) => u.serialNumber);
    } else {
      await this.allocations.insertAllocations(db, [
        this.allocation(caller, request, batch.id, null, request.quantity),
      ]);
    }
    await this.stock.changeCounts(db, caller.clinicId, batch.id, { reserved: request.quantity });
    return { batchId: batch.id, serialNumbers };
  }

  /** Gives back everything these requirements hold; answers how many units were released. */
  async release(db: Db, clinicId: ClinicId, requirementIds: readonly string[]): Promise<number> {
    const active = await this.allocations.activeFor(db, clinicId, requirementIds);
    const byBatch = new Map<string, number>();
    for (const a of active) byBatch.set(a.batchId, (byBatch.get(a.batchId) ?? 0) + a.quantity);
    // Lock in id order, as allocation does, so a release and an allocation never deadlock.
    for (const batchId of [...byBatch.keys()].sort()) {
      await this.stock.lockBatchById(db, clinicId, batchId);
      await this.stock.changeCounts(db, clinicId, batchId, {
        reserved: -(byBatch.get(batchId) ?? 0),
      });
    }
    await this.lifecycle.fireUnits(
      db,
      clinicId,
      active.flatMap((a) => (a.unitId ? [a.unitId] : [])),
      'release',
      { procedurePlanId: null },
    );
    await this.lifecycle.fireAllocations(
      db,
      clinicId,
      active.map((a) => a.id),
      'release',
      { releasedAt: this.clock.now() },
    );
    return active.reduce((sum, a) => sum + a.quantity, 0);
  }

  /** Per requirement: what it holds (quantity, serial numbers, and the batches, for their expiry). */
  async heldBy(
    db: Db,
    clinicId: ClinicId,
    requirementIds: readonly string[],
  ): Promise<Map<string, Held>> {
    const held = new Map<string, Held>();
    for (const a of await this.allocations.activeFor(db, clinicId, requirementIds)) {
      const entry = held.get(a.requirementId) ?? { quantity: 0, serialNumbers: [], batches: [] };
      entry.quantity += a.quantity;
      if (a.serialNumber) entry.serialNumbers.push(a.serialNumber);
      if (!entry.batches.some((b) => b.batchId === a.batchId))
        entry.batches.push({
          batchId: a.batchId,
          batchNumber: a.batchNumber,
          expiresAt: a.batchExpiresAt,
        });
      held.set(a.requirementId, entry);
    }
    return held;
  }

  /** What is free of each item on a date, for several items in one round trip. */
  availableOnByItem(
    db: Db,
    clinicId: ClinicId,
    itemIds: readonly string[],
    date: string,
  ): Promise<Map<string, number>> {
    return this.allocations.availableOnByItem(db, clinicId, itemIds, date);
  }

  private async chosenBatch(db: Db, clinicId: ClinicId, request: ReservationRequest) {
    const batch = request.batchId
      ? await this.stock.lockBatchById(db, clinicId, request.batchId)
      : undefined;
    const usable =
      batch &&
      batch.itemId === request.itemId &&
      (batch.expiresAt === null || batch.expiresAt >= request.usableOn);
    return usable ? [batch] : [];
  }

  private allocation(
    caller: Caller,
    request: ReservationRequest,
    batchId: string,
    unitId: string | null,
    quantity: number,
  ) {
    return {
      clinicId: caller.clinicId,
      id: newId(),
      requirementId: request.requirementId,
      procedurePlanId: request.planId,
      itemId: request.itemId,
      batchId,
      unitId,
      quantity,
      allocatedById: caller.userId,
    };
  }
}
