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
import type { InventoryItem, Plan } from './types';

interface RequirementValues {
  inventoryItemId: string | null;
  quantity: number | string;
  requiresSerialNumber: boolean;
  sizeRequirement: string;
  shapeRequirement: string;
  isRequired: boolean;
}

const INITIAL: RequirementValues = {
  inventoryItemId: null,
  quantity: 1,
  requiresSerialNumber: false,
  sizeRequirement: '',
  shapeRequirement: '',
  isRequired: true,
};

/** "Add implant or supply": a catalog item and how many the surgery needs. */
export function AddRequirementForm({ plan }: { plan: Plan }) {
  const invalidate = useInvalidate();
  const [shownFields, setShownFields] = useState<string[]>([]);
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
            requiresSerialNumber: v.requiresSerialNumber,
            sizeRequirement: v.sizeRequirement.trim() || null,
            shapeRequirement: v.shapeRequirement.trim() || null,
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

  return (
    <form onSubmit={form.onSubmit((v) => add.mutate(v))} aria-labelledby="add-requirement-title">
      <Stack gap="xs">
        <Title order={3} size="h5" id="add-requirement-title">
          Add implant or supply
        </Title>
        {plan.status === 'QUOTED' && (
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
            onChange={(id: string | null) => {
              const item = byId.get(id ?? '');
              form.setValues({
                inventoryItemId: id,
                requiresSerialNumber: item?.requiresSerialNumber ?? false,
                sizeRequirement: item?.size ?? '',
                shapeRequirement: item?.shape ?? '',
              });
            }}
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
          <TextInput
            label="Size"
            placeholder="300cc"
            w={120}
            {...form.getInputProps('sizeRequirement')}
          />
          <TextInput
            label="Shape"
            placeholder="Round"
            w={140}
            {...form.getInputProps('shapeRequirement')}
          />
        </Group>
        <Group wrap="wrap">
          {/* Serial tracking is the item's: a serial-tracked item always needs serials, others cannot. */}
          <Checkbox
            label="Requires serial number"
            disabled
            description={chosen === undefined ? undefined : 'Set by the item'}
            {...form.getInputProps('requiresSerialNumber', { type: 'checkbox' })}
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
    </form>
  );
}
