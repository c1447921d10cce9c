import { DomainError } from '../../../common/errors/domain-error';

export interface ConflictingCase {
  id: string;
  caseNumber: string;
  operatingRoomId: string;
  surgeonId: string;
  scheduledStart: Date;
  scheduledEnd: Date;
}

/** 409 SCHEDULE_CONFLICT (docs/api.md): the room or the surgeon is taken then, by the case it names. */
export class ScheduleConflict extends DomainError {
  readonly status = 409;
  readonly code = 'SCHEDULE_CONFLICT';
  constructor(
    readonly resource: 'operatingRoom' | 'surgeon',
    private readonly conflicting: ConflictingCase,
    private readonly suggestedSlots: readonly { start: Date; end: Date }[] = [],
    private readonly timeZone?: string,
  ) {
    super(
      `${resource === 'operatingRoom' ? 'The operating room' : 'The surgeon'} is booked from ` +
        `${localTime(conflicting.scheduledStart, timeZone)} to ` +
        `${localTime(conflicting.scheduledEnd, timeZone)} by case ${conflicting.caseNumber}`,
    );
  }
  override details(): Record<string, unknown> {
    return {
      conflict: {
        resource: this.resource,
        surgicalCaseId: this.conflicting.id,
        caseNumber: this.conflicting.caseNumber,
        scheduledStart: this.conflicting.scheduledStart.toISOString(),
        scheduledEnd: this.conflicting.scheduledEnd.toISOString(),
      },
      // The same case, by the names the web app links with; never its patient (docs/theater.md).
      conflictingCase: {
        id: this.conflicting.id,
        caseNumber: this.conflicting.caseNumber,
        operatingRoomId: this.conflicting.operatingRoomId,
        scheduledStart: this.conflicting.scheduledStart.toISOString(),
        scheduledEnd: this.conflicting.scheduledEnd.toISOString(),
      },
      suggestedSlots: this.suggestedSlots.map((s) => ({
        start: s.start.toISOString(),
        end: s.end.toISOString(),
      })),
      ...(this.timeZone ? { timeZone: this.timeZone } : {}),
    };
  }
}

/** "Dec 10, 2026, 09:00 (America/New_York)": the clinic's clock, or UTC without a zone. */
function localTime(instant: Date, timeZone: string | undefined): string {
  const zone = timeZone ?? 'UTC';
  const text = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    dateStyle: 'medium',
    timeStyle: 'short',
    hourCycle: 'h23',
  }).format(instant);
  return `${text} (${zone})`;
}
