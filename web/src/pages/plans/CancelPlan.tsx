import { Alert, Button } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useMutation } from '@tanstack/react-query';
import { api, ifMatch, unwrap } from '../../api/client';
import { useInvalidate } from '../../api/queries';
import { notifySuccess } from '../../components/forms';
import { ReasonConfirmModal } from '../../components/ReasonConfirmModal';
import type { Plan } from './types';

/** "Cancel plan": asks the reason and a confirmation; a scheduled case is cancelled with it. */
export function CancelPlan({ plan }: { plan: Plan }) {
  const [opened, { open, close }] = useDisclosure(false);
  const invalidate = useInvalidate();
  const cancel = useMutation({
    mutationFn: (reason: string) =>
      unwrap(
        api.POST('/api/v1/procedure-plans/{id}/cancel', {
          params: { path: { id: plan.id } },
          headers: ifMatch(plan.version),
          body: { reason },
        }),
      ),
    onSuccess: async (saved) => {
      await invalidate(['procedure-plans'], ['surgical-cases'], ['consents'], ['inventory']);
      notifySuccess(`Plan ${saved.planNumber} cancelled`);
    },
  });
  return (
    <>
      <Button color="red" variant="light" onClick={open}>
        Cancel plan
      </Button>
      <ReasonConfirmModal
        opened={opened}
        onClose={close}
        title={`Cancel plan ${plan.planNumber}`}
        reasonLabel="Cancellation reason"
        missingReason="Say why the plan is cancelled"
        keepLabel="Keep plan"
        confirmLabel="Confirm cancellation"
        errorTitle="The plan was not cancelled"
        action={cancel}
        onReload={() => {
          cancel.reset();
          void invalidate(['procedure-plans', plan.id]);
        }}
      >
        <Alert color="yellow" role="note">
          A cancelled plan cannot be reopened.
          {plan.status === 'SCHEDULED' && ' Its scheduled surgery is cancelled too.'} Reserved stock
          goes back to the shelf and a pending consent is voided.
        </Alert>
      </ReasonConfirmModal>
    </>
  );
}
