import { Anchor, Badge, Button, Checkbox, Group, Select, Table, TextInput } from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { Link } from 'react-router';
import { useAuth } from '../../auth/AuthProvider';
import { PageHeader } from '../../components/PageHeader';
import { PagedRows } from '../../components/PagedRows';
import { formatMoney } from '../../lib/format';
import { NewItemModal } from './NewItemModal';
import { CATEGORIES, categoryLabel, useItemList, type Category, type Item } from './queries';
import { YesNo } from './shared';

function ItemsTable({ items }: { items: readonly Item[] }) {
  return (
    <Table.ScrollContainer minWidth={860}>
      <Table striped highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Code</Table.Th>
            <Table.Th>Name</Table.Th>
            <Table.Th>Category</Table.Th>
            <Table.Th>Size</Table.Th>
            <Table.Th>Shape</Table.Th>
            <Table.Th ta="right">Unit price</Table.Th>
            <Table.Th>Serial-tracked</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item) => (
            <Table.Tr key={item.id}>
              <Table.Td>
                <Anchor fz="inherit" component={Link} to={`/inventory/items/${item.id}`}>
                  {item.code}
                </Anchor>
                {!item.active && (
                  <Badge color="gray.7" variant="outline" ml="xs">
                    Deactivated
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>{item.name}</Table.Td>
              <Table.Td>{categoryLabel(item.category)}</Table.Td>
              <Table.Td>{item.size ?? '—'}</Table.Td>
              <Table.Td>{item.shape ?? '—'}</Table.Td>
              <Table.Td ta="right">{formatMoney(item.unitPrice)}</Table.Td>
              <Table.Td>
                <YesNo value={item.requiresSerialNumber} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The catalog: every role reads it; nurses (and admins) add items. */
export function CatalogPage() {
  const { can } = useAuth();
  const [search, setSearch] = useState('');
  const [category, setCategory] = useState<Category | null>(null);
  const [withInactive, setWithInactive] = useState(false);
  const [debouncedSearch] = useDebouncedValue(search.trim(), 300);
  const [creating, { open, close }] = useDisclosure(false);
  const query = useItemList({
    search: debouncedSearch === '' ? undefined : debouncedSearch,
    category: category ?? undefined,
    active: withInactive ? undefined : 'true',
  });

  return (
    <>
      <PageHeader title="Inventory catalog">
        {can('inventory.write') && <Button onClick={open}>New item</Button>}
      </PageHeader>
      <Group mb="md" align="flex-end" wrap="wrap">
        <TextInput
          label="Search"
          placeholder="Code or name"
          type="search"
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          w={260}
        />
        <Select
          label="Category"
          placeholder="All categories"
          data={CATEGORIES.map((c) => ({ value: c.value, label: c.label }))}
          value={category}
          onChange={setCategory}
          clearable
          w={200}
        />
        <Checkbox
          label="Include deactivated items"
          checked={withInactive}
          onChange={(e) => setWithInactive(e.currentTarget.checked)}
          mb={8}
        />
      </Group>
      <PagedRows
        query={query}
        empty={
          debouncedSearch === '' && category === null
            ? 'The catalog is empty.'
            : 'No item matches this search.'
        }
      >
        {(items) => <ItemsTable items={items} />}
      </PagedRows>
      {can('inventory.write') && <NewItemModal opened={creating} onClose={close} />}
    </>
  );
}
