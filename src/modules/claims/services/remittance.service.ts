import { Injectable } from '@nestjs/common';
import { AuditWriter } from '../../../common/audit/audit-writer';
import type { Caller, ClinicId } from '../../../common/auth/caller';
import { Clock } from '../../../common/clock';
import type { Db } from '../../../common/database/database';
import { TransactionRunner } from '../../../common/database/transaction-runner';
import { NotFound } from '../../../common/errors/domain-error';
import { invariant } from '../../../common/invariant';
import type { Page } from '../../../common/http/pagination';
import { newId } from '../../../common/ids';
import { Money } from '../../../common/money';
import { BillingService, type RemittancePosting } from '../../billing';
import type {
  ListRemittancesQuery,
  PostRemittanceBody,
  RemittanceResponse,
  RemittanceSummaryResponse,
} from '../dto/remittance.dto';
import type { RemittanceAdjustmentJson } from '../repositories/claim-snapshot';
import type { ClaimRow } from '../repositories/claim.repository';
import {
  RemittanceRepository,
  type NewRemittance,
  type NewRemittanceClaim,
  type RemittanceRow,
} from '../repositories/remittance.repository';
import type { Remittance835 } from '../x12/remittance-835.model';
import { parse835 } from '../x12/remittance-835.parser';
import { readX12 } from '../x12/x12-reader';
import { ClaimLifecycle } from './claim-lifecycle';
import { InvalidX12 } from './invalid-x12.error';
import {
  paymentMethodOf,
  planRemittance,
  UNMATCHED_REASONS,
  type PlanClaim,
  type PlannedClaim,
  type RemittancePlan,
  type UnmatchedReason,
} from './remittance-plan';

const ENTITY = 'Remittance';

/** `POST /remittances`: the answer, and whether it was posted now (201) or before (200). */
export interface PostedRemittance {
  created: boolean;
  remittance: RemittanceResponse;
}

/** A CLP row as answered: the stored row (or the one a preview would store) and its claim's number. */
type ClpRow = Pick<
  NewRemittanceClaim,
  | 'segmentIndex'
  | 'patientControlNumber'
  | 'claimId'
  | 'unmatchedReason'
  | 'statusCode'
  | 'charge'
  | 'paid'
  | 'patientResponsibility'
  | 'payerClaimControlNumber'
  | 'resultStatus'
  | 'adjustments'
  | 'services'
> & { claimNumber: string | null };

type Header = Pick<
  RemittanceRow,
  | 'traceNumber'
  | 'payerIdentifier'
  | 'payerName'
  | 'payerRef'
  | 'paymentAmount'
  | 'paymentMethod'
  | 'paymentDate'
  | 'providerAdjustments'
> & { id: string | null; createdAt: Date | null };

/**
 * 835 remittances (docs/claims.md "Remittances: the 835"): read, matched to claims, and posted
 * to the claims and their bills in one transaction; idempotent by payer and TRN02.
 */
