import { DomainError } from '../../../common/errors/domain-error';

/** A clinic always keeps one active ADMIN: without one, no one could manage its users again. */
export class LastActiveAdmin extends DomainError {
  readonly status = 409;
  readonly code = 'LAST_ACTIVE_ADMIN';
  constructor() {
    super("This is the clinic's last active admin: make another user ADMIN first");
  }
}
