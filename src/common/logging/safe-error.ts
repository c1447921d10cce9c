import { sqlState } from '../database/transaction-runner';

/**
 * What of an error may be logged. Database errors carry the query's parameters and key values
 * (names, MRNs) in their message and detail, so only the type, the SQLSTATE, the constraint and
 * the stack frames are kept: never a message built from data.
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
  return {
    type: error.constructor.name,
    ...(state ? { sqlState: state } : { message: error.message }),
    ...(constraint ? { constraint } : {}),
    ...(cause && !state ? { cause: cause.constructor.name } : {}),
    stack: frames,
  };
}
