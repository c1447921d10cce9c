import { Injectable } from '@nestjs/common';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { ClinicId } from '../../../common/auth/caller';
import type { Db } from '../../../common/database/database';
import { byTenantKey, returnedRow, tenantJoin } from '../../../common/database/tenant-key';
import { Keyset, type Page, type PageRequest } from '../../../common/http/pagination';
import { patients } from '../../patient/repositories/patient.schema';
import { inventoryItems } from './inventory-item.schema';
import {
  inventoryRecallContacts,
  inventoryRecalls,
  type RecallStatus,
} from './inventory-recall.schema';
import { inventoryBatches, inventoryUsages } from './inventory-stock.schema';

export type RecallRow = typeof inventoryRecalls.$inferSelect;
export type NewRecall = Omit<typeof inventoryRecalls.$inferInsert, 'createdAt' | 'updatedAt'>;
export type RecallContactRow = typeof inventoryRecallContacts.$inferSelect;
export type NewRecallContact = Omit<
  typeof inventoryRecallContacts.$inferInsert,
  'createdAt' | 'updatedAt'
>;

/** A recall with its lot's names and its counts (distinct recipients, those contacted). */
export type RecallListRow = RecallRow & {
  batchNumber: string;
  expiresAt: string | null;
  itemId: string;
  itemCode: string;
  itemName: string;
  patients: number;
  contacted: number;
};

/** One recipient of a recalled lot: the units received, and the contact if one is recorded. */
export interface RecallRecipientRow {
  patientId: string;
  mrn: string;
  firstName: string;
  lastName: string;
  serialNumbers: string[];
  quantity: number;
  firstUsedAt: Date;
  contactedAt: Date | null;
  contactedById: string | null;
  method: RecallContactRow['method'] | null;
  note: string | null;
}

// Ids are UUID v7: id order is opening order, newest first.
const newestFirst = new Keyset([inventoryRecalls.id], 'desc');

const recallPatients = sql<number>`(
  SELECT count(DISTINCT u.patient_id)::int FROM ${inventoryUsages} u
  WHERE u.clinic_id = ${inventoryRecalls.clinicId} AND u.batch_id = ${inventoryRecalls.batchId}
)`;
const recallContacted = sql<number>`(
  SELECT count(*)::int FROM ${inventoryRecallContacts} c
  WHERE c.clinic_id = ${inventoryRecalls.clinicId} AND c.recall_id = ${inventoryRecalls.id}
)`;

/** Recall records (docs/inventory.md "Recall records"). */
@Injectable()
export class InventoryRecallRepository {
  async insertRecall(db: Db, recall: NewRecall): Promise<RecallRow> {
    return returnedRow(
      await db.insert(inventoryRecalls).values(recall).returning(),
      'INSERT … RETURNING gives the row',
    );
  }

  async openRecallOfBatch(
    db: Db,
    clinicId: ClinicId,
    batchId: string,
  ): Promise<RecallRow | undefined> {
    const [row] = await db
      .select()
      .from(inventoryRecalls)
      .where(
        and(
          eq(inventoryRecalls.clinicId, clinicId),
          eq(inventoryRecalls.batchId, batchId),
          eq(inventoryRecalls.status, 'OPEN'),
        ),
      );
    return row;
  }

  /** The recall, locked: contacts and closing of one recall queue instead of racing. */
  async lockById(db: Db, clinicId: ClinicId, id: string): Promise<RecallRow | undefined> {
    const [row] = await db
      .select()
      .from(inventoryRecalls)
      .where(byTenantKey(inventoryRecalls, clinicId, id))
      .for('update');
    return row;
  }

  async close(
    db: Db,
    clinicId: ClinicId,
    id: string,
    changes: { closedAt: Date; closedById: string; closeNote: string | null },
  ): Promise<RecallRow> {
    return returnedRow(
      await db
        .update(inventoryRecalls)
        .set({
          ...changes,
          status: 'CLOSED',
          version: sql`${inventoryRecalls.version} + 1`,
          updatedAt: sql`now()`,
        })
        .where(byTenantKey(inventoryRecalls, clinicId, id))
        .returning(),
      'the locked recall is there',
    );
  }

  private listQuery(db: Db) {
    return db
      .select({
        recall: inventoryRecalls,
        batchNumber: inventoryBatches.batchNumber,
        expiresAt: inventoryBatches.expiresAt,
        itemId: inventoryItems.id,
        itemCode: inventoryItems.code,
        itemName: inventoryItems.name,
        patients: recallPatients,
        contacted: recallContacted,
      })
      .from(inventoryRecalls)
      .innerJoin(
        inventoryBatches,
        tenantJoin(inventoryBatches, inventoryRecalls.clinicId, inventoryRecalls.batchId),
      )
      .innerJoin(
        inventoryItems,
        tenantJoin(inventoryItems, inventoryBatches.clinicId, inventoryBatches.itemId),
      );
  }

