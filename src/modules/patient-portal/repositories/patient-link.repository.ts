import { Injectable } from '@nestjs/common';
import { and, desc, eq, getTableColumns, isNull, sql } from 'drizzle-orm';
import type { ClinicId } from '../../../common/auth/caller';
import type { Db } from '../../../common/database/database';
import { byTenantKey, returnedRow } from '../../../common/database/tenant-key';
import { users } from '../../user/repositories/user.schema';
import { MAX_DOB_ATTEMPTS, patientLinks } from './patient-link.schema';

export type PatientLinkRow = typeof patientLinks.$inferSelect;
export type NewPatientLink = Omit<
  typeof patientLinks.$inferInsert,
  'failedAttempts' | 'lockedAt' | 'revokedAt' | 'revokedById' | 'revokeReason' | 'lastUsedAt'
>;
export type PatientLinkListRow = PatientLinkRow & { createdByName: string };

/** A plan has a handful of links at most: its list is not paged. */
const MAX_LINKS_LISTED = 100;

@Injectable()
export class PatientLinkRepository {
  async insert(db: Db, link: NewPatientLink): Promise<PatientLinkRow> {
    return returnedRow(
      await db.insert(patientLinks).values(link).returning(),
      'INSERT … RETURNING gives the row',
    );
  }

  /** The link a token's hash names, in whichever clinic: the token is the patient's only key. */
  async findByTokenHash(db: Db, tokenHash: string): Promise<PatientLinkRow | undefined> {
    const [row] = await db.select().from(patientLinks).where(eq(patientLinks.tokenHash, tokenHash));
    return row;
  }

  async lockById(db: Db, clinicId: ClinicId, id: string): Promise<PatientLinkRow | undefined> {
    const [row] = await db
      .select()
      .from(patientLinks)
      .where(byTenantKey(patientLinks, clinicId, id))
      .for('update');
    return row;
  }

  async listForPlan(db: Db, clinicId: ClinicId, planId: string): Promise<PatientLinkListRow[]> {
    return listRows(db)
      .where(and(eq(patientLinks.clinicId, clinicId), eq(patientLinks.procedurePlanId, planId)))
      .orderBy(desc(patientLinks.createdAt), desc(patientLinks.id))
      .limit(MAX_LINKS_LISTED);
  }

  async findListRow(
    db: Db,
    clinicId: ClinicId,
    id: string,
  ): Promise<PatientLinkListRow | undefined> {
    const [row] = await listRows(db).where(byTenantKey(patientLinks, clinicId, id));
    return row;
  }

  /**
   * One wrong date of birth, counted atomically: concurrent wrong tries queue on the row, and
   * once a try has locked the link the others find it locked and count nothing. Undefined when
   * the link was locked already.
   */
  async countFailedAttempt(
    db: Db,
    clinicId: ClinicId,
    id: string,
  ): Promise<{ failedAttempts: number } | undefined> {
    const [row] = await db
      .update(patientLinks)
      .set({
        failedAttempts: sql`${patientLinks.failedAttempts} + 1`,
        lockedAt: sql`CASE WHEN ${patientLinks.failedAttempts} + 1 >= ${MAX_DOB_ATTEMPTS} THEN now() END`,
      })
      .where(and(byTenantKey(patientLinks, clinicId, id), isNull(patientLinks.lockedAt)))
      .returning({ failedAttempts: patientLinks.failedAttempts });
    return row;
  }

  async touch(db: Db, clinicId: ClinicId, id: string): Promise<void> {
    await db
      .update(patientLinks)
      .set({ lastUsedAt: sql`now()` })
      .where(byTenantKey(patientLinks, clinicId, id));
  }

  async revoke(
    db: Db,
    clinicId: ClinicId,
    id: string,
    by: { revokedById: string | null; revokeReason: string },
  ): Promise<void> {
    await db
      .update(patientLinks)
      .set({ revokedAt: sql`now()`, ...by })
      .where(and(byTenantKey(patientLinks, clinicId, id), isNull(patientLinks.revokedAt)));
  }

  /** Every link of the plan still open, revoked at once (the plan was cancelled); their ids. */
  async revokeAllForPlan(
    db: Db,
    clinicId: ClinicId,
    planId: string,
    by: { revokedById: string; revokeReason: string },
  ): Promise<string[]> {
    const rows = await db
      .update(patientLinks)
      .set({ revokedAt: sql`now()`, ...by })
      .where(
        and(
          eq(patientLinks.clinicId, clinicId),
          eq(patientLinks.procedurePlanId, planId),
          isNull(patientLinks.revokedAt),
        ),
      )
      .returning({ id: patientLinks.id });
    return rows.map((r) => r.id);
  }
}

/** A link as the staff list it: with the name of who created it. */
function listRows(db: Db) {
  return db
    .select({ ...getTableColumns(patientLinks), createdByName: users.name })
    .from(patientLinks)
    .innerJoin(
      users,
      and(eq(users.clinicId, patientLinks.clinicId), eq(users.id, patientLinks.createdById)),
    )
    .$dynamic();
}
