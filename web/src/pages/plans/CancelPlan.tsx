import { Alert, Button, Group, Modal, Stack, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { useMutation } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { applyFieldErrors, notifySuccess } from '../../components/forms';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useInvalidate } from './queries';
import type { Plan } from './types';

/** "Cancel plan": asks the reason and a confirmation; a scheduled case is cancelled with it. */
export function CancelPlan({ plan }: { plan: Plan }) {
  const [opened, { open, close }] = useDisclosure(false);
  const invalidate = useInvalidate();
  const form = useForm({
    initialValues: { reason: '' },
    validate: { reason: (v) => (v.trim() === '' ? 'Say why the plan is cancelled' : null) },
  });
  const cancel = useMutation({
    mutationFn: (reason: string) =>
      unwrap(
        api.POST('/api/v1/procedure-plans/{id}/cancel', {
          params: { path: { id: plan.id } },
          body: { reason },
        }),
      ),
    onSuccess: async (saved) => {
      await invalidate(['procedure-plans'], ['surgical-cases'], ['consents'], ['inventory-items']);
      notifySuccess(`Plan ${saved.planNumber} cancelled`);
      close();
    },
    onError: (error) => applyFieldErrors(form, error),
  });
  return (
    <>
      <Button color="red" variant="light" onClick={open}>
        Cancel plan
      </Button>
      <Modal opened={opened} onClose={close} title={`Cancel plan ${plan.planNumber}`}>
        <form onSubmit={form.onSubmit((v) => cancel.mutate(v.reason.trim()))}>
          <Stack gap="sm">
            <Alert color="yellow" role="note">
              A cancelled plan cannot be reopened.
              {plan.status === 'SCHEDULED' && ' Its scheduled surgery is cancelled too.'} Reserved
              stock goes back to the shelf and a pending consent is voided.
            </Alert>
            <Textarea
              label="Cancellation reason"
              withAsterisk
              autosize
              minRows={2}
              data-autofocus
              {...form.getInputProps('reason')}
            />
            <ProblemAlert
              error={cancel.error}
              title="The plan was not cancelled"
              shownFields={['reason']}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Keep plan
              </Button>
              <Button type="submit" color="red" loading={cancel.isPending}>
                Confirm cancellation
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
