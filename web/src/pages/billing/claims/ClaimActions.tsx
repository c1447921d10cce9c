import { Button, Modal, Radio, Stack, Text, TextInput, Group } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { api, ifMatch, unwrap } from '../../../api/client';
import { applyFieldErrors, notifyError, notifySuccess } from '../../../components/forms';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { ReasonConfirmModal } from '../../../components/ReasonConfirmModal';
import { claimActions } from './lib';
import type { Claim } from './types';

/** The claim's actions its status allows (docs/claims.md "Statuses"), each at the version shown. */
export function ClaimActionButtons({ claim }: { claim: Claim }) {
  const allowed = claimActions(claim);
  const queryClient = useQueryClient();
  const done = (updated: Claim, message: string) => {
    queryClient.setQueryData(['claims', claim.id], updated);
    void queryClient.invalidateQueries({ queryKey: ['claims'] });
    void queryClient.invalidateQueries({ queryKey: ['bills', claim.billId] });
    notifySuccess(message);
  };
  const reload = () => void queryClient.invalidateQueries({ queryKey: ['claims', claim.id] });
  const path = { params: { path: { id: claim.id } }, headers: ifMatch(claim.version) };

  const accept = useMutation({
    mutationFn: (): Promise<Claim> => unwrap(api.POST('/api/v1/claims/{id}/accept', path)),
    onSuccess: (updated) => done(updated, `${claim.claimNumber} is accepted.`),
    onError: (error) => {
      notifyError(error);
      reload();
    },
  });
  const reject = useMutation({
    mutationFn: (reason: string): Promise<Claim> =>
      unwrap(api.POST('/api/v1/claims/{id}/reject', { ...path, body: { reason } })),
    onSuccess: (updated) => done(updated, `${claim.claimNumber} is rejected.`),
  });
  const voidClaim = useMutation({
    mutationFn: (reason: string): Promise<Claim> =>
      unwrap(api.POST('/api/v1/claims/{id}/void', { ...path, body: { reason } })),
    onSuccess: (updated) => done(updated, `${claim.claimNumber} is void.`),
  });
  const [rejectOpened, rejectModal] = useDisclosure(false);
  const [voidOpened, voidModal] = useDisclosure(false);
  const [correctOpened, correctModal] = useDisclosure(false);

  return (
    <>
      {allowed.accept && (
        <Button variant="default" loading={accept.isPending} onClick={() => accept.mutate()}>
          Mark accepted
        </Button>
      )}
      {allowed.reject && (
        <Button color="red.9" variant="outline" onClick={rejectModal.open}>
          Mark rejected
        </Button>
      )}
      {allowed.void && (
        <Button color="red.9" variant="outline" onClick={voidModal.open}>
          Void
        </Button>
      )}
      {allowed.correct && <Button onClick={correctModal.open}>Correct or void at the payer</Button>}
      <ReasonConfirmModal
        opened={rejectOpened}
        onClose={rejectModal.close}
        title={`Reject ${claim.claimNumber}?`}
        reasonLabel="The clearinghouse's reason"
        missingReason="Say why the clearinghouse rejected it"
        keepLabel="Cancel"
        confirmLabel="Mark rejected"
        action={reject}
        onReload={reload}
      >
        <Text size="sm">
          The claim goes to REJECTED. Fix what the clearinghouse names, then void it and make a new
          claim from the bill.
        </Text>
      </ReasonConfirmModal>
      <ReasonConfirmModal
        opened={voidOpened}
        onClose={voidModal.close}
        title={`Void ${claim.claimNumber}?`}
        missingReason="Say why the claim is voided"
        keepLabel="Keep claim"
        confirmLabel="Confirm void"
        action={voidClaim}
        onReload={reload}
      >
        <Text size="sm">
          The payer never adjudicated this claim, so nothing is sent: it is only closed here, and
          the bill can have a new claim.
        </Text>
      </ReasonConfirmModal>
      <CorrectionModal claim={claim} opened={correctOpened} onClose={correctModal.close} />
    </>
  );
}

/**
 * A corrected claim (frequency 7, replacing this one at the payer) or a void claim (8, cancelling
 * it): a new DRAFT claim; this one becomes VOID. The payer's claim number (REF*F8) comes from its
 * 835, or is typed here when the claim was only accepted.
 */
function CorrectionModal({
  claim,
  opened,
  onClose,
}: {
  claim: Claim;
  opened: boolean;
  onClose: () => void;
}) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const needsNumber = claim.payerClaimControlNumber === null;
  const form = useForm({
    initialValues: { frequency: '7' as '7' | '8', payerClaimControlNumber: '' },
    validate: {
      payerClaimControlNumber: (value) =>
        needsNumber && value.trim() === ''
          ? "Type the payer's claim number (from its acknowledgement)"
          : null,
    },
  });
  const correct = useMutation({
    mutationFn: (values: {
      frequency: '7' | '8';
      payerClaimControlNumber: string;
    }): Promise<Claim> =>
      unwrap(
        api.POST('/api/v1/claims/{id}/corrections', {
          params: { path: { id: claim.id } },
          headers: ifMatch(claim.version),
          body: {
            frequency: values.frequency,
            ...(needsNumber
              ? { payerClaimControlNumber: values.payerClaimControlNumber.trim() }
              : {}),
          },
        }),
      ),
    onSuccess: (created) => {
      void queryClient.invalidateQueries({ queryKey: ['claims'] });
      notifySuccess(
        `${created.claimNumber} made (${created.frequency === '7' ? 'corrected claim' : 'void claim'}); ${claim.claimNumber} is void.`,
      );
      onClose();
      void navigate(`/billing/claims/${created.id}`);
    },
    onError: (error) => applyFieldErrors(form, error),
  });
  const close = () => {
    correct.reset();
    form.reset();
    onClose();
  };
  return (
    <Modal
      opened={opened}
      onClose={close}
      title={`Correct or void ${claim.claimNumber} at the payer`}
    >
      <form noValidate onSubmit={form.onSubmit((values) => correct.mutate(values))}>
        <Stack>
          <Radio.Group label="What to send" {...form.getInputProps('frequency')}>
            <Stack gap="xs" mt="xs">
              <Radio
                value="7"
                label="Corrected claim (frequency 7)"
                description="Replaces this claim at the payer, with the patient's, payer's and plan's data as they are now."
              />
              <Radio
                value="8"
                label="Void claim (frequency 8)"
                description="Tells the payer to cancel this claim; same lines."
              />
            </Stack>
          </Radio.Group>
          {needsNumber ? (
            <TextInput
              label="Payer's claim number"
              description="No 835 has named it yet: copy it from the payer's acknowledgement."
              required
              {...form.getInputProps('payerClaimControlNumber')}
            />
          ) : (
            <Text size="sm">
              The payer's claim number {claim.payerClaimControlNumber} goes in REF*F8.
            </Text>
          )}
          <Text size="sm">
            A new DRAFT claim is made; submit it from the worklist. {claim.claimNumber} becomes
            VOID.
          </Text>
          <ProblemAlert
            error={correct.error}
            shownFields={['payerClaimControlNumber', 'frequency']}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={correct.isPending}>
              Make the new claim
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
