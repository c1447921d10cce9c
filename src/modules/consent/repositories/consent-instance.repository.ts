import { Injectable } from '@nestjs/common';
import { and, eq, ne, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { ClinicId } from '../../../common/auth/caller';
import type { Db } from '../../../common/database/database';
import { anyOf, preparedQuery } from '../../../common/database/prepared-query';
import { byTenantKey, returnedRow } from '../../../common/database/tenant-key';
import { Keyset, type Page, type PageRequest } from '../../../common/http/pagination';
import { patientConsentInstances as instances } from './consent.schema';

type InstanceColumns = typeof instances.$inferSelect;

/**
 * An instance as the service sees it: everything but the signature itself, which is written once
 * when signing and read back only to print it on the signed consent's PDF (`signatureDataOf`; no
 * JSON answer returns it).
 */
export type ConsentInstanceRow = Omit<InstanceColumns, 'signatureData'>;

export type NewConsentInstance = Omit<
  typeof instances.$inferInsert,
  'version' | 'createdAt' | 'updatedAt'
>;
/** The fields a state change writes; the template snapshot and the plan are never among them. */
export type ConsentInstanceChanges = Partial<
  Pick<
    InstanceColumns,
    | 'status'
    | 'signedAt'
    | 'signerName'
    | 'relationship'
    | 'signatureMethod'
    | 'signatureData'
    | 'witnessId'
    | 'recordedById'
    | 'patientLinkId'
    | 'signatureChannel'
    | 'signedIpAddress'
    | 'signedUserAgent'
    | 'revokedAt'
    | 'revokeReason'
    | 'voidedAt'
    | 'voidReason'
  >
>;

export interface ConsentSummaryRow {
  id: string;
  procedurePlanId: string;
  status: InstanceColumns['status'];
  templateCode: string;
}

// Every column but signature_data.
const viewColumns = {
  clinicId: instances.clinicId,
  id: instances.id,
  patientId: instances.patientId,
  procedurePlanId: instances.procedurePlanId,
  templateId: instances.templateId,
  templateCode: instances.templateCode,
  templateVersion: instances.templateVersion,
  title: instances.title,
  body: instances.body,
  contentHash: instances.contentHash,
  status: instances.status,
  signedAt: instances.signedAt,
  signerName: instances.signerName,
  relationship: instances.relationship,
  signatureMethod: instances.signatureMethod,
  witnessId: instances.witnessId,
  recordedById: instances.recordedById,
  patientLinkId: instances.patientLinkId,
  signatureChannel: instances.signatureChannel,
  signedIpAddress: instances.signedIpAddress,
  signedUserAgent: instances.signedUserAgent,
  revokedAt: instances.revokedAt,
  revokeReason: instances.revokeReason,
  voidedAt: instances.voidedAt,
  voidReason: instances.voidReason,
  version: instances.version,
  createdAt: instances.createdAt,
  updatedAt: instances.updatedAt,
};

// UUID v7 ids are time-ordered: newest first is descending id.
const newestFirst = new Keyset([instances.id], 'desc');

const notVoided = ne(instances.status, 'VOIDED');

// Every plan route presents the plan's consent: prepared (prepared-query.ts).
const currentForPlans = preparedQuery<
  { clinicId: ClinicId; planIds: string[] },
  ConsentSummaryRow[]
>('consent_current_for_plans', (db) =>
  db
    .select({
      id: instances.id,
      procedurePlanId: instances.procedurePlanId,
      status: instances.status,
      templateCode: instances.templateCode,
    })
    .from(instances)
    .where(
      and(
        eq(instances.clinicId, sql.placeholder('clinicId')),
        anyOf(instances.procedurePlanId, 'planIds'),
        notVoided,
      ),
    ),
);

/**
 * The current consent of the plan `planId` names, as JSON `{ id, status, templateCode }` (or NULL):
 * a subquery for a statement that reads plans with everything they show (the plan presenter),
 * so what "current" means stays written here. At most one row (patient_consent_instances_plan_current_unique).
 */
export function currentConsentOfPlanJson(
  clinicId: AnyColumn,
  planId: AnyColumn,
): SQL<{ id: string; status: 'PENDING' | 'SIGNED' | 'REVOKED'; templateCode: string } | null> {
  return sql`(SELECT json_build_object('id', ${instances.id}, 'status', ${instances.status},
      'templateCode', ${instances.templateCode})
    FROM ${instances}
    WHERE ${instances.clinicId} = ${clinicId} AND ${instances.procedurePlanId} = ${planId}
      AND ${notVoided})`;
}

@Injectable()
export class ConsentInstanceRepository {
  async insert(db: Db, instance: NewConsentInstance): Promise<ConsentInstanceRow> {
    return returnedRow(
      await db.insert(instances).values(instance).returning(viewColumns),
      'INSERT … RETURNING gives the row',
    );
  }

  async findById(db: Db, clinicId: ClinicId, id: string): Promise<ConsentInstanceRow | undefined> {
    const [row] = await db
      .select(viewColumns)
      .from(instances)
      .where(byTenantKey(instances, clinicId, id));
    return row;
  }

  async lockById(db: Db, clinicId: ClinicId, id: string): Promise<ConsentInstanceRow | undefined> {
    const [row] = await db
      .select(viewColumns)
      .from(instances)
      .where(byTenantKey(instances, clinicId, id))
      .for('update');
    return row;
  }

  /** The plan's current (not VOIDED) instance, unlocked: what the patient reads. */
  async findCurrentForPlan(
    db: Db,
    clinicId: ClinicId,
    planId: string,
  ): Promise<ConsentInstanceRow | undefined> {
    const [row] = await db
      .select(viewColumns)
      .from(instances)
      .where(
        and(eq(instances.clinicId, clinicId), eq(instances.procedurePlanId, planId), notVoided),
      );
    return row;
  }

  /**
   * The stored signature itself (the typed name or the drawn image's data URL): read only to
   * print it on the signed consent's PDF.
   */
  async signatureDataOf(db: Db, clinicId: ClinicId, id: string): Promise<string | null> {
    const [row] = await db
      .select({ signatureData: instances.signatureData })
      .from(instances)
      .where(byTenantKey(instances, clinicId, id));
    return row?.signatureData ?? null;
  }

  /** The plan's current (not VOIDED) instance, locked against a concurrent sign or revoke. */
  async lockCurrentForPlan(
    db: Db,
    clinicId: ClinicId,
    planId: string,
  ): Promise<ConsentInstanceRow | undefined> {
    const [row] = await db
      .select(viewColumns)
      .from(instances)
      .where(
        and(eq(instances.clinicId, clinicId), eq(instances.procedurePlanId, planId), notVoided),
      )
      .for('update');
    return row;
  }

  async update(
    db: Db,
    clinicId: ClinicId,
    id: string,
    changes: ConsentInstanceChanges,
  ): Promise<ConsentInstanceRow> {
    return returnedRow(
      await db
        .update(instances)
        .set({ ...changes, version: sql`${instances.version} + 1`, updatedAt: sql`now()` })
        .where(byTenantKey(instances, clinicId, id))
        .returning(viewColumns),
      'the row was locked by the caller',
    );
  }

  /** The current instance of each of `planIds` that has one, in one query. */
  async currentForPlans(
    db: Db,
    clinicId: ClinicId,
    planIds: readonly string[],
  ): Promise<ConsentSummaryRow[]> {
    if (planIds.length === 0) return [];
    return currentForPlans(db, { clinicId, planIds: [...planIds] });
  }

  async list(
    db: Db,
    clinicId: ClinicId,
    filter: { procedurePlanId?: string | undefined; patientId?: string | undefined },
    page: PageRequest,
  ): Promise<Page<ConsentInstanceRow>> {
    const conditions: (SQL | undefined)[] = [
      eq(instances.clinicId, clinicId),
      filter.procedurePlanId ? eq(instances.procedurePlanId, filter.procedurePlanId) : undefined,
      filter.patientId ? eq(instances.patientId, filter.patientId) : undefined,
      newestFirst.after(page),
    ];
    const rows = await db
      .select(viewColumns)
      .from(instances)
      .where(and(...conditions))
      .orderBy(...newestFirst.orderBy())
      .limit(newestFirst.fetchSize(page));
    return newestFirst.toPage(
      rows,
      page,
      (r) => [r.id],
      (r) => r,
    );
  }
}
