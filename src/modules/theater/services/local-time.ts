import { nextDay, zonedInstant } from '../../../common/time-zone';

/**
 * The theater's days are the clinic's local ones (docs/theater.md); wall-clock times and
 * calendar days in its zone come from common/time-zone.ts.
 */

/** `[start, end)` of a local day, as instants. */
export function localDayBounds(day: string, zone: string): { start: Date; end: Date } {
  return {
    start: zonedInstant(day, '00:00', zone),
    end: zonedInstant(nextDay(day), '00:00', zone),
  };
}
