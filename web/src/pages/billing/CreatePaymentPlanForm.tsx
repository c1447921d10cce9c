import { Alert, Button, Group, NumberInput, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api, unwrap } from '../../api/client';
import { quoteQuery } from '../../api/queries';
import { useAuth } from '../../auth/AuthProvider';
import { applyFieldErrors, notifySuccess } from '../../components/forms';
import { MoneyField } from '../../components/MoneyField';
import { formatMoney, todayIso } from '../../lib/format';
import { moneyInputError, normalizeMoney, toCents } from '../../lib/money';
import { FormProblem } from './FormProblem';
import { FREQUENCY_OPTIONS, HINT_BELOW, labelOf } from './labels';
import { planPreview } from './installments';
import type { Frequency, PaymentPlan, Quote } from './types';

const MAX_INSTALLMENTS = 60;

interface Values {
  depositAmount: string;
  installmentCount: number | string;
  frequency: Frequency;
  firstDueDate: string | null;
}

/**
 * Sets up a payment plan for an ACCEPTED quote (`POST /quotes/:id/payment-plan`): a deposit, and
 * the rest of the patient portion in installments. By default it opens the new plan.
 *
 * With `offer`, the same terms are offered to the patient instead (`POST
 * /quotes/:id/payment-plan-offers`, an ISSUED or ACCEPTED quote): the patient chooses one
 * through the patient link (docs/payment-plans.md "Offers").
 */
export function CreatePaymentPlanForm({
  quoteId,
  onCreated,
  initialDeposit = '0.00',
  offer,
}: {
  quoteId: string;
  onCreated?: (plan: PaymentPlan) => void;
  /** The deposit to start from: on the plan page, what the patient has already deposited. */
  initialDeposit?: string;
  /** Offer the terms to the patient; called once the offer is made. */
  offer?: { onOffered: () => void };
}) {
  const { can } = useAuth();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [placed, setPlaced] = useState<string[]>([]);
  const quote = useQuery({ ...quoteQuery(quoteId), enabled: can('quotes.read') }).data;

  const form = useForm<Values>({
    initialValues: {
      depositAmount: initialDeposit,
      installmentCount: 3,
      frequency: 'MONTHLY',
      firstDueDate: null,
    },
    validate: {
      depositAmount: (value) =>
        moneyInputError(value, { allowZero: true }) ?? depositAboveQuote(value, quote),
      installmentCount: (value) =>
        typeof value === 'number' &&
        Number.isInteger(value) &&
        value >= 1 &&
        value <= MAX_INSTALLMENTS
          ? null
          : `A whole number from 1 to ${MAX_INSTALLMENTS}`,
      firstDueDate: (value) =>
        value === null || value === ''
          ? 'Pick the first due date'
          : value < todayIso()
            ? 'Must not be in the past'
            : null,
    },
  });

  const termsOf = (values: Values) => ({
    depositAmount: normalizeMoney(values.depositAmount),
    installmentCount: Number(values.installmentCount),
    frequency: values.frequency,
    firstDueDate: values.firstDueDate ?? '',
  });
  const offering = useMutation({
    mutationFn: (values: Values) =>
      unwrap(
        api.POST('/api/v1/quotes/{id}/payment-plan-offers', {
          params: { path: { id: quoteId } },
          body: termsOf(values),
        }),
      ),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['quotes', quoteId, 'payment-plan-offers'] });
      notifySuccess('Payment plan offered to the patient.');
      form.reset();
      offer?.onOffered();
    },
    onError: (error) => setPlaced(applyFieldErrors(form, error)),
  });
  const creating = useMutation({
    mutationFn: (values: Values) =>
      unwrap(
        api.POST('/api/v1/quotes/{id}/payment-plan', {
          params: { path: { id: quoteId } },
          body: termsOf(values),
        }),
      ),
    onSuccess: (plan) => {
      queryClient.setQueryData(['payment-plans', plan.id], plan);
      void queryClient.invalidateQueries({ queryKey: ['payment-plans'] });
      void queryClient.invalidateQueries({ queryKey: ['quotes', quoteId] });
      notifySuccess(`Payment plan ${plan.paymentPlanNumber} created.`);
      if (onCreated !== undefined) onCreated(plan);
      else void navigate(`/billing/payment-plans/${plan.id}`);
    },
    onError: (error) => setPlaced(applyFieldErrors(form, error)),
  });
  const mutation = offer === undefined ? creating : offering;
  const takesTerms =
    quote === undefined ||
    quote.status === 'ACCEPTED' ||
    (offer !== undefined && quote.status === 'ISSUED');

  const preview =
    quote === undefined
      ? null
      : planPreview(quote.patientPortion, form.values.depositAmount, form.values.installmentCount);

  return (
    <form
      noValidate
      aria-label={offer === undefined ? 'Create payment plan' : 'Offer a payment plan'}
      onSubmit={form.onSubmit((values) => {
        setPlaced([]);
        mutation.mutate(values);
      })}
    >
      <Stack>
        {quote !== undefined && !takesTerms && (
          <Alert color="yellow" title="Quote not accepted">
            Quote {quote.quoteNumber} is {quote.status.toLowerCase()}:{' '}
            {offer === undefined
              ? 'only an accepted quote (its plan approved) can get a payment plan.'
              : 'only an issued or accepted quote can be offered a payment plan.'}
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
          <MoneyField
            label="Deposit amount"
            inputWrapperOrder={HINT_BELOW}
            description={
              quote === undefined
                ? 'Paid up front; the rest is financed'
                : `Patient portion: ${formatMoney(quote.patientPortion)}`
            }
            required
            {...form.getInputProps('depositAmount')}
          />
          <NumberInput
            label="Number of installments"
            min={1}
            max={MAX_INSTALLMENTS}
            allowDecimal={false}
            allowNegative={false}
            required
            {...form.getInputProps('installmentCount')}
          />
          <Select
            label="Frequency"
            data={FREQUENCY_OPTIONS}
            allowDeselect={false}
            required
            {...form.getInputProps('frequency')}
          />
          <DateInput
            label="First due date"
            placeholder="Pick a date"
            minDate={todayIso()}
            required
            {...form.getInputProps('firstDueDate')}
          />
        </SimpleGrid>
        {preview !== null && (
          <Text size="sm" aria-live="polite">
            {formatMoney(preview.financed)} financed: {preview.installments.length} installment
            {preview.installments.length === 1 ? '' : 's'} of {formatMoney(preview.installments[0])}
            {preview.installments.at(-1) !== preview.installments[0] &&
              ` (the last ${formatMoney(preview.installments.at(-1))})`}
            , {labelOf(FREQUENCY_OPTIONS, form.values.frequency).toLowerCase()}.
          </Text>
        )}
        <FormProblem error={mutation.error} placed={placed} />
        <Group>
          <Button type="submit" loading={mutation.isPending} disabled={!takesTerms}>
            {offer === undefined ? 'Create payment plan' : 'Offer this payment plan'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function depositAboveQuote(deposit: string, quote: Quote | undefined): string | null {
  if (quote === undefined) return null;
  return toCents(deposit) >= toCents(quote.patientPortion)
    ? `Must be less than the patient portion (${formatMoney(quote.patientPortion)}), so something is left to finance`
    : null;
}
