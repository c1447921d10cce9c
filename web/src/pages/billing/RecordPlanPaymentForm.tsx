import { Button, Card, Group, Select, SimpleGrid, Stack, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { applyFieldErrors, notifySuccess } from '../../components/forms';
import { formatDate, formatMoney } from '../../lib/format';
import { FormProblem } from './FormProblem';
import { installmentRemaining, nextInstallment } from './installments';
import { HINT_BELOW, METHOD_OPTIONS } from './labels';
import { moneyInputError, normalizeMoney } from './money';
import type { PaymentMethod, PaymentPlan } from './types';

interface Values {
  amount: string;
  method: PaymentMethod;
  reference: string;
}

/**
 * Records a payment on an ACTIVE payment plan; it pays the oldest installments first. The amount
 * starts at what the next installment still owes; more than the balance is refused by the API.
 */
export function RecordPlanPaymentForm({ plan }: { plan: PaymentPlan }) {
  const queryClient = useQueryClient();
  const [placed, setPlaced] = useState<string[]>([]);
  const next = nextInstallment(plan);
  const form = useForm<Values>({
    initialValues: {
      amount: next === undefined ? plan.balance : installmentRemaining(next),
      method: 'CARD',
      reference: '',
    },
    validate: {
      amount: (value) => moneyInputError(value),
      reference: (value) => (value.trim().length > 200 ? 'At most 200 characters' : null),
    },
  });

  const mutation = useMutation({
    mutationFn: (values: Values) =>
      unwrap(
        api.POST('/api/v1/payment-plans/{id}/payments', {
          params: { path: { id: plan.id } },
          body: {
            amount: normalizeMoney(values.amount),
            method: values.method,
            reference: values.reference.trim() === '' ? undefined : values.reference.trim(),
          },
        }),
      ),
    onSuccess: (updated, values) => {
      queryClient.setQueryData(['payment-plans', plan.id], updated);
      void queryClient.invalidateQueries({ queryKey: ['payment-plans'] });
      notifySuccess(
        `Payment of ${formatMoney(normalizeMoney(values.amount))} recorded on ${updated.paymentPlanNumber}.`,
      );
    },
    onError: (error) => setPlaced(applyFieldErrors(form, error)),
  });

  return (
    <Card withBorder component="section" aria-labelledby="record-plan-payment">
      <Title order={2} size="h4" mb="sm" id="record-plan-payment">
        Record a payment
      </Title>
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          setPlaced([]);
          mutation.mutate(values);
        })}
      >
        <Stack>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput
              label="Amount"
              inputWrapperOrder={HINT_BELOW}
              leftSection="$"
              inputMode="decimal"
              autoComplete="off"
              description={
                next === undefined
                  ? `Balance: ${formatMoney(plan.balance)}`
                  : `Installment ${next.number} due ${formatDate(next.dueDate)} · balance ${formatMoney(plan.balance)}`
              }
              required
              {...form.getInputProps('amount')}
            />
            <Select
              label="Method"
              data={METHOD_OPTIONS}
              allowDeselect={false}
              required
              {...form.getInputProps('method')}
            />
            <TextInput
              label="Reference"
              inputWrapperOrder={HINT_BELOW}
              description="Cheque number, card slip, transfer id…"
              {...form.getInputProps('reference')}
            />
          </SimpleGrid>
          <FormProblem error={mutation.error} placed={placed} />
          <Group>
            <Button type="submit" loading={mutation.isPending}>
              Record payment
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
