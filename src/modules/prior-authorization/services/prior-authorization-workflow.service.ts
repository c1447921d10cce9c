import { Injectable } from '@nestjs/common';
import type { Caller } from '../../../common/auth/caller';
import { Clock } from '../../../common/clock';
import type { Db } from '../../../common/database/database';
import { TransactionRunner } from '../../../common/database/transaction-runner';
import { ValidationFailed } from '../../../common/errors/domain-error';
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
import { PriorAuthorizationLifecycle, type PriorAuthEvent } from './prior-authorization-lifecycle';
import { toPriorAuthorizationResponse } from './prior-authorization.mapper';
import { PRIOR_AUTHORIZATION } from './prior-authorization.service';

/**
 * The life of a request with the payer, through its one table (`PRIOR_AUTH_TRANSITIONS`). Each
 * transition locks the row, checks If-Match when sent and then the table, and fires the event
 * (`PriorAuthorizationLifecycle`: the status with the event's fields, a new version,
 * `prior-authorization.<event>`), in one transaction.
 */
@Injectable()
export class PriorAuthorizationWorkflowService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly authorizations: PriorAuthorizationRepository,
    private readonly lifecycle: PriorAuthorizationLifecycle,
    private readonly clock: Clock,
  ) {}

  submit(
    caller: Caller,
    id: string,
    ifMatch: number | undefined,
  ): Promise<PriorAuthorizationResponse> {
    return this.transition(caller, id, ifMatch, 'submit', () => {
      return {
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
    const event = body.status === 'APPROVED' ? 'approve' : 'deny';
    return this.transition(caller, id, ifMatch, event, (current) => {
      const decided: PriorAuthorizationChanges = {
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
    return this.transition(caller, id, ifMatch, 'cancel', () => {
      return { cancelledAt: this.clock.now(), cancelReason: body.reason };
    });
  }

  /** Lock, check the table, decide the changes (or refuse), write, audit: one transaction. */
  private transition(
    caller: Caller,
    id: string,
    ifMatch: number | undefined,
    event: PriorAuthEvent,
    changesOf: (current: PriorAuthorizationRow) => Omit<PriorAuthorizationChanges, 'status'>,
  ): Promise<PriorAuthorizationResponse> {
    return this.tx.run(async (db: Db) => {
      const current = lockedAtVersion(
        await this.authorizations.lockById(db, caller.clinicId, id),
        ifMatch,
        PRIOR_AUTHORIZATION,
        id,
      );
      // The table first: a refused event is a 409 before the body's fields are checked.
      this.lifecycle.assertAllows(current, event);
      const updated = await this.lifecycle.fire(db, caller, current, event, {
        changes: changesOf(current),
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
