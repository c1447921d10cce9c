import { Anchor, Button, Group, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { ApiError } from '../../api/problem';
import { formatDateTime, formatTime } from '../../lib/format';

export interface Slot {
  start: string;
  end: string;
}

export interface Conflict {
  resource: string;
  /** What holds the time: a case (`surgicalCaseId`, `caseNumber`) or an appointment. */
  kind: 'SURGICAL_CASE' | 'APPOINTMENT';
  appointmentId: string;
  surgicalCaseId: string;
  caseNumber: string;
  scheduledStart: string;
  scheduledEnd: string;
  /** Free slots of the same length that day for the room and surgeon (docs/theater.md). */
  suggestedSlots: Slot[];
}

const text = (v: unknown) => (typeof v === 'string' ? v : '');

/** The booking a SCHEDULE_CONFLICT names and the free slots it offers (docs/api.md). */
export function scheduleConflict(error: unknown): Conflict | null {
  if (!(error instanceof ApiError) || error.code !== 'SCHEDULE_CONFLICT') return null;
  const problem = error.problem as { conflict?: unknown; suggestedSlots?: unknown };
  const conflict = problem.conflict;
  if (typeof conflict !== 'object' || conflict === null) return null;
  const c = conflict as Partial<Record<keyof Conflict, unknown>>;
  const slots = Array.isArray(problem.suggestedSlots) ? (problem.suggestedSlots as unknown[]) : [];
  return {
    resource: text(c.resource),
    kind: c.kind === 'APPOINTMENT' ? 'APPOINTMENT' : 'SURGICAL_CASE',
    appointmentId: text(c.appointmentId),
    surgicalCaseId: text(c.surgicalCaseId),
    caseNumber: text(c.caseNumber),
    scheduledStart: text(c.scheduledStart),
    scheduledEnd: text(c.scheduledEnd),
    suggestedSlots: slots
      .filter((s): s is Record<string, unknown> => typeof s === 'object' && s !== null)
      .map((s) => ({ start: text(s.start), end: text(s.end) }))
      .filter((s) => s.start !== '' && s.end !== ''),
  };
}

const RESOURCE_NAMES: Record<string, string> = {
  surgeon: 'The surgeon',
  operatingRoom: 'The operating room',
  provider: 'The provider',
  examRoom: 'The exam room',
};

/**
 * What a clash says: which case or appointment holds the room, surgeon or provider (a link to it), when, in local time,
 * and a button per free slot that takes it.
 */
export function ConflictNote({
  error,
  onNavigate,
  onTake,
  taking = false,
  freeLabel = 'Free that day for this room and surgeon:',
  noSlots = 'No free slot of that length is left that day: choose another day.',
}: {
  /** When the API offers no slot (the calendar's: pick a free cell instead). */
  noSlots?: string;
  /** Above the offered slots (the calendar's: "Free that day for this provider and room:"). */
  freeLabel?: string;
  error: unknown;
  onNavigate?: () => void;
  onTake: (slot: Slot) => void;
  taking?: boolean;
}) {
  const conflict = scheduleConflict(error);
  if (conflict === null) return null;
  const what = RESOURCE_NAMES[conflict.resource] ?? 'The operating room';
  const holder =
    conflict.kind === 'APPOINTMENT' ? (
      <Anchor
        component={Link}
        to={`/calendar/appointments/${conflict.appointmentId}`}
        onClick={onNavigate}
      >
        another appointment
      </Anchor>
    ) : (
      <Anchor component={Link} to={`/cases/${conflict.surgicalCaseId}`} onClick={onNavigate}>
        {conflict.caseNumber}
      </Anchor>
    );
  return (
    <Stack gap="xs" data-testid="schedule-conflict">
      <Text size="sm">
        {what} is taken by {holder} from {formatDateTime(conflict.scheduledStart)} to{' '}
        {formatTime(conflict.scheduledEnd)} (your time zone).
      </Text>
      {conflict.suggestedSlots.length === 0 ? (
        <Text size="sm">{noSlots}</Text>
      ) : (
        <>
          <Text size="sm">{freeLabel}</Text>
          <Group gap="xs">
            {conflict.suggestedSlots.map((slot) => (
              <Button
                key={slot.start}
                size="xs"
                variant="light"
                loading={taking}
                onClick={() => onTake(slot)}
              >
                Take {formatTime(slot.start)} – {formatTime(slot.end)}
              </Button>
            ))}
          </Group>
        </>
      )}
    </Stack>
  );
}
