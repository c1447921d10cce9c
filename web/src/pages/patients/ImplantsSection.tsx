import { Anchor, Table, Text } from '@mantine/core';
import { useQueries } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import { usePagedList } from '../../api/paged';
import { inventoryItemQuery } from '../../api/queries';
import { QueryState } from '../../components/QueryState';
import { SerialNumber } from '../../components/SerialNumber';
import { formatDateTime } from '../../lib/format';
import { implantsOf, type ImplantRow } from './implants';
import { SECTION_PAGE } from './queries';
import { Section } from './Section';

export function ImplantsSection({ patientId }: { patientId: string }) {
  const cases = usePagedList({
    queryKey: ['surgical-cases', 'list', { patientId, status: 'COMPLETED' }],
    page: (cursor) =>
      unwrap(
        api.GET('/api/v1/surgical-cases', {
          params: { query: { patientId, status: 'COMPLETED', limit: SECTION_PAGE, cursor } },
        }),
      ),
  });
  // An implant list must be whole (it answers "what is in this patient"): read every page.
  const { hasNextPage, isFetchingNextPage, isError, fetchNextPage } = cases;
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && !isError) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, isError, fetchNextPage]);

  return (
    <Section title="Implants received">
      <QueryState
        query={cases}
        isEmpty={(rows) => !hasNextPage && implantsOf(rows).length === 0}
        empty="No implants recorded"
      >
        {(rows) => <ImplantTable implants={implantsOf(rows)} />}
      </QueryState>
    </Section>
  );
}

function ImplantTable({ implants }: { implants: readonly ImplantRow[] }) {
  const itemNames = useItemNames([...new Set(implants.map((i) => i.itemId))]);
  return (
    <Table.ScrollContainer minWidth={600}>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Serial number</Table.Th>
            <Table.Th>Item</Table.Th>
            <Table.Th>Case</Table.Th>
            <Table.Th>Date</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {implants.map((i) => (
            <Table.Tr key={i.usageId}>
              <Table.Td>
                <Text size="sm">
                  <SerialNumber>{i.serialNumber}</SerialNumber>
                </Text>
              </Table.Td>
              <Table.Td>
                {itemNames.get(i.itemId) ?? i.itemCode}
                {itemNames.has(i.itemId) && (
                  <Text size="xs" c="dimmed">
                    {i.itemCode}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Anchor component={Link} to={`/cases/${i.caseId}`}>
                  {i.caseNumber}
                </Anchor>
              </Table.Td>
              <Table.Td>{formatDateTime(i.usedAt)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Catalog names of the implanted items; the usage carries only the item's code. */
function useItemNames(ids: readonly string[]): Map<string, string> {
  const items = useQueries({
    queries: ids.map((id) => ({ ...inventoryItemQuery(id), staleTime: 5 * 60_000 })),
  });
  const names = new Map<string, string>();
  for (const item of items) if (item.data !== undefined) names.set(item.data.id, item.data.name);
  return names;
}
