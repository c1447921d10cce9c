import {
  Button,
  Checkbox,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { notifySuccess } from '../../components/forms';
import { MoneyField } from '../../components/MoneyField';
import { ProblemAlert } from '../../components/ProblemAlert';
import { parseMoneyInput } from '../../lib/money';
import { placeFieldErrors } from './formErrors';
import { CATEGORIES, inventoryKeys, type Category } from './queries';

type NewItem = components['schemas']['CreateInventoryItemDto'];

interface Values {
  code: string;
  name: string;
  category: Category | null;
  manufacturer: string;
  size: string;
  shape: string;
  unitPrice: string;
  isBillable: boolean;
  requiresSerialNumber: boolean;
  hcpcsCode: string;
  gtin: string;
}

const EMPTY: Values = {
  code: '',
  name: '',
  category: null,
  manufacturer: '',
  size: '',
  shape: '',
  unitPrice: '',
  isBillable: true,
  requiresSerialNumber: false,
  hcpcsCode: '',
  gtin: '',
};

/** An optional text: left out of the request when blank. */
function optional(value: string): string | undefined {
  const text = value.trim();
  return text === '' ? undefined : text;
}

function toBody(v: Values): NewItem {
  return {
    code: v.code.trim(),
    name: v.name.trim(),
    category: v.category ?? 'OTHER',
    manufacturer: optional(v.manufacturer),
    size: optional(v.size),
    shape: optional(v.shape),
    unitPrice: parseMoneyInput(v.unitPrice) ?? v.unitPrice,
    isBillable: v.isBillable,
    requiresSerialNumber: v.requiresSerialNumber,
    hcpcsCode: optional(v.hcpcsCode)?.toUpperCase(),
    gtin: optional(v.gtin),
  };
}

/** The form of a new catalog item (NURSE, ADMIN); opens the item's page once it exists. */
export function NewItemModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [shown, setShown] = useState<string[]>([]);
  const form = useForm<Values>({
    initialValues: EMPTY,
    validate: {
      code: (v) =>
        /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(v.trim())
          ? null
          : 'Letters, digits, dots, dashes and underscores, e.g. breast-implant-300cc-round',
      name: (v) => (v.trim() === '' ? 'Enter the name' : null),
      category: (v) => (v === null ? 'Choose a category' : null),
      unitPrice: (v) => (parseMoneyInput(v) === null ? 'Enter an amount, e.g. 400.00' : null),
      hcpcsCode: (v) =>
        v.trim() === '' || /^[A-Va-v]\d{4}$/.test(v.trim()) ? null : 'A HCPCS code, e.g. L8600',
      gtin: (v) => (v.trim() === '' || /^\d{14}$/.test(v.trim()) ? null : 'A 14-digit GTIN'),
    },
  });
  const create = useMutation({
    mutationFn: (values: Values) =>
      unwrap(api.POST('/api/v1/inventory/items', { body: toBody(values) })),
    onSuccess: async (item) => {
      await queryClient.invalidateQueries({ queryKey: inventoryKeys.items });
      notifySuccess(`${item.code} added to the catalog`);
      form.reset();
      onClose();
      void navigate(`/inventory/items/${item.id}`);
    },
    onError: (error) => setShown(placeFieldErrors(form, error)),
  });
  const close = () => {
    create.reset();
    onClose();
  };

  return (
    <Modal opened={opened} onClose={close} title="New item" size="lg">
      <form onSubmit={form.onSubmit((values) => create.mutate(values))} noValidate>
        <Stack>
          <ProblemAlert error={create.error} title="Could not add the item" shownFields={shown} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label="Item code" required {...form.getInputProps('code')} data-autofocus />
            <TextInput label="Name" required {...form.getInputProps('name')} />
            <Select
              label="Category"
              required
              data={CATEGORIES.map((c) => ({ value: c.value, label: c.label }))}
              {...form.getInputProps('category')}
            />
            <TextInput label="Manufacturer" {...form.getInputProps('manufacturer')} />
            <TextInput label="Size" placeholder="e.g. 300cc" {...form.getInputProps('size')} />
            <TextInput label="Shape" placeholder="e.g. Round" {...form.getInputProps('shape')} />
            <MoneyField
              label="Unit price"
              required
              placeholder="0.00"
              {...form.getInputProps('unitPrice')}
            />
            <TextInput
              label="HCPCS code"
              placeholder="e.g. L8600"
              {...form.getInputProps('hcpcsCode')}
            />
            <TextInput
              label="GTIN"
              description="14 digits, from the UDI label: needed to receive by scanning"
              inputMode="numeric"
              {...form.getInputProps('gtin')}
            />
          </SimpleGrid>
          <Group wrap="wrap">
            <Checkbox
              label="Billable"
              {...form.getInputProps('isBillable', { type: 'checkbox' })}
            />
            <Checkbox
              label="Requires serial number"
              {...form.getInputProps('requiresSerialNumber', { type: 'checkbox' })}
            />
          </Group>
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Create item
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
