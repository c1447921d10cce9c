import { sqlState } from './transaction-runner';

/** The constraint an exclusion violation (23P01) names, or undefined for any other error. */
export function exclusionViolation(error: unknown): string | undefined {
  if (sqlState(error) !== '23P01') return undefined;
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++) {
    if ('constraint' in e && typeof e.constraint === 'string') return e.constraint;
  }
  return '';
}
