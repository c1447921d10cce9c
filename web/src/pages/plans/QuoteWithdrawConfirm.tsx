import { Button, Group, Modal, Stack, Text } from '@mantine/core';

/**
 * Asks before a change to a quoted plan's implants and supplies: the API supersedes the plan's
 * quote (its status becomes Superseded) and returns the plan to Draft, so the patient cannot
 * approve it until it is quoted again (docs/procedure-plans.md).
 */
export function QuoteWithdrawConfirm({
  opened,
  change,
  confirmLabel,
  onConfirm,
  onClose,
}: {
  opened: boolean;
  /** What is about to change: "Adding Silicone implant 300cc". */
  change: string;
  confirmLabel: string;
  onConfirm: () => void;
  onClose: () => void;
}) {
  return (
    <Modal opened={opened} onClose={onClose} title="Withdraw the quote?">
      <Stack gap="md">
        <Text size="sm">
          This plan is quoted. {change} withdraws its current quote: the quote is marked superseded
          and the plan returns to Draft. It must be quoted again before the patient can approve it.
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Keep the quote
          </Button>
          <Button
            onClick={() => {
              onConfirm();
              onClose();
            }}
          >
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
