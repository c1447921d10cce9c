import { Button, Group, Modal, Stack, Textarea, type MantineColor } from '@mantine/core';
import { useForm } from '@mantine/form';
import type { ReactNode } from 'react';
import { applyFieldErrors } from './forms';
import { ProblemAlert } from './ProblemAlert';

/** The API takes a reason of 1 to 2000 characters (trimmed) for every cancel, void or revoke. */
const REASON_MAX = 2000;

/** What the modal needs of a `useMutation` result whose variable is the reason. */
export interface ReasonAction {
  mutate: (
    reason: string,
    options?: { onSuccess?: () => void; onError?: (error: unknown) => void },
  ) => void;
  isPending: boolean;
  error: unknown;
  reset: () => void;
}

/**
 * Confirms an action that cannot be undone (cancel a plan or a case, void a bill) and asks why:
 * the reason is required, sent trimmed as `reason`, and an API message about it shows under the
 * field. Closing, or finishing, clears the form and the last error.
 */
export function ReasonConfirmModal({
  opened,
  onClose,
  title,
  children,
  reasonLabel = 'Reason',
  missingReason,
  keepLabel,
  confirmLabel,
  color = 'red',
  errorTitle,
  action,
  onReload,
}: {
  opened: boolean;
  onClose: () => void;
  title: string;
  /** What the action does, above the reason. */
  children: ReactNode;
  reasonLabel?: string;
  /** The message when no reason is given: "Say why the plan is cancelled". */
  missingReason: string;
  /** The button that closes without acting: "Keep plan". */
  keepLabel: string;
  /** The button that acts: "Confirm cancellation". */
  confirmLabel: string;
  color?: MantineColor;
  errorTitle?: string;
  action: ReasonAction;
  /** After a 412: reload the record the modal acts on (its Reload button). */
  onReload?: () => void;
}) {
  const form = useForm({
    initialValues: { reason: '' },
    validate: {
      reason: (value) => {
        const text = value.trim();
        if (text === '') return missingReason;
        return text.length > REASON_MAX ? `At most ${REASON_MAX} characters` : null;
      },
    },
  });
  const close = () => {
    action.reset();
    form.reset();
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title={title}>
      <form
        noValidate
        onSubmit={form.onSubmit(({ reason }) =>
          action.mutate(reason.trim(), {
            onSuccess: () => {
              form.reset();
              onClose();
            },
            onError: (error) => applyFieldErrors(form, error),
          }),
        )}
      >
        <Stack>
          {children}
          <Textarea
            label={reasonLabel}
            required
            autosize
            minRows={2}
            data-autofocus
            {...form.getInputProps('reason')}
          />
          <ProblemAlert
            error={action.error}
            title={errorTitle}
            shownFields={['reason']}
            onReload={onReload}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {keepLabel}
            </Button>
            <Button type="submit" color={color} loading={action.isPending}>
              {confirmLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
