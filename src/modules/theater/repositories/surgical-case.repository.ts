import { Injectable } from '@nestjs/common';
import { and, eq, gt, inArray, lt, ne, or, sql, type SQL } from 'drizzle-orm';
import type { ClinicId } from '../../../common/auth/caller';
import type { Db } from '../../../common/database/database';
import { preparedRowById } from '../../../common/database/prepared-query';
import { byTenantKey, returnedRow } from '../../../common/database/tenant-key';
import { Keyset, type Page } from '../../../common/http/pagination';
import { clinics } from '../../clinic/repositories/clinic.schema';
import { inventoryItems } from '../../inventory/repositories/inventory-item.schema';
import {
  inventoryAllocations,
  inventoryBatches,
  inventoryUnits,
  inventoryUsages,
} from '../../inventory/repositories/inventory-stock.schema';
import { patients } from '../../patient/repositories/patient.schema';
import { procedurePlans } from '../../procedure-plan/repositories/procedure-plan.schema';
import type { ListSurgicalCasesQuery } from '../dto/surgical-case.dto';
import { operatingRooms, surgicalCases } from './theater.schema';

export type CaseRow = typeof surgicalCases.$inferSelect;

/** One usage of a case as its answer shows it (CaseUsageResponse). */
export interface CaseUsageJson {
  id: string;
  inventoryItemId: string;
  inventoryItemCode: string;
  batchId: string;
  serialNumber: string | null;
  quantity: number;
  usedAt: string;
}

export interface CasePresentationRow {
  roomName: string | null;
  patientName: string | null;
  billId: string | null;
  usages: CaseUsageJson[];
}

export interface PickLineRow {
  planId: string;
  itemId: string;
  itemCode: string;
  itemName: string;
  size: string | null;
  shape: string | null;
  batchNumber: string;
  /** `YYYY-MM-DD`, or null for stock that does not expire. */
  expiresAt: string | null;
  serialNumber: string | null;
  quantity: number;
}
/** An implant a case used, as its patient's device card shows it (docs/theater.md "Implant card"). */
export interface ImplantUsedRow {
  manufacturer: string | null;
  itemName: string;
  size: string | null;
  shape: string | null;
  gtin: string | null;
  batchNumber: string;
  expiresAt: string | null;
  serialNumber: string | null;
  quantity: number;
}

/** What a device card says of the clinic. */
export interface CardClinicRow {
  name: string;
  phone: string | null;
  timeZone: string;
}

export type NewCase = Omit<
  typeof surgicalCases.$inferInsert,
  'version' | 'createdAt' | 'updatedAt'
>;
export type CaseChanges = Partial<
  Pick<
    CaseRow,
    | 'operatingRoomId'
    | 'scheduledStart'
    | 'scheduledEnd'
    | 'status'
    | 'startedAt'
    | 'startedById'
    | 'startReason'
    | 'completedAt'
    | 'completedById'
    | 'completionNotes'
    | 'cancelledAt'
    | 'cancelReason'
  >
>;

// The theater schedule reads in time order.
const bySchedule = new Keyset([surgicalCases.scheduledStart, surgicalCases.id]);

// By-id reads: built once (prepared-query.ts).
const surgicalCasesById = preparedRowById('surgical_cases_by_id', surgicalCases);
const surgicalCasesLockedById = preparedRowById(
  'surgical_cases_locked_by_id',
  surgicalCases,
  'update',
);

@Injectable()
export class SurgicalCaseRepository {
  async insert(db: Db, theCase: NewCase): Promise<CaseRow> {
    return returnedRow(
      await db.insert(surgicalCases).values(theCase).returning(),
      'INSERT … RETURNING gives the row',
    );
  }

  async findById(db: Db, clinicId: ClinicId, id: string): Promise<CaseRow | undefined> {
    return surgicalCasesById(db, clinicId, id);
  }

  /** SELECT … FOR UPDATE. Callers lock the plan first, then its case: one order everywhere. */
  async lockById(db: Db, clinicId: ClinicId, id: string): Promise<CaseRow | undefined> {
    return surgicalCasesLockedById(db, clinicId, id);
  }

  /**
   * The case's plan, SELECT … FOR UPDATE, found through the case in the same statement (a case
   * never changes plans): the plan's lock, which comes before the case's, in one round trip.
   */
  async lockPlanOfCase(
    db: Db,
    clinicId: ClinicId,
    caseId: string,
  ): Promise<typeof procedurePlans.$inferSelect | undefined> {
    const [row] = await db
      .select()
      .from(procedurePlans)
      .where(
        and(
          eq(procedurePlans.clinicId, clinicId),
          eq(
            procedurePlans.id,
            db
              .select({ id: surgicalCases.procedurePlanId })
              .from(surgicalCases)
              .where(and(eq(surgicalCases.clinicId, clinicId), eq(surgicalCases.id, caseId))),
          ),
        ),
      )
      .for('update');
    return row;
  }