  async findListRow(db: Db, clinicId: ClinicId, id: string): Promise<RecallListRow | undefined> {
    const [row] = await this.listQuery(db).where(byTenantKey(inventoryRecalls, clinicId, id));
    return row && flatten(row);
  }

  async list(
    db: Db,
    clinicId: ClinicId,
    status: RecallStatus | undefined,
    page: PageRequest,
  ): Promise<Page<RecallListRow>> {
    const rows = await this.listQuery(db)
      .where(
        and(
          eq(inventoryRecalls.clinicId, clinicId),
          status ? eq(inventoryRecalls.status, status) : undefined,
          newestFirst.after(page),
        ),
      )
      .orderBy(...newestFirst.orderBy())
      .limit(newestFirst.fetchSize(page));
    return newestFirst.toPage(
      rows,
      page,
      (r) => [r.recall.id],
      (r) => flatten(r),
    );
  }

  /** Every recipient of the recall's lot, by name, with the contact recorded for this recall. */
  async recipients(db: Db, clinicId: ClinicId, recall: RecallRow): Promise<RecallRecipientRow[]> {
    const rows = await db
      .select({
        patientId: inventoryUsages.patientId,
        mrn: patients.mrn,
        firstName: patients.firstName,
        lastName: patients.lastName,
        serialNumbers: sql<
          string[]
        >`coalesce(array_agg(${inventoryUsages.serialNumber} ORDER BY ${inventoryUsages.serialNumber}) FILTER (WHERE ${inventoryUsages.serialNumber} IS NOT NULL), '{}')`,
        quantity: sql<number>`sum(${inventoryUsages.quantity})::int`,
        firstUsedAt: sql<Date>`min(${inventoryUsages.usedAt})`.mapWith(inventoryUsages.usedAt),
        contactedAt: inventoryRecallContacts.contactedAt,
        contactedById: inventoryRecallContacts.contactedById,
        method: inventoryRecallContacts.method,
        note: inventoryRecallContacts.note,
      })
      .from(inventoryUsages)
      .innerJoin(
        patients,
        tenantJoin(patients, inventoryUsages.clinicId, inventoryUsages.patientId),
      )
      .leftJoin(
        inventoryRecallContacts,
        and(
          eq(inventoryRecallContacts.clinicId, inventoryUsages.clinicId),
          eq(inventoryRecallContacts.recallId, recall.id),
          eq(inventoryRecallContacts.patientId, inventoryUsages.patientId),
        ),
      )
      .where(
        and(eq(inventoryUsages.clinicId, clinicId), eq(inventoryUsages.batchId, recall.batchId)),
      )
      .groupBy(
        inventoryUsages.patientId,
        patients.mrn,
        patients.firstName,
        patients.lastName,
        inventoryRecallContacts.contactedAt,
        inventoryRecallContacts.contactedById,
        inventoryRecallContacts.method,
        inventoryRecallContacts.note,
      )
      .orderBy(asc(patients.lastName), asc(patients.firstName), asc(inventoryUsages.patientId));
    return rows;
  }

  async isRecipient(
    db: Db,
    clinicId: ClinicId,
    batchId: string,
    patientId: string,
  ): Promise<boolean> {
    const [row] = await db
      .select({ id: inventoryUsages.id })
      .from(inventoryUsages)
      .where(
        and(
          eq(inventoryUsages.clinicId, clinicId),
          eq(inventoryUsages.batchId, batchId),
          eq(inventoryUsages.patientId, patientId),
        ),
      )
      .limit(1);
    return row !== undefined;
  }

  async findContact(
    db: Db,
    clinicId: ClinicId,
    recallId: string,
    patientId: string,
  ): Promise<RecallContactRow | undefined> {
    const [row] = await db
      .select()
      .from(inventoryRecallContacts)
      .where(
        and(
          eq(inventoryRecallContacts.clinicId, clinicId),
          eq(inventoryRecallContacts.recallId, recallId),
          eq(inventoryRecallContacts.patientId, patientId),
        ),
      );
    return row;
  }

  async insertContact(db: Db, contact: NewRecallContact): Promise<RecallContactRow> {
    return returnedRow(
      await db.insert(inventoryRecallContacts).values(contact).returning(),
      'INSERT … RETURNING gives the row',
    );
  }
}

function flatten(row: {
  recall: RecallRow;
  batchNumber: string;
  expiresAt: string | null;
  itemId: string;
  itemCode: string;
  itemName: string;
  patients: number;
  contacted: number;
}): RecallListRow {
  const { recall, ...rest } = row;
  return { ...recall, ...rest };
}
