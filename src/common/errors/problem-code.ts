/** The machine codes of docs/api.md's error table. Nothing else. */
export type ProblemCode =
  | 'BAD_REQUEST'
  | 'VALIDATION_FAILED'
  | 'INVALID_X12'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'CSRF_FAILED'
  | 'NOT_FOUND'
  | 'BILLING_PROFILE_NOT_SET'
  | 'METHOD_NOT_ALLOWED'
  | 'REQUEST_TIMEOUT'
  | 'INVALID_STATE_TRANSITION'
  | 'CONSENT_CONTENT_CHANGED'
  | 'SCHEDULING_BLOCKED'
  | 'INSUFFICIENT_INVENTORY'
  | 'SCHEDULE_CONFLICT'
  | 'START_OUTSIDE_BOOKED_DAY'
  | 'CONSULTATION_NEEDS_SURGEON'
  | 'DUPLICATE'
  | 'LAST_ACTIVE_ADMIN'
  | 'PLAN_NOT_APPROVABLE'
  | 'NO_INSURED_LINES'
  | 'CLAIM_ALREADY_OPEN'
  | 'CLAIM_DATA_MISSING'
  | 'IDEMPOTENCY_IN_PROGRESS'
  | 'VERSION_MISMATCH'
  | 'PAYLOAD_TOO_LARGE'
  | 'URI_TOO_LONG'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'REMITTANCE_EXCEEDS_BALANCE'
  | 'RATE_LIMITED'
  | 'PATIENT_LINK_INVALID'
  | 'PATIENT_LINK_DOB_MISMATCH'
  | 'PATIENT_EMAIL_MISSING'
  | 'MAIL_NOT_CONFIGURED'
  | 'MAIL_NOT_SENT'
  | 'HEADERS_TOO_LARGE'
  | 'INTERNAL'
  | 'UNAVAILABLE';

export const PROBLEM_TITLES: Record<ProblemCode, string> = {
  BAD_REQUEST: 'The request is not well-formed HTTP',
  VALIDATION_FAILED: 'The request is not valid',
  INVALID_X12: 'The X12 file cannot be read, is miscounted or does not balance',
  UNAUTHENTICATED: 'Authentication required',
  FORBIDDEN: 'Not allowed for your role',
  CSRF_FAILED: "The request did not carry the session's CSRF token",
  NOT_FOUND: 'Not found',
  BILLING_PROFILE_NOT_SET: 'The clinic has no billing profile yet',
  METHOD_NOT_ALLOWED: 'Method not allowed',
  REQUEST_TIMEOUT: 'The request took too long to arrive',
  INVALID_STATE_TRANSITION: 'Not allowed in the current state',
  CONSENT_CONTENT_CHANGED: 'The consent text is not the one the signer saw',
  SCHEDULING_BLOCKED: 'The surgery cannot be scheduled yet',
  INSUFFICIENT_INVENTORY: 'Not enough stock',
  SCHEDULE_CONFLICT: 'The slot is already booked',
  START_OUTSIDE_BOOKED_DAY: 'The case is not booked for today',
  CONSULTATION_NEEDS_SURGEON: 'A consultation is held by a surgeon',
  DUPLICATE: 'Already exists',
  LAST_ACTIVE_ADMIN: 'The clinic needs an active admin',
  PLAN_NOT_APPROVABLE: 'The plan cannot be approved yet',
  NO_INSURED_LINES: 'The bill has no line billed to insurance',
  CLAIM_ALREADY_OPEN: 'The bill already has an open claim',
  CLAIM_DATA_MISSING: 'The claim lacks data the 837P needs',
  IDEMPOTENCY_IN_PROGRESS: 'A request with this Idempotency-Key is still being processed',
  VERSION_MISMATCH: 'The record has changed',
  PAYLOAD_TOO_LARGE: 'The request body is too large',
  URI_TOO_LONG: 'The URL is too long',
  UNSUPPORTED_MEDIA_TYPE: 'Unsupported content type',
  IDEMPOTENCY_KEY_REUSED: 'Idempotency-Key reused with another request',
  REMITTANCE_EXCEEDS_BALANCE: "A remittance would take a bill's insurance balance below zero",
  RATE_LIMITED: 'Too many requests',
  PATIENT_LINK_INVALID: 'This link cannot be used',
  PATIENT_LINK_DOB_MISMATCH: 'The date of birth does not match',
  PATIENT_EMAIL_MISSING: 'The patient has no email address',
  MAIL_NOT_CONFIGURED: 'This server sends no email',
  MAIL_NOT_SENT: 'The mail server did not accept the message',
  HEADERS_TOO_LARGE: 'The request headers are too large',
  INTERNAL: 'Internal server error',
  UNAVAILABLE: 'Service unavailable',
};

/**
 * The HTTP status each code is answered with, for the OpenAPI document's error answers. Every
 * DomainError carrying a code has this status (test/openapi-contract.test.ts checks them).
 */
export const PROBLEM_STATUS: Record<ProblemCode, number> = {
  BAD_REQUEST: 400,
  VALIDATION_FAILED: 400,
  INVALID_X12: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  CSRF_FAILED: 403,
  NOT_FOUND: 404,
  BILLING_PROFILE_NOT_SET: 404,
  METHOD_NOT_ALLOWED: 405,
  REQUEST_TIMEOUT: 408,
  INVALID_STATE_TRANSITION: 409,
  CONSENT_CONTENT_CHANGED: 409,
  SCHEDULING_BLOCKED: 409,
  INSUFFICIENT_INVENTORY: 409,
  SCHEDULE_CONFLICT: 409,
  START_OUTSIDE_BOOKED_DAY: 409,
  CONSULTATION_NEEDS_SURGEON: 409,
  DUPLICATE: 409,
  LAST_ACTIVE_ADMIN: 409,
  PLAN_NOT_APPROVABLE: 409,
  NO_INSURED_LINES: 409,
  CLAIM_ALREADY_OPEN: 409,
  CLAIM_DATA_MISSING: 422,
  IDEMPOTENCY_IN_PROGRESS: 409,
  VERSION_MISMATCH: 412,
  PAYLOAD_TOO_LARGE: 413,
  URI_TOO_LONG: 414,
  UNSUPPORTED_MEDIA_TYPE: 415,
  IDEMPOTENCY_KEY_REUSED: 422,
  REMITTANCE_EXCEEDS_BALANCE: 422,
  RATE_LIMITED: 429,
  PATIENT_LINK_INVALID: 401,
  PATIENT_LINK_DOB_MISMATCH: 403,
  PATIENT_EMAIL_MISSING: 422,
  MAIL_NOT_CONFIGURED: 422,
  MAIL_NOT_SENT: 502,
  HEADERS_TOO_LARGE: 431,
  INTERNAL: 500,
  UNAVAILABLE: 503,
};

export function isProblemCode(value: unknown): value is ProblemCode {
  return typeof value === 'string' && Object.hasOwn(PROBLEM_STATUS, value);
}

/** Every code, in the order of the list above. */
export const PROBLEM_CODES: ProblemCode[] = Object.keys(PROBLEM_STATUS).filter(isProblemCode);

export interface FieldError {
  path: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ProblemCode;
  instance?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export function problem(
  status: number,
  code: ProblemCode,
  detail: string,
  extensions: Record<string, unknown> = {},
): Problem {
  return {
    type: `urn:contour:problem:${code.toLowerCase().replaceAll('_', '-')}`,
    title: PROBLEM_TITLES[code],
    status,
    detail,
    code,
    ...extensions,
  };
}
