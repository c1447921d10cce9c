import { Injectable } from '@nestjs/common';
import { AuditWriter } from '../../../common/audit/audit-writer';
import type { Caller, ClinicId } from '../../../common/auth/caller';
import { Clock } from '../../../common/clock';
import type { Db } from '../../../common/database/database';
import { TransactionRunner } from '../../../common/database/transaction-runner';
import { Duplicate, NotFound, ValidationFailed } from '../../../common/errors/domain-error';
import type { Page } from '../../../common/http/pagination';
import { lockedAtVersion } from '../../../common/http/versioning';
import { newId } from '../../../common/ids';
import type {
  AdjustmentBody,
  AdjustmentResponse,
  AdjustmentsQuery,
  BatchResponse,
  ExpiringBatchResponse,
  ExpiringQuery,
  HoldResponse,
  HoldsQuery,
  ReceiveBatchBody,
  ReceiveUdiBody,
  ReceivedUnitsResponse,
  StockResponse,
  UnitResponse,
} from '../dto/inventory-stock.dto';
import {
  InventoryItemRepository,
  type InventoryItemRow,
} from '../repositories/inventory-item.repository';
import {
  InventoryStockRepository,
  type BatchRow,
} from '../repositories/inventory-stock.repository';
import { InventoryAllocationRepository } from '../repositories/inventory-allocation.repository';
import { parseUdi } from './gs1-udi';
import { InsufficientInventory } from './insufficient-inventory.error';
import { InventoryLifecycle } from './inventory-lifecycle';

const DAY_MS = 24 * 60 * 60 * 1000;

/** What arrives on the shelf: a lot of one item, by count or by serial numbers. */
export interface Receipt {
  batchNumber: string;
  expiresAt: string | null;
  quantity?: number | undefined;
  serialNumbers?: readonly string[] | undefined;
}

