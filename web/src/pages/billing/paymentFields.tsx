import {
  Button,
  Card,
  Group,
  Select,
  SimpleGrid,
  Stack,
  TextInput,
  Title,
  type SelectProps,
  type SimpleGridProps,
  type TextInputProps,
} from '@mantine/core';
import type { FormEventHandler, ReactNode } from 'react';
import { FormProblem } from './FormProblem';
import { HINT_BELOW, METHOD_OPTIONS } from './labels';

/** The payment's method (card, cash, check…), as a bill payment and a plan payment take it. */
export function PaymentMethodSelect(props: Omit<SelectProps, 'label' | 'data'>) {
  return <Select label="Method" data={METHOD_OPTIONS} allowDeselect={false} required {...props} />;
}

/** The payment's optional reference (cheque number, card slip…), with what it may be as a hint. */
export function PaymentReferenceField(props: Omit<TextInputProps, 'label'>) {
  return <TextInput label="Reference" inputWrapperOrder={HINT_BELOW} {...props} />;
}

const REFERENCE_MAX = 200;

/** The API takes a reference of at most 200 characters. */
export function referenceError(value: string): string | null {
  return value.trim().length > REFERENCE_MAX ? `At most ${REFERENCE_MAX} characters` : null;
}

/** A reference as the API takes it: trimmed, and left out when empty. */
export function referenceOf(value: string): string | undefined {
  const text = value.trim();
  return text === '' ? undefined : text;
}

/**
 * The "Record a payment" card of a bill or a payment plan: its fields in a row, the error of the
 * last attempt (less what sits next to a field), and the button.
 */
export function RecordPaymentCard({
  id,
  cols,
  onSubmit,
  error,
  placed,
  pending,
  onReload,
  children,
}: {
  /** The heading's id, which names the section. */
  id: string;
  cols: SimpleGridProps['cols'];
  onSubmit: FormEventHandler<HTMLFormElement>;
  error: unknown;
  placed: readonly string[];
  pending: boolean;
  /** After a 412: read the bill or payment plan again (its Reload button). */
  onReload: () => void;
  children: ReactNode;
}) {
  return (
    <Card withBorder component="section" aria-labelledby={id}>
      <Title order={2} size="h4" mb="sm" id={id}>
        Record a payment
      </Title>
      <form noValidate onSubmit={onSubmit}>
        <Stack>
          <SimpleGrid cols={cols}>{children}</SimpleGrid>
          <FormProblem error={error} placed={placed} onReload={onReload} />
          <Group>
            <Button type="submit" loading={pending}>
              Record payment
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
