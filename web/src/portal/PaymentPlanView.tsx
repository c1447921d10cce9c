import { Alert, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { PageLoader } from '../components/PageLoader';
import { formatDate, formatMoney } from '../lib/format';
import { portalCall } from './api';
import { ErrorNote } from './ErrorNote';
import { Block } from './Frame';
import { PAYMENT_PLANS_KEY } from './queries';
import type { PortalPaymentPlans } from './types';
import { ViewHeader } from './ViewParts';

const FREQUENCY: Record<string, string> = {
  WEEKLY: 'weekly',
  BIWEEKLY: 'every two weeks',
  MONTHLY: 'monthly',
};

const INSTALLMENT_STATUS: Record<string, string> = {
  PAID: 'Paid',
  PARTIALLY_PAID: 'Partly paid',
  PENDING: 'Not paid yet',
};

type Offer = PortalPaymentPlans['offers'][number];
type Chosen = NonNullable<PortalPaymentPlans['chosen']>;

/** "Payment plan": the offers (deposit and each installment, to the cent), or the chosen one. */
export function PaymentPlanView() {
  const plans = useQuery({
    queryKey: PAYMENT_PLANS_KEY,
    queryFn: () => portalCall<PortalPaymentPlans>('GET', '/payment-plans'),
  });
  return (
    <>
      <ViewHeader title="Your payment plan" />
      {plans.isPending ? (
        <PageLoader />
      ) : plans.isError ? (
        <ErrorNote error={plans.error} title="We could not show your payment plans" />
      ) : plans.data.chosen !== null ? (
        <ChosenPlan chosen={plans.data.chosen} />
      ) : plans.data.offers.length === 0 ? (
        <Text>The clinic has not offered a payment plan.</Text>
      ) : (
        <Offers offers={plans.data.offers} />
      )}
    </>
  );
}

function Offers({ offers }: { offers: Offer[] }) {
  const queryClient = useQueryClient();
  const choose = useMutation({
    mutationFn: (offerId: string) =>
      portalCall<PortalPaymentPlans>(
        'POST',
        `/payment-plans/${encodeURIComponent(offerId)}/choose`,
      ),
    onSuccess: async (next) => {
      queryClient.setQueryData(PAYMENT_PLANS_KEY, next);
      await queryClient.invalidateQueries({ queryKey: ['portal'] });
    },
  });
  return (
    <>
      <Text>
        The clinic offers {offers.length === 1 ? 'this plan' : 'these plans'}. Choose the one that
        suits you.
      </Text>
      <ErrorNote error={choose.error} title="Your choice was not saved" />
      {offers.map((offer, i) => (
        <Paper withBorder p="md" component="section" key={offer.id} aria-labelledby={`offer-${i}`}>
          <Stack gap="sm">
            <Title order={2} size="h3" id={`offer-${i}`}>
              Option {i + 1}: a deposit of {formatMoney(offer.depositAmount)}, then{' '}
              {offer.installmentCount} {FREQUENCY[offer.frequency] ?? offer.frequency.toLowerCase()}{' '}
              payments
            </Title>
            <Schedule
              rows={[
                { label: 'Deposit', dueDate: null, amount: offer.depositAmount },
                ...offer.installments.map((p) => ({
                  label: `Payment ${p.number}`,
                  dueDate: p.dueDate,
                  amount: p.amount,
                })),
              ]}
            />
            <Group>
              <Button
                size="md"
                loading={choose.isPending && choose.variables === offer.id}
                disabled={choose.isPending}
                onClick={() => choose.mutate(offer.id)}
                aria-describedby={`offer-${i}`}
              >
                Choose this plan
              </Button>
            </Group>
          </Stack>
        </Paper>
      ))}
    </>
  );
}

function ChosenPlan({ chosen }: { chosen: Chosen }) {
  const next = chosen.installments.find((p) => p.status !== 'PAID');
  return (
    <>
      {next !== undefined ? (
        <Alert
          color="indigo"
          title="What is due next"
          styles={{ title: { color: 'var(--mantine-color-text)' } }}
        >
          Payment {next.number}: {formatMoney(next.amount)} on {formatDate(next.dueDate)}
          {next.paidAmount !== '0.00' ? ` (${formatMoney(next.paidAmount)} paid so far)` : ''}.
        </Alert>
      ) : (
        <Alert
          color="green"
          title="All paid"
          styles={{ title: { color: 'var(--mantine-color-text)' } }}
        >
          Every payment of this plan is paid. Thank you.
        </Alert>
      )}
      <Block>
        <Title order={2} size="h3">
          Plan {chosen.paymentPlanNumber}
        </Title>
        <Text>
          Deposit {formatMoney(chosen.depositAmount)}. Still to pay: {formatMoney(chosen.balance)}.
        </Text>
        <Schedule
          rows={chosen.installments.map((p) => ({
            label: `Payment ${p.number}`,
            dueDate: p.dueDate,
            amount: p.amount,
            status: INSTALLMENT_STATUS[p.status] ?? p.status.toLowerCase().replace(/_/g, ' '),
          }))}
        />
      </Block>
    </>
  );
}

function Schedule({
  rows,
}: {
  rows: { label: string; dueDate: string | null; amount: string; status?: string }[];
}) {
  const withStatus = rows.some((r) => r.status !== undefined);
  return (
    <Table>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">Payment</Table.Th>
          <Table.Th scope="col">Due</Table.Th>
          <Table.Th scope="col" style={{ textAlign: 'right' }}>
            Amount
          </Table.Th>
          {withStatus && <Table.Th scope="col">Status</Table.Th>}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr key={r.label}>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>{r.label}</Table.Td>
            <Table.Td>{r.dueDate === null ? '—' : formatDate(r.dueDate)}</Table.Td>
            <Table.Td style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>
              {formatMoney(r.amount)}
            </Table.Td>
            {withStatus && <Table.Td>{r.status}</Table.Td>}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