@Injectable()
export class RemittanceService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly remittances: RemittanceRepository,
    private readonly lifecycle: ClaimLifecycle,
    private readonly billing: BillingService,
    private readonly audit: AuditWriter,
    private readonly clock: Clock,
  ) {}

  /**
   * Posts an 835, or with `preview` computes what would post and writes nothing. A file that
   * does not read, count or balance is 400 INVALID_X12; a CLP that would take its bill's
   * insurance balance below zero is 422 REMITTANCE_EXCEEDS_BALANCE; either way nothing is posted.
   */
  async post(
    caller: Caller,
    body: PostRemittanceBody,
    preview: boolean,
  ): Promise<PostedRemittance> {
    const x12 = typeof body === 'string' ? body : body.x12;
    const remittance = readOne835(x12);
    const payerIdentifier = remittance.payer.id ?? remittance.payer.name;
    return this.tx.run((db) =>
      preview
        ? this.preview(db, caller, remittance, payerIdentifier)
        : this.postIn(db, caller, remittance, payerIdentifier, x12),
    );
  }

  getRemittance(caller: Caller, id: string): Promise<RemittanceResponse> {
    return this.tx.run(async (db) => {
      const row = await this.remittances.findById(db, caller.clinicId, id);
      if (!row) throw new NotFound(ENTITY, id);
      return this.stored(db, caller, row);
    });
  }

  listRemittances(
    caller: Caller,
    query: ListRemittancesQuery,
  ): Promise<Page<RemittanceSummaryResponse>> {
    return this.tx.run(async (db) => {
      const page = await this.remittances.list(db, caller.clinicId, query);
      await this.audit.recordReads(
        db,
        caller,
        'remittance.list',
        ENTITY,
        page.data.map((r) => r.id),
      );
      return {
        data: page.data.map((r) => ({
          id: r.id,
          traceNumber: r.traceNumber,
          payerIdentifier: r.payerIdentifier,
          payerName: r.payerName,
          payerId: r.payerRef,
          paymentTotal: Money.fromDecimal(r.paymentAmount).toDecimal(),
          paymentMethod: r.paymentMethod,
          paymentDate: r.paymentDate,
          claimCount: r.matchedCount,
          unmatchedCount: r.unmatchedCount,
          createdAt: r.createdAt.toISOString(),
        })),
        nextCursor: page.nextCursor,
      };
    });
  }

  private async preview(
    db: Db,
    caller: Caller,
    remittance: Remittance835,
    payerIdentifier: string,
  ): Promise<PostedRemittance> {
    const clinicId = caller.clinicId;
    // Already posted: the preview is the stored answer (`id` set, `preview` false).
    const posted = await this.remittances.findByTrace(
      db,
      clinicId,
      payerIdentifier,
      remittance.traceNumber,
    );
    if (posted) return { created: false, remittance: await this.stored(db, caller, posted) };
    const claims = await this.claimsNamed(db, clinicId, remittance, false);
    const plan = planRemittance(
      remittance,
      toPlanClaims(claims, await this.linesOf(db, clinicId, claims)),
    );
    // The same balance check as the posting, without the lock and without writing.
    for (const planned of plan.claims) {
      const posting = this.posting(planned, remittance, newId(), newId());
      if (posting) await this.billing.checkRemittance(db, clinicId, planned.claim.billId, posting);
    }
    const header = this.header(
      remittance,
      payerIdentifier,
      await this.payerRef(db, clinicId, payerIdentifier),
    );
    return {
      created: false,
      remittance: toResponse({ ...header, id: null, createdAt: null }, clpRows(plan), true),
    };
  }

  private async postIn(
    db: Db,
    caller: Caller,
    remittance: Remittance835,
    payerIdentifier: string,
    x12: string,
  ): Promise<PostedRemittance> {
    const clinicId = caller.clinicId;
    // The remittance row first: the same 835 posted before (or at this moment, by another
    // request: the insert waits for it) is answered as it was, and nothing else is done.
    const id = newId();
    const header = this.header(
      remittance,
      payerIdentifier,
      await this.payerRef(db, clinicId, payerIdentifier),
    );
    const row = await this.remittances.insertUnlessPosted(db, {
      ...header,
      clinicId,
      id,
      x12,
      receivedById: caller.userId,
    });
    if (!row) {
      const first = await this.remittances.findByTrace(
        db,
        clinicId,
        payerIdentifier,
        remittance.traceNumber,
      );
      invariant(first, 'the conflicting remittance is committed');
      return { created: false, remittance: await this.stored(db, caller, first) };
    }

    // The claims are locked before the plan reads them: postings to one claim queue.
    const claims = await this.claimsNamed(db, clinicId, remittance, true);
    const plan = planRemittance(
      remittance,
      toPlanClaims(claims, await this.linesOf(db, clinicId, claims)),
    );
    const clps = clpRows(plan);
    const rowIds = new Map(clps.map((c) => [c.segmentIndex, newId()]));
    await this.remittances.insertClaims(
      db,
      clps.map(({ claimNumber: _, ...c }) => ({
        ...c,
        clinicId,
        id: rowIds.get(c.segmentIndex) as string,
        remittanceId: id,
      })),
    );

    const current = new Map<string, ClaimRow>(claims.map((c) => [c.id, c]));
    const now = this.clock.now();
    for (const planned of plan.claims) {
      const remittanceClaimId = rowIds.get(planned.clp.segmentIndex) as string;
      const posting = this.posting(planned, remittance, id, remittanceClaimId);
      if (posting) await this.billing.postRemittance(db, caller, planned.claim.billId, posting);
      const claim = current.get(planned.claim.id) as ClaimRow;
      const updated = await this.lifecycle.change(
        db,
        caller,
        this.clock,
        claim,
        'remit',
        { remittanceId: id, note: `CLP ${planned.clp.segmentIndex}: CLP02 ${planned.clp.status}` },
        {
          changes: {
            paidAmount: planned.claimTotals.paid.toDecimal(),
            adjustedAmount: planned.claimTotals.adjusted.toDecimal(),
            patientResponsibility: planned.claimTotals.patientResponsibility.toDecimal(),
            payerClaimControlNumber:
              claim.payerClaimControlNumber ?? planned.clp.payerClaimControlNumber ?? null,
            statusReason: planned.statusReason,
            adjudicatedAt: claim.adjudicatedAt ?? now,
          },
          metadata: { remittanceId: id, remittanceClaimId },
        },
        { adjudicated: planned.status },
      );
      current.set(updated.id, updated);
      for (const line of planned.lineTotals)
        await this.remittances.updateLineTotals(db, clinicId, claim.id, line.lineNumber, {
          paidAmount: line.paid.toDecimal(),
          adjustedAmount: line.adjusted.toDecimal(),
          patientResponsibility: line.patientResponsibility.toDecimal(),
        });
    }
    await this.audit.record(db, caller, {
      action: 'remittance.create',
      entityType: ENTITY,
      entityId: id,
      metadata: {
        claimCount: plan.claims.length,
        unmatchedCount: plan.unmatched.length,
      },
    });
    return {
      created: true,
      remittance: toResponse({ ...header, id, createdAt: row.createdAt }, clps, false),
    };
  }

  /** A stored remittance as answered; the read is audited (its CLPs name patients). */
  private async stored(db: Db, caller: Caller, row: RemittanceRow): Promise<RemittanceResponse> {
    const clps = await this.remittances.claimsOf(db, caller.clinicId, row.id);
    await this.audit.recordReads(db, caller, 'remittance.read', ENTITY, [row.id]);
    return toResponse(row, clps, false);
  }

  private claimsNamed(
    db: Db,
    clinicId: ClinicId,
    remittance: Remittance835,
    lock: boolean,
  ): Promise<ClaimRow[]> {
    const numbers = [...new Set(remittance.claims.map((c) => c.patientControlNumber))];
    return this.remittances.claimsByNumbers(db, clinicId, numbers, lock);
  }

  private linesOf(db: Db, clinicId: ClinicId, claims: readonly ClaimRow[]) {
    return this.remittances.linesOf(
      db,
      clinicId,
      claims.map((c) => c.id),
    );
  }

  private async payerRef(db: Db, clinicId: ClinicId, payerIdentifier: string) {
    return (await this.remittances.payerRefOf(db, clinicId, payerIdentifier)) ?? null;
  }

  private header(
    remittance: Remittance835,
    payerIdentifier: string,
    payerRef: string | null,
  ): Omit<NewRemittance, 'clinicId' | 'id' | 'x12' | 'receivedById'> &
    Pick<Header, 'payerRef' | 'paymentDate'> {
    return {
      traceNumber: remittance.traceNumber,
      payerIdentifier,
      payerName: remittance.payer.name,
      payerRef,
      paymentAmount: remittance.payment.amount.toDecimal(),
      paymentMethod: remittance.payment.method,
      paymentDate: remittance.payment.date ?? null,
      providerAdjustments: remittance.providerAdjustments.map((p) => ({
        segmentIndex: p.segmentIndex,
        reason: p.reason,
        ...(p.reference === undefined ? {} : { reference: p.reference }),
        amount: p.amount.toDecimal(),
      })),
    };
  }

  /** What the bill receives for a planned CLP; undefined when nothing moves (a denial, or all zero). */
  private posting(
    planned: PlannedClaim,
    remittance: Remittance835,
    remittanceId: string,
    remittanceClaimId: string,
  ): RemittancePosting | undefined {
    const moves = planned.billPosting;
    if (!moves) return undefined;
    if (
      moves.payments.every((p) => p.amount.isZero()) &&
      moves.adjustments.every((a) => a.amount.isZero())
    )
      return undefined;
    return {
      ...moves,
      source: {
        remittanceId,
        remittanceClaimId,
        patientControlNumber: planned.clp.patientControlNumber,
        segmentIndex: planned.clp.segmentIndex,
        method: paymentMethodOf(remittance.payment.method),
        reference: remittance.traceNumber,
      },
    };
  }
}

