import { Injectable } from '@nestjs/common';
import { AuditWriter } from '../../../common/audit/audit-writer';
import type { ClinicId } from '../../../common/auth/caller';
import type { Db } from '../../../common/database/database';
import { TransitionTable } from '../../../common/state-machine';
import { StatusLifecycle } from '../../../common/status-lifecycle';
import {
  PriorAuthorizationRepository,
  type PriorAuthorizationChanges,
  type PriorAuthorizationRow,
} from '../repositories/prior-authorization.repository';
import {
  PRIOR_AUTH_STATUSES,
  type PriorAuthStatus,
} from '../repositories/prior-authorization.schema';

export const PRIOR_AUTH_EVENTS = ['submit', 'approve', 'deny', 'cancel'] as const;
export type PriorAuthEvent = (typeof PRIOR_AUTH_EVENTS)[number];

/**
 * A prior authorization's state machine (docs/prior-authorization.md): DRAFT → SUBMITTED →
 * APPROVED | DENIED, and CANCELLED from any state but a final one (DENIED, CANCELLED). Only
 * `PriorAuthorizationWorkflowService` fires it, through `PriorAuthorizationLifecycle`.
 */
export const PRIOR_AUTH_TRANSITIONS = new TransitionTable<PriorAuthStatus, PriorAuthEvent>(
  PRIOR_AUTH_STATUSES,
  PRIOR_AUTH_EVENTS,
  [
    { from: 'DRAFT', event: 'submit', to: 'SUBMITTED' },
    { from: 'SUBMITTED', event: 'approve', to: 'APPROVED' },
    { from: 'SUBMITTED', event: 'deny', to: 'DENIED' },
    { from: 'DRAFT', event: 'cancel', to: 'CANCELLED' },
    { from: 'SUBMITTED', event: 'cancel', to: 'CANCELLED' },
    { from: 'APPROVED', event: 'cancel', to: 'CANCELLED' },
  ],
);

/** Writes a prior authorization's status and its `prior-authorization.<event>` audit event. */
@Injectable()
export class PriorAuthorizationLifecycle extends StatusLifecycle<
  PriorAuthStatus,
  PriorAuthEvent,
  PriorAuthorizationRow,
  Omit<PriorAuthorizationChanges, 'status'>
> {
  protected readonly table = PRIOR_AUTH_TRANSITIONS;
  protected readonly entityType = 'PriorAuthorization';
  protected readonly action = 'prior-authorization';

  constructor(
    private readonly authorizations: PriorAuthorizationRepository,
    audit: AuditWriter,
  ) {
    super(audit);
  }

  protected write(
    db: Db,
    clinicId: ClinicId,
    id: string,
    status: PriorAuthStatus,
    changes: Omit<PriorAuthorizationChanges, 'status'> | undefined,
  ): Promise<PriorAuthorizationRow> {
    return this.authorizations.update(db, clinicId, id, { ...changes, status });
  }
}
