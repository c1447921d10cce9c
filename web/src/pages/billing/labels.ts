import type { BillStatus, Frequency, Payer, PaymentMethod } from './types';

/** Select options: the API's words as values, plain English as labels. */
export const BILL_STATUS_OPTIONS: { value: BillStatus; label: string }[] = [
  { value: 'OPEN', label: 'Open' },
  { value: 'PAID', label: 'Paid' },
  { value: 'VOID', label: 'Void' },
];

export const PAYER_OPTIONS: { value: Payer; label: string }[] = [
  { value: 'INSURANCE', label: 'Insurance' },
  { value: 'PATIENT', label: 'Patient' },
];

export const METHOD_OPTIONS: { value: PaymentMethod; label: string }[] = [
  { value: 'CARD', label: 'Card' },
  { value: 'CASH', label: 'Cash' },
  { value: 'CHECK', label: 'Check' },
  { value: 'BANK_TRANSFER', label: 'Bank transfer' },
  { value: 'OTHER', label: 'Other' },
];

export const FREQUENCY_OPTIONS: { value: Frequency; label: string }[] = [
  { value: 'MONTHLY', label: 'Monthly' },
  { value: 'BIWEEKLY', label: 'Every two weeks' },
  { value: 'WEEKLY', label: 'Weekly' },
];

/** The label of an option's value, or the value itself when it is not one of the options. */
export function labelOf(
  options: readonly { value: string; label: string }[],
  value: string,
): string {
  return options.find((o) => o.value === value)?.label ?? value;
}

export function isBillStatus(value: string | null): value is BillStatus {
  return BILL_STATUS_OPTIONS.some((o) => o.value === value);
}

/** Label, input, then hint and error: the inputs of one row line up whatever their hints. */
export const HINT_BELOW: ('label' | 'input' | 'description' | 'error')[] = [
  'label',
  'input',
  'description',
  'error',
];
