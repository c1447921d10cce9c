import { DomainError } from '../../../common/errors/domain-error';

/** What holds the time: a surgical case (named by its number) or an appointment. */
export type TimeHolder =
  | {
      kind: 'SURGICAL_CASE';
      id: string;
      caseNumber: string;
      operatingRoomId: string;
      start: Date;
      end: Date;
    }
  | { kind: 'APPOINTMENT'; id: string; start: Date; end: Date };

/** The resource that is taken, by the name of the request's field. */
export type ConflictResource = 'operatingRoom' | 'surgeon' | 'provider' | 'examRoom';

const RESOURCE_NAMES: Record<ConflictResource, string> = {
  operatingRoom: 'The operating room',
  surgeon: 'The surgeon',
  provider: 'The provider',
  examRoom: 'The exam room',
};

/**
 * 409 SCHEDULE_CONFLICT (docs/api.md): the room or the provider is taken then, by the surgical
 * case or the appointment it names (never its patient: docs/theater.md, docs/calendar.md).
 */
export class ScheduleConflict extends DomainError {
  readonly status = 409;
  readonly code = 'SCHEDULE_CONFLICT';
  constructor(
    readonly resource: ConflictResource,
    private readonly holder: TimeHolder,
    private readonly suggestedSlots: readonly { start: Date; end: Date }[] = [],
    private readonly timeZone?: string,
  ) {
    super(
      `${RESOURCE_NAMES[resource]} is booked from ${localTime(holder.start, timeZone)} to ` +
        `${localTime(holder.end, timeZone)} by ` +
        (holder.kind === 'SURGICAL_CASE' ? `case ${holder.caseNumber}` : 'another appointment'),
    );
  }
  override details(): Record<string, unknown> {
    const times = {
      scheduledStart: this.holder.start.toISOString(),
      scheduledEnd: this.holder.end.toISOString(),
    };
    const holder =
      this.holder.kind === 'SURGICAL_CASE'
        ? {
            conflict: {
              resource: this.resource,
              kind: this.holder.kind,
              surgicalCaseId: this.holder.id,
              caseNumber: this.holder.caseNumber,
              ...times,
            },
            // The same case, by the names the web app links with.
            conflictingCase: {
              id: this.holder.id,
              caseNumber: this.holder.caseNumber,
              operatingRoomId: this.holder.operatingRoomId,
              ...times,
            },
          }
        : {
            conflict: {
              resource: this.resource,
              kind: this.holder.kind,
              appointmentId: this.holder.id,
              ...times,
            },
            conflictingAppointment: { id: this.holder.id, ...times },
          };
    return {
      ...holder,
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