/**
 * The one 835 transaction of the file. An interchange may carry several (one payment each); this
 * endpoint posts one payment per file, so a second ST is refused naming it (post each separately).
 */
function readOne835(x12: string): Remittance835 {
  const parsed = parse835(x12);
  if (!parsed.ok) throw new InvalidX12(parsed.errors);
  const [remittance, second] = parsed.remittances;
  if (!remittance)
    throw new InvalidX12([
      { segment: 'ST', segmentIndex: 1, message: 'The file holds no 835 transaction (ST)' },
    ]);
  if (second) {
    const st = readX12(x12).segments.filter((s) => s.tag === 'ST')[1];
    throw new InvalidX12([
      {
        segment: 'ST',
        segmentIndex: st?.index ?? 1,
        message:
          'The file holds more than one 835 transaction (one payment each): post each ST/SE in a file of its own',
      },
    ]);
  }
  return remittance;
}

function toPlanClaims(
  claims: readonly ClaimRow[],
  lines: Awaited<ReturnType<RemittanceRepository['linesOf']>>,
): Map<string, PlanClaim> {
  const m = (value: string) => Money.fromDecimal(value);
  return new Map(
    claims.map((c) => [
      c.claimNumber,
      {
        id: c.id,
        claimNumber: c.claimNumber,
        billId: c.billId,
        status: c.status,
        totalCharge: m(c.totalCharge),
        paidAmount: m(c.paidAmount),
        adjustedAmount: m(c.adjustedAmount),
        patientResponsibility: m(c.patientResponsibility),
        payerClaimControlNumber: c.payerClaimControlNumber,
        lines: lines
          .filter((l) => l.claimId === c.id)
          .map((l) => ({
            lineNumber: l.lineNumber,
            billLineNumber: l.billLineNumber,
            procedureCode: l.procedureCode,
            modifiers: l.modifiers,
            paidAmount: m(l.paidAmount),
            adjustedAmount: m(l.adjustedAmount),
            patientResponsibility: m(l.patientResponsibility),
          })),
      },
    ]),
  );
}

