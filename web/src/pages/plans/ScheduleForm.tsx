import { Anchor, Button, Group, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import { ApiError } from '../../api/problem';
import { caseQuery, useOperatingRooms, useInvalidate } from '../../api/queries';
import { useAuth } from '../../auth/AuthProvider';
import { DateTimeField } from '../../components/DateTimeField';
import { applyFieldErrors, notifySuccess } from '../../components/forms';
import { ProblemAlert } from '../../components/ProblemAlert';
import { StatusBadge } from '../../components/StatusBadge';
import { pickerValueAt } from '../../lib/clinicTime';
import { formatDateTime, formatTime, todayIso } from '../../lib/format';
import { ConflictNote } from '../theater/ConflictNote';
import { ReadinessChecklist } from './ReadinessChecklist';
import { pickerPlusHours, pickerToIso, scheduleTimeErrors } from './scheduleTimes';
import { Section } from './Section';
import { SurgeonSelect } from './SurgeonSelect';
import type { Plan, ReadinessCheck } from './types';

/** How the date-time inputs hold an instant: the local clock. */

interface ScheduleValues {
  operatingRoomId: string | null;
  surgeonId: string | null;
  scheduledStart: string | null;
  scheduledEnd: string | null;
}

/** The plan's surgery: booking it once approved, or the link to the booked case. */
export function PlanSchedule({ plan }: { plan: Plan }) {
  const { can } = useAuth();
  if (plan.surgicalCaseId !== null) {
    return (
      <Section id="plan-schedule" title="Surgery">
        <BookedCase caseId={plan.surgicalCaseId} />
      </Section>
    );
  }
  if (plan.status !== 'APPROVED' || !can('cases.schedule')) return null;
  return (
    <Section id="plan-schedule" title="Schedule surgery">
      <ScheduleForm plan={plan} />
    </Section>
  );
}

/** The plan's live case: when and where, and the link to it. */
function BookedCase({ caseId }: { caseId: string }) {
  const { can } = useAuth();
  const surgicalCase = useQuery({ ...caseQuery(caseId), enabled: can('cases.read') });
  const c = surgicalCase.data;
  return (
    <Group gap="sm" wrap="wrap">
      {c !== undefined && (
        <>
          <StatusBadge status={c.status} />
          <Text size="sm">
            {c.caseNumber}: {formatDateTime(c.scheduledStart)} to {formatTime(c.scheduledEnd)},{' '}
            {c.operatingRoomName}
          </Text>
        </>
      )}
      <Anchor component={Link} to={`/cases/${caseId}`} size="sm">
        Open the surgical case
      </Anchor>
    </Group>
  );
}

/** A SCHEDULING_BLOCKED answer carries every check with its detail, as the readiness route does. */
function blockedChecks(error: unknown): ReadinessCheck[] | null {
  if (!(error instanceof ApiError) || error.code !== 'SCHEDULING_BLOCKED') return null;
  const checks = (error.problem as { checks?: unknown }).checks;
  return Array.isArray(checks) ? (checks as ReadinessCheck[]) : null;
}

function ScheduleForm({ plan }: { plan: Plan }) {
  const { user } = useAuth();
  const invalidate = useInvalidate();
  const [shownFields, setShownFields] = useState<string[]>([]);
  const rooms = useOperatingRooms();
  const form = useForm<ScheduleValues>({
    initialValues: {
      operatingRoomId: null,
      // A surgeon booking their own plan is the usual case.
      surgeonId: user?.role === 'SURGEON' ? user.id : null,
      scheduledStart: null,
      scheduledEnd: null,
    },
    validate: (v) => ({
      operatingRoomId: v.operatingRoomId === null ? 'Choose the operating room' : null,
      surgeonId: v.surgeonId === null ? 'Choose the surgeon' : null,
      ...scheduleTimeErrors(v.scheduledStart, v.scheduledEnd),
    }),
  });
  const values = form.getValues();

  const schedule = useMutation({
    mutationFn: (v: ScheduleValues) =>
      unwrap(
        api.POST('/api/v1/surgical-cases', {
          body: {
            procedurePlanId: plan.id,
            operatingRoomId: v.operatingRoomId ?? '',
            surgeonId: v.surgeonId ?? '',
            scheduledStart: pickerToIso(v.scheduledStart) ?? '',
            scheduledEnd: pickerToIso(v.scheduledEnd) ?? '',
          },
        }),
      ),
    onMutate: () => setShownFields([]),
    onSuccess: async (c) => {
      await invalidate(['procedure-plans'], ['surgical-cases'], ['inventory']);
      notifySuccess(`Surgery booked: ${c.caseNumber}, ${formatDateTime(c.scheduledStart)}`);
    },
    onError: (error) => setShownFields(applyFieldErrors(form, error)),
  });
  const checks = blockedChecks(schedule.error);

  return (
    <form onSubmit={form.onSubmit((v) => schedule.mutate(v))}>
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label="Operating room"
            withAsterisk
            data={(rooms.data ?? [])
              .filter((r) => r.active)
              .map((r) => ({ value: r.id, label: r.name }))}
            nothingFoundMessage="No active operating room"
            {...form.getInputProps('operatingRoomId')}
            error={
              form.errors.operatingRoomId ??
              (rooms.isError ? 'Could not load the rooms' : undefined)
            }
          />
          <SurgeonSelect label="Surgeon" withAsterisk {...form.getInputProps('surgeonId')} />
          <DateTimeField
            label="Start"
            withAsterisk
            placeholder="2026-12-05 09:00"
            minDate={todayIso()}
            {...form.getInputProps('scheduledStart')}
            onChange={(start) => {
              // The end follows the start (two hours later) until someone sets it themselves.
              const { scheduledStart: before, scheduledEnd: end } = form.getValues();
              const proposed = before === null ? null : pickerPlusHours(before, 2);
              form.setFieldValue('scheduledStart', start);
              if (start !== null && (end === null || end === proposed)) {
                form.setFieldValue('scheduledEnd', pickerPlusHours(start, 2));
              }
            }}
          />
          <DateTimeField
            label="End"
            withAsterisk
            placeholder="2026-12-05 11:00"
            minDate={values.scheduledStart?.slice(0, 10) ?? todayIso()}
            {...form.getInputProps('scheduledEnd')}
          />
        </SimpleGrid>
        <ProblemAlert
          error={schedule.error}
          title={
            checks !== null
              ? 'The surgery cannot be scheduled yet'
              : schedule.error instanceof ApiError && schedule.error.code === 'SCHEDULE_CONFLICT'
                ? 'That time is taken'
                : 'The surgery was not scheduled'
          }
          shownFields={shownFields}
        />
        {checks !== null && <ReadinessChecklist readiness={{ checks }} planStatus={plan.status} />}
        <ConflictNote
          error={schedule.error}
          taking={schedule.isPending}
          onTake={(slot) => {
            const taken = {
              ...form.getValues(),
              scheduledStart: pickerValueAt(new Date(slot.start)),
              scheduledEnd: pickerValueAt(new Date(slot.end)),
            };
            form.setValues(taken);
            schedule.mutate(taken);
          }}
        />
        <Group>
          <Button type="submit" loading={schedule.isPending}>
            Schedule surgery
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
