import { DateInput, type DateInputProps } from '@mantine/dates';
import { useState } from 'react';
import { clinicTimeZone } from '../lib/clinicTime';

/**
 * A date and time typed as `2026-12-05 09:00` (keyboard, or a calendar below), on the clinic's
 * clock: the value is `YYYY-MM-DD HH:mm:ss` as Mantine's date inputs write it, a wall-clock
 * reading that lib/clinicTime.ts turns into an instant in the clinic's time zone (never the
 * browser's). The description names the zone unless the caller gives one. While the calendar is open,
 * Escape closes only the calendar: Mantine's modal skips an Escape from an element marked
 * `data-mantine-stop-propagation`.
 */
export function DateTimeField(props: DateInputProps) {
  const [open, setOpen] = useState(false);
  return (
    <DateInput
      withTime
      valueFormat="YYYY-MM-DD HH:mm"
      description={`Time in ${clinicTimeZone()}`}
      {...props}
      data-mantine-stop-propagation={open ? 'true' : undefined}
      onFocus={(event) => {
        setOpen(true);
        props.onFocus?.(event);
      }}
      onClick={(event) => {
        setOpen(true);
        props.onClick?.(event);
      }}
      onInput={() => setOpen(true)}
      onBlur={(event) => {
        setOpen(false);
        props.onBlur?.(event);
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') setOpen(false);
        props.onKeyDown?.(event);
      }}
    />
  );
}
