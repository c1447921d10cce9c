import { DrizzleQueryError } from 'drizzle-orm';
import { sqlState } from '../database/transaction-runner';

/**
 * What of an error may be logged. Database errors carry the query's parameters and key values
 * (names, MRNs) in their message and detail, so only the type, the SQLSTATE, the constraint and
 * the stack frames are kept: never a message built from data. A failed query without a SQLSTATE
 * (the connection dropped) is a DrizzleQueryError whose message lists every parameter, so it keeps
 * only its cause's type and error code (`ECONNREFUSED`).
 */
export function safeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error };
  const state = sqlState(error);
  const frames = (error.stack ?? '')
    .split('\n')
    .filter((line) => line.trimStart().startsWith('at '))
    .join('\n');
  const cause = error.cause instanceof Error ? error.cause : undefined;
  const constraint =
    cause && 'constraint' in cause && typeof cause.constraint === 'string'
      ? cause.constraint
      : undefined;
  const query = failedQuery(error);
  return {
    type: error.constructor.name,
    ...(state ? { sqlState: state } : query ? errorCode(query.cause) : { message: error.message }),
    ...(constraint ? { constraint } : {}),
    ...(cause && !state ? { cause: cause.constructor.name } : {}),
    stack: frames,
  };
}

function failedQuery(error: Error): DrizzleQueryError | undefined {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++) {
    if (e instanceof DrizzleQueryError) return e;
  }
  return undefined;
}

function errorCode(cause: unknown): Record<string, unknown> {
  return cause instanceof Error && 'code' in cause && typeof cause.code === 'string'
    ? { code: cause.code }
    : {};
}
