import { DomainError } from '../../../common/errors/domain-error';

/** The text the signer saw is not the text of this consent: a signature must bind the exact text. */
export class ConsentContentChanged extends DomainError {
  readonly status = 409;
  readonly code = 'CONSENT_CONTENT_CHANGED';
  constructor() {
    super(
      "contentHash does not match this consent's text: show the signer the current text and sign again",
    );
  }
}
