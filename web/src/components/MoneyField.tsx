import { TextInput, type TextInputProps } from '@mantine/core';

/**
 * An amount of money typed as text ("400", "400.00"): a "$" before it, the decimal keypad on a
 * tablet, no autofill. Text, not a number input, so the amount never goes through a float; the
 * form checks it with `lib/money.ts`.
 */
export function MoneyField(props: TextInputProps) {
  return <TextInput leftSection="$" inputMode="decimal" autoComplete="off" {...props} />;
}
