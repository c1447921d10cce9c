import {
  Anchor,
  Badge,
  Card,
  DataList,
  Group,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { useInventoryItem, useStock } from '../../api/queries';
import { useAuth } from '../../auth/AuthProvider';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { formatMoney } from '../../lib/format';
import { AdjustBatchButton, BatchHistoryButton } from './BatchAdjustments';
import { ActiveToggle, EditItemButton } from './EditItem';
import { categoryLabel, type Item, type Stock } from './queries';
import { OpenRecallButton } from './RecallRecordsPage';
import { ReceiveStockForm } from './ReceiveStockForm';
import { ExpiryDate, YesNo, NOWRAP } from './shared';

function ItemDetails({ item }: { item: Item }) {
  const rows: [string, ReactNode][] = [
    ['Code', item.code],
    ['Category', categoryLabel(item.category)],
    ['Manufacturer', item.manufacturer ?? '—'],
    ['Size', item.size ?? '—'],
    ['Shape', item.shape ?? '—'],
    ['Unit price', formatMoney(item.unitPrice)],
    ['Billable', <YesNo key="b" value={item.isBillable} />],
    ['Serial-tracked', <YesNo key="s" value={item.requiresSerialNumber} />],
    ['HCPCS code', item.hcpcsCode ?? '—'],
    ['GTIN', item.gtin ?? '—'],
  ];
  return (
    <Card withBorder>
      <DataList labelWidth={130}>
        {rows.map(([label, value]) => (
          <DataList.Item key={label}>
            <DataList.ItemLabel>{label}</DataList.ItemLabel>
            <DataList.ItemValue>{value}</DataList.ItemValue>
          </DataList.Item>
        ))}
      </DataList>
    </Card>
  );
}

function Totals({ stock }: { stock: Stock }) {
  const totals: [string, number][] = [
    ['On hand', stock.onHand],
    ['Reserved', stock.reserved],
    ['Available', stock.available],
  ];
  return (
    <SimpleGrid cols={3} mb="md">
      {totals.map(([label, value]) => (
        <Card withBorder key={label} padding="sm">
          <Text size="sm" c="dimmed">
            {label}
          </Text>
          <Text fw={700} size="xl">
            {value}
          </Text>
        </Card>
      ))}
    </SimpleGrid>
  );
}

/**
 * Stock per lot, soonest expiry first (as the API sorts it); each lot opens its adjustment history
 * (and, for NURSE and ADMIN, records an adjustment) and its recall list.
 */
function BatchTable({ item, stock }: { item: Item; stock: Stock }) {
  const { can } = useAuth();
  const trace = can('inventory.trace');
  const write = can('inventory.write');
  const recall = can('inventory.recallOpen');
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Batch</Table.Th>
            <Table.Th>Expires</Table.Th>
            <Table.Th ta="right">On hand</Table.Th>
            <Table.Th ta="right">Reserved</Table.Th>
            <Table.Th ta="right">Available</Table.Th>
            <Table.Th>Adjustments</Table.Th>
            {(trace || recall) && <Table.Th>Recall</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {stock.batches.map((b) => (
            <Table.Tr key={b.batchId}>
              <Table.Td style={NOWRAP}>{b.batchNumber}</Table.Td>
              <Table.Td>
                <ExpiryDate expiresAt={b.expiresAt} />
              </Table.Td>
              <Table.Td ta="right">{b.onHand}</Table.Td>
              <Table.Td ta="right">{b.reserved}</Table.Td>
              <Table.Td ta="right">{b.available}</Table.Td>
              <Table.Td>
                <Group gap="xs" wrap="nowrap">
                  {write && <AdjustBatchButton item={item} batch={b} />}
                  <BatchHistoryButton batch={b} />
                </Group>
              </Table.Td>
              {(trace || recall) && (
                <Table.Td>
                  {/* Two lines on a narrow screen rather than a table wider than the window. */}
                  <Group gap={6} wrap="wrap">
                    {trace && (
                      <Anchor
                        fz="inherit"
                        component={Link}
                        to={`/inventory/recalls?batchId=${encodeURIComponent(b.batchId)}`}
                        aria-label={`Recall list of batch ${b.batchNumber}`}
                        style={NOWRAP}
                      >
                        Recall list
                      </Anchor>
                    )}
                    {recall && <OpenRecallButton batch={b} />}
                  </Group>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function StockSection({ item }: { item: Item }) {
  const query = useStock(item.id);
  return (
    <Stack gap="xs">
      <Title order={2} size="h3">
        Stock per batch
      </Title>
      <QueryState query={query}>
        {(stock) => (
          <>
            <Totals stock={stock} />
            {stock.batches.length === 0 ? (
              <Text c="dimmed">No stock has been received for this item.</Text>
            ) : (
              <BatchTable item={item} stock={stock} />
            )}
          </>
        )}
      </QueryState>
    </Stack>
  );
}

/**
 * One catalog item: its details, its stock per lot with each lot's adjustments, and, for NURSE
 * and ADMIN, editing, deactivating and receiving. Other roles see the same page read-only.
 */
export function ItemPage() {
  const { id = '' } = useParams();
  const { can } = useAuth();
  const query = useInventoryItem(id);
  return (
    <QueryState query={query}>
      {(item) => (
        <>
          <PageHeader
            title={
              <Group gap="sm" component="span">
                {item.name}
                {!item.active && (
                  <Badge color="gray.7" variant="outline">
                    Deactivated
                  </Badge>
                )}
              </Group>
            }
          >
            <Group gap="sm" wrap="wrap">
              <Anchor fz="inherit" component={Link} to="/inventory">
                Back to the catalog
              </Anchor>
              {can('inventory.write') && (
                <>
                  <EditItemButton item={item} />
                  <ActiveToggle item={item} />
                </>
              )}
            </Group>
          </PageHeader>
          <Stack gap="xl">
            <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
              <ItemDetails item={item} />
              {can('inventory.write') && item.active && <ReceiveStockForm item={item} />}
            </SimpleGrid>
            <StockSection item={item} />
          </Stack>
        </>
      )}
    </QueryState>
  );
}
