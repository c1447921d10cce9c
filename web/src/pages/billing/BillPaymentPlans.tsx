import { Anchor, Button, Card, Collapse, Group, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import { useAuth } from '../../auth/AuthProvider';
import { QueryState } from '../../components/QueryState';
import { StatusBadge } from '../../components/StatusBadge';
import { formatMoney } from '../../lib/format';
import { CreatePaymentPlanForm } from './CreatePaymentPlanForm';

/**
 * The payment plans financing the quote a bill was priced by, and, while the bill is open and
 * the quote has none in force, the form to set one up.
 */
export function BillPaymentPlans({ quoteId, billOpen }: { quoteId: string; billOpen: boolean }) {
  const { can } = useAuth();
  const [creating, { toggle }] = useDisclosure(false);
  const query = useQuery({
    queryKey: ['payment-plans', 'by-quote', quoteId],
    queryFn: () =>
      unwrap(api.GET('/api/v1/payment-plans', { params: { query: { quoteId, limit: 100 } } })),
  });
  const plans = query.data?.data ?? [];
  const inForce = plans.some((p) => p.status !== 'CANCELLED');

  return (
    <Card withBorder component="section" aria-labelledby="bill-payment-plans">
      <Title order={2} size="h4" mb="xs" id="bill-payment-plans">
        Payment plan
      </Title>
      <QueryState query={query}>
        {() => (
          <Stack gap="sm">
            {plans.length === 0 ? (
              <Text c="dimmed">The quote of this bill has no payment plan.</Text>
            ) : (
              plans.map((plan) => (
                <Group key={plan.id} gap="sm" wrap="wrap">
                  <Anchor component={Link} to={`/billing/payment-plans/${plan.id}`}>
                    {plan.paymentPlanNumber}
                  </Anchor>
                  <StatusBadge status={plan.status} />
                  <Text span size="sm">
                    Financed {formatMoney(plan.financedAmount)} · balance{' '}
                    {formatMoney(plan.balance)}
                  </Text>
                </Group>
              ))
            )}
            {billOpen && !inForce && can('paymentPlans.create') && (
              <>
                <Group>
                  <Button variant="default" onClick={toggle} aria-expanded={creating}>
                    {creating ? 'Hide payment plan form' : 'Set up a payment plan'}
                  </Button>
                </Group>
                <Collapse expanded={creating}>
                  <CreatePaymentPlanForm quoteId={quoteId} />
                </Collapse>
              </>
            )}
          </Stack>
        )}
      </QueryState>
    </Card>
  );
}