  async lockLiveOfPlan(db: Db, clinicId: ClinicId, planId: string): Promise<CaseRow | undefined> {
    const [row] = await db
      .select()
      .from(surgicalCases)
      .where(
        and(
          eq(surgicalCases.clinicId, clinicId),
          eq(surgicalCases.procedurePlanId, planId),
          ne(surgicalCases.status, 'CANCELLED'),
        ),
      )
      .for('update');
    return row;
  }

  async update(db: Db, clinicId: ClinicId, id: string, changes: CaseChanges): Promise<CaseRow> {
    return returnedRow(
      await db
        .update(surgicalCases)
        .set({ ...changes, version: sql`${surgicalCases.version} + 1`, updatedAt: sql`now()` })
        .where(byTenantKey(surgicalCases, clinicId, id))
        .returning(),
      'the row was locked by the caller',
    );
  }

  /**
   * A new version for a change the case's row does not hold (a usage record): the case's
   * response lists its usages, so its ETag must change with them.
   */
  async touch(db: Db, clinicId: ClinicId, id: string): Promise<void> {
    await this.update(db, clinicId, id, {});
  }

  async list(db: Db, clinicId: ClinicId, q: ListSurgicalCasesQuery): Promise<Page<CaseRow>> {
    const conditions: (SQL | undefined)[] = [
      eq(surgicalCases.clinicId, clinicId),
      // Cases overlapping [from, to): a day's schedule includes a case running past midnight.
      q.from ? gt(surgicalCases.scheduledEnd, new Date(q.from)) : undefined,
      q.to ? lt(surgicalCases.scheduledStart, new Date(q.to)) : undefined,
      q.operatingRoomId ? eq(surgicalCases.operatingRoomId, q.operatingRoomId) : undefined,
      q.surgeonId ? eq(surgicalCases.surgeonId, q.surgeonId) : undefined,
      q.patientId ? eq(surgicalCases.patientId, q.patientId) : undefined,
      q.procedurePlanId ? eq(surgicalCases.procedurePlanId, q.procedurePlanId) : undefined,
      q.status ? eq(surgicalCases.status, q.status) : undefined,
      bySchedule.after(q),
    ];
    const rows = await db
      .select()
      .from(surgicalCases)
      .where(and(...conditions))
      .orderBy(...bySchedule.orderBy())
      .limit(bySchedule.fetchSize(q));
    return bySchedule.toPage(
      rows,
      q,
      (r) => [r.scheduledStart.toISOString(), r.id],
      (r) => r,
    );
  }