/** Receiving, stock levels and adjustments (docs/design.md §3, §7). Reservations come with allocation. */
@Injectable()
export class InventoryStockService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly items: InventoryItemRepository,
    private readonly stock: InventoryStockRepository,
    private readonly allocations: InventoryAllocationRepository,
    private readonly audit: AuditWriter,
    private readonly clock: Clock,
    private readonly lifecycle: InventoryLifecycle,
  ) {}

  /**
   * The item's row is locked so the receipt is checked against the item as it stands (serial
   * tracking, retirement) and against the version a client's `If-Match` names; receiving changes
   * the stock, not the item, so the item keeps its version.
   */
  receiveBatch(
    caller: Caller,
    itemId: string,
    body: ReceiveBatchBody,
    ifMatch: number | undefined,
  ): Promise<BatchResponse> {
    return this.tx.run(async (db) => {
      const item = lockedAtVersion(
        await this.items.lockById(db, caller.clinicId, itemId),
        ifMatch,
        'InventoryItem',
        itemId,
      );
      const batch = await this.receive(db, caller, item, {
        ...body,
        expiresAt: body.expiresAt ?? null,
      });
      return this.toBatchResponse(db, caller.clinicId, batch);
    });
  }

  /**
   * Puts a receipt on the shelf in the caller's transaction: into the lot's batch, created when
   * new. Serial numbers are unique per item: one already known (or given twice) refuses the
   * whole receipt with 409 DUPLICATE, and nothing of it is written.
   */
  async receive(
    db: Db,
    caller: Caller,
    item: InventoryItemRow,
    receipt: Receipt,
    path = '',
  ): Promise<BatchRow> {
    const at = (field: string) => (path ? `${path}.${field}` : field);
    if (!item.active) throw ValidationFailed.field(at('itemId'), `${item.code} is deactivated`);
    const serials = receipt.serialNumbers ?? [];
    if (item.requiresSerialNumber && serials.length === 0) {
      throw ValidationFailed.field(
        at('serialNumbers'),
        `${item.code} is serial-tracked: give one serial number per unit`,
      );
    }
    if (!item.requiresSerialNumber && serials.length > 0) {
      throw ValidationFailed.field(
        at('serialNumbers'),
        `${item.code} is not serial-tracked: give a quantity`,
      );
    }
    const repeated = serials.find((s, i) => serials.indexOf(s) !== i);
    if (repeated)
      throw new Duplicate(`Serial number ${repeated} is given twice`, at('serialNumbers'));
    const known = await this.stock.existingSerials(db, caller.clinicId, item.id, serials);
    if (known.length > 0) {
      throw new Duplicate(
        `${item.code} already has serial number(s) ${known.join(', ')}`,
        at('serialNumbers'),
      );
    }

    let batch = await this.stock.lockBatchByNumber(
      db,
      caller.clinicId,
      item.id,
      receipt.batchNumber,
    );
    if (batch && receipt.expiresAt && batch.expiresAt && batch.expiresAt !== receipt.expiresAt) {
      throw ValidationFailed.field(
        at('expiresAt'),
        `Batch ${receipt.batchNumber} is on record as expiring ${batch.expiresAt}, not ${receipt.expiresAt}`,
      );
    }
    batch ??= await this.stock.insertBatch(db, {
      clinicId: caller.clinicId,
      id: newId(),
      itemId: item.id,
      batchNumber: receipt.batchNumber,
      expiresAt: receipt.expiresAt,
      receivedById: caller.userId,
    });
    await this.stock.insertUnits(
      db,
      serials.map((serialNumber) => ({
        clinicId: caller.clinicId,
        id: newId(),
        itemId: item.id,
        batchId: batch.id,
        serialNumber,
      })),
    );
    const received = serials.length > 0 ? serials.length : (receipt.quantity ?? 0);
    if (received <= 0) throw ValidationFailed.field(at('quantity'), 'Receive at least one unit');
    const updated = await this.stock.changeCounts(db, caller.clinicId, batch.id, {
      onHand: received,
    });
    await this.audit.record(db, caller, {
      action: 'inventory-batch.receive',
      entityType: 'InventoryBatch',
      entityId: batch.id,
      changedFields: ['onHand'],
      metadata: { itemId: item.id, quantity: received },
    });
    return updated;
  }

  /**
   * Receiving by scanning implant labels (GS1 UDI): each label is one unit of the item whose GTIN
   * it carries, into its lot's batch. All labels are received in one transaction, or none.
   */
  receiveUdis(caller: Caller, body: ReceiveUdiBody): Promise<ReceivedUnitsResponse> {
    const labels = body.udis ?? (body.udi === undefined ? [] : [body.udi]);
    const pathOf = (i: number) => (body.udis ? `udis[${i}]` : 'udi');
    const parsed = labels.map((label, i) => {
      const result = parseUdi(label);
      if (!result.ok) throw ValidationFailed.field(pathOf(i), result.message);
      return result.udi;
    });
    return this.tx.run(async (db) => {
      const received: ReceivedUnitsResponse['received'] = [];
      for (const [i, udi] of parsed.entries()) {
        const item = await this.items.findByGtin(db, caller.clinicId, udi.gtin);
        if (!item)
          throw ValidationFailed.field(pathOf(i), `No item of this clinic has GTIN ${udi.gtin}`);
        if (!udi.lot)
          throw ValidationFailed.field(
            pathOf(i),
            'The label has no lot (10): the batch is unknown',
          );
        if (item.requiresSerialNumber && !udi.serial) {
          throw ValidationFailed.field(
            pathOf(i),
            `${item.code} is serial-tracked but the label has no serial (21)`,
          );
        }
        const batch = await this.receive(
          db,
          caller,
          item,
          item.requiresSerialNumber && udi.serial
            ? { batchNumber: udi.lot, expiresAt: udi.expiresOn, serialNumbers: [udi.serial] }
            : { batchNumber: udi.lot, expiresAt: udi.expiresOn, quantity: 1 },
          pathOf(i),
        );
        received.push({
          itemId: item.id,
          itemCode: item.code,
          batchId: batch.id,
          batchNumber: batch.batchNumber,
          expiresAt: batch.expiresAt,
          serialNumber: item.requiresSerialNumber ? udi.serial : null,
        });
      }
      return { received };
    });
  }

  async stockOfItem(caller: Caller, itemId: string): Promise<StockResponse> {
    const item = await this.items.findById(this.tx.db, caller.clinicId, itemId);
    if (!item) throw new NotFound('InventoryItem', itemId);
    const batches = await this.stock.batchesOfItem(this.tx.db, caller.clinicId, itemId);
    const total = (pick: (b: BatchRow) => number) => batches.reduce((sum, b) => sum + pick(b), 0);
    return {
      itemId,
      onHand: total((b) => b.onHand),
      reserved: total((b) => b.reserved),
      available: total((b) => b.onHand - b.reserved),
      batches: batches.map((b) => ({
        batchId: b.id,
        batchNumber: b.batchNumber,
        expiresAt: b.expiresAt,
        onHand: b.onHand,
        reserved: b.reserved,
        available: b.onHand - b.reserved,
        version: b.version,
      })),
    };
  }

  /**
   * Count corrections, damage, expiry write-offs. On-hand never goes below what plans hold
   * (409 INSUFFICIENT_INVENTORY; the batch's CHECK backs it). Serial-tracked units leave the
   * shelf by serial number and only when not reserved; they arrive only by receipt.
   */
  adjustBatch(
    caller: Caller,
    batchId: string,
    body: AdjustmentBody,
    ifMatch: number | undefined,
  ): Promise<BatchResponse> {
    return this.tx.run(async (db) => {
      const batch = lockedAtVersion(
        await this.stock.lockBatchById(db, caller.clinicId, batchId),
        ifMatch,
        'InventoryBatch',
        batchId,
      );
      const item = await this.items.findById(db, caller.clinicId, batch.itemId);
      if (!item) throw new NotFound('InventoryItem', batch.itemId);
      if (item.requiresSerialNumber) {
        if (body.quantityDelta > 0) {
          throw ValidationFailed.field(
            'quantityDelta',
            'Serial-tracked units are added by receiving them',
          );
        }
        if (!body.serialNumbers) {
          throw ValidationFailed.field(
            'serialNumbers',
            'Name the serial numbers of the units removed',
          );
        }
        const units = await this.stock.unitsOfBatchBySerial(
          db,
          caller.clinicId,
          batch.id,
          body.serialNumbers,
        );
        const removed = await this.lifecycle.moveUnitsAllowed(
          db,
          caller.clinicId,
          units.map((u) => u.id),
          'remove',
        );
        const missing = body.serialNumbers.filter(
          (s) => !units.some((u) => u.serialNumber === s && removed.includes(u.id)),
        );
        if (missing.length > 0) {
          throw ValidationFailed.field(
            'serialNumbers',
            `Not available in this batch (unknown, reserved or gone): ${missing.join(', ')}`,
          );
        }
      } else if (body.serialNumbers) {
        throw ValidationFailed.field('serialNumbers', `${item.code} is not serial-tracked`);
      }
      if (batch.onHand + body.quantityDelta < batch.reserved) {
        throw new InsufficientInventory(
          `On hand ${batch.onHand} with ${batch.reserved} reserved: it cannot drop by ${-body.quantityDelta}`,
          { batchId: batch.id, onHand: batch.onHand, reserved: batch.reserved },
        );
      }
      const updated = await this.stock.changeCounts(db, caller.clinicId, batch.id, {
        onHand: body.quantityDelta,
      });
      await this.stock.insertAdjustment(db, {
        clinicId: caller.clinicId,
        id: newId(),
        batchId: batch.id,
        quantityDelta: body.quantityDelta,
        reason: body.reason,
        note: body.note ?? null,
        serialNumbers: body.serialNumbers ? [...body.serialNumbers] : [],
        adjustedById: caller.userId,
      });
      await this.audit.record(db, caller, {
        action: 'inventory-batch.adjust',
        entityType: 'InventoryBatch',
        entityId: batch.id,
        changedFields: ['onHand'],
        metadata: { quantityDelta: body.quantityDelta, reason: body.reason },
      });
      return this.toBatchResponse(db, caller.clinicId, updated);
    });
  }

  /** A batch's adjustments, newest first: each with its reason and note as recorded. */
  async adjustmentsOfBatch(
    caller: Caller,
    batchId: string,
    query: AdjustmentsQuery,
  ): Promise<Page<AdjustmentResponse>> {
    const batch = await this.stock.findBatch(this.tx.db, caller.clinicId, { id: batchId });
    if (!batch) throw new NotFound('InventoryBatch', batchId);
    const page = await this.stock.adjustmentsOfBatch(this.tx.db, caller.clinicId, batch.id, query);
    return {
      data: page.data.map((a) => ({
        id: a.id,
        batchId: a.batchId,
        quantityDelta: a.quantityDelta,
        reason: a.reason,
        note: a.note,
        serialNumbers: a.serialNumbers,
        adjustedById: a.adjustedById,
        adjustedAt: a.createdAt.toISOString(),
      })),
      nextCursor: page.nextCursor,
    };
  }

  /** The set-up checklist's "an implant in stock": an active implant with a unit to allocate. */
  hasImplantInStock(clinicId: ClinicId): Promise<boolean> {
    const today = this.clock.now().toISOString().slice(0, 10);
    return this.stock.hasImplantInStock(this.tx.db, clinicId, today);
  }

  async expiringBatches(
    caller: Caller,
    query: ExpiringQuery,
  ): Promise<Page<ExpiringBatchResponse>> {
    const until = new Date(this.clock.now().getTime() + query.withinDays * DAY_MS)
      .toISOString()
      .slice(0, 10);
    const page = await this.stock.expiring(this.tx.db, caller.clinicId, until, query);
    return {
      data: page.data.map((b) => ({
        batchId: b.id,
        itemId: b.itemId,
        itemCode: b.itemCode,
        itemName: b.itemName,
        batchNumber: b.batchNumber,
        expiresAt: b.expiresAt,
        onHand: b.onHand,
        reserved: b.reserved,
        available: b.onHand - b.reserved,
        version: b.version,
      })),
      nextCursor: page.nextCursor,
    };
  }

  /**
   * "Who has this implant?" A serial number is unique per item, so across items it may repeat:
   * then `itemId` says which one (400 until it does). Audited: a consumed unit names its patient.
   */
  unitBySerial(
    caller: Caller,
    serialNumber: string,
    itemId: string | undefined,
  ): Promise<UnitResponse> {
    return this.tx.run(async (db) => {
      const units = await this.stock.unitsBySerial(db, caller.clinicId, serialNumber, itemId);
      if (units.length > 1) {
        throw ValidationFailed.field(
          'itemId',
          `Several items have serial number ${serialNumber}: name the item`,
        );
      }
      const [unit] = units;
      if (!unit) throw new NotFound('InventoryUnit', serialNumber);
      await this.audit.recordReads(db, caller, 'inventory-unit.read', 'InventoryUnit', [unit.id]);
      return {
        serialNumber: unit.serialNumber,
        itemId: unit.itemId,
        itemCode: unit.itemCode,
        batchId: unit.batchId,
        batchNumber: unit.batchNumber,
        status: unit.status,
        procedurePlanId: unit.procedurePlanId,
        surgicalCaseId: unit.surgicalCaseId,
        patientId: unit.patientId,
        consumedAt: unit.consumedAt?.toISOString() ?? null,
      };
    });
  }

  /** Stock held by plans not yet approved, allocated more than `olderThanDays` ago: candidates to release. */
  async holds(caller: Caller, query: HoldsQuery): Promise<Page<HoldResponse>> {
    const before = new Date(this.clock.now().getTime() - query.olderThanDays * DAY_MS);
    return this.tx.run(async (db) => {
      const page = await this.allocations.holdsOfUnapprovedPlans(
        db,
        caller.clinicId,
        before,
        query,
      );
      // The list names whose plan holds each unit: reading it is a read of those patients.
      await this.audit.recordReads(db, caller, 'inventory.holds', 'Patient', [
        ...new Set(page.data.map((h) => h.patientId)),
      ]);
      return {
        data: page.data.map((h) => ({
          allocationId: h.allocationId,
          requirementId: h.requirementId,
          procedurePlanId: h.planId,
          planNumber: h.planNumber,
          planStatus: h.planStatus,
          planVersion: h.planVersion,
          patientId: h.patientId,
          mrn: h.mrn,
          firstName: h.firstName,
          lastName: h.lastName,
          itemId: h.itemId,
          itemCode: h.itemCode,
          itemName: h.itemName,
          batchId: h.batchId,
          batchNumber: h.batchNumber,
          quantity: h.quantity,
          serialNumber: h.serialNumber,
          allocatedAt: h.allocatedAt.toISOString(),
        })),
        nextCursor: page.nextCursor,
      };
    });
  }

  private async toBatchResponse(
    db: Db,
    clinicId: ClinicId,
    batch: BatchRow,
  ): Promise<BatchResponse> {
    return {
      id: batch.id,
      itemId: batch.itemId,
      batchNumber: batch.batchNumber,
      expiresAt: batch.expiresAt,
      onHand: batch.onHand,
      reserved: batch.reserved,
      available: batch.onHand - batch.reserved,
      serialNumbers: await this.stock.shelfSerials(db, clinicId, batch.id),
      version: batch.version,
    };
  }
}
