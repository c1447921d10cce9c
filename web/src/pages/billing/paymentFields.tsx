import { Select, TextInput, type SelectProps, type TextInputProps } from '@mantine/core';
import { moneyInputError, normalizeMoney } from '../../lib/money';
import { HINT_BELOW, METHOD_OPTIONS } from './labels';
import type { PaymentMethod } from './types';

/** What every payment form takes (on a bill, a payment plan, a deposit on a plan). */
export interface PaymentValues {
  amount: string;
  method: PaymentMethod;
  reference: string;
}

/** The payment's method (card, cash, check…), as a bill payment and a plan payment take it. */
export function PaymentMethodSelect(props: Omit<SelectProps, 'label' | 'data'>) {
  return <Select label="Method" data={METHOD_OPTIONS} allowDeselect={false} required {...props} />;
}

/** The payment's optional reference (cheque number, card slip…), with what it may be as a hint. */
export function PaymentReferenceField(props: Omit<TextInputProps, 'label'>) {
  return <TextInput label="Reference" inputWrapperOrder={HINT_BELOW} {...props} />;
}

const REFERENCE_MAX = 200;

/** The checks of a payment's fields before any request; the API takes a reference of 200 at most. */
export const paymentChecks = {
  amount: (value: string) => moneyInputError(value),
  reference: (value: string) =>
    value.trim().length > REFERENCE_MAX ? `At most ${REFERENCE_MAX} characters` : null,
};

/** A payment as the API takes it: the amount normalized, the reference trimmed and left out when empty. */
export function paymentBody(values: PaymentValues): {
  amount: string;
  method: PaymentMethod;
  reference?: string;
} {
  const reference = values.reference.trim();
  return {
    amount: normalizeMoney(values.amount),
    method: values.method,
    reference: reference === '' ? undefined : reference,
  };
}
