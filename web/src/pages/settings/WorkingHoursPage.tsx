import { Button, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api, unwrap } from '../../api/client';
import { useInvalidate, useStaff } from '../../api/queries';
import { notifySuccess } from '../../components/forms';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { useExamRooms, useWorkingHours } from '../calendar/api';
import { dayText, parseDay, WEEKDAYS, type Interval } from './weeklyHours';

type Days = Record<string, string>;

/**
 * Working hours (`PUT /working-hours/:resourceId`): a provider's or an exam room's week, one line
 * per weekday ("08:00-12:00, 13:00-17:00", empty for a day off), in the clinic's time zone. The
 * free-slot search offers only these hours; the desk may still book outside them. An operating
 * room's hours are its opening hours (Rooms).
 */
export function WorkingHoursPage() {
  const staff = useStaff();
  const rooms = useExamRooms();
  const hours = useWorkingHours();
  const invalidate = useInvalidate();
  const [resource, setResource] = useState<string | null>(null);
  const providers = (staff.data ?? []).filter(
    (u) => u.active && (u.role === 'SURGEON' || u.role === 'NURSE'),
  );
  const examRooms = (rooms.data ?? []).filter((r) => r.active);
  const [kind, id] = (resource ?? '').split(':') as ['PROVIDER' | 'ROOM' | '', string | undefined];
  const current = hours.data?.find((h) => h.resourceId === id);
  const form = useForm<Days>({
    initialValues: Object.fromEntries(WEEKDAYS.map((d) => [d, ''])),
  });
  useEffect(() => {
    form.setValues(
      Object.fromEntries(WEEKDAYS.map((d, i) => [d, dayText(current?.intervals ?? [], i + 1)])),
    );
    form.resetDirty();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- when another resource is chosen
  }, [resource, current]);
  const save = useMutation({
    mutationFn: (intervals: Interval[]) =>
      unwrap(
        api.PUT('/api/v1/working-hours/{resourceId}', {
          params: { path: { resourceId: id ?? '' } },
          body: { resourceKind: kind === 'ROOM' ? 'ROOM' : 'PROVIDER', intervals },
        }),
      ),
    onSuccess: async () => {
      notifySuccess('Working hours saved');
      await invalidate(['working-hours'], ['availability']);
    },
  });
  const name = (resourceId: string) =>
    staff.data?.find((u) => u.id === resourceId)?.name ??
    rooms.data?.find((r) => r.id === resourceId)?.name ??
    '—';
  const submit = (values: Days) => {
    const intervals: Interval[] = [];
    let failed = false;
    WEEKDAYS.forEach((d, i) => {
      const parsed = parseDay(values[d] ?? '', i + 1);
      if ('error' in parsed) {
        form.setFieldError(d, parsed.error);
        failed = true;
      } else intervals.push(...parsed.intervals);
    });
    if (!failed) save.mutate(intervals);
  };
  return (
    <>
      <PageHeader title="Working hours" />
      <Text size="sm" mb="md">
        Each provider&apos;s and exam room&apos;s week, in the clinic&apos;s time zone: the calendar
        offers free slots inside these hours only (the desk may still book outside them). Type
        ranges such as 08:00-12:00, 13:00-17:00; leave a day empty for a day off.
      </Text>
      <Select
        label="Provider or exam room"
        placeholder="Choose whose hours to edit"
        data={[
          {
            group: 'Providers',
            items: providers.map((u) => ({ value: `PROVIDER:${u.id}`, label: u.name })),
          },
          {
            group: 'Exam rooms',
            items: examRooms.map((r) => ({ value: `ROOM:${r.id}`, label: r.name })),
          },
        ].filter((g) => g.items.length > 0)}
        value={resource}
        onChange={setResource}
        searchable
        maw={360}
        mb="md"
      />
      {resource !== null && (
        <form noValidate onSubmit={form.onSubmit(submit)} aria-label="Weekly hours">
          <Stack maw={520} gap="xs">
            {WEEKDAYS.map((d) => (
              <TextInput key={d} label={d} placeholder="Day off" {...form.getInputProps(d)} />
            ))}
            <ProblemAlert error={save.error} title="Hours not saved" />
            <Group>
              <Button type="submit" loading={save.isPending}>
                Save hours
              </Button>
            </Group>
          </Stack>
        </form>
      )}
      <QueryState query={hours}>
        {(all) => (
          <Table.ScrollContainer minWidth={720} mt="xl">
            <Table aria-label="Working hours of every provider and room">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Who</Table.Th>
                  {WEEKDAYS.map((d) => (
                    <Table.Th key={d}>{d.slice(0, 3)}</Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {all.map((h) => (
                  <Table.Tr key={h.resourceId}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{name(h.resourceId)}</Table.Td>
                    {WEEKDAYS.map((d, i) => (
                      <Table.Td key={d} style={{ fontSize: 12 }}>
                        {dayText(h.intervals, i + 1) || '—'}
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </QueryState>
    </>
  );
}
