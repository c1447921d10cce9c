import { DomainError } from '../../../common/errors/domain-error';
import type { FieldError } from '../../../common/errors/problem-code';

/** `POST /claims` for a bill none of whose lines is billed to insurance (or only FACILITY lines). */
export class NoInsuredLines extends DomainError {
  readonly status = 409;
  readonly code = 'NO_INSURED_LINES';
  constructor() {
    super('The bill has no INSURANCE line that goes on an 837P claim');
  }
}

/** A bill has at most one claim in flight (DRAFT, SUBMITTED or ACCEPTED). */
export class ClaimAlreadyOpen extends DomainError {
  readonly status = 409;
  readonly code = 'CLAIM_ALREADY_OPEN';
  constructor(readonly claimId?: string) {
    super(
      'The bill already has an open claim (DRAFT, SUBMITTED or ACCEPTED): void or correct it first',
    );
  }
  override details(): Record<string, unknown> {
    return this.claimId ? { claimId: this.claimId } : {};
  }
}

/**
 * What the 837P needs is missing or would be refused: every field at once (`errors[]`), so billing
 * fixes the set-up in one pass. Nothing is created or changed.
 */
export class ClaimDataMissing extends DomainError {
  readonly status = 422;
  readonly code = 'CLAIM_DATA_MISSING';
  constructor(readonly errors: FieldError[]) {
    super(`The claim cannot be built: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
  }
  override details(): Record<string, unknown> {
    return { errors: this.errors };
  }
}
