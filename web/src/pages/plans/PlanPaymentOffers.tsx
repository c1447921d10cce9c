import { Button, Group, Modal, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { quoteQuery } from '../../api/queries';
import { useAuth } from '../../auth/AuthProvider';
import { notifyError, notifySuccess } from '../../components/forms';
import { ProblemAlert } from '../../components/ProblemAlert';
import { StatusBadge } from '../../components/StatusBadge';
import { formatDate, formatMoney } from '../../lib/format';
import { CreatePaymentPlanForm } from '../billing/CreatePaymentPlanForm';
import { FREQUENCY_OPTIONS, labelOf } from '../billing/labels';

export function paymentPlanOffersQuery(quoteId: string) {
  return {
    queryKey: ['quotes', quoteId, 'payment-plan-offers'],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/quotes/{id}/payment-plan-offers', { params: { path: { id: quoteId } } }),
      ),
  };
}

type Offer = Awaited<
  ReturnType<ReturnType<typeof paymentPlanOffersQuery>['queryFn']>
>['data'][number];

/** "3 × 2,333.33 monthly (the last 2,333.34) from Jan 31, 2027". */
function scheduleOf(o: Offer): string {
  const first = o.installments[0]?.amount;
  const last = o.installments.at(-1)?.amount;
  const frequency = labelOf(FREQUENCY_OPTIONS, o.frequency).toLowerCase();
  return `${o.installmentCount} × ${formatMoney(first)} ${frequency}${
    last !== first ? ` (the last ${formatMoney(last)})` : ''
  } from ${formatDate(o.firstDueDate)}`;
}

/**
 * Payment plans offered to the patient for the quote (docs/payment-plans.md "Offers"): the patient
 * chooses one through the patient link, once the plan is approved. BILLING and COORDINATOR offer
 * terms and withdraw open ones.
 */
export function PlanPaymentOffers({ quoteId }: { quoteId: string }) {
  const { can } = useAuth();
  const [offering, modal] = useDisclosure(false);
  const queryClient = useQueryClient();
  const quote = useQuery(quoteQuery(quoteId)).data;
  const offers = useQuery({
    ...paymentPlanOffersQuery(quoteId),
    enabled: can('paymentPlans.read'),
  });
  const withdraw = useMutation({
    mutationFn: (id: string) =>
      unwrap(api.POST('/api/v1/payment-plan-offers/{id}/withdraw', { params: { path: { id } } })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: paymentPlanOffersQuery(quoteId).queryKey });
      notifySuccess('Offer withdrawn.');
    },
    onError: notifyError,
  });
  if (!can('paymentPlans.read')) return null;
  const list = offers.data?.data ?? [];
  const chosen = list.some((o) => o.status === 'CHOSEN');
  const mayOffer =
    can('paymentPlans.create') &&
    !chosen &&
    (quote?.status === 'ISSUED' || quote?.status === 'ACCEPTED');

  return (
    <div>
      <Title order={3} size="h5" mb="xs">
        Payment plans offered to the patient
      </Title>
      <Stack gap="xs">
        <ProblemAlert error={offers.error} title="Could not load the offers" />
        {list.length === 0 ? (
          <Text size="sm" c="dimmed">
            No payment plan offered. The patient chooses an offer through their patient link.
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={560}>
            <Table striped withTableBorder aria-label="Payment plans offered">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Status</Table.Th>
                  <Table.Th ta="right">Deposit</Table.Th>
                  <Table.Th>Installments</Table.Th>
                  <Table.Th>
                    <VisuallyHidden>Actions</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.map((o) => (
                  <Table.Tr key={o.id}>
                    <Table.Td>
                      <StatusBadge status={o.status} />
                    </Table.Td>
                    <Table.Td ta="right">{formatMoney(o.depositAmount)}</Table.Td>
                    <Table.Td>{scheduleOf(o)}</Table.Td>
                    <Table.Td>
                      {o.status === 'OFFERED' && can('paymentPlans.create') && (
                        <Button
                          size="xs"
                          variant="default"
                          loading={withdraw.isPending && withdraw.variables === o.id}
                          onClick={() => withdraw.mutate(o.id)}
                          aria-label={`Withdraw the offer of ${scheduleOf(o)}`}
                        >
                          Withdraw
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {mayOffer && (
          <Group>
            <Button variant="default" onClick={modal.open}>
              Offer a payment plan
            </Button>
          </Group>
        )}
      </Stack>
      <Modal opened={offering} onClose={modal.close} title="Offer a payment plan" size="xl">
        <CreatePaymentPlanForm quoteId={quoteId} offer={{ onOffered: modal.close }} />
      </Modal>
    </div>
  );
}
