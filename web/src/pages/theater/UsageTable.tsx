import { Table, Text } from '@mantine/core';
import { useMemo } from 'react';
import { useInventoryItems } from '../../api/queries';
import { formatDateTime } from '../../lib/format';
import { useBatchNumbers, type CaseUsage } from './queries';

/** What the case used: recorded during surgery, or consumed from its reservations at completion. */
export function UsageTable({ usages }: { usages: readonly CaseUsage[] }) {
  const items = useInventoryItems();
  const itemIds = useMemo(() => usages.map((u) => u.inventoryItemId), [usages]);
  const batches = useBatchNumbers(itemIds);
  if (usages.length === 0) {
    return (
      <Text c="dimmed" py="xs">
        No inventory recorded for this case yet.
      </Text>
    );
  }
  const itemName = (u: CaseUsage) =>
    items.data?.find((i) => i.id === u.inventoryItemId)?.name ?? u.inventoryItemCode;
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped aria-label="Inventory used">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Item</Table.Th>
            <Table.Th scope="col">Batch</Table.Th>
            <Table.Th scope="col">Serial number</Table.Th>
            <Table.Th scope="col" ta="right">
              Quantity
            </Table.Th>
            <Table.Th scope="col">Recorded</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {usages.map((u) => (
            <Table.Tr key={u.id}>
              <Table.Td>
                <Text size="sm">{itemName(u)}</Text>
                <Text size="xs" c="dimmed">
                  {u.inventoryItemCode}
                </Text>
              </Table.Td>
              <Table.Td>
                {batches.numbers.get(u.batchId) ?? (batches.pending ? '…' : u.batchId.slice(0, 8))}
              </Table.Td>
              <Table.Td>{u.serialNumber ?? '—'}</Table.Td>
              <Table.Td ta="right">{u.quantity}</Table.Td>
              <Table.Td>{formatDateTime(u.usedAt)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
