import {
  Button,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { api, ifMatch, unwrap } from '../../api/client';
import { useInventoryItems, useStock } from '../../api/queries';
import type { components } from '../../api/schema';
import { applyFieldErrors } from '../../components/forms';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDate } from '../../lib/format';
import { useCaseMutation } from './mutations';
import type { InventoryItem, Stock, SurgicalCase } from './queries';

/** Hints go under the inputs, so the inputs of a row line up. */
const BELOW: ('label' | 'input' | 'description' | 'error')[] = [
  'label',
  'input',
  'description',
  'error',
];

type UsageBody = components['schemas']['RecordUsageDto'];

interface UsageValues {
  inventoryItemId: string | null;
  batchId: string | null;
  serialNumber: string;
  quantity: number | string;
}

const FIELDS = ['inventoryItemId', 'batchId', 'serialNumber', 'quantity'];
const EMPTY: UsageValues = { inventoryItemId: null, batchId: null, serialNumber: '', quantity: 1 };

/** The request for what the form holds: an implant by serial number is always one unit. */
export function usageBody(values: UsageValues, item: InventoryItem): UsageBody {
  if (item.requiresSerialNumber) {
    return { inventoryItemId: item.id, serialNumber: values.serialNumber.trim(), quantity: 1 };
  }
  return {
    inventoryItemId: item.id,
    quantity: Number(values.quantity),
    ...(values.batchId !== null ? { batchId: values.batchId } : {}),
  };
}

/** The batches on the shelf, soonest expiry first, with what is free of each. */
function batchOptions(stock: Stock | undefined) {
  return [...(stock?.batches ?? [])]
    .filter((b) => b.onHand > 0)
    .sort((a, b) => (a.expiresAt ?? '9999').localeCompare(b.expiresAt ?? '9999'))
    .map((b) => ({
      value: b.batchId,
      label: `${b.batchNumber} · ${b.available} free of ${b.onHand}${
        b.expiresAt !== null ? ` · expires ${formatDate(b.expiresAt)}` : ''
      }`,
    }));
}

/** "Record usage" while the case is IN_PROGRESS: what the surgery actually used. */
export function RecordUsageForm({ kase }: { kase: SurgicalCase }) {
  const items = useInventoryItems();
  const form = useForm<UsageValues>({
    initialValues: EMPTY,
    validate: {
      inventoryItemId: (v) => (v === null ? 'Choose the item used' : null),
      serialNumber: (v, values) =>
        items.data?.find((i) => i.id === values.inventoryItemId)?.requiresSerialNumber === true &&
        v.trim() === ''
          ? 'Enter the serial number of the unit used'
          : null,
      quantity: (v) => {
        const n = Number(v);
        return v !== '' && Number.isInteger(n) && n >= 1 ? null : 'A whole number, 1 or more';
      },
    },
  });
  const item = items.data?.find((i) => i.id === form.values.inventoryItemId);
  const serialTracked = item?.requiresSerialNumber === true;
  const stock = useStock(item !== undefined && !serialTracked ? item.id : null);

  const record = useCaseMutation(
    (body: UsageBody) =>
      unwrap(
        api.POST('/api/v1/surgical-cases/{id}/inventory-usage', {
          params: { path: { id: kase.id } },
          headers: ifMatch(kase.version),
          body,
        }),
      ),
    (body) => `Recorded ${body.quantity} × ${item?.name ?? 'item'} for ${kase.caseNumber}`,
    [['inventory']],
  );

  const itemOptions = (items.data ?? [])
    .filter((i) => i.active)
    .map((i) => ({
      value: i.id,
      label: `${i.name} (${i.code})${i.requiresSerialNumber ? ' · by serial number' : ''}`,
    }));

  return (
    <form
      onSubmit={form.onSubmit((values) => {
        if (item === undefined) return;
        record.mutate(usageBody(values, item), {
          onSuccess: () => form.setValues(EMPTY),
          onError: (error) => applyFieldErrors(form, error),
        });
      })}
    >
      <Stack gap="sm" mt="lg">
        <Title order={3} size="h5">
          Record what was used
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2, xl: 4 }}>
          <Select
            label="Item"
            data={itemOptions}
            searchable
            nothingFoundMessage="No such item"
            disabled={items.isPending}
            {...form.getInputProps('inventoryItemId')}
            error={items.isError ? 'The catalog could not be loaded' : form.errors.inventoryItemId}
            onChange={(value: string | null) =>
              form.setValues({ ...EMPTY, inventoryItemId: value })
            }
          />
          {serialTracked ? (
            <TextInput
              label="Serial number"
              inputWrapperOrder={BELOW}
              description="Scan or type the unit's serial number"
              {...form.getInputProps('serialNumber')}
            />
          ) : (
            <Select
              label="Batch"
              inputWrapperOrder={BELOW}
              description="Empty: the case's reservation, then the first to expire"
              data={batchOptions(stock.data)}
              clearable
              clearButtonProps={{ 'aria-label': 'Clear batch' }}
              disabled={item === undefined || stock.isPending}
              {...form.getInputProps('batchId')}
              error={stock.isError ? 'The stock could not be loaded' : form.errors.batchId}
            />
          )}
          <NumberInput
            label="Quantity"
            min={1}
            allowDecimal={false}
            allowNegative={false}
            disabled={serialTracked}
            inputWrapperOrder={BELOW}
            description={serialTracked ? 'One unit per serial number' : undefined}
            {...form.getInputProps('quantity')}
          />
        </SimpleGrid>
        <ProblemAlert error={record.error} title="Usage not recorded" shownFields={FIELDS} />
        <Group justify="flex-end">
          <Button type="submit" loading={record.isPending}>
            Record usage
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
