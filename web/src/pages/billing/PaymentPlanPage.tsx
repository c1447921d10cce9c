import { Badge, Button, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { openPdf } from '../../api/client';
import { useAuth } from '../../auth/AuthProvider';
import { notifyError } from '../../components/forms';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { StatusBadge } from '../../components/StatusBadge';
import { formatDate, formatDateTime, formatMoney, todayIso } from '../../lib/format';
import { Detail } from './Detail';
import { isOverdue } from './installments';
import { FREQUENCY_OPTIONS, labelOf, METHOD_OPTIONS } from './labels';
import { PatientLink, useStaffNames } from './lookups';
import { subtractMoney } from './money';
import { paymentPlanQuery, quoteQuery } from './paymentPlanQueries';
import { RecordPlanPaymentForm } from './RecordPlanPaymentForm';
import type { PaymentPlan } from './types';

/** One payment plan: deposit, financed amount, the installments and what was paid on them. */
export function PaymentPlanPage() {
  const { id = '' } = useParams();
  const query = useQuery(paymentPlanQuery(id));
  return <QueryState query={query}>{(plan) => <PaymentPlanView plan={plan} />}</QueryState>;
}

function PaymentPlanView({ plan }: { plan: PaymentPlan }) {
  const { can } = useAuth();
  const pdf = useMutation({
    mutationFn: () => openPdf(`/api/v1/quotes/${plan.quoteId}/pdf`),
    onError: notifyError,
  });
  return (
    <Stack gap="lg">
      <div>
        <PageHeader title={`Payment plan ${plan.paymentPlanNumber}`}>
          {can('quotes.read') && (
            <Button variant="default" loading={pdf.isPending} onClick={() => pdf.mutate()}>
              Quote PDF
            </Button>
          )}
        </PageHeader>
        <Card withBorder>
          <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} spacing="md">
            <Detail label="Status">
              <StatusBadge status={plan.status} />
            </Detail>
            <Detail label="Patient">
              <PatientLink id={plan.patientId} withMrn />
            </Detail>
            <Detail label="Quote">
              <QuoteName id={plan.quoteId} />
            </Detail>
            <Detail label="Schedule">
              {plan.installmentCount} × {labelOf(FREQUENCY_OPTIONS, plan.frequency).toLowerCase()},
              from {formatDate(plan.firstDueDate)}
            </Detail>
            <Detail label="Created">{formatDateTime(plan.createdAt)}</Detail>
          </SimpleGrid>
        </Card>
      </div>
      <SimpleGrid cols={{ base: 2, md: 4 }}>
        <Amount label="Deposit" value={plan.depositAmount} />
        <Amount label="Financed amount" value={plan.financedAmount} />
        <Amount
          label="Paid on installments"
          value={subtractMoney(plan.financedAmount, plan.balance)}
        />
        <Amount label="Balance" value={plan.balance} />
      </SimpleGrid>
      {can('paymentPlans.pay') && plan.status === 'ACTIVE' && (
        <RecordPlanPaymentForm key={plan.version} plan={plan} />
      )}
      <Installments plan={plan} />
      <PlanPayments plan={plan} />
    </Stack>
  );
}

function Amount({ label, value }: { label: string; value: string }) {
  return (
    <Card withBorder padding="sm">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="xl" fw={700}>
        {formatMoney(value)}
      </Text>
    </Card>
  );
}

/** The quote's number and procedure, for a role that may read quotes. */
function QuoteName({ id }: { id: string }) {
  const { can } = useAuth();
  const query = useQuery({ ...quoteQuery(id), enabled: can('quotes.read') });
  if (query.data === undefined)
    return (
      <Text span c="dimmed">
        —
      </Text>
    );
  return (
    <>
      {query.data.quoteNumber} · {query.data.procedureName}
    </>
  );
}

function Installments({ plan }: { plan: PaymentPlan }) {
  const today = todayIso();
  return (
    <section aria-labelledby="plan-installments">
      <Title order={2} size="h4" mb="xs" id="plan-installments">
        Installments
      </Title>
      <Table.ScrollContainer minWidth={600}>
        <Table striped withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Number</Table.Th>
              <Table.Th>Due date</Table.Th>
              <Table.Th ta="right">Amount</Table.Th>
              <Table.Th ta="right">Paid</Table.Th>
              <Table.Th>Status</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {plan.installments.map((i) => (
              <Table.Tr key={i.number}>
                <Table.Td>{i.number}</Table.Td>
                <Table.Td>{formatDate(i.dueDate)}</Table.Td>
                <Table.Td ta="right">{formatMoney(i.amount)}</Table.Td>
                <Table.Td ta="right">{formatMoney(i.paidAmount)}</Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="wrap">
                    <StatusBadge status={i.status} />
                    {plan.status === 'ACTIVE' && isOverdue(i, today) && (
                      <Badge color="red" variant="outline">
                        Overdue
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </section>
  );
}

function PlanPayments({ plan }: { plan: PaymentPlan }) {
  const staff = useStaffNames();
  return (
    <section aria-labelledby="plan-payments">
      <Title order={2} size="h4" mb="xs" id="plan-payments">
        Payments
      </Title>
      {plan.payments.length === 0 ? (
        <Text c="dimmed">No payments recorded yet.</Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Received</Table.Th>
                <Table.Th>Method</Table.Th>
                <Table.Th>Reference</Table.Th>
                <Table.Th ta="right">Amount</Table.Th>
                <Table.Th>Recorded by</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {plan.payments.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td>{formatDateTime(p.receivedAt)}</Table.Td>
                  <Table.Td>{labelOf(METHOD_OPTIONS, p.method)}</Table.Td>
                  <Table.Td>{p.reference ?? '—'}</Table.Td>
                  <Table.Td ta="right">{formatMoney(p.amount)}</Table.Td>
                  <Table.Td>{staff.get(p.recordedById) ?? '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </section>
  );
}
