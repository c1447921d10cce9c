import { Anchor, Button, Group, Select, Table, Text } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { LoadMore } from '../../components/LoadMore';
import { PageHeader } from '../../components/PageHeader';
import { PatientLink } from '../../components/PatientLink';
import { QueryState } from '../../components/QueryState';
import { StatusBadge } from '../../components/StatusBadge';
import { formatDateTime, formatMoney } from '../../lib/format';
import { BillingTabs } from './BillingTabs';
import { PATIENT_UNAVAILABLE } from './linkLabels';
import { BILL_STATUS_OPTIONS, isBillStatus } from './labels';

const PAGE_SIZE = 25;

/** The bills of the clinic, newest first; `?status=` and `?patientId=` narrow them. */
export function BillsPage() {
  const [params, setParams] = useSearchParams();
  const rawStatus = params.get('status');
  const status = isBillStatus(rawStatus) ? rawStatus : undefined;
  const patientId = params.get('patientId') ?? undefined;
  const filters = { status, patientId };

  const query = useInfiniteQuery({
    // 'pages' keeps this infinite query apart from a one-page list of the same filters elsewhere.
    queryKey: ['bills', 'list', filters, 'pages'],
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/bills', {
          params: { query: { ...filters, limit: PAGE_SIZE, cursor: pageParam } },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

  const setFilter = (name: string, value: string | null) => {
    // The URL as it is now, not as this render saw it: two filters set in quick succession
    // (From, then To) must not undo each other while the router's update is pending.
    const next = new URLSearchParams(window.location.search);
    if (value === null || value === '') next.delete(name);
    else next.set(name, value);
    setParams(next, { replace: true });
  };

  return (
    <>
      <PageHeader title="Bills" />
      <BillingTabs />
      <Group mb="md" wrap="wrap" align="flex-end">
        <Select
          label="Status"
          placeholder="Any status"
          data={BILL_STATUS_OPTIONS}
          value={status ?? null}
          onChange={(value) => setFilter('status', value)}
          clearable
          w={200}
        />
        {patientId !== undefined && (
          <Group gap="xs" wrap="wrap">
            <Text span>
              Patient: <PatientLink id={patientId} fallback={PATIENT_UNAVAILABLE} />
            </Text>
            <Button variant="subtle" size="compact-sm" onClick={() => setFilter('patientId', null)}>
              Show all patients
            </Button>
          </Group>
        )}
      </Group>
      <QueryState
        query={query}
        isEmpty={(data) => data.pages.every((page) => page.data.length === 0)}
        empty={
          status !== undefined || patientId !== undefined
            ? 'No bills match these filters.'
            : 'No bills yet. A bill is made when a surgical case is completed.'
        }
      >
        {(data) => (
          <>
            <Table.ScrollContainer minWidth={900}>
              <Table striped highlightOnHover>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Bill</Table.Th>
                    <Table.Th>Patient</Table.Th>
                    <Table.Th>Status</Table.Th>
                    <Table.Th>Issued</Table.Th>
                    <Table.Th ta="right">Total</Table.Th>
                    <Table.Th ta="right">Insurance</Table.Th>
                    <Table.Th ta="right">Patient portion</Table.Th>
                    <Table.Th ta="right">Paid</Table.Th>
                    <Table.Th ta="right">Balance</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.pages.flatMap((page) =>
                    page.data.map((bill) => (
                      <Table.Tr key={bill.id}>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>
                          <Anchor component={Link} to={`/billing/bills/${bill.id}`}>
                            {bill.billNumber}
                          </Anchor>
                        </Table.Td>
                        <Table.Td>
                          <PatientLink id={bill.patientId} fallback={PATIENT_UNAVAILABLE} />
                        </Table.Td>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>
                          <StatusBadge status={bill.status} />
                        </Table.Td>
                        <Table.Td>{formatDateTime(bill.issuedAt)}</Table.Td>
                        <Table.Td ta="right">{formatMoney(bill.total)}</Table.Td>
                        <Table.Td ta="right">{formatMoney(bill.insuranceTotal)}</Table.Td>
                        <Table.Td ta="right">{formatMoney(bill.patientTotal)}</Table.Td>
                        <Table.Td ta="right">{formatMoney(bill.paid)}</Table.Td>
                        <Table.Td ta="right" fw={600}>
                          {formatMoney(bill.balance)}
                        </Table.Td>
                      </Table.Tr>
                    )),
                  )}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <LoadMore query={query} />
          </>
        )}
      </QueryState>
    </>
  );
}
