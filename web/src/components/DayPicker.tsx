import { ActionIcon, Button, Group } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { parseDay, shiftDay } from '../lib/clinicDays';
import { todayIso } from '../lib/format';

function Chevron({ direction }: { direction: 'left' | 'right' }) {
  return (
    <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path
        d={direction === 'left' ? 'M10 3 5 8l5 5' : 'M6 3l5 5-5 5'}
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}

/** A day of the clinic's calendar: the previous day, the date, the next day, and today. */
export function DayPicker({ day, onChange }: { day: string; onChange: (day: string) => void }) {
  const today = todayIso();
  return (
    <Group align="flex-end" gap="xs" wrap="wrap">
      <ActionIcon
        variant="default"
        size="input-sm"
        aria-label="Previous day"
        onClick={() => onChange(shiftDay(day, -1))}
      >
        <Chevron direction="left" />
      </ActionIcon>
      <DateInput
        label="Day"
        value={day}
        onChange={(value) => {
          const next = parseDay(value);
          if (next !== null) onChange(next);
        }}
        valueFormat="ddd, MMM D, YYYY"
        w={190}
      />
      <ActionIcon
        variant="default"
        size="input-sm"
        aria-label="Next day"
        onClick={() => onChange(shiftDay(day, 1))}
      >
        <Chevron direction="right" />
      </ActionIcon>
      <Button variant="default" onClick={() => onChange(today)} disabled={day === today}>
        Today
      </Button>
    </Group>
  );
}
