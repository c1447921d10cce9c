import { Injectable } from '@nestjs/common';
import { AuditWriter } from '../../../common/audit/audit-writer';
import type { Caller } from '../../../common/auth/caller';
import { Clock } from '../../../common/clock';
import type { Db } from '../../../common/database/database';
import { TransactionRunner } from '../../../common/database/transaction-runner';
import { InvalidStateTransition, ValidationFailed } from '../../../common/errors/domain-error';
import { lockedAtVersion } from '../../../common/http/versioning';
import type {
  CancelPriorAuthorizationBody,
  PriorAuthorizationResponse,
  RecordDecisionBody,
} from '../dto/prior-authorization.dto';
import {
  PriorAuthorizationRepository,
  type PriorAuthorizationChanges,
  type PriorAuthorizationRow,
} from '../repositories/prior-authorization.repository';
import type { PriorAuthStatus } from '../repositories/prior-authorization.schema';
import { toPriorAuthorizationResponse } from './prior-authorization.mapper';
import { PRIOR_AUTHORIZATION } from './prior-authorization.service';

/** A DENIED or CANCELLED authorization is final; anything else may be withdrawn. */
const CANCELLABLE: readonly PriorAuthStatus[] = ['DRAFT', 'SUBMITTED', 'APPROVED'];

/**
 * The life of a request with the payer: DRAFT → SUBMITTED → APPROVED | DENIED, and CANCELLED
 * from any state but a final one. Each transition locks the row, checks the state (and If-Match
 * when sent), writes, bumps the version and records an audit event, in one transaction.
 */
@Injectable()
export class PriorAuthorizationWorkflowService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly authorizations: PriorAuthorizationRepository,
    private readonly audit: AuditWriter,
    private readonly clock: Clock,
  ) {}

  submit(
    caller: Caller,
    id: string,
    ifMatch: number | undefined,
  ): Promise<PriorAuthorizationResponse> {
    return this.transition(caller, id, ifMatch, 'prior-authorization.submit', (current) => {
      if (current.status !== 'DRAFT')
        throw new InvalidStateTransition(current.status, 'submit a prior authorization');
      return {
        status: 'SUBMITTED',
        submittedAt: this.clock.now(),
        submittedById: caller.userId,
      };
    });
  }

  /** The payer's answer. Approved codes default to every requested code. */
  recordDecision(
    caller: Caller,
    id: string,
    body: RecordDecisionBody,
    ifMatch: number | undefined,
  ): Promise<PriorAuthorizationResponse> {
    const action =
      body.status === 'APPROVED' ? 'prior-authorization.approve' : 'prior-authorization.deny';
    return this.transition(caller, id, ifMatch, action, (current) => {
      if (current.status !== 'SUBMITTED')
        throw new InvalidStateTransition(
          current.status,
          'record a decision on a prior authorization',
        );
      const decided: PriorAuthorizationChanges = {
        status: body.status,
        decisionNotes: body.notes ?? null,
        decidedAt: this.clock.now(),
        decidedById: caller.userId,
      };
      if (body.status === 'DENIED') return decided;
      const approvedCptCodes = body.approvedCptCodes ?? current.cptCodes;
      assertRequested(approvedCptCodes, current.cptCodes);
      return {
        ...decided,
        authorizationNumber: body.authorizationNumber ?? null,
        approvedCptCodes,
        validFrom: body.validFrom ?? null,
        validTo: body.validTo ?? null,
      };
    });
  }

  cancel(
    caller: Caller,
    id: string,
    body: CancelPriorAuthorizationBody,
    ifMatch: number | undefined,
  ): Promise<PriorAuthorizationResponse> {
    return this.transition(caller, id, ifMatch, 'prior-authorization.cancel', (current) => {
      if (!CANCELLABLE.includes(current.status))
        throw new InvalidStateTransition(current.status, 'cancel a prior authorization');
      return { status: 'CANCELLED', cancelledAt: this.clock.now(), cancelReason: body.reason };
    });
  }

  /** Lock, decide the changes (or refuse), write, audit: one transaction per transition. */
  private transition(
    caller: Caller,
    id: string,
    ifMatch: number | undefined,
    action: string,
    changesOf: (current: PriorAuthorizationRow) => PriorAuthorizationChanges,
  ): Promise<PriorAuthorizationResponse> {
    return this.tx.run(async (db: Db) => {
      const current = lockedAtVersion(
        await this.authorizations.lockById(db, caller.clinicId, id),
        ifMatch,
        PRIOR_AUTHORIZATION,
        id,
      );
      const changes = changesOf(current);
      const updated = await this.authorizations.update(db, caller.clinicId, id, changes);
      await this.audit.record(db, caller, {
        action,
        entityType: PRIOR_AUTHORIZATION,
        entityId: id,
        changedFields: Object.keys(changes),
      });
      return toPriorAuthorizationResponse(updated);
    });
  }
}

/** A payer approves some or all of what was asked, never more; each code once. */
function assertRequested(approved: readonly string[], requested: readonly string[]): void {
  const errors = approved.flatMap((code, i) => {
    const path = `approvedCptCodes[${i}]`;
    if (!requested.includes(code))
      return [{ path, message: `${code} was not requested (${requested.join(', ')})` }];
    if (approved.indexOf(code) !== i) return [{ path, message: `${code} is listed twice` }];
    return [];
  });
  if (errors.length > 0) throw new ValidationFailed(errors);
}
