import { Button, Group } from '@mantine/core';
import { Link, Outlet, useLocation } from 'react-router';

const PAGES = [
  { to: '/settings/calendar/working-hours', label: 'Working hours' },
  { to: '/settings/calendar/time-off', label: 'Time off' },
  { to: '/settings/calendar/exam-rooms', label: 'Exam rooms' },
  { to: '/settings/calendar/appointment-types', label: 'Appointment types' },
] as const;

/**
 * The calendar's settings (issue 19), one Settings tab: working hours, time off, exam rooms and
 * appointment types, each its own page under `/settings/calendar/`.
 */
export function CalendarSettings() {
  const { pathname } = useLocation();
  return (
    <>
      <Group gap="xs" mb="md" component="nav" aria-label="Calendar settings">
        {PAGES.map((p) => (
          <Button
            key={p.to}
            component={Link}
            to={p.to}
            size="xs"
            variant={pathname.startsWith(p.to) ? 'filled' : 'default'}
            aria-current={pathname.startsWith(p.to) ? 'page' : undefined}
          >
            {p.label}
          </Button>
        ))}
      </Group>
      <Outlet />
    </>
  );
}
