import { DomainError } from '../../../common/errors/domain-error';

/**
 * 409 START_OUTSIDE_BOOKED_DAY (docs/api.md): the case is booked for another local day; starting
 * it anyway takes a `reason`, which is audited.
 */
export class StartOutsideBookedDay extends DomainError {
  readonly status = 409;
  readonly code = 'START_OUTSIDE_BOOKED_DAY';
  constructor(
    private readonly bookedDay: string,
    private readonly today: string,
    private readonly timeZone: string,
  ) {
    super(
      `This case is booked for ${bookedDay}, not today (${today}, ${timeZone}): ` +
        'to start it anyway, confirm and give a reason',
    );
  }
  override details(): Record<string, unknown> {
    return { bookedDay: this.bookedDay, today: this.today, timeZone: this.timeZone };
  }
}
