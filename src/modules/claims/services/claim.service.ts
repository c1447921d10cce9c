import { Injectable } from '@nestjs/common';
import { AuditWriter } from '../../../common/audit/audit-writer';
import type { Caller, ClinicId } from '../../../common/auth/caller';
import { Clock } from '../../../common/clock';
import type { Db } from '../../../common/database/database';
import { SequenceAllocator } from '../../../common/database/sequence-allocator';
import { TransactionRunner } from '../../../common/database/transaction-runner';
import { isUniqueViolation } from '../../../common/database/unique-violation';
import { InvalidStateTransition, NotFound } from '../../../common/errors/domain-error';
import type { Page } from '../../../common/http/pagination';
import { lockedAtVersion } from '../../../common/http/versioning';
import { newId } from '../../../common/ids';
import { BillingService } from '../../billing';
import type {
  ClaimReasonBody,
  ClaimResponse,
  ClaimSummaryResponse,
  CorrectClaimBody,
  CreateClaimBody,
  ListClaimsQuery,
} from '../dto/claim.dto';
import { ClaimRepository, type ClaimRow } from '../repositories/claim.repository';
import type { ClaimFrequencyCode } from '../repositories/claims.schema';
import { ClaimAlreadyOpen, ClaimDataMissing, NoInsuredLines } from './claim-errors';
import { ClaimDraftBuilder } from './claim-draft.builder';
import { ClaimLifecycle } from './claim-lifecycle';
import { toClaimResponse, toClaimSummary } from './claim.mapper';

const ENTITY = 'Claim';

/**
 * Claims of bills (docs/claims.md "Claims"): made from a bill's INSURANCE lines, moved by billing
 * (accept, reject, void, corrections) through `ClaimLifecycle`, read with their history. A claim
 * is patient data: reads are audited as bills' are.
 */
