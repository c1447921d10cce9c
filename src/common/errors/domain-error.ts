import type { FieldError, ProblemCode } from './problem-code';

/** The one error currency of services: the filter turns each into its status and code. */
export abstract class DomainError extends Error {
  abstract readonly status: number;
  abstract readonly code: ProblemCode;
  details(): Record<string, unknown> {
    return {};
  }
}

export class ValidationFailed extends DomainError {
  readonly status = 400;
  readonly code = 'VALIDATION_FAILED';
  constructor(readonly errors: FieldError[]) {
    super(errors.map((e) => `${e.path}: ${e.message}`).join('; '));
  }
  static field(path: string, message: string): ValidationFailed {
    return new ValidationFailed([{ path, message }]);
  }
  override details(): Record<string, unknown> {
    return { errors: this.errors };
  }
}

export class Unauthenticated extends DomainError {
  readonly status = 401;
  readonly code = 'UNAUTHENTICATED';
  constructor(message = 'A valid bearer token is required') {
    super(message);
  }
}

export class Forbidden extends DomainError {
  readonly status = 403;
  readonly code = 'FORBIDDEN';
  constructor(message = 'Your role may not do this') {
    super(message);
  }
}

/** A write in a cookie session without its CSRF token (docs/security.md "Web sessions"). */
export class CsrfFailed extends DomainError {
  readonly status = 403;
  readonly code = 'CSRF_FAILED';
  constructor(message = 'A write in a web session needs the X-CSRF-Token header') {
    super(message);
  }
}

/** Also the answer for another clinic's record: it must not reveal that the record exists. */
export class NotFound extends DomainError {
  readonly status = 404;
  readonly code = 'NOT_FOUND';
  constructor(entity: string, id?: string) {
    super(id === undefined ? `${entity} not found` : `${entity} ${id} not found`);
  }
}

/**
 * A status that does not allow the event: the problem names both (`currentStatus`, `event`).
 * Record statuses change only through their module's transition table (src/common/state-machine.ts).
 */
export class InvalidStateTransition extends DomainError {
  readonly status = 409;
  readonly code = 'INVALID_STATE_TRANSITION';
  constructor(
    readonly currentStatus: string,
    readonly event: string,
    detail = `Cannot ${event} in status ${currentStatus}`,
  ) {
    super(detail);
  }
  override details(): Record<string, unknown> {
    return { currentStatus: this.currentStatus, event: this.event };
  }
}

export class Duplicate extends DomainError {
  readonly status = 409;
  readonly code = 'DUPLICATE';
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
  override details(): Record<string, unknown> {
    return this.field ? { errors: [{ path: this.field, message: this.message }] } : {};
  }
}

export class VersionMismatch extends DomainError {
  readonly status = 412;
  readonly code = 'VERSION_MISMATCH';
  constructor(readonly currentVersion: number) {
    super(`If-Match names an old version; the current version is ${currentVersion}`);
  }
  override details(): Record<string, unknown> {
    return { currentVersion: this.currentVersion };
  }
}

export class IdempotencyKeyReused extends DomainError {
  readonly status = 422;
  readonly code = 'IDEMPOTENCY_KEY_REUSED';
  constructor() {
    super('This Idempotency-Key was used with a different request');
  }
}

export class IdempotencyInProgress extends DomainError {
  readonly status = 409;
  readonly code = 'IDEMPOTENCY_IN_PROGRESS';
  constructor() {
    super('The first request with this Idempotency-Key has not finished; retry shortly');
  }
}

export class RateLimited extends DomainError {
  readonly status = 429;
  readonly code = 'RATE_LIMITED';
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

export class Unavailable extends DomainError {
  readonly status = 503;
  readonly code = 'UNAVAILABLE';
  constructor(
    message: string,
    readonly retryAfterSeconds = 5,
  ) {
    super(message);
  }
}
