import { Injectable } from '@nestjs/common';
import { AuditWriter } from '../../../common/audit/audit-writer';
import type { Caller } from '../../../common/auth/caller';
import { Clock } from '../../../common/clock';
import { TransactionRunner } from '../../../common/database/transaction-runner';
import {
  Duplicate,
  InvalidStateTransition,
  NotFound,
  ValidationFailed,
} from '../../../common/errors/domain-error';
import type { Page } from '../../../common/http/pagination';
import { lockedAtVersion } from '../../../common/http/versioning';
import { newId } from '../../../common/ids';
import type {
  CloseRecallBody,
  OpenRecallBody,
  RecallContactBody,
  RecallRecordDetailResponse,
  RecallRecordResponse,
  RecallRecordsQuery,
} from '../dto/inventory-recall.dto';
import {
  InventoryRecallRepository,
  type RecallListRow,
} from '../repositories/inventory-recall.repository';
import { InventoryStockRepository } from '../repositories/inventory-stock.repository';

/**
 * Recall records (docs/inventory.md "Recall records"): a lot under recall, OPEN until closed, and
 * which of its recipients have been contacted. One OPEN recall per batch; a recipient is contacted
 * once per recall. Reading a recall names its patients: audited per patient.
 */
@Injectable()
export class InventoryRecallService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly stock: InventoryStockRepository,
    private readonly recalls: InventoryRecallRepository,
    private readonly audit: AuditWriter,
    private readonly clock: Clock,
  ) {}

  /** Opens a recall of a batch; the batch is locked so two openings queue and the second is 409. */
  open(caller: Caller, batchId: string, body: OpenRecallBody): Promise<RecallRecordResponse> {
    return this.tx.run(async (db) => {
      const batch = await this.stock.lockBatchById(db, caller.clinicId, batchId);
      if (!batch) throw new NotFound('InventoryBatch', batchId);
      const open = await this.recalls.openRecallOfBatch(db, caller.clinicId, batch.id);
      if (open)
        throw new Duplicate(
          `Batch ${batch.batchNumber} already has an open recall (${open.id})`,
          'batchId',
        );
      const recall = await this.recalls.insertRecall(db, {
        clinicId: caller.clinicId,
        id: newId(),
        batchId: batch.id,
        reason: body.reason,
        openedAt: this.clock.now(),
        openedById: caller.userId,
      });
      await this.audit.record(db, caller, {
        action: 'inventory-recall.open',
        entityType: 'InventoryRecall',
        entityId: recall.id,
        changedFields: ['status', 'reason'],
        metadata: { batchId: batch.id },
      });
      return this.present(await this.listRow(db, caller, recall.id));
    });
  }

  list(caller: Caller, query: RecallRecordsQuery): Promise<Page<RecallRecordResponse>> {
    return this.tx.run(async (db) => {
      const page = await this.recalls.list(db, caller.clinicId, query.status, query);
      return { data: page.data.map((r) => this.present(r)), nextCursor: page.nextCursor };
    });
  }

  detail(caller: Caller, id: string): Promise<RecallRecordDetailResponse> {
    return this.tx.run(async (db) => {
      const row = await this.listRow(db, caller, id);
      const recipients = await this.recalls.recipients(db, caller.clinicId, row);
      await this.audit.recordReads(
        db,
        caller,
        'inventory.recall-record-list',
        'Patient',
        recipients.map((r) => r.patientId),
      );
      return {
        ...this.present(row),
        recipients: recipients.map((r) => ({
          patientId: r.patientId,
          mrn: r.mrn,
          firstName: r.firstName,
          lastName: r.lastName,
          serialNumbers: r.serialNumbers,
          quantity: r.quantity,
          firstUsedAt: r.firstUsedAt.toISOString(),
          contact:
            r.contactedAt && r.contactedById && r.method
              ? {
                  contactedAt: r.contactedAt.toISOString(),
                  contactedById: r.contactedById,
                  method: r.method,
                  note: r.note,
                }
              : null,
        })),
      };
    });
  }

  /** Marks a recipient of the lot contacted, once; the recall is locked so contacts queue. */
  contact(caller: Caller, id: string, body: RecallContactBody) {
    return this.tx.run(async (db) => {
      const recall = await this.recalls.lockById(db, caller.clinicId, id);
      if (!recall) throw new NotFound('InventoryRecall', id);
      if (recall.status !== 'OPEN') throw new InvalidStateTransition(recall.status, 'contact');
      if (!(await this.recalls.isRecipient(db, caller.clinicId, recall.batchId, body.patientId)))
        throw ValidationFailed.field('patientId', 'Not a recipient of the recalled lot');
      const known = await this.recalls.findContact(db, caller.clinicId, recall.id, body.patientId);
      if (known)
        throw new Duplicate(
          `The patient was marked contacted at ${known.contactedAt.toISOString()}`,
          'patientId',
        );
      const contact = await this.recalls.insertContact(db, {
        clinicId: caller.clinicId,
        id: newId(),
        recallId: recall.id,
        patientId: body.patientId,
        method: body.method,
        note: body.note ?? null,
        contactedAt: this.clock.now(),
        contactedById: caller.userId,
      });
      await this.audit.record(db, caller, {
        action: 'inventory-recall.contact',
        entityType: 'InventoryRecall',
        entityId: recall.id,
        changedFields: body.note ? ['contact', 'note'] : ['contact'],
        metadata: { patientId: body.patientId, method: body.method },
      });
      return {
        recallId: recall.id,
        patientId: contact.patientId,
        contactedAt: contact.contactedAt.toISOString(),
        contactedById: contact.contactedById,
        method: contact.method,
        note: contact.note,
      };
    });
  }

  close(
    caller: Caller,
    id: string,
    body: CloseRecallBody,
    ifMatch: number | undefined,
  ): Promise<RecallRecordResponse> {
    return this.tx.run(async (db) => {
      const recall = lockedAtVersion(
        await this.recalls.lockById(db, caller.clinicId, id),
        ifMatch,
        'InventoryRecall',
        id,
      );
      if (recall.status !== 'OPEN') throw new InvalidStateTransition(recall.status, 'close');
      await this.recalls.close(db, caller.clinicId, recall.id, {
        closedAt: this.clock.now(),
        closedById: caller.userId,
        closeNote: body.note ?? null,
      });
      await this.audit.record(db, caller, {
        action: 'inventory-recall.close',
        entityType: 'InventoryRecall',
        entityId: recall.id,
        changedFields: body.note
          ? ['status', 'closedAt', 'closedById', 'closeNote']
          : ['status', 'closedAt', 'closedById'],
      });
      return this.present(await this.listRow(db, caller, recall.id));
    });
  }

  private async listRow(
    db: Parameters<InventoryRecallRepository['findListRow']>[0],
    caller: Caller,
    id: string,
  ): Promise<RecallListRow> {
    const row = await this.recalls.findListRow(db, caller.clinicId, id);
    if (!row) throw new NotFound('InventoryRecall', id);
    return row;
  }

  private present(r: RecallListRow): RecallRecordResponse {
    return {
      id: r.id,
      batchId: r.batchId,
      batchNumber: r.batchNumber,
      expiresAt: r.expiresAt,
      itemId: r.itemId,
      itemCode: r.itemCode,
      itemName: r.itemName,
      reason: r.reason,
      status: r.status,
      openedAt: r.openedAt.toISOString(),
      openedById: r.openedById,
      closedAt: r.closedAt?.toISOString() ?? null,
      closedById: r.closedById,
      closeNote: r.closeNote,
      patients: r.patients,
      contacted: r.contacted,
      version: r.version,
    };
  }
}
