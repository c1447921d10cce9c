import { useForm } from '@mantine/form';
import { api, ifMatch, unwrap } from '../../api/client';
import { formatDate, formatMoney } from '../../lib/format';
import { installmentRemaining, nextInstallment } from './installments';
import { paymentBody, paymentChecks, type PaymentValues } from './paymentFields';
import { RecordPaymentForm } from './RecordPaymentForm';
import type { PaymentPlan } from './types';

/**
 * Records a payment on an ACTIVE payment plan; it pays the oldest installments first. The amount
 * starts at what the next installment still owes; more than the balance is refused by the API.
 */
export function RecordPlanPaymentForm({ plan }: { plan: PaymentPlan }) {
  const next = nextInstallment(plan);
  const form = useForm<PaymentValues>({
    initialValues: {
      amount: next === undefined ? plan.balance : installmentRemaining(next),
      method: 'CARD',
      reference: '',
    },
    validate: paymentChecks,
  });

  return (
    <RecordPaymentForm
      id="record-plan-payment"
      cols={{ base: 1, sm: 3 }}
      form={form}
      save={(values) =>
        unwrap(
          api.POST('/api/v1/payment-plans/{id}/payments', {
            params: { path: { id: plan.id } },
            headers: ifMatch(plan.version),
            body: paymentBody(values),
          }),
        )
      }
      recordKey={['payment-plans', plan.id]}
      numberOf={(saved) => saved.paymentPlanNumber}
      amountHint={
        next === undefined
          ? `Balance: ${formatMoney(plan.balance)}`
          : `Installment ${next.number} due ${formatDate(next.dueDate)} · balance ${formatMoney(plan.balance)}`
      }
      referenceHint="Cheque number, card slip, transfer id…"
    />
  );
}
