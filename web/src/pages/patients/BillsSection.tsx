import { Anchor, Table } from '@mantine/core';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import { usePagedList } from '../../api/paged';
import type { components } from '../../api/schema';
import { PagedRows } from '../../components/PagedRows';
import { StatusBadge } from '../../components/StatusBadge';
import { formatDateTime, formatMoney } from '../../lib/format';
import { SECTION_PAGE } from './queries';
import { Section } from './Section';

type Bill = components['schemas']['BillDto_Output'];

export function BillsSection({ patientId }: { patientId: string }) {
  const bills = usePagedList({
    queryKey: ['bills', 'list', { patientId }],
    page: (cursor) =>
      unwrap(
        api.GET('/api/v1/bills', {
          params: { query: { patientId, limit: SECTION_PAGE, cursor } },
        }),
      ),
  });
  return (
    <Section title="Bills">
      <PagedRows query={bills} empty="No bills yet." loadMoreLabel="Load more bills" loadMoreMt={0}>
        {(rows) => <BillTable bills={rows} />}
      </PagedRows>
    </Section>
  );
}

function BillTable({ bills }: { bills: readonly Bill[] }) {
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Bill</Table.Th>
            <Table.Th>Issued</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th ta="right">Total</Table.Th>
            <Table.Th ta="right">Balance</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {bills.map((bill) => (
            <Table.Tr key={bill.id}>
              <Table.Td>
                <Anchor component={Link} to={`/billing/bills/${bill.id}`}>
                  {bill.billNumber}
                </Anchor>
              </Table.Td>
              <Table.Td>{formatDateTime(bill.issuedAt)}</Table.Td>
              <Table.Td>
                <StatusBadge status={bill.status} />
              </Table.Td>
              <Table.Td ta="right">{formatMoney(bill.total)}</Table.Td>
              <Table.Td ta="right">{formatMoney(bill.balance)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
