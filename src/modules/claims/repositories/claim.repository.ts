import { Injectable } from '@nestjs/common';
import { and, asc, eq, inArray, ne, sql, type SQL } from 'drizzle-orm';
import type { ClinicId } from '../../../common/auth/caller';
import { ChildRows } from '../../../common/database/child-rows';
import type { Db } from '../../../common/database/database';
import { newestFirst } from '../../../common/database/newest-first';
import { preparedRowById } from '../../../common/database/prepared-query';
import { byTenantKey, returnedRow, tenantJoin } from '../../../common/database/tenant-key';
import { Keyset, type Page, type PageRequest } from '../../../common/http/pagination';
import { patients } from '../../patient/repositories/patient.schema';
import { payers } from '../../payer/repositories/payer.schema';
import {
  claimEvents,
  claimLines,
  claims,
  claimSubmissions,
  OPEN_CLAIM_STATUSES,
  remittanceClaims,
  remittances,
  type ClaimStatus,
} from './claims.schema';

export type ClaimRow = typeof claims.$inferSelect;
export type NewClaim = Omit<
  typeof claims.$inferInsert,
  | 'status'
  | 'paidAmount'
  | 'adjustedAmount'
  | 'patientResponsibility'
  | 'version'
  | 'createdAt'
  | 'updatedAt'
>;
export type ClaimLineRow = typeof claimLines.$inferSelect;
export type NewClaimLine = typeof claimLines.$inferInsert;
export type ClaimEventRow = typeof claimEvents.$inferSelect;
export type NewClaimEvent = typeof claimEvents.$inferInsert;
export type SubmissionRow = typeof claimSubmissions.$inferSelect;
export type NewSubmission = Omit<typeof claimSubmissions.$inferInsert, 'createdAt' | 'updatedAt'>;

/** What a change of status writes with it. Written only by `ClaimLifecycle`. */
export type ClaimChanges = Partial<
  Pick<
    ClaimRow,
    | 'status'
    | 'statusReason'
    | 'submittedAt'
    | 'lastSubmissionId'
    | 'adjudicatedAt'
    | 'payerClaimControlNumber'
    | 'paidAmount'
    | 'adjustedAmount'
    | 'patientResponsibility'
  >
>;

export interface ClaimFilter {
  status?: ClaimStatus | undefined;
  payerId?: string | undefined;
  patientId?: string | undefined;
  billId?: string | undefined;
}

/** A claim with the names a worklist shows. */
export interface ClaimListRow {
  claim: ClaimRow;
  patientFirstName: string;
  patientLastName: string;
  payerName: string;
  payerPayerId: string;
}

/** A claim's posting from one 835 CLP, with the remittance's trace number. */
export interface ClaimRemittanceRow {
  remittanceId: string;
  traceNumber: string;
  segmentIndex: number;
  charge: string;
  paid: string;
  patientResponsibility: string;
  resultStatus: ClaimStatus | null;
}

const claimsById = preparedRowById('claims_by_id', claims);
const claimsLockedById = preparedRowById('claims_locked_by_id', claims, 'update');
const submissionsById = preparedRowById('claim_submissions_by_id', claimSubmissions);
const submissionsNewestFirst = newestFirst(claimSubmissions);
const claimsKeyset = new Keyset([claims.id], 'desc');
const linesOfClaims = new ChildRows(claimLines, claimLines.claimId, [
  asc(claimLines.claimId),
  asc(claimLines.lineNumber),
]);
const eventsOfClaims = new ChildRows(claimEvents, claimEvents.claimId, [
  asc(claimEvents.claimId),
  asc(claimEvents.at),
  asc(claimEvents.id),
]);

@Injectable()
export class ClaimRepository {
  findById(db: Db, clinicId: ClinicId, id: string): Promise<ClaimRow | undefined> {
    return claimsById(db, clinicId, id);
  }

  /** SELECT … FOR UPDATE: changes to one claim queue here. */
  lockById(db: Db, clinicId: ClinicId, id: string): Promise<ClaimRow | undefined> {
    return claimsLockedById(db, clinicId, id);
  }

  /** These claims of the clinic, locked in id order (concurrent submissions never deadlock). */
  async lockMany(db: Db, clinicId: ClinicId, ids: readonly string[]): Promise<ClaimRow[]> {
    if (ids.length === 0) return [];
    return db
      .select()
      .from(claims)
      .where(and(eq(claims.clinicId, clinicId), inArray(claims.id, [...ids])))
      .orderBy(asc(claims.id))
      .for('update');
  }

  async insert(db: Db, claim: NewClaim, lines: readonly NewClaimLine[]): Promise<ClaimRow> {
    const row = returnedRow(
      await db.insert(claims).values(claim).returning(),
      'INSERT … RETURNING gives the row',
    );
    await linesOfClaims.insert(db, lines);
    return row;
  }

  /** The bill's claim in flight (DRAFT, SUBMITTED, ACCEPTED; a void claim, 8, aside), if any. */
  async openClaimOfBill(db: Db, clinicId: ClinicId, billId: string): Promise<ClaimRow | undefined> {
    const [row] = await db
      .select()
      .from(claims)
      .where(
        and(
          eq(claims.clinicId, clinicId),
          eq(claims.billId, billId),
          inArray(claims.status, [...OPEN_CLAIM_STATUSES]),
          ne(claims.frequency, '8'),
        ),
      )
      .limit(1);
    return row;
  }

