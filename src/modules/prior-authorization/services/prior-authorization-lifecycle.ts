import { TransitionTable } from '../../../common/state-machine';
import {
  PRIOR_AUTH_STATUSES,
  type PriorAuthStatus,
} from '../repositories/prior-authorization.schema';

export const PRIOR_AUTH_EVENTS = ['submit', 'approve', 'deny', 'cancel'] as const;
export type PriorAuthEvent = (typeof PRIOR_AUTH_EVENTS)[number];

/**
 * A prior authorization's state machine (docs/prior-authorization.md): DRAFT → SUBMITTED →
 * APPROVED | DENIED, and CANCELLED from any state but a final one (DENIED, CANCELLED). Only
 * `PriorAuthorizationWorkflowService` fires it; the audit event is `prior-authorization.<event>`.
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
