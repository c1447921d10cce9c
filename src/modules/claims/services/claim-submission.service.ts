import { Injectable } from '@nestjs/common';
import { AuditWriter } from '../../../common/audit/audit-writer';
import type { Caller } from '../../../common/auth/caller';
import { Clock } from '../../../common/clock';
import { SequenceAllocator } from '../../../common/database/sequence-allocator';
import { TransactionRunner } from '../../../common/database/transaction-runner';
import { InvalidStateTransition, NotFound } from '../../../common/errors/domain-error';
import type { FieldError } from '../../../common/errors/problem-code';
import type { Page } from '../../../common/http/pagination';
import { newId } from '../../../common/ids';
import { wallClockAt } from '../../../common/time-zone';
import { ClinicBillingProfileService, ClinicService } from '../../clinic';
import { UserQueries } from '../../user';
import type {
  CreateSubmissionBody,
  ListSubmissionsQuery,
  SubmissionResponse,
  SubmissionSummaryResponse,
} from '../dto/claim.dto';
import {
  ClaimRepository,
  type ClaimLineRow,
  type ClaimRow,
} from '../repositories/claim.repository';
import { build837p } from '../x12/claim-837p.builder';
import { batchOf, claim837pOf } from './claim-837p.assembler';
import { ClaimDataMissing } from './claim-errors';
import { ClaimLifecycle } from './claim-lifecycle';
import { toSubmissionResponse } from './claim.mapper';

const ENTITY = 'ClaimSubmission';
const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * Sends DRAFT claims in one 837P interchange (docs/claims.md "Sending"): the claims locked, the
 * ISA and GS control numbers from the clinic's gap-free sequences, the file built and checked,
 * stored byte for byte, and every claim SUBMITTED, all in one transaction.
 */
@Injectable()
export class ClaimSubmissionService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly claims: ClaimRepository,
    private readonly lifecycle: ClaimLifecycle,
    private readonly profiles: ClinicBillingProfileService,
    private readonly clinics: ClinicService,
    private readonly users: UserQueries,
    private readonly sequences: SequenceAllocator,
    private readonly audit: AuditWriter,
    private readonly clock: Clock,
  ) {}

  submit(caller: Caller, body: CreateSubmissionBody): Promise<SubmissionResponse> {
    return this.tx.run(async (db) => {
      const clinicId = caller.clinicId;
      const locked = await this.claims.lockMany(db, clinicId, body.claimIds);
      const byId = new Map(locked.map((c) => [c.id, c]));
      const claims: ClaimRow[] = body.claimIds.map((id) => {
        const claim = byId.get(id);
        if (!claim) throw new NotFound('Claim', id);
        if (claim.status !== 'DRAFT')
          throw new InvalidStateTransition(
            claim.status,
            'submit',
            `Claim ${claim.claimNumber} is ${claim.status}: only DRAFT claims are submitted`,
          );
        return claim;
      });

      const missing: FieldError[] = [];
      const profile = await this.profiles.findProfile(db, clinicId);
      if (!profile)
        missing.push({
          path: 'billingProfile',
          message: 'The clinic has no billing profile: an admin sets it first',
        });
      const clinic = await this.clinics.getOwnClinic(caller);
      if (!clinic.phone)
        missing.push({
          path: 'clinic.phone',
          message: "The clinic has no phone: the submitter's contact (PER) needs one",
        });
      if (!profile || !clinic.phone) throw new ClaimDataMissing(missing);
      const submitter = await this.users.findById(db, clinicId, caller.userId);

      const originals = await this.originalReferences(db, clinicId, claims);
      const lines = await this.claims.linesOf(
        db,
        clinicId,
        claims.map((c) => c.id),
      );
      const linesByClaim = new Map<string, ClaimLineRow[]>();
      for (const line of lines) {
        const ofClaim = linesByClaim.get(line.claimId);
        if (ofClaim) ofClaim.push(line);
        else linesByClaim.set(line.claimId, [line]);
      }
      const now = this.clock.now();
      const wall = wallClockAt(now, clinic.timeZone);
      // Taken last, just before the insert: the sequence rows stay locked until commit, so
      // concurrent submissions get increasing numbers with no gap (a rollback returns them).
      const interchangeControlNumber = await this.sequences.next(db, clinicId, 'x12.isa');
      const groupControlNumber = await this.sequences.next(db, clinicId, 'x12.gs');
      const built = build837p(
        batchOf(
          profile,
          { name: submitter?.name ?? profile.legalName, phone: clinic.phone },
          {
            interchangeControlNumber,
            groupControlNumber,
            date: `${wall.year}-${pad2(wall.month)}-${pad2(wall.day)}`,
            time: `${pad2(wall.hour)}:${pad2(wall.minute)}`,
            usage: 'P',
          },
          claims.map((c) =>
            claim837pOf(
              c,
              linesByClaim.get(c.id) ?? [],
              c.originalClaimId ? originals.get(c.originalClaimId) : undefined,
            ),
          ),
        ),
      );
      if (!built.ok) throw new ClaimDataMissing(built.errors);

      const submission = await this.claims.insertSubmission(db, {
        clinicId,
        id: newId(),
        interchangeControlNumber,
        groupControlNumber,
        claimIds: claims.map((c) => c.id),
        x12: built.x12,
        submittedById: caller.userId,
      });
      for (const claim of claims)
        await this.lifecycle.change(
          db,
          caller,
          this.clock,
          claim,
          'submit',
          { submissionId: submission.id },
          {
            changes: { submittedAt: now, lastSubmissionId: submission.id },
            metadata: { submissionId: submission.id, interchangeControlNumber },
          },
        );
      return toSubmissionResponse(submission);
    });
  }

  /** The file names patients: every read is audited, as a bill's is. */
  getSubmission(caller: Caller, id: string): Promise<SubmissionResponse> {
    return this.tx.run(async (db) => {
      const row = await this.claims.findSubmission(db, caller.clinicId, id);
      if (!row) throw new NotFound(ENTITY, id);
      await this.audit.recordReads(db, caller, 'claim-submission.read', ENTITY, [row.id]);
      return toSubmissionResponse(row);
    });
  }

  /** The file exactly as it was sent. */
  async x12Of(caller: Caller, id: string): Promise<string> {
    return (await this.getSubmission(caller, id)).x12;
  }

  async listSubmissions(
    caller: Caller,
    query: ListSubmissionsQuery,
  ): Promise<Page<SubmissionSummaryResponse>> {
    const page = await this.claims.listSubmissions(this.tx.db, caller.clinicId, query);
    return {
      data: page.data.map((row) => ({
        id: row.id,
        interchangeControlNumber: row.interchangeControlNumber,
        groupControlNumber: row.groupControlNumber,
        claimIds: row.claimIds,
        submittedById: row.submittedById,
        createdAt: row.createdAt.toISOString(),
      })),
      nextCursor: page.nextCursor,
    };
  }

  /** REF*F8 of each corrected claim: the payer's claim number its original carries. */
  private async originalReferences(
    db: Parameters<ClaimRepository['findById']>[0],
    clinicId: Caller['clinicId'],
    claims: readonly ClaimRow[],
  ): Promise<Map<string, string | undefined>> {
    const refs = new Map<string, string | undefined>();
    for (const c of claims)
      if (c.originalClaimId && !refs.has(c.originalClaimId)) {
        const original = await this.claims.findById(db, clinicId, c.originalClaimId);
        refs.set(c.originalClaimId, original?.payerClaimControlNumber ?? undefined);
      }
    return refs;
  }
}
