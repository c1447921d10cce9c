import { Button, Group } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useAuth } from '../../auth/AuthProvider';
import { notifyError } from '../../components/forms';
import { ReasonConfirmModal } from '../../components/ReasonConfirmModal';
import { api, ifMatch, unwrap } from '../../api/client';
import { useCalendarMutation, type Appointment } from './api';
import { ScheduleModal } from './ScheduleModal';

const who = (a: Appointment) => `${a.patient.firstName} ${a.patient.lastName}`;

/**
 * What can be done to an appointment now, by status and role, each sent with If-Match at the
 * version shown: Check in (BOOKED), Complete (CHECKED_IN), No-show (BOOKED, once its start has
 * passed), Reschedule (BOOKED), Confirm (PROPOSED), Cancel with a reason (PROPOSED, BOOKED).
 */
export function AppointmentActions({
  appointment: a,
  size = 'xs',
}: {
  appointment: Appointment;
  size?: 'xs' | 'sm';
}) {
  const { can } = useAuth();
  const [cancelling, cancel] = useDisclosure(false);
  const [scheduling, schedule] = useDisclosure(false);
  const checkIn = useCalendarMutationFor(a, 'check-in', `${who(a)} checked in`);
  const complete = useCalendarMutationFor(a, 'complete', `${who(a)}'s appointment completed`);
  const noShow = useCalendarMutationFor(a, 'no-show', `${who(a)} recorded as a no-show`);
  const cancelIt = useCalendarMutation(
    (reason: string) =>
      unwrap(
        api.POST('/api/v1/appointments/{id}/cancel', {
          params: { path: { id: a.id }, header: ifMatch(a.version) },
          body: { reason },
        }),
      ),
    () => `${who(a)}'s appointment cancelled`,
  );
  const started = a.start !== null && Date.parse(a.start) <= Date.now();
  const name = who(a);
  const run = (m: ReturnType<typeof useCalendarMutationFor>) =>
    m.mutate(undefined, { onError: notifyError });

  return (
    <Group gap="xs" wrap="wrap">
      {a.status === 'BOOKED' && can('appointments.checkIn') && (
        <Button
          size={size}
          onClick={() => run(checkIn)}
          loading={checkIn.isPending}
          aria-label={`Check in ${name}`}
        >
          Check in
        </Button>
      )}
      {a.status === 'CHECKED_IN' && can('appointments.complete') && (
        <Button
          size={size}
          color="green.8"
          onClick={() => run(complete)}
          loading={complete.isPending}
          aria-label={`Complete ${name}'s appointment`}
        >
          Complete
        </Button>
      )}
      {a.status === 'PROPOSED' && can('appointments.change') && (
        <Button size={size} onClick={schedule.open}>
          Confirm
        </Button>
      )}
      {a.status === 'BOOKED' && can('appointments.change') && (
        <Button
          size={size}
          variant="default"
          onClick={schedule.open}
          aria-label={`Reschedule ${name}`}
        >
          Reschedule
        </Button>
      )}
      {a.status === 'BOOKED' && started && can('appointments.checkIn') && (
        <Button
          size={size}
          variant="default"
          onClick={() => run(noShow)}
          loading={noShow.isPending}
          aria-label={`No-show: ${name}`}
        >
          No-show
        </Button>
      )}
      {(a.status === 'BOOKED' || a.status === 'PROPOSED') && can('appointments.change') && (
        <Button
          size={size}
          variant="default"
          color="red"
          onClick={cancel.open}
          aria-label={`Cancel ${name}'s appointment`}
        >
          Cancel
        </Button>
      )}
      <ReasonConfirmModal
        opened={cancelling}
        onClose={cancel.close}
        title="Cancel the appointment"
        missingReason="Say why the appointment is cancelled"
        keepLabel="Keep appointment"
        confirmLabel="Cancel appointment"
        action={cancelIt}
      >
        {name}&apos;s appointment is cancelled; its time is free again. The history keeps it.
      </ReasonConfirmModal>
      {(a.status === 'PROPOSED' || a.status === 'BOOKED') && (
        <ScheduleModal
          appointment={a}
          mode={a.status === 'PROPOSED' ? 'confirm' : 'reschedule'}
          opened={scheduling}
          onClose={schedule.close}
        />
      )}
    </Group>
  );
}

/** A bodiless action (check in, complete, no-show) at the version shown. */
function useCalendarMutationFor(
  a: Appointment,
  path: 'check-in' | 'complete' | 'no-show',
  done: string,
) {
  const params = { path: { id: a.id }, header: ifMatch(a.version) };
  return useCalendarMutation(
    () =>
      unwrap(
        path === 'check-in'
          ? api.POST('/api/v1/appointments/{id}/check-in', { params })
          : path === 'complete'
            ? api.POST('/api/v1/appointments/{id}/complete', { params, body: {} })
            : api.POST('/api/v1/appointments/{id}/no-show', { params }),
      ),
    () => done,
  );
}
