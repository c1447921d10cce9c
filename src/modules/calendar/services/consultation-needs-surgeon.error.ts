import { DomainError } from '../../../common/errors/domain-error';

/**
 * 409 CONSULTATION_NEEDS_SURGEON (docs/api.md): completing a CONSULTATION appointment opens the
 * consultation record, whose surgeon is the appointment's provider; a nurse's consultation
 * appointment is moved to a surgeon (PATCH providerId) or linked to a consultation first.
 */
export class ConsultationNeedsSurgeon extends DomainError {
  readonly status = 409;
  readonly code = 'CONSULTATION_NEEDS_SURGEON';
  constructor() {
    super(
      "A consultation is held by a surgeon: this appointment's provider is not an active surgeon, so no consultation record can be opened",
    );
  }
}
