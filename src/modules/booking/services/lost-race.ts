import { isExclusionViolation } from '../../../common/database/exclusion-violation';

/**
 * Runs a booking's `work` (its own transaction). Two bookings racing for one slot both pass the
 * service's check before either commits; the ledger's exclusion constraint refuses the second.
 * Its transaction is gone by then, so `nameWinner` looks up, on the plain handle, what it lost
 * to and answers the 409 the check would have; when it finds nothing, the database's error stands.
 */
export async function namingLostRace<T>(
  work: () => Promise<T>,
  nameWinner: () => Promise<Error | undefined>,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!isExclusionViolation(error)) throw error;
    throw (await nameWinner()) ?? error;
  }
}
