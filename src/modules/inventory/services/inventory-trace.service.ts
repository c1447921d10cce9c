import { Injectable } from '@nestjs/common';
import { AuditWriter } from '../../../common/audit/audit-writer';
import type { Caller } from '../../../common/auth/caller';
import type { Db } from '../../../common/database/database';
import { TransactionRunner } from '../../../common/database/transaction-runner';
import { NotFound } from '../../../common/errors/domain-error';
import type { RecipientsResponse } from '../dto/inventory-stock.dto';
import { InventoryItemRepository } from '../repositories/inventory-item.repository';
import {
  InventoryStockRepository,
  type BatchRow,
} from '../repositories/inventory-stock.repository';
import { InventoryUsageRepository } from '../repositories/inventory-usage.repository';

/** Traceability (FDA device tracking): which patients received a device of a lot. Audited reads. */
@Injectable()
export class InventoryTraceService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly items: InventoryItemRepository,
    private readonly stock: InventoryStockRepository,
    private readonly usages: InventoryUsageRepository,
    private readonly audit: AuditWriter,
  ) {}

  recipientsOfBatch(caller: Caller, batchId: string): Promise<RecipientsResponse> {
    return this.tx.run(async (db) => {
      const batch = await this.stock.findBatch(db, caller.clinicId, { id: batchId });
      if (!batch) throw new NotFound('InventoryBatch', batchId);
      return this.recipients(db, caller, batch);
    });
  }

  /** From what a manufacturer's recall notice gives: the GTIN and the lot. */
  recall(caller: Caller, gtin: string, lot: string): Promise<RecipientsResponse> {
    return this.tx.run(async (db) => {
      const item = await this.items.findByGtin(db, caller.clinicId, gtin);
      if (!item) throw new NotFound('InventoryItem', gtin);
      const batch = await this.stock.findBatch(db, caller.clinicId, {
        itemId: item.id,
        batchNumber: lot,
      });
      if (!batch) throw new NotFound('InventoryBatch', lot);
      return this.recipients(db, caller, batch);
    });
  }

  private async recipients(db: Db, caller: Caller, batch: BatchRow): Promise<RecipientsResponse> {
    const item = await this.items.findById(db, caller.clinicId, batch.itemId);
    if (!item) throw new NotFound('InventoryItem', batch.itemId);
    const rows = await this.usages.recipientsOfBatch(db, caller.clinicId, batch.id);
    await this.audit.recordReads(db, caller, 'inventory.recall-list', 'Patient', [
      ...new Set(rows.map((r) => r.patientId)),
    ]);
    return {
      batchId: batch.id,
      batchNumber: batch.batchNumber,
      expiresAt: batch.expiresAt,
      itemId: item.id,
      itemCode: item.code,
      recipients: rows.map((r) => ({ ...r, usedAt: r.usedAt.toISOString() })),
    };
  }
}
