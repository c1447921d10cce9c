import { Select } from '@mantine/core';
import { useForm } from '@mantine/form';
import { api, ifMatch, unwrap } from '../../api/client';
import { formatMoney } from '../../lib/format';
import { isZeroMoney } from '../../lib/money';
import { labelOf, PAYER_OPTIONS } from './labels';
import { paymentBody, paymentChecks, type PaymentValues } from './paymentFields';
import { RecordPaymentForm } from './RecordPaymentForm';
import type { Bill, Payer } from './types';

interface Values extends PaymentValues {
  payer: Payer;
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
  const payer = defaultPayer(bill);
  const form = useForm<Values>({
    initialValues: { amount: payerBalance(bill, payer), payer, method: 'CARD', reference: '' },
    validate: paymentChecks,
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
    <RecordPaymentForm
      id="record-bill-payment"
      cols={{ base: 1, sm: 2, lg: 4 }}
      form={form}
      save={(values) =>
        unwrap(
          api.POST('/api/v1/bills/{id}/payments', {
            params: { path: { id: bill.id } },
            headers: ifMatch(bill.version),
            body: { ...paymentBody(values), payer: values.payer },
          }),
        )
      }
      recordKey={['bills', bill.id]}
      numberOf={(saved) => saved.billNumber}
      amountHint={`${labelOf(PAYER_OPTIONS, form.values.payer)} balance: ${formatMoney(
        payerBalance(bill, form.values.payer),
      )}`}
      referenceHint="Cheque number, card slip, remittance id…"
    >
      <Select
        label="Payer"
        data={PAYER_OPTIONS}
        allowDeselect={false}
        required
        {...form.getInputProps('payer')}
        onChange={choosePayer}
      />
    </RecordPaymentForm>
  );
}
