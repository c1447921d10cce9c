import { Injectable } from '@nestjs/common';
import { AuditWriter } from '../../../common/audit/audit-writer';
import type { ClinicId } from '../../../common/auth/caller';
import type { Db } from '../../../common/database/database';
import { TransitionTable } from '../../../common/state-machine';
import { StatusLifecycle } from '../../../common/status-lifecycle';
import {
  QuoteRepository,
  type QuoteChanges,
  type QuoteRow,
} from '../repositories/quote.repository';
import { QUOTE_STATUSES, type QuoteStatus } from '../repositories/quote.schema';

export const QUOTE_EVENTS = ['accept', 'supersede'] as const;
export type QuoteEvent = (typeof QUOTE_EVENTS)[number];

/**
 * A quote's state machine (docs/procedure-plans.md "Transitions"): issued ISSUED, ACCEPTED when its plan
 * is approved, SUPERSEDED when the plan is re-quoted, edited or cancelled before approval (an
 * accepted one too, by a cancellation). EXPIRED is never stored (an ISSUED quote past
 * `valid_until` reads as EXPIRED), so no row leads to it.
 */
export const QUOTE_TRANSITIONS = new TransitionTable<QuoteStatus, QuoteEvent>(
  QUOTE_STATUSES,
  QUOTE_EVENTS,
  [
    { from: 'ISSUED', event: 'accept', to: 'ACCEPTED' },
    { from: 'ISSUED', event: 'supersede', to: 'SUPERSEDED' },
    { from: 'ACCEPTED', event: 'supersede', to: 'SUPERSEDED' },
  ],
);

/**
 * Writes a quote's status and `quote.<event>`; only QuoteService fires it, under the plan's lock
 * (every change of a quote's status is a change of its plan's), so the row it reads is current.
 */
@Injectable()
export class QuoteLifecycle extends StatusLifecycle<
  QuoteStatus,
  QuoteEvent,
  QuoteRow,
  Omit<QuoteChanges, 'status'>
> {
  protected readonly table = QUOTE_TRANSITIONS;
  protected readonly entityType = 'Quote';
  protected readonly action = 'quote';

  constructor(
    private readonly quotes: QuoteRepository,
    audit: AuditWriter,
  ) {
    super(audit);
  }

  protected write(
    db: Db,
    clinicId: ClinicId,
    id: string,
    status: QuoteStatus,
    changes: Omit<QuoteChanges, 'status'> | undefined,
  ): Promise<QuoteRow> {
    return this.quotes.update(db, clinicId, id, { ...changes, status });
  }
}
