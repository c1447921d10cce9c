import { Injectable } from '@nestjs/common';
import { sql } from 'drizzle-orm';
import type { ClinicId } from '../../../common/auth/caller';
import type { Db } from '../../../common/database/database';
import { preparedRowById } from '../../../common/database/prepared-query';
import { byTenantKey, returnedRow } from '../../../common/database/tenant-key';
import { claimEvents, claims } from './claims.schema';

export type ClaimRow = typeof claims.$inferSelect;
export type NewClaimEvent = typeof claimEvents.$inferInsert;

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

const claimsById = preparedRowById('claims_by_id', claims);
const claimsLockedById = preparedRowById('claims_locked_by_id', claims, 'update');

@Injectable()
export class ClaimRepository {
  findById(db: Db, clinicId: ClinicId, id: string): Promise<ClaimRow | undefined> {
    return claimsById(db, clinicId, id);
  }

  /** SELECT … FOR UPDATE: changes to one claim queue here. */
  lockById(db: Db, clinicId: ClinicId, id: string): Promise<ClaimRow | undefined> {
    return claimsLockedById(db, clinicId, id);
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
}
