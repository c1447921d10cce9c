import { Injectable } from '@nestjs/common';
import type { ClinicId } from '../../../common/auth/caller';
import type { Db } from '../../../common/database/database';
import {
  QuoteRepository,
  type QuoteLineRow,
  type QuoteRow,
} from '../repositories/quote.repository';

/**
 * What other modules read of quotes (billing, payment-plan, procedure-plan), in their `db`.
 * `lock` takes the quote's row lock: money taken against one quote (deposits, a payment plan,
 * its bill's credits) queues behind it.
 */
@Injectable()
export class QuoteQueries {
  constructor(private readonly quotes: QuoteRepository) {}

  findById(db: Db, clinicId: ClinicId, id: string): Promise<QuoteRow | undefined> {
    return this.quotes.findById(db, clinicId, id);
  }

  lock(db: Db, clinicId: ClinicId, id: string): Promise<QuoteRow | undefined> {
    return this.quotes.lockById(db, clinicId, id);
  }

  linesOf(db: Db, clinicId: ClinicId, quoteId: string): Promise<QuoteLineRow[]> {
    return this.quotes.linesOf(db, clinicId, quoteId);
  }

  /** The plan's quote that is not superseded, if any. */
  liveForPlan(db: Db, clinicId: ClinicId, planId: string): Promise<QuoteRow | undefined> {
    return this.quotes.liveForPlan(db, clinicId, planId);
  }

  /**
   * The plan's live quote, SELECT … FOR UPDATE (the lock a deposit and a plan payment take),
   * with its lines, in one round trip.
   */
  lockLiveWithLinesForPlan(
    db: Db,
    clinicId: ClinicId,
    planId: string,
  ): Promise<{ quote: QuoteRow; lines: QuoteLineRow[] } | undefined> {
    return this.quotes.lockLiveWithLinesForPlan(db, clinicId, planId);
  }
}
