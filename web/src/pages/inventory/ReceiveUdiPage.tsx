import { Anchor, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import { ApiError } from '../../api/problem';
import { notifySuccess } from '../../components/forms';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { RoleGate } from '../../components/RoleGate';
import { formatDate } from '../../lib/format';
import { scanErrors, units } from './lib';
import { inventoryKeys, type ReceivedUnits } from './queries';
import { NOWRAP } from './shared';
import { UdiScanner } from './UdiScanner';

/** What a receipt brought in: one row per label, with the lot it went into. */
function ReceivedTable({ received }: { received: ReceivedUnits['received'] }) {
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table striped aria-label="Received units">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Item</Table.Th>
            <Table.Th>Batch</Table.Th>
            <Table.Th>Expires</Table.Th>
            <Table.Th>Serial number</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {received.map((r, i) => (
            <Table.Tr key={`${r.batchId}:${r.serialNumber ?? i}`}>
              <Table.Td>
                <Anchor fz="inherit" component={Link} to={`/inventory/items/${r.itemId}`}>
                  {r.itemCode}
                </Anchor>
              </Table.Td>
              <Table.Td style={NOWRAP}>{r.batchNumber}</Table.Td>
              <Table.Td>{r.expiresAt === null ? 'No expiry' : formatDate(r.expiresAt)}</Table.Td>
              <Table.Td style={NOWRAP}>{r.serialNumber ?? '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function ReceiveUdi() {
  const queryClient = useQueryClient();
  const [codes, setCodes] = useState<string[]>([]);
  const receive = useMutation({
    mutationFn: (udis: string[]) =>
      unwrap(api.POST('/api/v1/inventory/receive-udi', { body: { udis } })),
    onSuccess: async (result, sent) => {
      // Labels scanned while the request ran stay in the list for the next receipt.
      setCodes((current) => current.slice(sent.length));
      await queryClient.invalidateQueries({ queryKey: inventoryKeys.all });
      notifySuccess(`Received ${units(result.received.length)}`);
    },
  });
  const rowErrors = receive.isError ? scanErrors(receive.error) : {};
  // The lines show their own messages; the alert keeps the rest.
  const shownPaths =
    receive.error instanceof ApiError
      ? (receive.error.problem.errors ?? []).map((e) => e.path).filter((p) => p.startsWith('udis['))
      : [];
  const change = (next: string[]) => {
    // Removing a line shifts the lines after it: the API's per-line messages no longer apply.
    if (next.length < codes.length && receive.isError) receive.reset();
    setCodes(next);
  };

  return (
    <Stack gap="lg">
      <Card withBorder>
        <Stack gap="xs">
          <UdiScanner codes={codes} onChange={change} rowErrors={rowErrors} />
          <ProblemAlert
            error={receive.error}
            title="Nothing was received"
            shownFields={shownPaths}
          />
          <Group justify="space-between" wrap="wrap">
            <Text size="sm" c="dimmed">
              {codes.length === 1 ? '1 label' : `${codes.length} labels`} to receive. All are
              received together, or none.
            </Text>
            <Group gap="sm">
              <Button
                variant="default"
                onClick={() => change([])}
                disabled={codes.length === 0 || receive.isPending}
              >
                Clear list
              </Button>
              <Button
                onClick={() => receive.mutate(codes)}
                disabled={codes.length === 0}
                loading={receive.isPending}
              >
                Receive
              </Button>
            </Group>
          </Group>
        </Stack>
      </Card>
      {receive.isSuccess && (
        <Stack gap="xs">
          <Title order={2} size="h3">
            Received
          </Title>
          {receive.data.received.length === 0 ? (
            <Text c="dimmed">Nothing was received.</Text>
          ) : (
            <ReceivedTable received={receive.data.received} />
          )}
        </Stack>
      )}
    </Stack>
  );
}

/** Receiving by scanning GS1 UDI labels (NURSE, ADMIN): each label is one unit. */
export function ReceiveUdiPage() {
  return (
    <>
      <PageHeader title="Receive by UDI" />
      <RoleGate
        permission="inventory.write"
        message="Receiving stock is for nurses and administrators."
      >
        <ReceiveUdi />
      </RoleGate>
    </>
  );
}
