import { Injectable } from '@nestjs/common';
import { AuditWriter } from '../../../common/audit/audit-writer';
import { TransactionRunner } from '../../../common/database/transaction-runner';
import type { Caller } from '../../../common/auth/caller';
import type { Db } from '../../../common/database/database';
import { Money } from '../../../common/money';
import type { ImplantsReportResponse } from '../dto/implants-report.dto';
import { ImplantsRepository } from '../repositories/implants.repository';
import { type ReportDefinition, reportHeader, type ReportScope } from './report-definition';

type Recall = ImplantsReportResponse['recalls'][number];

/**
 * Implants (docs/reports.md "Implants"): units used by item and lot in the range (the surgeon's
 * cases with a surgeon), stock and its value now, lots expiring within 90 days of today, and the
 * open recalls with the patients still to contact — each of them an audited read.
 */
@Injectable()
export class ImplantsReport implements ReportDefinition<ImplantsReportResponse> {
  readonly name = 'implants';
  readonly sections = {
    rows: {
      columns: [
        { key: 'itemCode', header: 'itemCode', text: true },
        { key: 'itemName', header: 'itemName', text: true },
        { key: 'lotNumber', header: 'lotNumber', text: true },
        { key: 'unitsUsed', header: 'unitsUsed' },
      ],
      rows: (r: ImplantsReportResponse) => r.rows,
    },
    stock: {
      columns: [
        { key: 'itemCode', header: 'itemCode', text: true },
        { key: 'itemName', header: 'itemName', text: true },
        { key: 'onHand', header: 'onHand' },
        { key: 'reserved', header: 'reserved' },
        { key: 'unitPrice', header: 'unitPrice' },
        { key: 'value', header: 'value' },
      ],
      rows: (r: ImplantsReportResponse) => r.stock,
    },
    expiring: {
      columns: [
        { key: 'itemCode', header: 'itemCode', text: true },
        { key: 'itemName', header: 'itemName', text: true },
        { key: 'lotNumber', header: 'lotNumber', text: true },
        { key: 'expiresOn', header: 'expiresOn' },
        { key: 'onHand', header: 'onHand' },
        { key: 'window', header: 'window' },
      ],
      rows: (r: ImplantsReportResponse) => r.expiring,
    },
    'recall-patients': {
      columns: [
        { key: 'recallId', header: 'recallId' },
        { key: 'lotNumber', header: 'lotNumber', text: true },
        { key: 'itemName', header: 'itemName', text: true },
        { key: 'patientId', header: 'patientId' },
        { key: 'name', header: 'name', text: true },
        { key: 'mrn', header: 'mrn', text: true },
        { key: 'serialNumbers', header: 'serialNumbers', text: true },
      ],
      rows: (r: ImplantsReportResponse) =>
        r.recalls.flatMap((recall) =>
          recall.toContact.map((p) => ({
            recallId: recall.recallId,
            lotNumber: recall.lotNumber,
            itemName: recall.itemName,
            ...p,
          })),
        ),
    },
  };

  constructor(
    private readonly implants: ImplantsRepository,
    private readonly audit: AuditWriter,
    private readonly tx: TransactionRunner,
  ) {}

  async run(db: Db, scope: ReportScope, caller: Caller): Promise<ImplantsReportResponse> {
    const usage = await this.implants.usage(db, scope);
    const stock = await this.implants.stock(db, scope);
    const expiring = await this.implants.expiring(db, scope);
    const recallRows = await this.implants.openRecalls(db, scope);

    const recalls = new Map<string, Recall>();
    for (const row of recallRows) {
      let recall = recalls.get(row.recall_id);
      if (!recall) {
        recall = {
          recallId: row.recall_id,
          batchId: row.batch_id,
          lotNumber: row.lot_number,
          itemName: row.item_name,
          openedOn: row.opened_on,
          reason: row.reason,
          patients: 0,
          contacted: 0,
          toContact: [],
        };
        recalls.set(row.recall_id, recall);
      }
      if (row.patient_id === null) continue;
      recall.patients += 1;
      if (row.contacted) recall.contacted += 1;
      else
        recall.toContact.push({
          patientId: row.patient_id,
          name: `${row.first_name ?? ''} ${row.last_name ?? ''}`.trim(),
          mrn: row.mrn ?? '',
          serialNumbers: row.serial_numbers ?? [],
        });
    }
    const named = [...recalls.values()].flatMap((r) => r.toContact.map((p) => p.patientId));
    // On the primary: the snapshot may be a read replica's (TransactionRunner.runReadOnly).
    await this.tx.run((primary) =>
      this.audit.recordReads(primary, caller, 'report.implants-recall-list', 'Patient', [
        ...new Set(named),
      ]),
    );

    const sumOf = (window: string) =>
      expiring.filter((e) => e.window === window).reduce((n, e) => n + e.on_hand, 0);
    const stockValue = stock.reduce(
      (total, s) => total.plus(Money.fromDecimal(s.value)),
      Money.ZERO,
    );
    return {
      ...reportHeader(scope),
      summary: {
        unitsUsed: usage.reduce((n, u) => n + u.units, 0),
        onHand: stock.reduce((n, s) => n + s.on_hand, 0),
        stockValue: stockValue.toDecimal(),
        expiring30: sumOf('DAYS_30'),
        expiring60: sumOf('DAYS_60'),
        expiring90: sumOf('DAYS_90'),
        expired: sumOf('EXPIRED'),
        openRecalls: recalls.size,
        patientsToContact: named.length,
      },
      rows: usage.map((u) => ({
        inventoryItemId: u.item_id,
        itemCode: u.item_code,
        itemName: u.item_name,
        batchId: u.batch_id,
        lotNumber: u.lot_number,
        unitsUsed: u.units,
      })),
      stock: stock.map((s) => ({
        inventoryItemId: s.item_id,
        itemCode: s.item_code,
        itemName: s.item_name,
        onHand: s.on_hand,
        reserved: s.reserved,
        unitPrice: Money.fromDecimal(s.unit_price).toDecimal(),
        value: Money.fromDecimal(s.value).toDecimal(),
      })),
      expiring: expiring.map((e) => ({
        inventoryItemId: e.item_id,
        itemCode: e.item_code,
        itemName: e.item_name,
        batchId: e.batch_id,
        lotNumber: e.lot_number,
        expiresOn: e.expires_on,
        onHand: e.on_hand,
        window: e.window,
      })),
      recalls: [...recalls.values()],
    };
  }
}
