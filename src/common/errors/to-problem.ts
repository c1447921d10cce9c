import { HttpException } from '@nestjs/common';
import { ZodValidationException } from 'nestjs-zod';
import { ZodError, type core } from 'zod';
import { sqlState } from '../database/transaction-runner';
import { DomainError, RateLimited, Unavailable } from './domain-error';
import { problem, type FieldError, type Problem, type ProblemCode } from './problem-code';

export interface ProblemResponse {
  problem: Problem;
  headers: Record<string, string>;
  /** True when the error is a bug or an outage to be logged, not a client mistake. */
  unexpected: boolean;
}

const CONNECTION_ERRORS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EPIPE',
]);

// Malformed or out-of-range values, and text PostgreSQL cannot store (22021: a NUL character,
// which the zod schemas let through): bad input, so a 400, never a 500.
const MALFORMED_VALUE_STATES = new Set(['22P02', '22003', '22007', '22008', '22021', '22P05']);

/** Maps anything thrown while serving a request to its problem+json answer (docs/api.md "Errors"). */
export function toProblem(error: unknown): ProblemResponse {
  const expected = (p: Problem, headers: Record<string, string> = {}): ProblemResponse => ({
    problem: p,
    headers,
    unexpected: false,
  });

  if (error instanceof DomainError) {
    const headers: Record<string, string> = {};
    if (error instanceof RateLimited || error instanceof Unavailable) {
      headers['retry-after'] = String(error.retryAfterSeconds);
    }
    if (error.status === 401) headers['www-authenticate'] = 'Bearer';
    return {
      problem: problem(error.status, error.code, error.message, error.details()),
      headers,
      unexpected: error.status >= 500,
    };
  }
  if (error instanceof ZodValidationException) {
    const zodError = error.getZodError();
    if (zodError instanceof ZodError) return expected(validationProblem(zodIssues(zodError)));
  }
  if (error instanceof ZodError) return expected(validationProblem(zodIssues(error)));

  const state = sqlState(error);
  if (state === '23505') {
    return expected(problem(409, 'DUPLICATE', 'A record with this unique value already exists'));
  }
  if (state === '23P01') {
    // Services name the conflicting record themselves; this is the backstop for any exclusion constraint.
    return expected(problem(409, 'SCHEDULE_CONFLICT', 'The slot overlaps another booking'));
  }
  if (state === '23503') {
    return expected(
      validationProblem([
        { path: '', message: 'The request refers to a record that does not exist' },
      ]),
    );
  }
  if (MALFORMED_VALUE_STATES.has(state ?? '')) {
    return expected(
      validationProblem([{ path: '', message: 'A value is out of range or malformed' }]),
    );
  }
  if (isConnectionError(error, state)) {
    return {
      problem: problem(503, 'UNAVAILABLE', 'The database is unreachable; retry shortly'),
      headers: { 'retry-after': '5' },
      unexpected: true,
    };
  }

  // Nest's own exceptions, and Fastify's errors before a handler runs (malformed or empty JSON
  // body, body over the limit, unsupported content type), which Nest wraps the same way.
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const detail = messageOf(error);
    return {
      problem:
        status === 400
          ? validationProblem([{ path: '', message: detail }])
          : problem(status, codeForStatus(status), detail),
      headers: status === 401 ? { 'www-authenticate': 'Bearer' } : {},
      unexpected: status >= 500,
    };
  }
  return {
    problem: problem(500, 'INTERNAL', 'An unexpected error occurred; it has been logged'),
    headers: {},
    unexpected: true,
  };
}

export function validationProblem(errors: FieldError[]): Problem {
  const detail =
    errors.length === 1 && errors[0]
      ? `${errors[0].path || 'body'}: ${errors[0].message}`
      : `${errors.length} fields are invalid`;
  return problem(400, 'VALIDATION_FAILED', detail, { errors });
}

function zodIssues(error: ZodError): FieldError[] {
  return error.issues.flatMap((issue) => issuesToFields(issue, []));
}

function issuesToFields(issue: core.$ZodIssue, prefix: PropertyKey[]): FieldError[] {
  const path = [...prefix, ...issue.path];
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({ path: joinPath([...path, key]), message: 'Unknown field' }));
  }
  return [{ path: joinPath(path), message: issue.message }];
}

function joinPath(path: PropertyKey[]): string {
  return path
    .map((segment, i) =>
      typeof segment === 'number' ? `[${segment}]` : `${i === 0 ? '' : '.'}${String(segment)}`,
    )
    .join('');
}

function codeForStatus(status: number): ProblemCode {
  switch (status) {
    case 400:
      return 'VALIDATION_FAILED';
    case 401:
      return 'UNAUTHENTICATED';
    case 403:
      return 'FORBIDDEN';
    case 404:
      return 'NOT_FOUND';
    case 405:
      return 'METHOD_NOT_ALLOWED';
    case 413:
      return 'PAYLOAD_TOO_LARGE';
    case 414:
      return 'URI_TOO_LONG';
    case 415:
      return 'UNSUPPORTED_MEDIA_TYPE';
    case 429:
      return 'RATE_LIMITED';
    case 503:
      return 'UNAVAILABLE';
    default:
      return status >= 500 ? 'INTERNAL' : 'VALIDATION_FAILED';
  }
}

function messageOf(error: HttpException): string {
  const response = error.getResponse();
  if (typeof response === 'string') return response;
  if (
    typeof response === 'object' &&
    'message' in response &&
    typeof response.message === 'string'
  ) {
    return response.message;
  }
  return error.message;
}

/**
 * SQLSTATEs a failover or an overloaded server answers, each gone once retried (docs/deployment.md):
 * 25006 a write reached a node just demoted to a replica; 57P01–57P03 the server is shutting
 * down, crashed, or still starting; 53300 no connection slot left; 57014 a statement cancelled
 * by statement_timeout (a wait bounded below the load balancer's). Class 08 (connection
 * exceptions, which PgBouncer also sends when it cannot reach the leader) is checked apart.
 */
const UNAVAILABLE_STATES = new Set(['25006', '57P01', '57P02', '57P03', '53300', '57014']);

function isConnectionError(error: unknown, state: string | undefined): boolean {
  if (state?.startsWith('08') || UNAVAILABLE_STATES.has(state ?? '')) return true;
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++) {
    if ('code' in e && typeof e.code === 'string' && CONNECTION_ERRORS.has(e.code)) return true;
    if (
      /Connection terminated|database closed|timeout exceeded when trying to connect|not queryable|Query read timeout/i.test(
        e.message,
      )
    ) {
      return true;
    }
  }
  return false;
}
