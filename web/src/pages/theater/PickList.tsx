import { Button, Card, Group, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { QueryState } from '../../components/QueryState';
import { formatDate } from '../../lib/format';
import type { SurgicalCase } from './queries';

/**
 * The nurse's pick list: what is reserved for the case, by item, size, lot, serial number and
 * expiry. "Print pick list" prints the page (the print styles leave the menu out).
 */
export function PickList({ kase }: { kase: SurgicalCase }) {
  const list = useQuery({
    queryKey: ['surgical-cases', kase.id, 'pick-list'],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/surgical-cases/{id}/pick-list', { params: { path: { id: kase.id } } }),
      ),
  });
  return (
    <Card withBorder>
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          Pick list
        </Title>
        <Button variant="default" size="xs" onClick={() => window.print()} className="no-print">
          Print pick list
        </Button>
      </Group>
      <QueryState
        query={list}
        isEmpty={(l) => l.lines.length === 0}
        empty="Nothing is reserved for this case"
      >
        {(l) => (
          <Table.ScrollContainer minWidth={640}>
            <Table withTableBorder aria-label="Pick list">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Item</Table.Th>
                  <Table.Th scope="col">Size</Table.Th>
                  <Table.Th scope="col">Lot</Table.Th>
                  <Table.Th scope="col">Serial number</Table.Th>
                  <Table.Th scope="col">Expiry</Table.Th>
                  <Table.Th scope="col" ta="right">
                    Qty
                  </Table.Th>
                  <Table.Th scope="col">Picked</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {l.lines.map((line) => (
                  <Table.Tr
                    key={`${line.batchNumber}-${line.serialNumber ?? line.inventoryItemId}`}
                  >
                    <Table.Td>
                      {line.inventoryItemName}
                      <Text size="xs" c="dimmed">
                        {line.inventoryItemCode}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {[line.size, line.shape].filter((v) => v !== null).join(', ') || '—'}
                    </Table.Td>
                    <Table.Td>{line.batchNumber}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{line.serialNumber ?? '—'}</Table.Td>
                    <Table.Td>{formatDate(line.expiresAt)}</Table.Td>
                    <Table.Td ta="right">{line.quantity}</Table.Td>
                    <Table.Td aria-label="Picked (tick on paper)">☐</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </QueryState>
    </Card>
  );
}
