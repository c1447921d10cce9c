import { Injectable } from '@nestjs/common';
import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import type { ClinicId } from '../../../common/auth/caller';
import type { Db } from '../../../common/database/database';
import { newestFirst } from '../../../common/database/newest-first';
import { preparedRowById } from '../../../common/database/prepared-query';
import type { Page, PageRequest } from '../../../common/http/pagination';
import { payers } from '../../payer/repositories/payer.schema';
import type { ClaimRow } from './claim.repository';
import { claimLines, claims, remittanceClaims, remittances } from './claims.schema';

export type RemittanceRow = typeof remittances.$inferSelect;
export type NewRemittance = Omit<typeof remittances.$inferInsert, 'createdAt' | 'updatedAt'>;
export type RemittanceClaimRow = typeof remittanceClaims.$inferSelect;
export type NewRemittanceClaim = Omit<
  typeof remittanceClaims.$inferInsert,
  'createdAt' | 'updatedAt'
>;
/** A CLP as answered: with the number of the claim it posted to. */
export type RemittanceClaimView = RemittanceClaimRow & { claimNumber: string | null };
export type ClaimLineRow = typeof claimLines.$inferSelect;

/** A remittance of the list, with how many of its CLPs posted and how many were kept unmatched. */
export type RemittanceListRow = RemittanceRow & { matchedCount: number; unmatchedCount: number };

const remittancesById = preparedRowById('remittances_by_id', remittances);
const remittancesNewestFirst = newestFirst(remittances);
/** Rows a multi-row INSERT takes at once (remittance_claims has 17 columns: well under 65,535 parameters). */
const INSERT_CHUNK = 500;

/**
 * The 835 side of the claims module (docs/claims.md "Remittances"): remittances and their CLPs,
 * and the claim and claim-line reads and total updates a posting needs, by claim number.
 */
@Injectable()
export class RemittanceRepository {
  findById(db: Db, clinicId: ClinicId, id: string): Promise<RemittanceRow | undefined> {
    return remittancesById(db, clinicId, id);
  }

  /** The remittance already posted with this payer and TRN02 trace number, if any. */
  async findByTrace(
    db: Db,
    clinicId: ClinicId,
    payerIdentifier: string,
    traceNumber: string,
  ): Promise<RemittanceRow | undefined> {
    const [row] = await db
      .select()
      .from(remittances)
      .where(
        and(
          eq(remittances.clinicId, clinicId),
          eq(remittances.payerIdentifier, payerIdentifier),
          eq(remittances.traceNumber, traceNumber),
        ),
      );
    return row;
  }

  /** Newest first, a page at a time, each with its CLP counts. */
  async list(db: Db, clinicId: ClinicId, page: PageRequest): Promise<Page<RemittanceListRow>> {
    const rows = await remittancesNewestFirst(db, clinicId, [], page);
    const ids = rows.data.map((r) => r.id);
    const counts =
      ids.length === 0
        ? []
        : await db
            .select({
              remittanceId: remittanceClaims.remittanceId,
              unmatched: sql<boolean>`${remittanceClaims.claimId} IS NULL`,
              n: count(),
            })
            .from(remittanceClaims)
            .where(
              and(
                eq(remittanceClaims.clinicId, clinicId),
                inArray(remittanceClaims.remittanceId, ids),
              ),
            )
            .groupBy(remittanceClaims.remittanceId, sql`${remittanceClaims.claimId} IS NULL`);
    const countOf = (id: string, unmatched: boolean) =>
      Number(counts.find((c) => c.remittanceId === id && c.unmatched === unmatched)?.n ?? 0);
    return {
      data: rows.data.map((r) => ({
        ...r,
        matchedCount: countOf(r.id, false),
        unmatchedCount: countOf(r.id, true),
      })),
      nextCursor: rows.nextCursor,
    };
  }

  /** The CLPs of a remittance in the order of the file, with their claims' numbers. */
  async claimsOf(db: Db, clinicId: ClinicId, remittanceId: string): Promise<RemittanceClaimView[]> {
    const rows = await db
      .select({ clp: remittanceClaims, claimNumber: claims.claimNumber })
      .from(remittanceClaims)
      .leftJoin(
        claims,
        and(
          eq(claims.clinicId, remittanceClaims.clinicId),
          eq(claims.id, remittanceClaims.claimId),
        ),
      )
      .where(
        and(
          eq(remittanceClaims.clinicId, clinicId),
          eq(remittanceClaims.remittanceId, remittanceId),
        ),
      )
      .orderBy(asc(remittanceClaims.segmentIndex));
    return rows.map((r) => ({ ...r.clp, claimNumber: r.claimNumber }));
  }

  /**
   * Inserts the remittance unless one with its payer and trace number exists: then nothing is
   * written and undefined comes back. A concurrent insert of the same one waits here until the
   * other commits (then this finds it) or rolls back (then this inserts).
   */
  async insertUnlessPosted(db: Db, remittance: NewRemittance): Promise<RemittanceRow | undefined> {
    const [row] = await db
      .insert(remittances)
      .values(remittance)
      .onConflictDoNothing({
        target: [remittances.clinicId, remittances.payerIdentifier, remittances.traceNumber],
      })
      .returning();
    return row;
  }

  async insertClaims(db: Db, rows: readonly NewRemittanceClaim[]): Promise<void> {
    for (let i = 0; i < rows.length; i += INSERT_CHUNK)
      await db.insert(remittanceClaims).values(rows.slice(i, i + INSERT_CHUNK));
  }

  /**
   * The claims these CLP01s name, by claim number. `lock`: SELECT … FOR UPDATE in id order, so
   * two postings naming the same claims queue instead of deadlocking.
   */
  async claimsByNumbers(
    db: Db,
    clinicId: ClinicId,
    claimNumbers: readonly string[],
    lock: boolean,
  ): Promise<ClaimRow[]> {
    if (claimNumbers.length === 0) return [];
    const query = db
      .select()
      .from(claims)
      .where(and(eq(claims.clinicId, clinicId), inArray(claims.claimNumber, [...claimNumbers])))
      .orderBy(asc(claims.id));
    return lock ? query.for('update') : query;
  }

  /** The lines of these claims, each claim's in line order. */
  async linesOf(db: Db, clinicId: ClinicId, claimIds: readonly string[]): Promise<ClaimLineRow[]> {
    if (claimIds.length === 0) return [];
    return db
      .select()
      .from(claimLines)
      .where(and(eq(claimLines.clinicId, clinicId), inArray(claimLines.claimId, [...claimIds])))
      .orderBy(asc(claimLines.claimId), asc(claimLines.lineNumber));
  }

  /** A claim line's totals after a posting (its claim is locked by the caller). */
  async updateLineTotals(
    db: Db,
    clinicId: ClinicId,
    claimId: string,
    lineNumber: number,
    totals: { paidAmount: string; adjustedAmount: string; patientResponsibility: string },
  ): Promise<void> {
    await db
      .update(claimLines)
      .set(totals)
      .where(
        and(
          eq(claimLines.clinicId, clinicId),
          eq(claimLines.claimId, claimId),
          eq(claimLines.lineNumber, lineNumber),
        ),
      );
  }

  /** The clinic's payer whose clearinghouse payer id the 835 names, if it has one. */
  async payerRefOf(
    db: Db,
    clinicId: ClinicId,
    payerIdentifier: string,
  ): Promise<string | undefined> {
    const [row] = await db
      .select({ id: payers.id })
      .from(payers)
      .where(and(eq(payers.clinicId, clinicId), eq(payers.payerId, payerIdentifier.toUpperCase())));
    return row?.id;
  }
}
