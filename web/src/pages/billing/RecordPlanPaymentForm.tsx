import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ifMatch, unwrap } from '../../api/client';
import { applyFieldErrors, notifySuccess } from '../../components/forms';
import { MoneyField } from '../../components/MoneyField';
import { formatDate, formatMoney } from '../../lib/format';
import { moneyInputError, normalizeMoney } from '../../lib/money';
import { installmentRemaining, nextInstallment } from './installments';
import { HINT_BELOW } from './labels';
import {
  PaymentMethodSelect,
  PaymentReferenceField,
  RecordPaymentCard,
  referenceError,
  referenceOf,
} from './paymentFields';
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
      reference: referenceError,
    },
  });

  const mutation = useMutation({
    mutationFn: (values: Values) =>
      unwrap(
        api.POST('/api/v1/payment-plans/{id}/payments', {
          params: { path: { id: plan.id } },
          headers: ifMatch(plan.version),
          body: {
            amount: normalizeMoney(values.amount),
            method: values.method,
            reference: referenceOf(values.reference),
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
    <RecordPaymentCard
      id="record-plan-payment"
      cols={{ base: 1, sm: 3 }}
      onSubmit={form.onSubmit((values) => {
        setPlaced([]);
        mutation.mutate(values);
      })}
      error={mutation.error}
      placed={placed}
      pending={mutation.isPending}
      onReload={() => void queryClient.invalidateQueries({ queryKey: ['payment-plans', plan.id] })}
    >
      <MoneyField
        label="Amount"
        inputWrapperOrder={HINT_BELOW}
        description={
          next === undefined
            ? `Balance: ${formatMoney(plan.balance)}`
            : `Installment ${next.number} due ${formatDate(next.dueDate)} · balance ${formatMoney(plan.balance)}`
        }
        required
        {...form.getInputProps('amount')}
      />
      <PaymentMethodSelect {...form.getInputProps('method')} />
      <PaymentReferenceField
        description="Cheque number, card slip, transfer id…"
        {...form.getInputProps('reference')}
      />
    </RecordPaymentCard>
  );
}
