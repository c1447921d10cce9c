import { DomainError } from '../../../common/errors/domain-error';

/**
 * Every link that cannot be used gets this one answer — unknown, expired, revoked, locked, or its
 * plan cancelled — so a guessed token learns nothing a real expired one would not.
 */
export class PatientLinkInvalid extends DomainError {
  readonly status = 401;
  readonly code = 'PATIENT_LINK_INVALID';
  constructor() {
    super(
      'This link cannot be used: it may have expired or been replaced. Ask the clinic for a new link.',
    );
  }
}

/** A wrong date of birth: counted; the last allowed try locks the link. */
export class PatientLinkDobMismatch extends DomainError {
  readonly status = 403;
  readonly code = 'PATIENT_LINK_DOB_MISMATCH';
  constructor(readonly attemptsLeft: number) {
    super(
      attemptsLeft > 0
        ? `The date of birth does not match our records. ${attemptsLeft} ${attemptsLeft === 1 ? 'try' : 'tries'} left.`
        : 'The date of birth does not match our records. This link is now locked: ask the clinic for a new one.',
    );
  }
  override details(): Record<string, unknown> {
    return { attemptsLeft: this.attemptsLeft };
  }
}

export class PatientEmailMissing extends DomainError {
  readonly status = 422;
  readonly code = 'PATIENT_EMAIL_MISSING';
  constructor() {
    super(
      "The patient has no email address: add one to the patient's record, or create a copy link",
    );
  }
}
