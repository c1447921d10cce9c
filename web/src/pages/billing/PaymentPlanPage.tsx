import { Badge, Card, Group, SimpleGrid, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { quoteQuery } from '../../api/queries';
import { useAuth } from '../../auth/AuthProvider';
import { Fact } from '../../components/Fact';
import { PatientLink } from '../../components/PatientLink';
import { PdfButton } from '../../components/PdfButton';
import { StatusBadge } from '../../components/StatusBadge';
import { formatDate, formatDateTime, formatMoney, todayIso } from '../../lib/format';
import { subtractMoney } from '../../lib/money';
import { isOverdue } from './installments';
import { FREQUENCY_OPTIONS, labelOf } from './labels';
import { nameAndMrn, PATIENT_UNAVAILABLE } from './linkLabels';
import { MoneyDocument, RecordById } from './MoneyDocument';
import { paymentPlanQuery } from './paymentPlanQueries';
import { PaymentsSection } from './PaymentsSection';
import { RecordPlanPaymentForm } from './RecordPlanPaymentForm';
import type { PaymentPlan } from './types';

/** One payment plan: deposit, financed amount, the installments and what was paid on them. */
export function PaymentPlanPage() {
  return (
    <RecordById query={paymentPlanQuery}>{(plan) => <PaymentPlanView plan={plan} />}</RecordById>
  );
}

function PaymentPlanView({ plan }: { plan: PaymentPlan }) {
  const { can } = useAuth();
  return (
    <MoneyDocument
      title={`Payment plan ${plan.paymentPlanNumber}`}
      actions={
        can('quotes.read') && (
          <PdfButton path={`/api/v1/quotes/${plan.quoteId}/pdf`}>Quote PDF</PdfButton>
        )
      }
      factCols={{ base: 2, sm: 3, lg: 5 }}
      facts={
        <>
          <Fact label="Status">
            <StatusBadge status={plan.status} />
          </Fact>
          <Fact label="Patient">
            <PatientLink id={plan.patientId} label={nameAndMrn} fallback={PATIENT_UNAVAILABLE} />
          </Fact>
          <Fact label="Quote">
            <QuoteName id={plan.quoteId} />
          </Fact>
          <Fact label="Schedule">
            {plan.installmentCount} × {labelOf(FREQUENCY_OPTIONS, plan.frequency).toLowerCase()},
            from {formatDate(plan.firstDueDate)}
          </Fact>
          <Fact label="Created">{formatDateTime(plan.createdAt)}</Fact>
        </>
      }
    >
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
      <PaymentsSection id="plan-payments" payments={plan.payments} />
    </MoneyDocument>
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
