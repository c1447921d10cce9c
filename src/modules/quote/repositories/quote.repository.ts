import { Injectable } from '@nestjs/common';
import { and, asc, eq, inArray, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { ClinicId } from '../../../common/auth/caller';
import { ChildRows } from '../../../common/database/child-rows';
import type { Db } from '../../../common/database/database';
import { preparedRowById } from '../../../common/database/prepared-query';
import { byTenantKey, returnedRow } from '../../../common/database/tenant-key';
import { quoteLines, quotes } from './quote.schema';

/** A plan's live quote is ISSUED or ACCEPTED: at most one (quotes_one_live_per_plan). */
const LIVE_STATUSES: ('ISSUED' | 'ACCEPTED')[] = ['ISSUED', 'ACCEPTED'];

/**
 * The id of the plan's live quote (ISSUED or ACCEPTED), or NULL: a subquery for a statement that
 * reads plans with everything they show (the plan presenter). At most one (quotes_one_live_per_plan).
 */
export function liveQuoteIdOfPlan(clinicId: AnyColumn, planId: AnyColumn): SQL<string | null> {
  return sql`(SELECT ${quotes.id} FROM ${quotes}
    WHERE ${quotes.clinicId} = ${clinicId} AND ${quotes.procedurePlanId} = ${planId}
      AND ${inArray(quotes.status, LIVE_STATUSES)})`;
}

export type QuoteRow = typeof quotes.$inferSelect;
export type QuoteLineRow = typeof quoteLines.$inferSelect;
export type NewQuote = Omit<typeof quotes.$inferInsert, 'createdAt' | 'updatedAt'>;
export type NewQuoteLine = typeof quoteLines.$inferInsert;
export type QuoteChanges = Partial<Pick<QuoteRow, 'status' | 'acceptedAt' | 'supersededAt'>>;

// By-id reads: built once (prepared-query.ts).
const quotesById = preparedRowById('quotes_by_id', quotes);
const quotesLockedById = preparedRowById('quotes_locked_by_id', quotes, 'update');
const linesOfQuotes = new ChildRows(quoteLines, quoteLines.quoteId, [asc(quoteLines.lineNumber)]);

@Injectable()
export class QuoteRepository {
  /** The quote and its lines as written (RETURNING: nothing is read back), lines in order. */
  async insert(
    db: Db,
    quote: NewQuote,
    lines: NewQuoteLine[],
  ): Promise<{ quote: QuoteRow; lines: QuoteLineRow[] }> {
    const row = returnedRow(
      await db.insert(quotes).values(quote).returning(),
      'INSERT … RETURNING gives the row',
    );
    const written = lines.length > 0 ? await db.insert(quoteLines).values(lines).returning() : [];
    return { quote: row, lines: written.sort((a, b) => a.lineNumber - b.lineNumber) };
  }

  async findById(db: Db, clinicId: ClinicId, id: string): Promise<QuoteRow | undefined> {
    return quotesById(db, clinicId, id);
  }

  async lockById(db: Db, clinicId: ClinicId, id: string): Promise<QuoteRow | undefined> {
    return quotesLockedById(db, clinicId, id);
  }

  async linesOf(db: Db, clinicId: ClinicId, quoteId: string): Promise<QuoteLineRow[]> {
    return db
      .select()
      .from(quoteLines)
      .where(and(eq(quoteLines.clinicId, clinicId), eq(quoteLines.quoteId, quoteId)))
      .orderBy(asc(quoteLines.lineNumber));
  }

  /** The plan's live quote (ISSUED or ACCEPTED; at most one, by a partial unique index). */
  async liveForPlan(db: Db, clinicId: ClinicId, planId: string): Promise<QuoteRow | undefined> {
    const [row] = await db.select().from(quotes).where(liveQuoteOfPlan(clinicId, planId));
    return row;
  }

  /** The plan's live quote, SELECT … FOR UPDATE (the plan's lock is held: plan, then quote). */
  async lockLiveForPlan(db: Db, clinicId: ClinicId, planId: string): Promise<QuoteRow | undefined> {
    const [row] = await db
      .select()
      .from(quotes)
      .where(liveQuoteOfPlan(clinicId, planId))
      .for('update');
    return row;
  }

  /** `lockLiveForPlan` with the quote's lines in order, in one round trip. */
  async lockLiveWithLinesForPlan(
    db: Db,
    clinicId: ClinicId,
    planId: string,
  ): Promise<{ quote: QuoteRow; lines: QuoteLineRow[] } | undefined> {
    const [row] = await db
      .select({ quote: quotes, lines: linesOfQuotes.json(clinicId, sql`"quotes"."id"`) })
      .from(quotes)
      .where(liveQuoteOfPlan(clinicId, planId))
      .for('update', { of: quotes });
    return row && { quote: row.quote, lines: linesOfQuotes.fromJson(row.lines) };
  }

  /** Written only by QuoteLifecycle (a quote has no version: it is a document). */
  async update(db: Db, clinicId: ClinicId, id: string, changes: QuoteChanges): Promise<QuoteRow> {
    return returnedRow(
      await db
        .update(quotes)
        .set({ ...changes, updatedAt: sql`now()` })
        .where(byTenantKey(quotes, clinicId, id))
        .returning(),
      'the quote exists: its plan is locked',
    );
  }
}

/** The plan's live quote, as a WHERE condition. */
function liveQuoteOfPlan(clinicId: ClinicId, planId: string): SQL | undefined {
  return and(
    eq(quotes.clinicId, clinicId),
    eq(quotes.procedurePlanId, planId),
    inArray(quotes.status, LIVE_STATUSES),
  );
}
