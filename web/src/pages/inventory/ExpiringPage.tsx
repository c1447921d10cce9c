import { Anchor, NumberInput, Table, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { PagedRows } from '../../components/PagedRows';
import { useExpiring } from './queries';
import { ExpiryDate, NOWRAP } from './shared';

const DEFAULT_DAYS = 30;
const MAX_DAYS = 3650;

/** A whole number of days the API takes (0–3650), or null while the field is being edited. */
function validDays(value: string | number | null): number | null {
  if (value === null || value === '') return null;
  const days = Number(value);
  return Number.isInteger(days) && days >= 0 && days <= MAX_DAYS ? days : null;
}

/** Lots that expire within a window and still hold stock or reservations, soonest first. */
export function ExpiringPage() {
  const [params, setParams] = useSearchParams();
  const [value, setValue] = useState<string | number>(
    () => validDays(params.get('withinDays')) ?? DEFAULT_DAYS,
  );
  // An emptied field keeps the last window until a number is typed.
  const [days] = useDebouncedValue(
    validDays(value) ?? validDays(params.get('withinDays')) ?? DEFAULT_DAYS,
    300,
  );
  const query = useExpiring(days);
  const change = (next: string | number) => {
    setValue(next);
    const valid = validDays(next);
    if (valid !== null) setParams({ withinDays: String(valid) }, { replace: true });
  };

  return (
    <>
      <PageHeader title="Expiring stock" />
      <NumberInput
        label="Within days"
        value={value}
        onChange={change}
        min={0}
        max={MAX_DAYS}
        allowDecimal={false}
        allowNegative={false}
        clampBehavior="strict"
        w={160}
        mb="md"
      />
      <PagedRows query={query} empty={`No batch with stock expires within ${days} days.`}>
        {(batches) => (
          <Table.ScrollContainer minWidth={760}>
            <Table striped aria-label="Expiring batches">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Item</Table.Th>
                  <Table.Th>Batch</Table.Th>
                  <Table.Th>Expires</Table.Th>
                  <Table.Th ta="right" style={NOWRAP}>
                    On hand
                  </Table.Th>
                  <Table.Th ta="right">Reserved</Table.Th>
                  <Table.Th ta="right">Available</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {batches.map((b) => (
                  <Table.Tr key={b.batchId}>
                    <Table.Td>
                      <Anchor fz="inherit" component={Link} to={`/inventory/items/${b.itemId}`}>
                        {b.itemName}
                      </Anchor>
                      <Text size="xs" c="dimmed">
                        {b.itemCode}
                      </Text>
                    </Table.Td>
                    <Table.Td style={NOWRAP}>{b.batchNumber}</Table.Td>
                    <Table.Td>
                      <ExpiryDate expiresAt={b.expiresAt} />
                    </Table.Td>
                    <Table.Td ta="right">{b.onHand}</Table.Td>
                    <Table.Td ta="right">{b.reserved}</Table.Td>
                    <Table.Td ta="right">{b.available}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </PagedRows>
    </>
  );
}
