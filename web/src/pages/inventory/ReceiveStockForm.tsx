import {
  Button,
  Card,
  Group,
  NumberInput,
  Stack,
  TagsInput,
  TextInput,
  Title,
} from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ifMatch, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { notifySuccess } from '../../components/forms';
import { ProblemAlert } from '../../components/ProblemAlert';
import { placeFieldErrors, topField } from './formErrors';
import { units } from './lib';
import { inventoryKeys, type Item } from './queries';

type Receipt = components['schemas']['ReceiveBatchDto'];

interface Values {
  batchNumber: string;
  expiresAt: string | null;
  quantity: number | string;
  serialNumbers: string[];
}

const EMPTY: Values = { batchNumber: '', expiresAt: null, quantity: '', serialNumbers: [] };
const PRINTABLE = /^[\x21-\x7e]{1,40}$/;

function toBody(v: Values, serialTracked: boolean): Receipt {
  const base = { batchNumber: v.batchNumber.trim(), expiresAt: v.expiresAt ?? undefined };
  return serialTracked
    ? { ...base, serialNumbers: v.serialNumbers }
    : { ...base, quantity: Number(v.quantity) };
}

/**
 * Receiving one lot of an item: a bulk item by quantity, a serial-tracked one by its serial
 * numbers (one unit each). A second receipt of a lot adds to its batch.
 */
export function ReceiveStockForm({ item }: { item: Item }) {
  const serialTracked = item.requiresSerialNumber;
  const queryClient = useQueryClient();
  const [shown, setShown] = useState<string[]>([]);
  const form = useForm<Values>({
    initialValues: EMPTY,
    validate: {
      batchNumber: (v) =>
        PRINTABLE.test(v.trim()) ? null : 'Enter the batch (lot) number, without spaces',
      quantity: (v) =>
        serialTracked || (Number.isInteger(Number(v)) && Number(v) >= 1 && v !== '')
          ? null
          : 'Enter how many units arrived',
      serialNumbers: (v) => {
        if (!serialTracked) return null;
        if (v.length === 0) return 'Add the serial number of each unit';
        const bad = v.find((s) => !PRINTABLE.test(s));
        return bad === undefined ? null : `${bad}: at most 40 printable characters, no spaces`;
      },
    },
  });
  const receive = useMutation({
    mutationFn: (values: Values) =>
      unwrap(
        api.POST('/api/v1/inventory/items/{id}/batches', {
          params: { path: { id: item.id } },
          headers: ifMatch(item.version),
          body: toBody(values, serialTracked),
        }),
      ),
    onSuccess: async (batch, values) => {
      await queryClient.invalidateQueries({ queryKey: inventoryKeys.all });
      const count = serialTracked ? values.serialNumbers.length : Number(values.quantity);
      notifySuccess(`Received ${units(count)} into batch ${batch.batchNumber}`);
      form.reset();
      setShown([]);
    },
    onError: (error) => setShown(placeFieldErrors(form, error, topField)),
  });

  return (
    <Card withBorder>
      <form onSubmit={form.onSubmit((values) => receive.mutate(values))} noValidate>
        <Stack>
          <Title order={2} size="h3">
            Receive stock
          </Title>
          <ProblemAlert
            error={receive.error}
            title="Could not receive"
            shownFields={shown}
            onReload={() => {
              receive.reset();
              void queryClient.invalidateQueries({ queryKey: inventoryKeys.all });
            }}
          />
          <Group grow align="flex-start" wrap="wrap">
            <TextInput
              label="Batch number"
              required
              miw={160}
              {...form.getInputProps('batchNumber')}
            />
            <DateInput
              label="Expiry date"
              placeholder="YYYY-MM-DD"
              valueFormat="YYYY-MM-DD"
              clearable
              miw={160}
              {...form.getInputProps('expiresAt')}
            />
          </Group>
          {serialTracked ? (
            <TagsInput
              label="Serial numbers"
              description={`Type or scan each serial number and press Enter (${units(form.getValues().serialNumbers.length)})`}
              required
              splitChars={[',', ' ']}
              maxTags={500}
              clearable
              onDuplicate={(serial) =>
                form.setFieldError('serialNumbers', `${serial} is already in the list`)
              }
              {...form.getInputProps('serialNumbers')}
            />
          ) : (
            <NumberInput
              label="Quantity"
              required
              min={1}
              max={100_000}
              allowDecimal={false}
              allowNegative={false}
              {...form.getInputProps('quantity')}
            />
          )}
          <Group justify="flex-end">
            <Button type="submit" loading={receive.isPending}>
              Receive stock
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
