import { Button, Group, Modal, Stack, type ModalProps } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useMutation, type QueryKey } from '@tanstack/react-query';
import { useState, type FormEventHandler, type ReactNode } from 'react';
import { useInvalidate } from '../../api/queries';
import { applyFieldErrors, notifySuccess } from '../../components/forms';
import { ProblemAlert } from '../../components/ProblemAlert';

/**
 * The save of a settings dialog: on success the lists named are refreshed, the message shown and
 * the dialog closed; a refusal puts the API's field errors on the form. Returns the props of
 * `SettingsFormModal` that follow from it.
 */
export function useSettingsSave<V, S>({
  form,
  save,
  invalidates,
  savedMessage,
  onClose,
}: {
  form: UseFormReturnType<V>;
  save: (values: V) => Promise<S>;
  /** What a save makes stale; the first is read again by Reload after a 412. */
  invalidates: readonly [QueryKey, ...QueryKey[]];
  savedMessage: (saved: S) => string;
  onClose: () => void;
}) {
  const invalidate = useInvalidate();
  const [shown, setShown] = useState<string[]>([]);
  const mutation = useMutation({
    mutationFn: save,
    onSuccess: async (saved) => {
      await invalidate(...invalidates);
      notifySuccess(savedMessage(saved));
      onClose();
    },
    onError: (error) => setShown(applyFieldErrors(form, error)),
  });
  return {
    onClose,
    onSubmit: form.onSubmit((v) => mutation.mutate(v)),
    error: mutation.error,
    shownFields: shown,
    onReload: () => {
      void invalidate(invalidates[0]);
      onClose();
    },
    saving: mutation.isPending,
  };
}

/**
 * The add/edit dialog of a settings list (payers, rooms, fees, staff): a modal around one form,
 * the API's refusal on top (with Reload after a 412 when `onReload` is given), the fields, then
 * Cancel and the save button. Each page keeps its own form, checks and request.
 */
export function SettingsFormModal({
  title,
  size,
  opened = true,
  onClose,
  onSubmit,
  error,
  errorTitle,
  shownFields,
  onReload,
  saving,
  saveLabel,
  children,
}: {
  title: string;
  size?: ModalProps['size'];
  opened?: boolean;
  onClose: () => void;
  onSubmit: FormEventHandler<HTMLFormElement>;
  /** The save's error (null or undefined: none). */
  error: unknown;
  errorTitle: string;
  shownFields: readonly string[];
  onReload?: () => void;
  saving: boolean;
  saveLabel: string;
  children: ReactNode;
}) {
  return (
    <Modal opened={opened} onClose={onClose} title={title} size={size}>
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          <ProblemAlert
            error={error}
            title={errorTitle}
            shownFields={shownFields}
            onReload={onReload}
          />
          {children}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={saving}>
              {saveLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
