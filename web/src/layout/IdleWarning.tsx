import { Button, Group, Modal, Text } from '@mantine/core';

/**
 * The minute before the automatic sign-out of an unattended screen: says when, and offers to
 * stay (any key or click in any tab does too) or to sign out now.
 */
export function IdleWarning({
  secondsLeft,
  onStay,
  onSignOut,
}: {
  secondsLeft: number | null;
  onStay: () => void;
  onSignOut: () => void;
}) {
  return (
    <Modal
      opened={secondsLeft !== null}
      onClose={onStay}
      title="Are you still there?"
      closeOnClickOutside={false}
      data-testid="idle-warning"
    >
      <Text role="timer" aria-live="polite">
        To protect patient data, you will be signed out in {secondsLeft ?? 0} s without activity.
      </Text>
      <Group justify="flex-end" mt="md">
        <Button variant="default" onClick={onSignOut}>
          Sign out
        </Button>
        <Button onClick={onStay} data-autofocus>
          Stay signed in
        </Button>
      </Group>
    </Modal>
  );
}
