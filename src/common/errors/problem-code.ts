/** The machine codes of API.md's error table, plus the few this service adds. Nothing else. */
export type ProblemCode =
  | 'BAD_REQUEST'
  | 'VALIDATION_FAILED'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'METHOD_NOT_ALLOWED'
  | 'REQUEST_TIMEOUT'
  | 'INVALID_STATE_TRANSITION'
  | 'CONSENT_CONTENT_CHANGED'
  | 'SCHEDULING_BLOCKED'
  | 'INSUFFICIENT_INVENTORY'
  | 'SCHEDULE_CONFLICT'
  | 'DUPLICATE'
  | 'LAST_ACTIVE_ADMIN'
  | 'PLAN_NOT_APPROVABLE'
  | 'IDEMPOTENCY_IN_PROGRESS'
  | 'VERSION_MISMATCH'
  | 'PAYLOAD_TOO_LARGE'
  | 'URI_TOO_LONG'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'RATE_LIMITED'
  | 'HEADERS_TOO_LARGE'
  | 'INTERNAL'
  | 'UNAVAILABLE';

export const PROBLEM_TITLES: Record<ProblemCode, string> = {
  BAD_REQUEST: 'The request is not well-formed HTTP',
  VALIDATION_FAILED: 'The request is not valid',
  UNAUTHENTICATED: 'Authentication required',
  FORBIDDEN: 'Not allowed for your role',
  NOT_FOUND: 'Not found',
  METHOD_NOT_ALLOWED: 'Method not allowed',
  REQUEST_TIMEOUT: 'The request took too long to arrive',
  INVALID_STATE_TRANSITION: 'Not allowed in the current state',
  CONSENT_CONTENT_CHANGED: 'The consent text is not the one the signer saw',
  SCHEDULING_BLOCKED: 'The surgery cannot be scheduled yet',
  INSUFFICIENT_INVENTORY: 'Not enough stock',
  SCHEDULE_CONFLICT: 'The slot is already booked',
  DUPLICATE: 'Already exists',
  LAST_ACTIVE_ADMIN: 'The clinic needs an active admin',
  PLAN_NOT_APPROVABLE: 'The plan cannot be approved yet',
  IDEMPOTENCY_IN_PROGRESS: 'A request with this Idempotency-Key is still being processed',
  VERSION_MISMATCH: 'The record has changed',
  PAYLOAD_TOO_LARGE: 'The request body is too large',
  URI_TOO_LONG: 'The URL is too long',
  UNSUPPORTED_MEDIA_TYPE: 'Unsupported content type',
  IDEMPOTENCY_KEY_REUSED: 'Idempotency-Key reused with another request',
  RATE_LIMITED: 'Too many requests',
  HEADERS_TOO_LARGE: 'The request headers are too large',
  INTERNAL: 'Internal server error',
  UNAVAILABLE: 'Service unavailable',
};

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