@Injectable()
export class ClaimService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly claims: ClaimRepository,
    private readonly lifecycle: ClaimLifecycle,
    private readonly drafts: ClaimDraftBuilder,
    private readonly billing: BillingService,
    private readonly sequences: SequenceAllocator,
    private readonly audit: AuditWriter,
    private readonly clock: Clock,
  ) {}

  createClaim(caller: Caller, body: CreateClaimBody): Promise<ClaimResponse> {
    return this.tx.run(async (db) => {
      const claim = await this.makeClaim(db, caller, body.billId, { frequency: '1' });
      return this.answer(db, caller.clinicId, claim);
    });
  }

  getClaim(caller: Caller, id: string): Promise<ClaimResponse> {
    return this.tx.run(async (db) => {
      const claim = await this.claims.findById(db, caller.clinicId, id);
      if (!claim) throw new NotFound(ENTITY, id);
      await this.audit.recordReads(db, caller, 'claim.read', ENTITY, [claim.id]);
      return this.answer(db, caller.clinicId, claim);
    });
  }

  listClaims(caller: Caller, query: ListClaimsQuery): Promise<Page<ClaimSummaryResponse>> {
    return this.tx.run(async (db) => {
      const page = await this.claims.list(db, caller.clinicId, query, query);
      await this.audit.recordReads(
        db,
        caller,
        'claim.list',
        ENTITY,
        page.data.map((r) => r.claim.id),
      );
      const now = this.clock.now();
      return { data: page.data.map((r) => toClaimSummary(r, now)), nextCursor: page.nextCursor };
    });
  }

  /**
   * For in-process callers (the demo loader): the bill's claims, newest first, as the worklist
   * shows them. A lookup, not a user's read: nothing is audited.
   */
  async findClaimsOfBill(
    db: Db,
    clinicId: ClinicId,
    billId: string,
  ): Promise<ClaimSummaryResponse[]> {
    const now = this.clock.now();
    const claims: ClaimSummaryResponse[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.claims.list(db, clinicId, { billId }, { limit: 100, cursor });
      claims.push(...page.data.map((r) => toClaimSummary(r, now)));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return claims;
  }

  /** SUBMITTED → ACCEPTED: the clearinghouse acknowledged it. */
  accept(caller: Caller, id: string, ifMatch: number | undefined): Promise<ClaimResponse> {
    return this.move(caller, id, ifMatch, (db, claim) =>
      this.lifecycle.change(db, caller, this.clock, claim, 'accept', {}),
    );
  }

  /** SUBMITTED or ACCEPTED → REJECTED, with the clearinghouse's reason. */
  reject(
    caller: Caller,
    id: string,
    body: ClaimReasonBody,
    ifMatch: number | undefined,
  ): Promise<ClaimResponse> {
    return this.moveWithReason(caller, id, ifMatch, 'reject', body.reason);
  }

  /** DRAFT or REJECTED → VOID: never adjudicated, so nothing to tell the payer. */
  voidClaim(
    caller: Caller,
    id: string,
    body: ClaimReasonBody,
    ifMatch: number | undefined,
  ): Promise<ClaimResponse> {
    return this.moveWithReason(caller, id, ifMatch, 'void', body.reason);
  }

  /** A move whose reason is both the history row's note and the claim's `statusReason`. */
  private moveWithReason(
    caller: Caller,
    id: string,
    ifMatch: number | undefined,
    event: 'reject' | 'void',
    reason: string,
  ): Promise<ClaimResponse> {
    return this.move(caller, id, ifMatch, (db, claim) =>
      this.lifecycle.change(
        db,
        caller,
        this.clock,
        claim,
        event,
        { note: reason },
        { changes: { statusReason: reason } },
      ),
    );
  }

  /**
   * A replacement (7: a new claim from the bill as it is now) or a void (8: the same lines) of an
   * adjudicated or accepted claim. The original becomes VOID in the same transaction; the new
   * claim is a DRAFT whose REF*F8 is the payer's claim number of the original.
   */
  correct(
    caller: Caller,
    id: string,
    body: CorrectClaimBody,
    ifMatch: number | undefined,
  ): Promise<ClaimResponse> {
    return this.tx.run(async (db) => {
      const original = lockedAtVersion(
        await this.claims.lockById(db, caller.clinicId, id),
        ifMatch,
        ENTITY,
        id,
      );
      const event = body.frequency === '7' ? 'replace' : 'cancel';
      this.lifecycle.assertAllows(original, event);
      if (original.frequency === '8')
        throw new InvalidStateTransition(
          original.status,
          event,
          'A void claim (frequency 8) is not corrected again',
        );
      const reference = original.payerClaimControlNumber ?? body.payerClaimControlNumber;
      if (!reference)
        throw new ClaimDataMissing([
          {
            path: 'payerClaimControlNumber',
            message:
              "The payer's claim control number of the original is needed (REF*F8): no 835 gave it",
          },
        ]);
      const voided = await this.lifecycle.change(
        db,
        caller,
        this.clock,
        original,
        event,
        { note: `frequency ${body.frequency}` },
        {
          changes:
            original.payerClaimControlNumber === null ? { payerClaimControlNumber: reference } : {},
        },
      );
      const made =
        body.frequency === '7'
          ? await this.makeClaim(db, caller, original.billId, {
              frequency: '7',
              originalClaimId: voided.id,
              originalClaimReference: reference,
            })
          : await this.voidingClaim(db, caller, voided);
      return this.answer(db, caller.clinicId, made);
    });
  }

  /** Locks the claim at the caller's version, runs the change, answers the claim. */
  private move(
    caller: Caller,
    id: string,
    ifMatch: number | undefined,
    change: (db: Db, claim: ClaimRow) => Promise<ClaimRow>,
  ): Promise<ClaimResponse> {
    return this.tx.run(async (db) => {
      const claim = lockedAtVersion(
        await this.claims.lockById(db, caller.clinicId, id),
        ifMatch,
        ENTITY,
        id,
      );
      return this.answer(db, caller.clinicId, await change(db, claim));
    });
  }

  /** docs/claims.md "Making a claim": every refusal before anything is written. */
  private async makeClaim(
    db: Db,
    caller: Caller,
    billId: string,
    options: {
      frequency: ClaimFrequencyCode;
      originalClaimId?: string;
      originalClaimReference?: string;
    },
  ): Promise<ClaimRow> {
    const clinicId = caller.clinicId;
    const found = await this.billing.findBillWithLines(db, clinicId, billId);
    if (!found) throw new NotFound('Bill', billId);
    if (found.bill.status === 'VOID')
      throw new InvalidStateTransition('VOID', 'claim', 'A VOID bill is not claimed');
    if (ClaimDraftBuilder.insuredLines(found.lines).claimed.length === 0)
      throw new NoInsuredLines();
    const open = await this.claims.openClaimOfBill(db, clinicId, billId);
    if (open) throw new ClaimAlreadyOpen(open.id);

    const now = this.clock.now();
    const draft = await this.drafts.draft(
      db,
      caller,
      found.bill,
      found.lines,
      await this.nextClaimNumber(db, clinicId, now),
      options,
    );
    if (!draft.ok) throw new ClaimDataMissing(draft.errors);
    const claim = await this.inserting(() => this.claims.insert(db, draft.claim, draft.lines));
    await this.created(db, caller, claim, options.originalClaimId);
    return claim;
  }

  /** Frequency 8: the original's lines and snapshot again, under a new claim number. */
  private async voidingClaim(db: Db, caller: Caller, original: ClaimRow): Promise<ClaimRow> {
    const clinicId = caller.clinicId;
    const lines = await this.claims.linesOf(db, clinicId, [original.id]);
    const id = newId();
    const claim = await this.claims.insert(
      db,
      {
        clinicId,
        id,
        claimNumber: await this.nextClaimNumber(db, clinicId, this.clock.now()),
        billId: original.billId,
        patientId: original.patientId,
        payerRef: original.payerRef,
        frequency: '8',
        originalClaimId: original.id,
        totalCharge: original.totalCharge,
        placeOfService: original.placeOfService,
        priorAuthorizationNumber: original.priorAuthorizationNumber,
        diagnosisCodes: original.diagnosisCodes,
        renderingProviderId: original.renderingProviderId,
        serviceDate: original.serviceDate,
        snapshot: original.snapshot,
        createdById: caller.userId,
      },
      lines.map((l) => ({
        clinicId,
        id: newId(),
        claimId: id,
        lineNumber: l.lineNumber,
        billLineNumber: l.billLineNumber,
        procedureCode: l.procedureCode,
        modifiers: l.modifiers,
        description: l.description,
        units: l.units,
        charge: l.charge,
        diagnosisPointers: l.diagnosisPointers,
        serviceDate: l.serviceDate,
        note: l.note,
      })),
    );
    await this.created(db, caller, claim, original.id);
    return claim;
  }

  /** The history's first row and the audit of a new claim. */
  private async created(
    db: Db,
    caller: Caller,
    claim: ClaimRow,
    originalClaimId: string | undefined,
  ): Promise<void> {
    await this.claims.insertEvent(db, {
      clinicId: caller.clinicId,
      id: newId(),
      claimId: claim.id,
      event: 'create',
      fromStatus: null,
      toStatus: claim.status,
      actorId: caller.userId,
      note: originalClaimId ? `frequency ${claim.frequency}` : null,
      at: this.clock.now(),
    });
    await this.audit.record(db, caller, {
      action: 'claim.create',
      entityType: ENTITY,
      entityId: claim.id,
      metadata: {
        billId: claim.billId,
        frequency: claim.frequency,
        ...(originalClaimId ? { originalClaimId } : {}),
      },
    });
  }

  /** A concurrent claim of the same bill that committed first: 409, not 500. */
  private async inserting(write: () => Promise<ClaimRow>): Promise<ClaimRow> {
    try {
      return await write();
    } catch (error) {
      if (isUniqueViolation(error, 'claims_one_open_per_bill')) throw new ClaimAlreadyOpen();
      throw error;
    }
  }

  /** `CLM-<year>-<seq>` per clinic and year, six digits: the patient control number too. */
  private async nextClaimNumber(db: Db, clinicId: ClinicId, at: Date): Promise<string> {
    const year = at.getUTCFullYear();
    const seq = await this.sequences.next(db, clinicId, `claim.${year}`);
    return `CLM-${year}-${String(seq).padStart(6, '0')}`;
  }

  private async answer(db: Db, clinicId: ClinicId, claim: ClaimRow): Promise<ClaimResponse> {
    const row = await this.claims.findListRow(db, clinicId, claim.id);
    if (!row) throw new NotFound(ENTITY, claim.id);
    // A bill's lines never change: the FACILITY lines left out are the same as when it was made.
    const bill = await this.billing.findBillWithLines(db, clinicId, claim.billId);
    const excludedLines = ClaimDraftBuilder.insuredLines(bill?.lines ?? []).excluded;
    const lines = await this.claims.linesOf(db, clinicId, [claim.id]);
    const events = await this.claims.eventsOf(db, clinicId, [claim.id]);
    const submissionIds = [
      ...new Set(events.flatMap((e) => (e.submissionId ? [e.submissionId] : []))),
    ];
    const submissions = await this.claims.submissionsByIds(db, clinicId, submissionIds);
    const remittances = await this.claims.remittancesOf(db, clinicId, claim.id);
    return toClaimResponse(
      row,
      { lines, events, submissions, remittances, excludedLines },
      this.clock.now(),
    );
  }
}