  /** The lines of these claims, each claim's in line order. */
  linesOf(db: Db, clinicId: ClinicId, claimIds: readonly string[]): Promise<ClaimLineRow[]> {
    return linesOfClaims.of(db, clinicId, claimIds);
  }

  /** A claim's history, oldest first. */
  eventsOf(db: Db, clinicId: ClinicId, claimIds: readonly string[]): Promise<ClaimEventRow[]> {
    return eventsOfClaims.of(db, clinicId, claimIds);
  }

  async list(
    db: Db,
    clinicId: ClinicId,
    filter: ClaimFilter,
    page: PageRequest,
  ): Promise<Page<ClaimListRow>> {
    const filters: (SQL | undefined)[] = [
      filter.status === undefined ? undefined : eq(claims.status, filter.status),
      filter.payerId === undefined ? undefined : eq(claims.payerRef, filter.payerId),
      filter.patientId === undefined ? undefined : eq(claims.patientId, filter.patientId),
      filter.billId === undefined ? undefined : eq(claims.billId, filter.billId),
    ];
    const rows = await db
      .select({
        claim: claims,
        patientFirstName: patients.firstName,
        patientLastName: patients.lastName,
        payerName: payers.name,
        payerPayerId: payers.payerId,
      })
      .from(claims)
      .innerJoin(patients, tenantJoin(patients, claims.clinicId, claims.patientId))
      .innerJoin(payers, tenantJoin(payers, claims.clinicId, claims.payerRef))
      .where(and(eq(claims.clinicId, clinicId), ...filters, claimsKeyset.after(page)))
      .orderBy(...claimsKeyset.orderBy())
      .limit(claimsKeyset.fetchSize(page));
    return claimsKeyset.toPage(
      rows,
      page,
      (row) => [row.claim.id],
      (row) => row,
    );
  }

  /** One claim with its names (as a list row). */
  async findListRow(db: Db, clinicId: ClinicId, id: string): Promise<ClaimListRow | undefined> {
    const [row] = await db
      .select({
        claim: claims,
        patientFirstName: patients.firstName,
        patientLastName: patients.lastName,
        payerName: payers.name,
        payerPayerId: payers.payerId,
      })
      .from(claims)
      .innerJoin(patients, tenantJoin(patients, claims.clinicId, claims.patientId))
      .innerJoin(payers, tenantJoin(payers, claims.clinicId, claims.payerRef))
      .where(byTenantKey(claims, clinicId, id));
    return row;
  }

  /** The row was locked by the caller; one new version. */
  async update(db: Db, clinicId: ClinicId, id: string, changes: ClaimChanges): Promise<ClaimRow> {
    return returnedRow(
      await db
        .update(claims)
        .set({ ...changes, version: sql`${claims.version} + 1`, updatedAt: sql`now()` })
        .where(byTenantKey(claims, clinicId, id))
        .returning(),
      'the claim was locked by the caller',
    );
  }

  async insertEvent(db: Db, event: NewClaimEvent): Promise<void> {
    await db.insert(claimEvents).values(event);
  }

  async insertSubmission(db: Db, submission: NewSubmission): Promise<SubmissionRow> {
    return returnedRow(
      await db.insert(claimSubmissions).values(submission).returning(),
      'INSERT … RETURNING gives the row',
    );
  }

  findSubmission(db: Db, clinicId: ClinicId, id: string): Promise<SubmissionRow | undefined> {
    return submissionsById(db, clinicId, id);
  }

  listSubmissions(db: Db, clinicId: ClinicId, page: PageRequest): Promise<Page<SubmissionRow>> {
    return submissionsNewestFirst(db, clinicId, [], page);
  }

  /** These submissions (the ones a claim's history names), oldest first, without their files. */
  async submissionsByIds(
    db: Db,
    clinicId: ClinicId,
    ids: readonly string[],
  ): Promise<{ id: string; interchangeControlNumber: number; createdAt: Date }[]> {
    if (ids.length === 0) return [];
    return db
      .select({
        id: claimSubmissions.id,
        interchangeControlNumber: claimSubmissions.interchangeControlNumber,
        createdAt: claimSubmissions.createdAt,
      })
      .from(claimSubmissions)
      .where(and(eq(claimSubmissions.clinicId, clinicId), inArray(claimSubmissions.id, [...ids])))
      .orderBy(asc(claimSubmissions.id));
  }

  /** The 835 postings of a claim, oldest first. */
  remittancesOf(db: Db, clinicId: ClinicId, claimId: string): Promise<ClaimRemittanceRow[]> {
    return db
      .select({
        remittanceId: remittanceClaims.remittanceId,
        traceNumber: remittances.traceNumber,
        segmentIndex: remittanceClaims.segmentIndex,
        charge: remittanceClaims.charge,
        paid: remittanceClaims.paid,
        patientResponsibility: remittanceClaims.patientResponsibility,
        resultStatus: remittanceClaims.resultStatus,
      })
      .from(remittanceClaims)
      .innerJoin(
        remittances,
        tenantJoin(remittances, remittanceClaims.clinicId, remittanceClaims.remittanceId),
      )
      .where(and(eq(remittanceClaims.clinicId, clinicId), eq(remittanceClaims.claimId, claimId)))
      .orderBy(asc(remittanceClaims.id));
  }
}