/** The `remittance_claims` rows of a plan, in the order of the file. */
function clpRows(plan: RemittancePlan): ClpRow[] {
  const matched: ClpRow[] = plan.claims.map((p) => ({
    ...clpColumns(p.clp),
    claimId: p.claim.id,
    claimNumber: p.claim.claimNumber,
    unmatchedReason: null,
    resultStatus: p.status,
    adjustments: p.adjustments,
    services: p.services,
  }));
  const unmatched: ClpRow[] = plan.unmatched.map((u) => ({
    ...clpColumns(u.clp),
    claimId: null,
    claimNumber: null,
    unmatchedReason: u.reason,
    resultStatus: null,
    adjustments: u.adjustments,
    services: u.services,
  }));
  return [...matched, ...unmatched].sort((a, b) => a.segmentIndex - b.segmentIndex);
}

function clpColumns(clp: PlannedClaim['clp']) {
  return {
    segmentIndex: clp.segmentIndex,
    patientControlNumber: clp.patientControlNumber,
    statusCode: clp.status,
    charge: clp.charge.toDecimal(),
    paid: clp.paid.toDecimal(),
    patientResponsibility: clp.patientResponsibility.toDecimal(),
    payerClaimControlNumber: clp.payerClaimControlNumber ?? null,
  };
}

function toResponse(header: Header, clps: readonly ClpRow[], preview: boolean): RemittanceResponse {
  const m = (value: string) => Money.fromDecimal(value);
  const adjustment = (a: RemittanceAdjustmentJson) => ({
    group: a.group,
    reason: a.reason,
    amount: m(a.amount).toDecimal(),
    quantity: a.quantity ?? null,
  });
  const clp = (c: ClpRow) => {
    const all = [...c.adjustments, ...c.services.flatMap((s) => s.adjustments)];
    const sum = (groups: string[]) =>
      Money.sum(all.filter((a) => groups.includes(a.group)).map((a) => m(a.amount))).toDecimal();
    return {
      segmentIndex: c.segmentIndex,
      patientControlNumber: c.patientControlNumber,
      statusCode: c.statusCode,
      charge: m(c.charge).toDecimal(),
      paid: m(c.paid).toDecimal(),
      adjusted: sum(['CO', 'OA', 'PI']),
      patientResponsibility: sum(['PR']),
      payerClaimControlNumber: c.payerClaimControlNumber ?? null,
      adjustments: c.adjustments.map(adjustment),
      services: c.services.map((s) => ({
        ...s,
        charge: m(s.charge).toDecimal(),
        paid: m(s.paid).toDecimal(),
        adjustments: s.adjustments.map(adjustment),
      })),
    };
  };
  return {
    id: header.id,
    preview,
    traceNumber: header.traceNumber,
    payerIdentifier: header.payerIdentifier,
    payerName: header.payerName,
    payerId: header.payerRef ?? null,
    paymentTotal: m(header.paymentAmount).toDecimal(),
    paymentMethod: header.paymentMethod,
    paymentDate: header.paymentDate ?? null,
    providerAdjustments: header.providerAdjustments.map((p) => ({
      segmentIndex: p.segmentIndex,
      reason: p.reason,
      reference: p.reference ?? null,
      amount: m(p.amount).toDecimal(),
    })),
    claims: clps.flatMap((c) =>
      c.claimId && c.claimNumber !== null && c.resultStatus
        ? [
            {
              claimId: c.claimId,
              claimNumber: c.claimNumber,
              status: c.resultStatus,
              ...clp(c),
            },
          ]
        : [],
    ),
    unmatched: clps.flatMap((c) => {
      if (c.claimId) return [];
      const reason = (c.unmatchedReason ?? 'NO_SUCH_CLAIM') as UnmatchedReason;
      return [{ reason, detail: UNMATCHED_REASONS[reason], ...clp(c) }];
    }),
    createdAt: header.createdAt?.toISOString() ?? null,
  };
}