  async roomNames(db: Db, clinicId: ClinicId, roomIds: readonly string[]) {
    if (roomIds.length === 0) return new Map<string, string>();
    const rows = await db
      .select({ id: operatingRooms.id, name: operatingRooms.name })
      .from(operatingRooms)
      .where(and(eq(operatingRooms.clinicId, clinicId), inArray(operatingRooms.id, [...roomIds])));
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  /** Patients' display names, "First Last", by id (every role reading cases may read patients). */
  async patientNames(db: Db, clinicId: ClinicId, patientIds: readonly string[]) {
    if (patientIds.length === 0) return new Map<string, string>();
    const rows = await db
      .select({ id: patients.id, firstName: patients.firstName, lastName: patients.lastName })
      .from(patients)
      .where(and(eq(patients.clinicId, clinicId), inArray(patients.id, [...patientIds])));
    return new Map(rows.map((r) => [r.id, `${r.firstName} ${r.lastName}`]));
  }

  /**
   * What is reserved for the plans (active allocations), as the nurse picks it: item, size,
   * shape, lot, serial number, expiry and quantity, by item name then lot then serial.
   */
  async pickLines(db: Db, clinicId: ClinicId, planIds: readonly string[]): Promise<PickLineRow[]> {
    if (planIds.length === 0) return [];
    return db
      .select({
        planId: inventoryAllocations.procedurePlanId,
        itemId: inventoryItems.id,
        itemCode: inventoryItems.code,
        itemName: inventoryItems.name,
        size: inventoryItems.size,
        shape: inventoryItems.shape,
        batchNumber: inventoryBatches.batchNumber,
        expiresAt: inventoryBatches.expiresAt,
        serialNumber: inventoryUnits.serialNumber,
        quantity: inventoryAllocations.quantity,
      })
      .from(inventoryAllocations)
      .innerJoin(
        inventoryItems,
        and(
          eq(inventoryItems.clinicId, inventoryAllocations.clinicId),
          eq(inventoryItems.id, inventoryAllocations.itemId),
        ),
      )
      .innerJoin(
        inventoryBatches,
        and(
          eq(inventoryBatches.clinicId, inventoryAllocations.clinicId),
          eq(inventoryBatches.id, inventoryAllocations.batchId),
        ),
      )
      .leftJoin(
        inventoryUnits,
        and(
          eq(inventoryUnits.clinicId, inventoryAllocations.clinicId),
          eq(inventoryUnits.id, inventoryAllocations.unitId),
        ),
      )
      .where(
        and(
          eq(inventoryAllocations.clinicId, clinicId),
          inArray(inventoryAllocations.procedurePlanId, [...planIds]),
          eq(inventoryAllocations.status, 'ACTIVE'),
        ),
      )
      .orderBy(inventoryItems.name, inventoryBatches.batchNumber, inventoryUnits.serialNumber);
  }

  /** The plan's COMPLETED case, if any (a plan has at most one live case). */
  async completedOfPlan(db: Db, clinicId: ClinicId, planId: string): Promise<CaseRow | undefined> {
    const [row] = await db
      .select()
      .from(surgicalCases)
      .where(
        and(
          eq(surgicalCases.clinicId, clinicId),
          eq(surgicalCases.procedurePlanId, planId),
          eq(surgicalCases.status, 'COMPLETED'),
        ),
      );
    return row;
  }

  /**
   * The implants a case used: its usages of a serial-numbered unit or of an IMPLANT item, with the
   * item's manufacturer, name, size, shape and GTIN and the batch's lot and expiry, in the order
   * they were used.
   */
  async implantsUsed(db: Db, clinicId: ClinicId, caseId: string): Promise<ImplantUsedRow[]> {
    return db
      .select({
        manufacturer: inventoryItems.manufacturer,
        itemName: inventoryItems.name,
        size: inventoryItems.size,
        shape: inventoryItems.shape,
        gtin: inventoryItems.gtin,
        batchNumber: inventoryBatches.batchNumber,
        expiresAt: inventoryBatches.expiresAt,
        serialNumber: inventoryUsages.serialNumber,
        quantity: inventoryUsages.quantity,
      })
      .from(inventoryUsages)
      .innerJoin(
        inventoryItems,
        and(
          eq(inventoryItems.clinicId, inventoryUsages.clinicId),
          eq(inventoryItems.id, inventoryUsages.itemId),
        ),
      )
      .innerJoin(
        inventoryBatches,
        and(
          eq(inventoryBatches.clinicId, inventoryUsages.clinicId),
          eq(inventoryBatches.id, inventoryUsages.batchId),
        ),
      )
      .where(
        and(
          eq(inventoryUsages.clinicId, clinicId),
          eq(inventoryUsages.surgicalCaseId, caseId),
          or(
            sql`${inventoryUsages.serialNumber} IS NOT NULL`,
            eq(inventoryItems.category, 'IMPLANT'),
          ),
        ),
      )
      .orderBy(inventoryUsages.usedAt, inventoryUsages.id);
  }

  /** The clinic's name, phone and time zone, as a device card prints them. */
  async cardClinic(db: Db, clinicId: ClinicId): Promise<CardClinicRow | undefined> {
    const [row] = await db
      .select({ name: clinics.name, phone: clinics.phone, timeZone: clinics.timeZone })
      .from(clinics)
      .where(eq(clinics.id, clinicId));
    return row;
  }

  /**
   * What a case's answer adds to its row, for some cases in one round trip: the room's and the
   * patient's names, the bill (bills_one_per_case) and what the case consumed, oldest first.
   */
  async presentationOf(
    db: Db,
    clinicId: ClinicId,
    caseIds: readonly string[],
  ): Promise<Map<string, CasePresentationRow>> {
    if (caseIds.length === 0) return new Map();
    const rows = await db
      .select({
        id: surgicalCases.id,
        // Written out with aliases: drizzle leaves columns in sql`` unqualified, and "id" is in
        // every table here.
        roomName: sql<string | null>`(SELECT r.name FROM operating_rooms r
          WHERE r.clinic_id = surgical_cases.clinic_id AND r.id = surgical_cases.operating_room_id)`,
        patientName: sql<string | null>`(SELECT p.first_name || ' ' || p.last_name FROM patients p
          WHERE p.clinic_id = surgical_cases.clinic_id AND p.id = surgical_cases.patient_id)`,
        billId: sql<string | null>`(SELECT b.id FROM bills b
          WHERE b.clinic_id = surgical_cases.clinic_id AND b.surgical_case_id = surgical_cases.id)`,
        usages: sql<CaseUsageJson[]>`coalesce((SELECT json_agg(json_build_object(
            'id', u.id,
            'inventoryItemId', u.item_id,
            'inventoryItemCode', i.code,
            'batchId', u.batch_id,
            'serialNumber', u.serial_number,
            'quantity', u.quantity,
            'usedAt', to_char(u.used_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
          ) ORDER BY u.used_at, u.id)
          FROM inventory_usages u JOIN inventory_items i ON i.clinic_id = u.clinic_id AND i.id = u.item_id
          WHERE u.clinic_id = surgical_cases.clinic_id AND u.surgical_case_id = surgical_cases.id),
          '[]'::json)`,
      })
      .from(surgicalCases)
      .where(and(eq(surgicalCases.clinicId, clinicId), inArray(surgicalCases.id, [...caseIds])));
    return new Map(rows.map((r) => [r.id, r]));
  }
}
