import {
  Button,
  Checkbox,
  Group,
  NumberInput,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ifMatch, unwrap } from '../../api/client';
import { useInventoryItems, useInvalidate } from '../../api/queries';
import { applyFieldErrors, notifySuccess } from '../../components/forms';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QuoteWithdrawConfirm } from './QuoteWithdrawConfirm';
import type { InventoryItem, Plan } from './types';

interface RequirementValues {
  inventoryItemId: string | null;
  quantity: number | string;
  isRequired: boolean;
}

const INITIAL: RequirementValues = { inventoryItemId: null, quantity: 1, isRequired: true };

/**
 * What a requirement takes from its catalog item: serial tracking, size and shape. They are the
 * item's, never typed (docs/procedure-plans.md): a 300cc round implant is required as 300cc round.
 */
export function derivedFromItem(item: InventoryItem | undefined) {
  return {
    requiresSerialNumber: item?.requiresSerialNumber ?? false,
    sizeRequirement: item?.size ?? null,
    shapeRequirement: item?.shape ?? null,
  };
}

/** "Add implant or supply": a catalog item and how many the surgery needs. */
export function AddRequirementForm({ plan }: { plan: Plan }) {
  const invalidate = useInvalidate();
  const [shownFields, setShownFields] = useState<string[]>([]);
  // On a quoted plan, the values waiting for "Withdraw the quote and add".
  const [pending, setPending] = useState<RequirementValues | null>(null);
  const items = useInventoryItems();
  const active = (items.data ?? []).filter((i) => i.active);
  const byId = new Map<string, InventoryItem>(active.map((i) => [i.id, i]));
  const form = useForm<RequirementValues>({
    initialValues: INITIAL,
    validate: {
      inventoryItemId: (v) => (v === null ? 'Choose an item' : null),
      quantity: (v) =>
        Number.isInteger(Number(v)) && Number(v) >= 1 ? null : 'A whole number, at least 1',
    },
  });
  const add = useMutation({
    mutationFn: (v: RequirementValues) =>
      unwrap(
        api.POST('/api/v1/procedure-plans/{id}/inventory', {
          params: { path: { id: plan.id } },
          headers: ifMatch(plan.version),
          body: {
            inventoryItemId: v.inventoryItemId ?? undefined,
            quantity: Number(v.quantity),
            ...derivedFromItem(byId.get(v.inventoryItemId ?? '')),
            isRequired: v.isRequired,
          },
        }),
      ),
    onMutate: () => setShownFields([]),
    // The answer is the new requirement; the plan it joined (and its quote) are read again.
    onSuccess: async (requirement) => {
      await invalidate(['procedure-plans'], ['quotes']);
      notifySuccess(`Added ${requirement.inventoryItemName}`);
      form.reset();
    },
    onError: (error) => setShownFields(applyFieldErrors(form, error)),
  });
  const chosen = byId.get(form.getValues().inventoryItemId ?? '');
  const derived = derivedFromItem(chosen);
  const quoted = plan.status === 'QUOTED';

  return (
    <form
      onSubmit={form.onSubmit((v) => (quoted ? setPending(v) : add.mutate(v)))}
      aria-labelledby="add-requirement-title"
    >
      <Stack gap="xs">
        <Title order={3} size="h5" id="add-requirement-title">
          Add implant or supply
        </Title>
        {quoted && (
          <Text size="sm" c="dimmed">
            Adding to a quoted plan withdraws its quote and returns it to Draft.
          </Text>
        )}
        <Group align="flex-start" wrap="wrap">
          <Select
            label="Item"
            withAsterisk
            searchable
            w={320}
            placeholder={items.isPending ? 'Loading the catalog…' : 'Search the catalog'}
            data={active.map((i) => ({
              value: i.id,
              label: `${i.name} (${i.code})`,
            }))}
            nothingFoundMessage="No active item matches"
            {...form.getInputProps('inventoryItemId')}
            error={
              form.errors.inventoryItemId ??
              (items.isError ? 'Could not load the inventory items' : undefined)
            }
            onChange={(id: string | null) => form.setFieldValue('inventoryItemId', id)}
          />
          <NumberInput
            label="Quantity"
            withAsterisk
            min={1}
            max={1000}
            allowDecimal={false}
            w={110}
            {...form.getInputProps('quantity')}
          />
          {/* Read-only: the item's own size and shape (edit the item to change them). */}
          <TextInput
            label="Size"
            readOnly
            variant="filled"
            w={120}
            value={chosen === undefined ? '' : (derived.sizeRequirement ?? '—')}
            placeholder="From the item"
            description="From the item"
          />
          <TextInput
            label="Shape"
            readOnly
            variant="filled"
            w={140}
            value={chosen === undefined ? '' : (derived.shapeRequirement ?? '—')}
            placeholder="From the item"
            description="From the item"
          />
        </Group>
        <Group wrap="wrap">
          {/* Serial tracking is the item's: a serial-tracked item always needs serials, others cannot. */}
          <Checkbox
            label="Requires serial number"
            disabled
            description={chosen === undefined ? undefined : 'Set by the item'}
            checked={derived.requiresSerialNumber}
            onChange={() => undefined}
          />
          <Checkbox
            label="Required for surgery"
            {...form.getInputProps('isRequired', { type: 'checkbox' })}
          />
        </Group>
        <ProblemAlert
          error={add.error}
          title="Not added"
          shownFields={shownFields}
          onReload={() => {
            add.reset();
            void invalidate(['procedure-plans', plan.id]);
          }}
        />
        <Group>
          <Button type="submit" variant="light" loading={add.isPending}>
            Add requirement
          </Button>
        </Group>
      </Stack>
      <QuoteWithdrawConfirm
        opened={pending !== null}
        change={`Adding ${byId.get(pending?.inventoryItemId ?? '')?.name ?? 'an item'}`}
        confirmLabel="Withdraw the quote and add"
        onConfirm={() => pending !== null && add.mutate(pending)}
        onClose={() => setPending(null)}
      />
    </form>
  );
}
