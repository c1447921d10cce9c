import { Button, Group } from '@mantine/core';
import { Link } from 'react-router';
import { weekStart } from './day';

export type TheaterView = 'day' | 'week-room' | 'week-surgeon';

/** The theater's views as links: the day, the week by room, the week by surgeon. */
export function TheaterViews({ current, day }: { current: TheaterView; day: string }) {
  const week = weekStart(day);
  const views: { view: TheaterView; label: string; to: string }[] = [
    { view: 'day', label: 'Day', to: `/theater?date=${day}` },
    { view: 'week-room', label: 'Week by room', to: `/theater/week?by=room&start=${week}` },
    {
      view: 'week-surgeon',
      label: 'Week by surgeon',
      to: `/theater/week?by=surgeon&start=${week}`,
    },
  ];
  return (
    <Group gap="xs" mb="md" component="nav" aria-label="Theater views">
      {views.map((v) => (
        <Button
          key={v.view}
          component={Link}
          to={v.to}
          size="xs"
          variant={v.view === current ? 'filled' : 'default'}
          aria-current={v.view === current ? 'page' : undefined}
        >
          {v.label}
        </Button>
      ))}
    </Group>
  );
}
