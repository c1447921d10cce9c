import { DomainError } from '../../../common/errors/domain-error';

/**
 * A clinic that never saved its billing profile has none, rather than an empty one: a claim
 * cannot be built from blanks, and the web app shows the form to fill in on this code.
 */
export class BillingProfileNotSet extends DomainError {
  readonly status = 404;
  readonly code = 'BILLING_PROFILE_NOT_SET';
  constructor() {
    super(
      'The clinic has no billing profile yet: an admin sets it with PUT /clinic/billing-profile',
    );
  }
}
