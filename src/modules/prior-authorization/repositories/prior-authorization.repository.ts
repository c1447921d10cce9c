import { Injectable } from '@nestjs/common';
import { and, asc, eq, ne, sql } from 'drizzle-orm';
import type { ClinicId } from '../../../common/auth/caller';
import type { Db } from '../../../common/database/database';
import { newestFirst } from '../../../common/database/newest-first';
import { byTenantKey, returnedRow } from '../../../common/database/tenant-key';
import type { Page, PageRequest } from '../../../common/http/pagination';
import { priorAuthorizations, type PriorAuthStatus } from './prior-authorization.schema';

export type PriorAuthorizationRow = typeof priorAuthorizations.$inferSelect;
export type NewPriorAuthorization = Omit<
  typeof priorAuthorizations.$inferInsert,
  'status' | 'version' | 'createdAt' | 'updatedAt'
>;
/** What a transition writes; the identity, the request and the creator never change. */
export type PriorAuthorizationChanges = Partial<
  Pick<
    PriorAuthorizationRow,
    | 'status'
    | 'authorizationNumber'
    | 'approvedCptCodes'
    | 'validFrom'
    | 'validTo'
    | 'decisionNotes'
    | 'submittedAt'
    | 'submittedById'
    | 'decidedAt'
    | 'decidedById'
    | 'cancelledAt'
    | 'cancelReason'
  >
>;

export interface PriorAuthorizationFilter {
  procedurePlanId?: string | undefined;
  status?: PriorAuthStatus | undefined;
}

const priorAuthorizationsNewestFirst = newestFirst(priorAuthorizations);

@Injectable()
export class PriorAuthorizationRepository {
  async insert(db: Db, row: NewPriorAuthorization): Promise<PriorAuthorizationRow> {
    return returnedRow(
      await db.insert(priorAuthorizations).values(row).returning(),
      'INSERT … RETURNING gives the row',
    );
  }

  async findById(
    db: Db,
    clinicId: ClinicId,
    id: string,
  ): Promise<PriorAuthorizationRow | undefined> {
    const [row] = await db
      .select()
      .from(priorAuthorizations)
      .where(byTenantKey(priorAuthorizations, clinicId, id));
    return row;
  }

  /** SELECT … FOR UPDATE: every transition starts here, so two at once queue instead of racing. */
  async lockById(
    db: Db,
    clinicId: ClinicId,
    id: string,
  ): Promise<PriorAuthorizationRow | undefined> {
    const [row] = await db
      .select()
      .from(priorAuthorizations)
      .where(byTenantKey(priorAuthorizations, clinicId, id))
      .for('update');
    return row;
  }

  /** Writes a transition on a row the caller has locked, and bumps its version. */
  async update(
    db: Db,
    clinicId: ClinicId,
    id: string,
    changes: PriorAuthorizationChanges,
  ): Promise<PriorAuthorizationRow> {
    return returnedRow(
      await db
        .update(priorAuthorizations)
        .set({
          ...changes,
          version: sql`${priorAuthorizations.version} + 1`,
          updatedAt: sql`now()`,
        })
        .where(byTenantKey(priorAuthorizations, clinicId, id))
        .returning(),
      'the row was locked by the caller',
    );
  }

  async list(
    db: Db,
    clinicId: ClinicId,
    filter: PriorAuthorizationFilter,
    page: PageRequest,
  ): Promise<Page<PriorAuthorizationRow>> {
    return priorAuthorizationsNewestFirst(
      db,
      clinicId,
      [
        filter.procedurePlanId === undefined
          ? undefined
          : eq(priorAuthorizations.procedurePlanId, filter.procedurePlanId),
        filter.status === undefined ? undefined : eq(priorAuthorizations.status, filter.status),
      ],
      page,
    );
  }

  /**
   * A plan's authorizations that are not cancelled, oldest first, FOR SHARE: once a scheduling
   * check has counted an approval, cancelling it waits until that check's transaction ends, and a
   * cancellation that committed first is not counted (the row no longer matches).
   */
  async standingForPlan(
    db: Db,
    clinicId: ClinicId,
    planId: string,
  ): Promise<PriorAuthorizationRow[]> {
    return db
      .select()
      .from(priorAuthorizations)
      .where(
        and(
          eq(priorAuthorizations.clinicId, clinicId),
          eq(priorAuthorizations.procedurePlanId, planId),
          ne(priorAuthorizations.status, 'CANCELLED'),
        ),
      )
      .orderBy(asc(priorAuthorizations.id))
      .for('share');
  }
}
