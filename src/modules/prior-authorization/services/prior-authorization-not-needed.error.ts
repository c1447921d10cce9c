import { DomainError } from '../../../common/errors/domain-error';

/**
 * A prior authorization asked for a COSMETIC plan: insurance pays for none of it, so there is
 * nothing for a payer to authorize. A 409 INVALID_STATE_TRANSITION like any request the plan's
 * state does not allow, with a detail that says why.
 */
export class PriorAuthorizationNotNeeded extends DomainError {
  readonly status = 409;
  readonly code = 'INVALID_STATE_TRANSITION';
  constructor() {
    super('A cosmetic plan needs no prior authorization: insurance pays for none of it');
  }
  override details(): Record<string, unknown> {
    return { procedureType: 'COSMETIC' };
  }
}
