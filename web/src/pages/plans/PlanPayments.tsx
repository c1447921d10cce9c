import {
  Alert,
  Anchor,
  Button,
  Group,
  Modal,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import { useAuth } from '../../auth/AuthProvider';
import { applyFieldErrors, notifySuccess } from '../../components/forms';
import { MoneyField } from '../../components/MoneyField';
import { ProblemAlert } from '../../components/ProblemAlert';
import { StatusBadge } from '../../components/StatusBadge';
import { formatDateTime, formatMoney } from '../../lib/format';
import { fromCents, isZeroMoney, normalizeMoney, toCents } from '../../lib/money';
import { CreatePaymentPlanForm } from '../billing/CreatePaymentPlanForm';
import { FormProblem } from '../billing/FormProblem';
import { labelOf, METHOD_OPTIONS } from '../billing/labels';
import {
  paymentBody,
  paymentChecks,
  PaymentMethodSelect,
  PaymentReferenceField,
  type PaymentValues,
} from '../billing/paymentFields';
import { Section } from './Section';
import type { Plan } from './types';

/** Plans whose quote the patient accepted and that are not yet operated: they take money. */
const TAKES_MONEY: readonly Plan['status'][] = ['APPROVED', 'SCHEDULED'];

export function prepaymentsQuery(quoteId: string) {
  return {
    queryKey: ['quotes', quoteId, 'prepayments'],
    queryFn: () =>
      unwrap(api.GET('/api/v1/quotes/{id}/prepayments', { params: { path: { id: quoteId } } })),
  };
}

/**
 * Money before surgery (docs/billing.md): the deposits taken against the accepted quote, its
 * payment plan, and the forms to take a deposit and start a payment plan. Completing the case
 * credits all of it to the bill.
 */
export function PlanPayments({ plan }: { plan: Plan }) {
  const { can } = useAuth();
  const quoteId = plan.currentQuoteId;
  if (quoteId === null || plan.approvedAt === null || !can('prepayments.read')) return null;
  return (
    <Section id="plan-payments" title="Payments">
      <PaymentsBody plan={plan} quoteId={quoteId} />
    </Section>
  );
}

function PaymentsBody({ plan, quoteId }: { plan: Plan; quoteId: string }) {
  const { can } = useAuth();
  const [creating, modal] = useDisclosure(false);
  const summary = useQuery(prepaymentsQuery(quoteId));
  const paymentPlans = useQuery({
    queryKey: ['payment-plans', 'by-quote', quoteId],
    queryFn: () =>
      unwrap(api.GET('/api/v1/payment-plans', { params: { query: { quoteId, limit: 100 } } })),
    enabled: can('paymentPlans.read'),
  });
  const open = TAKES_MONEY.includes(plan.status);
  const plans = paymentPlans.data?.data ?? [];
  const inForce = plans.some((p) => p.status !== 'CANCELLED');
  const s = summary.data;
  const received =
    s === undefined
      ? undefined
      : fromCents(toCents(s.depositsReceived) + toCents(s.paymentPlanReceived));

  return (
    <Stack gap="md">
      <ProblemAlert error={summary.error} title="Could not load the deposits" />
      <ProblemAlert error={paymentPlans.error} title="Could not load the payment plan" />
      {s !== undefined && (
        <Group gap="lg" wrap="wrap">
          <Text size="sm" fw={600}>
            Received before surgery: {formatMoney(received)}
          </Text>
          {s.billId !== null && (
            <Text size="sm">
              Credited to the bill
              {can('bills.read') && (
                <>
                  {' '}
                  <Anchor component={Link} to={`/billing/bills/${s.billId}`}>
                    (open the bill)
                  </Anchor>
                </>
              )}
              .
            </Text>
          )}
        </Group>
      )}
      {s !== undefined && !isZeroMoney(s.refundDue) && (
        <Alert color="yellow" title="Refund due to the patient">
          {formatMoney(s.refundDue)} was paid before surgery
          {plan.status === 'CANCELLED'
            ? ' and the plan was cancelled'
            : ' beyond what the bill asks'}
          . Refunds are made outside Contour; nothing here is lost.
        </Alert>
      )}

      <div>
        <Title order={3} size="h5" mb="xs">
          Deposits
        </Title>
        {s === undefined || s.data.length === 0 ? (
          <Text size="sm" c="dimmed">
            No deposit taken yet.
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={520}>
            <Table striped withTableBorder>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Received</Table.Th>
                  <Table.Th>Method</Table.Th>
                  <Table.Th>Reference</Table.Th>
                  <Table.Th ta="right">Amount</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {s.data.map((d) => (
                  <Table.Tr key={d.id}>
                    <Table.Td>{formatDateTime(d.receivedAt)}</Table.Td>
                    <Table.Td>{labelOf(METHOD_OPTIONS, d.method)}</Table.Td>
                    <Table.Td>{d.reference ?? '—'}</Table.Td>
                    <Table.Td ta="right">{formatMoney(d.amount)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </div>

      {can('paymentPlans.read') && (
        <div>
          <Title order={3} size="h5" mb="xs">
            Payment plan
          </Title>
          <Stack gap="xs">
            {plans.length === 0 ? (
              <Text size="sm" c="dimmed">
                No payment plan.
              </Text>
            ) : (
              plans.map((p) => (
                <Group key={p.id} gap="sm" wrap="wrap">
                  <Anchor component={Link} to={`/billing/payment-plans/${p.id}`}>
                    {p.paymentPlanNumber}
                  </Anchor>
                  <StatusBadge status={p.status} />
                  <Text span size="sm">
                    Financed {formatMoney(p.financedAmount)} · balance {formatMoney(p.balance)}
                  </Text>
                </Group>
              ))
            )}
            {open && !inForce && can('paymentPlans.create') && (
              <Group>
                <Button variant="default" onClick={modal.open}>
                  Start a payment plan
                </Button>
              </Group>
            )}
          </Stack>
          <Modal opened={creating} onClose={modal.close} title="Start a payment plan" size="xl">
            <CreatePaymentPlanForm
              quoteId={quoteId}
              onCreated={modal.close}
              initialDeposit={s?.depositsReceived}
            />
          </Modal>
        </div>
      )}

      {open && can('prepayments.write') && <RecordDepositForm quoteId={quoteId} />}
    </Stack>
  );
}

/** Takes a deposit against the accepted quote (`POST /quotes/:id/prepayments`). */
function RecordDepositForm({ quoteId }: { quoteId: string }) {
  const queryClient = useQueryClient();
  const [placed, setPlaced] = useState<string[]>([]);
  const form = useForm<PaymentValues>({
    initialValues: { amount: '', method: 'CARD', reference: '' },
    validate: paymentChecks,
  });
  const mutation = useMutation({
    mutationFn: (values: PaymentValues) =>
      unwrap(
        api.POST('/api/v1/quotes/{id}/prepayments', {
          params: { path: { id: quoteId } },
          body: paymentBody(values),
        }),
      ),
    onSuccess: (updated, values) => {
      queryClient.setQueryData(prepaymentsQuery(quoteId).queryKey, updated);
      notifySuccess(`Deposit of ${formatMoney(normalizeMoney(values.amount))} recorded.`);
      form.reset();
    },
    onError: (error) => setPlaced(applyFieldErrors(form, error)),
  });
  return (
    <form
      noValidate
      aria-labelledby="plan-record-deposit"
      onSubmit={form.onSubmit((values) => {
        setPlaced([]);
        mutation.mutate(values);
      })}
    >
      <Title order={3} size="h5" mb="xs" id="plan-record-deposit">
        Record a deposit
      </Title>
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <MoneyField label="Deposit amount" required {...form.getInputProps('amount')} />
          <PaymentMethodSelect {...form.getInputProps('method')} />
          <PaymentReferenceField
            description="Card slip, cheque number…"
            {...form.getInputProps('reference')}
          />
        </SimpleGrid>
        <FormProblem error={mutation.error} placed={placed} />
        <Group>
          <Button type="submit" loading={mutation.isPending}>
            Record deposit
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
