import { Button, Group, Modal, Stack, type ModalProps } from '@mantine/core';
import type { FormEventHandler, ReactNode } from 'react';
import { ProblemAlert } from '../../components/ProblemAlert';

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
