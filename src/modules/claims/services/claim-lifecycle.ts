import { Injectable } from '@nestjs/common';
import { AuditWriter } from '../../../common/audit/audit-writer';
import type { Caller, ClinicId } from '../../../common/auth/caller';
import type { Clock } from '../../../common/clock';
import type { Db } from '../../../common/database/database';
import { newId } from '../../../common/ids';
import { TransitionTable } from '../../../common/state-machine';
import { StatusLifecycle, type FireOptions } from '../../../common/status-lifecycle';
import {
  ClaimRepository,
  type ClaimChanges,
  type ClaimRow,
} from '../repositories/claim.repository';
import { CLAIM_STATUSES, type ClaimStatus } from '../repositories/claims.schema';

export const CLAIM_EVENTS = [
  'submit',
  'accept',
  'reject',
  'remit',
  'void',
  'replace',
  'cancel',
] as const;
export type ClaimEvent = (typeof CLAIM_EVENTS)[number];

/** What a remit's guards read: the status the 835 gives the claim (docs/claims.md "Statuses"). */
export interface ClaimFacts {
  adjudicated?: 'PAID' | 'PARTIALLY_PAID' | 'DENIED';
}

const ADJUDICABLE = ['SUBMITTED', 'ACCEPTED', 'PARTIALLY_PAID', 'DENIED'] as const;
const CORRECTABLE = ['ACCEPTED', 'PAID', 'PARTIALLY_PAID', 'DENIED'] as const;
const ADJUDICATIONS = ['PAID', 'PARTIALLY_PAID', 'DENIED'] as const;

/**
 * A claim's state machine (docs/claims.md "Statuses"). Only the claims module writes a claim's
 * status, always through `ClaimLifecycle`.
 */
export const CLAIM_TRANSITIONS = new TransitionTable<ClaimStatus, ClaimEvent, ClaimFacts>(
  CLAIM_STATUSES,
  CLAIM_EVENTS,
  [
    { from: 'DRAFT', event: 'submit', to: 'SUBMITTED' },
    { from: 'SUBMITTED', event: 'accept', to: 'ACCEPTED' },
    { from: 'SUBMITTED', event: 'reject', to: 'REJECTED' },
    { from: 'ACCEPTED', event: 'reject', to: 'REJECTED' },
    ...ADJUDICABLE.flatMap((from) =>
      ADJUDICATIONS.map((to) => ({
        from,
        event: 'remit' as const,
        to,
        guard: (f: ClaimFacts) => f.adjudicated === to,
      })),
    ),
    { from: 'DRAFT', event: 'void', to: 'VOID' },
    { from: 'REJECTED', event: 'void', to: 'VOID' },
    ...CORRECTABLE.map((from) => ({ from, event: 'replace' as const, to: 'VOID' as const })),
    ...CORRECTABLE.map((from) => ({ from, event: 'cancel' as const, to: 'VOID' as const })),
  ],
);

/** Where a status change came from, for the claim's history. */
export interface ClaimEventSource {
  submissionId?: string;
  remittanceId?: string;
  note?: string;
}

/**
 * Writes a claim's status with the changes of the event, the `claim_events` history row and the
 * audit `claim.<event>`, in the caller's transaction.
 */
@Injectable()
export class ClaimLifecycle extends StatusLifecycle<
  ClaimStatus,
  ClaimEvent,
  ClaimRow,
  Omit<ClaimChanges, 'status'>,
  ClaimFacts
> {
  protected readonly table = CLAIM_TRANSITIONS;
  protected readonly entityType = 'Claim';
  protected readonly action = 'claim';

  constructor(
    private readonly claims: ClaimRepository,
    audit: AuditWriter,
  ) {
    super(audit);
  }

  /** `fire`, and the history row naming who or what made the change. */
  async change(
    db: Db,
    caller: Caller,
    clock: Clock,
    row: ClaimRow,
    event: ClaimEvent,
    source: ClaimEventSource,
    options: FireOptions<Omit<ClaimChanges, 'status'>> = {},
    facts: ClaimFacts = {},
  ): Promise<ClaimRow> {
    const updated = await this.fire(db, caller, row, event, options, facts);
    await this.claims.insertEvent(db, {
      clinicId: caller.clinicId,
      id: newId(),
      claimId: row.id,
      event,
      fromStatus: row.status,
      toStatus: updated.status,
      actorId: caller.userId,
      submissionId: source.submissionId ?? null,
      remittanceId: source.remittanceId ?? null,
      note: source.note ?? null,
      at: clock.now(),
    });
    return updated;
  }

  protected write(
    db: Db,
    clinicId: ClinicId,
    id: string,
    status: ClaimStatus,
    changes: Omit<ClaimChanges, 'status'> | undefined,
  ): Promise<ClaimRow> {
    return this.claims.update(db, clinicId, id, { ...changes, status });
  }
}
