import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { api, ifMatch, unwrap } from '../../api/client';
import { useAuth } from '../../auth/AuthProvider';
import { applyFieldErrors, notifyError } from '../../components/forms';
import { ApiError } from '../../api/problem';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDate, todayIso } from '../../lib/format';
import { ReasonConfirmModal } from '../../components/ReasonConfirmModal';
import { MoveCaseButton } from './MoveCaseModal';
import { useCaseMutation } from './mutations';
import type { SurgicalCase } from './queries';

/**
 * Starting on the booked day is one click; on another day it asks for confirmation and a reason,
 * which the API keeps and audits (also when the server's clock says another day than ours).
 */
function StartCaseButton({ kase }: { kase: SurgicalCase }) {
  const [opened, { open, close }] = useDisclosure(false);
  const start = useCaseMutation(
    (reason: string | undefined) =>
      unwrap(
        api.POST('/api/v1/surgical-cases/{id}/start', {
          params: { path: { id: kase.id } },
          headers: ifMatch(kase.version),
          body: reason === undefined ? {} : { reason },
        }),
      ),
    () => `${kase.caseNumber} started`,
  );
  const bookedDay = todayIso(new Date(kase.scheduledStart));
  const onBookedDay = bookedDay === todayIso();
  return (
    <>
      <Button
        loading={start.isPending && !opened}
        onClick={() => {
          if (!onBookedDay) {
            start.reset();
            open();
            return;
          }
          start.mutate(undefined, {
            onError: (error) => {
              if (error instanceof ApiError && error.code === 'START_OUTSIDE_BOOKED_DAY') open();
              else notifyError(error);
            },
          });
        }}
      >
        Start case
      </Button>
      <ReasonConfirmModal
        opened={opened}
        onClose={close}
        title={`Start ${kase.caseNumber} outside its day?`}
        reasonLabel="Why start it today"
        missingReason="Say why the case starts on another day than booked"
        keepLabel="Do not start"
        confirmLabel="Start case anyway"
        color="orange.9"
        errorTitle="Not started"
        action={start}
      >
        <Text size="sm">
          {kase.caseNumber} is booked for {formatDate(bookedDay)}, not today. Starting it now is
          recorded with your reason in the audit log.
        </Text>
      </ReasonConfirmModal>
    </>
  );
}

/** Completion consumes what is still reserved and creates the bill, so it asks first. */
function CompleteCaseButton({ kase }: { kase: SurgicalCase }) {
  const [opened, { open, close }] = useDisclosure(false);
  const form = useForm({ initialValues: { notes: '' } });
  const complete = useCaseMutation(
    (notes: string) =>
      unwrap(
        api.POST('/api/v1/surgical-cases/{id}/complete', {
          params: { path: { id: kase.id } },
          headers: ifMatch(kase.version),
          body: notes === '' ? {} : { notes },
        }),
      ),
    () => `${kase.caseNumber} completed; its bill was created`,
    [['inventory'], ['bills']],
  );
  return (
    <>
      <Button
        onClick={() => {
          complete.reset();
          open();
        }}
      >
        Complete case
      </Button>
      <Modal opened={opened} onClose={close} title={`Complete ${kase.caseNumber}`}>
        <form
          onSubmit={form.onSubmit((values) =>
            complete.mutate(values.notes.trim(), {
              onSuccess: () => {
                close();
                form.reset();
              },
              onError: (error) => applyFieldErrors(form, error),
            }),
          )}
        >
          <Stack>
            <Text size="sm">
              Completing the case consumes the implants and supplies still reserved for it, records
              them against the patient, and creates the bill. It cannot be undone.
            </Text>
            <Textarea
              label="Completion notes"
              description="Optional"
              autosize
              minRows={3}
              {...form.getInputProps('notes')}
            />
            <ProblemAlert error={complete.error} title="Not completed" shownFields={['notes']} />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Back
              </Button>
              <Button type="submit" loading={complete.isPending}>
                Confirm completion
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}

function CancelCaseButton({ kase }: { kase: SurgicalCase }) {
  const [opened, { open, close }] = useDisclosure(false);
  const cancel = useCaseMutation(
    (reason: string) =>
      unwrap(
        api.POST('/api/v1/surgical-cases/{id}/cancel', {
          params: { path: { id: kase.id } },
          headers: ifMatch(kase.version),
          body: { reason },
        }),
      ),
    () => `${kase.caseNumber} cancelled; its plan is back to approved`,
  );
  return (
    <>
      <Button color="red.9" variant="light" onClick={open}>
        Cancel case
      </Button>
      <ReasonConfirmModal
        opened={opened}
        onClose={close}
        title={`Cancel ${kase.caseNumber}`}
        missingReason="Say why the case is cancelled"
        keepLabel="Keep case"
        confirmLabel="Confirm cancellation"
        color="red.9"
        errorTitle="Not cancelled"
        action={cancel}
      >
        <Text size="sm">
          The operating room and the surgeon are freed. The plan returns to approved and keeps its
          consent and reserved stock, ready to be booked again.
        </Text>
      </ReasonConfirmModal>
    </>
  );
}

/** The actions the case's status allows and the user's role may take. */
export function CaseActions({ kase }: { kase: SurgicalCase }) {
  const { can } = useAuth();
  const scheduled = kase.status === 'SCHEDULED';
  const inProgress = kase.status === 'IN_PROGRESS';
  return (
    <Group gap="sm" wrap="wrap">
      {scheduled && can('cases.perform') && <StartCaseButton kase={kase} />}
      {inProgress && can('cases.perform') && <CompleteCaseButton kase={kase} />}
      {scheduled && can('cases.schedule') && <MoveCaseButton kase={kase} />}
      {scheduled && can('cases.schedule') && <CancelCaseButton kase={kase} />}
    </Group>
  );
}
