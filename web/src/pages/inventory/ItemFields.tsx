import { Checkbox, Group, Select, SimpleGrid, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { MoneyField } from '../../components/MoneyField';
import type { ItemFormValues } from './itemForm';
import { CATEGORIES } from './queries';

/**
 * The inputs of a catalog item, shared by the new-item and the edit forms. The code is the
 * item's key: typed once, when the item is made, and shown read-only after.
 */
export function ItemFields({
  form,
  withCode,
}: {
  form: UseFormReturnType<ItemFormValues>;
  withCode: boolean;
}) {
  return (
    <>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        {withCode && (
          <TextInput label="Item code" required {...form.getInputProps('code')} data-autofocus />
        )}
        <TextInput
          label="Name"
          required
          {...form.getInputProps('name')}
          data-autofocus={withCode ? undefined : true}
        />
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
          description="14 digits from the UDI label, the last one its check digit: needed to receive by scanning"
          inputMode="numeric"
          {...form.getInputProps('gtin')}
        />
      </SimpleGrid>
      <Group wrap="wrap">
        <Checkbox label="Billable" {...form.getInputProps('isBillable', { type: 'checkbox' })} />
        <Checkbox
          label="Requires serial number"
          {...form.getInputProps('requiresSerialNumber', { type: 'checkbox' })}
        />
        {form.getValues().category === 'IMPLANT' && (
          <Checkbox
            label="Breast implant (its plans need the FDA checklist)"
            {...form.getInputProps('breastImplant', { type: 'checkbox' })}
          />
        )}
      </Group>
    </>
  );
}
