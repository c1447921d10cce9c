import { Select } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ifMatch, unwrap } from '../../api/client';
import { applyFieldErrors, notifySuccess } from '../../components/forms';
import { MoneyField } from '../../components/MoneyField';
import { formatMoney } from '../../lib/format';
import { isZeroMoney, moneyInputError, normalizeMoney } from '../../lib/money';
import { HINT_BELOW, labelOf, PAYER_OPTIONS } from './labels';
import {
  PaymentMethodSelect,
  PaymentReferenceField,
  RecordPaymentCard,
  referenceError,
  referenceOf,
} from './paymentFields';
import type { Bill, Payer, PaymentMethod } from './types';

interface Values {
  amount: string;
  payer: Payer;
  method: PaymentMethod;
  reference: string;
}

export function payerBalance(bill: Bill, payer: Payer): string {
  return payer === 'INSURANCE' ? bill.insuranceBalance : bill.patientBalance;
}

/** Insurance first when it still owes (it usually pays first), else the patient. */
export function defaultPayer(bill: Bill): Payer {
  return isZeroMoney(bill.insuranceBalance) ? 'PATIENT' : 'INSURANCE';
}

/**
 * Records money received against an OPEN bill. The amount starts at what the chosen payer
 * still owes; the API refuses more than that (400 on `amount`), shown next to the field.
 * Remounted (key = bill version) after each payment, so it starts again from the new balances.
 */
export function RecordBillPaymentForm({ bill }: { bill: Bill }) {
  const queryClient = useQueryClient();
  const [placed, setPlaced] = useState<string[]>([]);
  const payer = defaultPayer(bill);
  const form = useForm<Values>({
    initialValues: { amount: payerBalance(bill, payer), payer, method: 'CARD', reference: '' },
    validate: {
      amount: (value) => moneyInputError(value),
      reference: referenceError,
    },
  });

  const mutation = useMutation({
    mutationFn: (values: Values) =>
      unwrap(
        api.POST('/api/v1/bills/{id}/payments', {
          params: { path: { id: bill.id } },
          headers: ifMatch(bill.version),
          body: {
            amount: normalizeMoney(values.amount),
            payer: values.payer,
            method: values.method,
            reference: referenceOf(values.reference),
          },
        }),
      ),
    onSuccess: (updated, values) => {
      queryClient.setQueryData(['bills', bill.id], updated);
      void queryClient.invalidateQueries({ queryKey: ['bills'] });
      notifySuccess(
        `Payment of ${formatMoney(normalizeMoney(values.amount))} recorded on ${updated.billNumber}.`,
      );
    },
    onError: (error) => setPlaced(applyFieldErrors(form, error)),
  });

  const choosePayer = (value: string | null) => {
    if (value !== 'INSURANCE' && value !== 'PATIENT') return;
    // Follow the payer's balance unless the amount was typed by hand.
    if (form.values.amount === payerBalance(bill, form.values.payer)) {
      form.setFieldValue('amount', payerBalance(bill, value));
    }
    form.setFieldValue('payer', value);
  };

  return (
    <RecordPaymentCard
      id="record-bill-payment"
      cols={{ base: 1, sm: 2, lg: 4 }}
      onSubmit={form.onSubmit((values) => {
        setPlaced([]);
        mutation.mutate(values);
      })}
      error={mutation.error}
      placed={placed}
      pending={mutation.isPending}
      onReload={() => void queryClient.invalidateQueries({ queryKey: ['bills', bill.id] })}
    >
      <MoneyField
        label="Amount"
        inputWrapperOrder={HINT_BELOW}
        description={`${labelOf(PAYER_OPTIONS, form.values.payer)} balance: ${formatMoney(
          payerBalance(bill, form.values.payer),
        )}`}
        required
        {...form.getInputProps('amount')}
      />
      <Select
        label="Payer"
        data={PAYER_OPTIONS}
        allowDeselect={false}
        required
        {...form.getInputProps('payer')}
        onChange={choosePayer}
      />
      <PaymentMethodSelect {...form.getInputProps('method')} />
      <PaymentReferenceField
        description="Cheque number, card slip, remittance id…"
        {...form.getInputProps('reference')}
      />
    </RecordPaymentCard>
  );
}
