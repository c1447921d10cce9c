import { Button, Card, Group, SimpleGrid, Stack, Title, type SimpleGridProps } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { applyFieldErrors, notifySuccess } from '../../components/forms';
import { MoneyField } from '../../components/MoneyField';
import { formatMoney } from '../../lib/format';
import { normalizeMoney } from '../../lib/money';
import { FormProblem } from './FormProblem';
import { HINT_BELOW } from './labels';
import { PaymentMethodSelect, PaymentReferenceField, type PaymentValues } from './paymentFields';

/**
 * The "Record a payment" card of a bill or a payment plan: amount, any fields of its own, method
 * and reference in a row, the error of the last attempt (less what sits next to a field), and the
 * button. The saved record replaces the one on screen (`recordKey`, e.g. ['bills', id]) and its
 * resource's lists are refreshed. The caller remounts it (key = the record's version) after each
 * payment, so the form starts again from the new balances.
 */
export function RecordPaymentForm<V extends PaymentValues, Saved>({
  id,
  cols,
  form,
  save,
  recordKey,
  numberOf,
  amountHint,
  referenceHint,
  children,
}: {
  /** The heading's id, which names the section. */
  id: string;
  cols: SimpleGridProps['cols'];
  form: UseFormReturnType<V>;
  /** Sends the payment (with If-Match: the version on screen) and answers the updated record. */
  save: (values: V) => Promise<Saved>;
  recordKey: readonly [string, string];
  /** The record's number, for the notification: "recorded on BILL-2026-001". */
  numberOf: (saved: Saved) => string;
  amountHint: string;
  referenceHint: string;
  /** Fields between the amount and the method (a bill's payer). */
  children?: ReactNode;
}) {
  const queryClient = useQueryClient();
  const [placed, setPlaced] = useState<string[]>([]);
  const mutation = useMutation({
    mutationFn: save,
    onSuccess: (updated, values) => {
      queryClient.setQueryData(recordKey, updated);
      void queryClient.invalidateQueries({ queryKey: [recordKey[0]] });
      notifySuccess(
        `Payment of ${formatMoney(normalizeMoney(values.amount))} recorded on ${numberOf(updated)}.`,
      );
    },
    onError: (error) => setPlaced(applyFieldErrors(form, error)),
  });

  return (
    <Card withBorder component="section" aria-labelledby={id}>
      <Title order={2} size="h4" mb="sm" id={id}>
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
          <SimpleGrid cols={cols}>
            <MoneyField
              label="Amount"
              inputWrapperOrder={HINT_BELOW}
              description={amountHint}
              required
              {...form.getInputProps('amount')}
            />
            {children}
            <PaymentMethodSelect {...form.getInputProps('method')} />
            <PaymentReferenceField
              description={referenceHint}
              {...form.getInputProps('reference')}
            />
          </SimpleGrid>
          <FormProblem
            error={mutation.error}
            placed={placed}
            onReload={() => void queryClient.invalidateQueries({ queryKey: recordKey })}
          />
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
