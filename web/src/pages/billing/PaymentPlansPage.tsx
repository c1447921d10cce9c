import { Anchor, Button, Group, Table, Text } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { LoadMore } from '../../components/LoadMore';
import { PageHeader } from '../../components/PageHeader';
import { PatientLink } from '../../components/PatientLink';
import { QueryState } from '../../components/QueryState';
import { StatusBadge } from '../../components/StatusBadge';
import { formatDate, formatMoney } from '../../lib/format';
import { BillingTabs } from './BillingTabs';
import { PATIENT_UNAVAILABLE } from './linkLabels';
import { FREQUENCY_OPTIONS, labelOf } from './labels';

const PAGE_SIZE = 25;

/** The clinic's payment plans, newest first; `?patientId=` or `?quoteId=` narrow them. */
export function PaymentPlansPage() {
  const [params, setParams] = useSearchParams();
  const patientId = params.get('patientId') ?? undefined;
  const quoteId = params.get('quoteId') ?? undefined;
  const filters = { patientId, quoteId };
  const filtered = patientId !== undefined || quoteId !== undefined;

  const query = useInfiniteQuery({
    // 'pages' keeps this infinite query apart from a one-page list of the same filters elsewhere.
    queryKey: ['payment-plans', 'list', filters, 'pages'],
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/payment-plans', {
          params: { query: { ...filters, limit: PAGE_SIZE, cursor: pageParam } },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

  return (
    <>
      <PageHeader title="Payment plans" />
      <BillingTabs />
      {filtered && (
        <Group mb="md" gap="xs" wrap="wrap">
          {patientId !== undefined && (
            <Text span>
              Patient: <PatientLink id={patientId} fallback={PATIENT_UNAVAILABLE} />
            </Text>
          )}
          {quoteId !== undefined && <Text span>For one quote</Text>}
          <Button
            variant="subtle"
            size="compact-sm"
            onClick={() => setParams(new URLSearchParams(), { replace: true })}
          >
            Show all payment plans
          </Button>
        </Group>
      )}
      <QueryState
        query={query}
        isEmpty={(data) => data.pages.every((page) => page.data.length === 0)}
        empty={
          filtered
            ? 'No payment plans match.'
            : 'No payment plans yet. A payment plan is set up from an accepted quote.'
        }
      >
        {(data) => (
          <>
            <Table.ScrollContainer minWidth={900}>
              <Table striped highlightOnHover>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Payment plan</Table.Th>
                    <Table.Th>Patient</Table.Th>
                    <Table.Th>Status</Table.Th>
                    <Table.Th>Schedule</Table.Th>
                    <Table.Th>First due</Table.Th>
                    <Table.Th ta="right">Deposit</Table.Th>
                    <Table.Th ta="right">Financed</Table.Th>
                    <Table.Th ta="right">Balance</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.pages.flatMap((page) =>
                    page.data.map((plan) => (
                      <Table.Tr key={plan.id}>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>
                          <Anchor component={Link} to={`/billing/payment-plans/${plan.id}`}>
                            {plan.paymentPlanNumber}
                          </Anchor>
                        </Table.Td>
                        <Table.Td>
                          <PatientLink id={plan.patientId} fallback={PATIENT_UNAVAILABLE} />
                        </Table.Td>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>
                          <StatusBadge status={plan.status} />
                        </Table.Td>
                        <Table.Td>
                          {plan.installmentCount} ×{' '}
                          {labelOf(FREQUENCY_OPTIONS, plan.frequency).toLowerCase()}
                        </Table.Td>
                        <Table.Td>{formatDate(plan.firstDueDate)}</Table.Td>
                        <Table.Td ta="right">{formatMoney(plan.depositAmount)}</Table.Td>
                        <Table.Td ta="right">{formatMoney(plan.financedAmount)}</Table.Td>
                        <Table.Td ta="right" fw={600}>
                          {formatMoney(plan.balance)}
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
