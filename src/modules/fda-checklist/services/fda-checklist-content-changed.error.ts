import { DomainError } from '../../../common/errors/domain-error';

/** The text the patient initialed is not this checklist's: a signature must bind the exact text. */
export class FdaChecklistContentChanged extends DomainError {
  readonly status = 409;
  readonly code = 'CONSENT_CONTENT_CHANGED';
  constructor() {
    super(
      "contentHash does not match this checklist's text: show the patient the current text and sign again",
    );
  }
}
