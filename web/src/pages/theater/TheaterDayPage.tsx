import { Group, Loader, Switch } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useOperatingRooms, useStaff } from '../../api/queries';
import { PageHeader } from '../../components/PageHeader';
import { PdfButton } from '../../components/PdfButton';
import { QueryState } from '../../components/QueryState';
import { DayPicker } from '../../components/DayPicker';
import { todayIso } from '../../lib/format';
import { dayRange, parseDay } from './day';
import { DayGrid } from './DayGrid';
import { caseRows, placeCases } from './placement';
import { useCasesBetween, useNextDayWithCases, type SurgicalCase } from './queries';
import { TheaterViews } from './TheaterViews';

const fullDate = new Intl.DateTimeFormat('en-US', { dateStyle: 'full' });

/**
 * `/theater?date=YYYY-MM-DD`: the operating rooms of one day, hour by hour. Without a date it
 * opens on the next day with a live case, from today on (today when there is none).
 */
export function TheaterDayPage() {
  const [params] = useSearchParams();
  const chosen = parseDay(params.get('date'));
  const next = useNextDayWithCases(chosen === null);
  if (chosen === null && next.isPending) {
    return (
      <>
        <PageHeader title="Theater day" />
        <Loader aria-label="Finding the next day with cases" />
      </>
    );
  }
  return <TheaterDay day={chosen ?? next.data ?? todayIso()} />;
}

function TheaterDay({ day }: { day: string }) {
  const [, setParams] = useSearchParams();
  const [showCancelled, setShowCancelled] = useState(false);
  const { start, end } = useMemo(() => dayRange(day), [day]);

  const rooms = useOperatingRooms();
  const cases = useCasesBetween(start.toISOString(), end.toISOString());
  const staff = useStaff();
  const surgeonNames = useMemo(
    () => new Map((staff.data ?? []).map((u) => [u.id, u.name])),
    [staff.data],
  );

  const shown = (all: SurgicalCase[]) =>
    all.filter(
      (c) => (showCancelled || c.status !== 'CANCELLED') && caseRows(c, start, end) !== null,
    );

  return (
    <>
      <PageHeader title="Theater day">
        <PdfButton path={`/api/v1/theater/day.pdf?date=${day}`}>Day sheet PDF</PdfButton>
      </PageHeader>
      <TheaterViews current="day" day={day} />
      <Group justify="space-between" align="flex-end" wrap="wrap" mb="md">
        <DayPicker day={day} onChange={(next) => setParams({ date: next })} />
        <Switch
          label="Show cancelled cases"
          checked={showCancelled}
          onChange={(event) => setShowCancelled(event.currentTarget.checked)}
        />
      </Group>
      <QueryState query={rooms}>
        {(roomList) => (
          <QueryState
            query={cases}
            isEmpty={(all) => shown(all).length === 0}
            empty="No cases on this day"
          >
            {(all) => (
              <DayGrid
                grid={placeCases(shown(all), roomList, start, end)}
                caption={`Operating rooms on ${fullDate.format(start)}`}
                dayStart={start}
                dayEnd={end}
                surgeonNames={surgeonNames}
              />
            )}
          </QueryState>
        )}
      </QueryState>
    </>
  );
}
