import { Button, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { ApiError } from '../api/problem';
import { applyFieldErrors, notifySuccess } from '../components/forms';
import { ProblemAlert } from '../components/ProblemAlert';

/** The API's rules for a new password (ChangePasswordBody): 12 to 200 characters. */
const PASSWORD_MIN = 12;
const PASSWORD_MAX = 200;

interface Values {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

/**
 * The signed-in user's own password: the current one, the new one twice. `changePassword` is the
 * AuthProvider's, which keeps this session on the fresh token the API answers. A wrong current
 * password (401) shows under its field; other API messages under theirs or in the alert.
 */
export function ChangePasswordModal({
  opened,
  onClose,
  changePassword,
}: {
  opened: boolean;
  onClose: () => void;
  changePassword: (currentPassword: string, newPassword: string) => Promise<void>;
}) {
  const form = useForm<Values>({
    initialValues: { currentPassword: '', newPassword: '', confirmPassword: '' },
    validate: {
      currentPassword: (value) => (value === '' ? 'Enter your current password' : null),
      newPassword: (value) => {
        if (value.length < PASSWORD_MIN) return `At least ${PASSWORD_MIN} characters`;
        return value.length > PASSWORD_MAX ? `At most ${PASSWORD_MAX} characters` : null;
      },
      confirmPassword: (value, values) =>
        value === values.newPassword ? null : 'The two new passwords differ',
    },
  });
  const change = useMutation({
    mutationFn: (values: Values) => changePassword(values.currentPassword, values.newPassword),
  });
  // A 401 is the current password, shown under it; the alert shows anything else.
  const wrongCurrent = change.error instanceof ApiError && change.error.status === 401;
  const close = () => {
    change.reset();
    form.reset();
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title="Change password">
      <form
        noValidate
        onSubmit={form.onSubmit((values) =>
          change.mutate(values, {
            onSuccess: () => {
              notifySuccess('Password changed. Your other sessions have ended.');
              close();
            },
            onError: (error) => {
              if (error instanceof ApiError && error.status === 401) {
                form.setFieldError('currentPassword', error.message);
              } else {
                applyFieldErrors(form, error);
              }
            },
          }),
        )}
      >
        <Stack>
          <Text size="sm">
            Your other sessions end when the password changes; this one stays signed in.
          </Text>
          <PasswordInput
            label="Current password"
            autoComplete="current-password"
            required
            data-autofocus
            {...form.getInputProps('currentPassword')}
          />
          <PasswordInput
            label="New password"
            description={`${PASSWORD_MIN} to ${PASSWORD_MAX} characters`}
            autoComplete="new-password"
            required
            {...form.getInputProps('newPassword')}
          />
          <PasswordInput
            label="Confirm new password"
            autoComplete="new-password"
            required
            {...form.getInputProps('confirmPassword')}
          />
          {!wrongCurrent && (
            <ProblemAlert
              error={change.error}
              title="Password not changed"
              shownFields={['currentPassword', 'newPassword']}
            />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={change.isPending}>
              Change password
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
