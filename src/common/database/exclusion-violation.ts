import { sqlState } from './transaction-runner';

/** True when the error is an exclusion-constraint violation (23P01), e.g. two overlapping bookings. */
export function isExclusionViolation(error: unknown): boolean {
  return sqlState(error) === '23P01';
}
