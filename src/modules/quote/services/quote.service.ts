import { Injectable } from '@nestjs/common';
import { AuditWriter } from '../../../common/audit/audit-writer';
import type { Actor, Caller, ClinicId } from '../../../common/auth/caller';
import { Clock } from '../../../common/clock';
import type { Db } from '../../../common/database/database';
import { SequenceAllocator } from '../../../common/database/sequence-allocator';
import { TransactionRunner } from '../../../common/database/transaction-runner';
import { NotFound, ValidationFailed } from '../../../common/errors/domain-error';
import { newId } from '../../../common/ids';
import { baseCptCode } from '../../codes';
import { FeeScheduleService } from '../../fee-schedule';
import type { QuoteResponse } from '../dto/quote.dto';
import { QuoteRepository, type QuoteRow } from '../repositories/quote.repository';
import { QuoteLifecycle } from './quote-lifecycle';
import { toQuoteResponse } from './quote.mapper';
import { priceQuote, type QuotablePlan } from './quote-lines';

const ENTITY = 'Quote';
const DAY_MS = 24 * 60 * 60 * 1000;

export interface PlanToQuote extends QuotablePlan {
  id: string;
  patientId: string;
  planNumber: string;
  procedureName: string;
}

@Injectable()
export class QuoteService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly quotes: QuoteRepository,
    private readonly fees: FeeScheduleService,
    private readonly sequences: SequenceAllocator,
    private readonly audit: AuditWriter,
    private readonly clock: Clock,
    private readonly lifecycle: QuoteLifecycle,
  ) {}

  /**
   * Prices the plan from the fee schedule and stores the quote, superseding the plan's previous
   * one, in the caller's transaction. A code missing from the fee schedule is a 400 naming it.
   */
  async issueForPlan(
    db: Db,
    caller: Caller,
    plan: PlanToQuote,
    validDays: number,
  ): Promise<QuoteResponse> {
    const fees = await this.fees.entriesFor(db, caller.clinicId, plan.cptCodes.map(baseCptCode));
    const priced = priceQuote(plan, fees);
    if (!priced.ok) throw new ValidationFailed(priced.errors);
    // The new quote's `quote.issue` records the re-quote: the superseded one gets no event of its own.
    await this.supersedeLive(db, caller, plan.id, false);
    const issuedAt = this.clock.now();
    const id = newId();
    const { quote, lines } = await this.quotes.insert(
      db,
      {
        clinicId: caller.clinicId,
        id,
        quoteNumber: await this.nextQuoteNumber(db, caller.clinicId, issuedAt),
        procedurePlanId: plan.id,
        patientId: plan.patientId,
        planNumber: plan.planNumber,
        procedureName: plan.procedureName,
        procedureCode: plan.primaryCPTCode,
        issuedAt,
        validUntil: new Date(issuedAt.getTime() + validDays * DAY_MS),
        total: priced.quote.total.toDecimal(),
        insurancePortion: priced.quote.insurancePortion.toDecimal(),
        patientPortion: priced.quote.patientPortion.toDecimal(),
        issuedById: caller.userId,
      },
      priced.quote.lines.map((l, i) => ({
        clinicId: caller.clinicId,
        id: newId(),
        quoteId: id,
        lineNumber: i + 1,
        kind: l.kind,
        code: l.code,
        description: l.description,
        quantity: l.quantity,
        unitPrice: l.unitPrice.toDecimal(),
        amount: l.amount.toDecimal(),
        payer: l.payer,
        inventoryItemId: l.inventoryItemId,
      })),
    );
    await this.audit.record(db, caller, {
      action: 'quote.issue',
      entityType: ENTITY,
      entityId: quote.id,
      metadata: { procedurePlanId: plan.id },
    });
    return toQuoteResponse(quote, lines, issuedAt);
  }

  /**
   * The plan's live quote, locked, for its approval (the plan's lock is held): the row `accept`
   * then changes, read once.
   */
  lockLiveQuoteForPlan(db: Db, clinicId: ClinicId, planId: string): Promise<QuoteRow | undefined> {
    return this.quotes.lockLiveForPlan(db, clinicId, planId);
  }

  /**
   * The plan was approved on this quote (the plan's lock is held, and the quote's, taken by
   * `lockLiveQuoteForPlan`), by a member of staff or by the patient through their link.
   */
  async accept(db: Db, caller: Actor, quote: QuoteRow): Promise<void> {
    await this.lifecycle.fire(db, caller, quote, 'accept', {
      changes: { acceptedAt: this.clock.now() },
      changedFields: ['status'],
    });
  }

  /** An edit of a QUOTED plan, or its cancellation, leaves no live quote (docs/design.md §4). */
  async supersedeForPlan(db: Db, caller: Caller, planId: string): Promise<void> {
    await this.supersedeLive(db, caller, planId, true);
  }

  private async supersedeLive(
    db: Db,
    caller: Caller,
    planId: string,
    audit: boolean,
  ): Promise<void> {
    const live = await this.quotes.liveForPlan(db, caller.clinicId, planId);
    if (!live) return;
    await this.lifecycle.fire(db, caller, live, 'supersede', {
      changes: { supersededAt: this.clock.now() },
      changedFields: ['status'],
      audit,
    });
  }

  getQuote(caller: Caller, id: string): Promise<QuoteResponse> {
    return this.tx.run(async (db) => {
      const quote = await this.quotes.findById(db, caller.clinicId, id);
      if (!quote) throw new NotFound(ENTITY, id);
      await this.audit.recordReads(db, caller, 'quote.read', ENTITY, [quote.id]);
      return toQuoteResponse(
        quote,
        await this.quotes.linesOf(db, caller.clinicId, id),
        this.clock.now(),
      );
    });
  }

  /** `QUO-<year>-<seq>` per clinic and year, like plan numbers. */
  private async nextQuoteNumber(db: Db, clinicId: ClinicId, at: Date): Promise<string> {
    const year = at.getUTCFullYear();
    const seq = await this.sequences.next(db, clinicId, `quote.${year}`);
    return `QUO-${year}-${String(seq).padStart(3, '0')}`;
  }
}
